"""What the citizen reads during a handoff, in zh and en."""

from __future__ import annotations

from knowledge.schema import Lang

TEXT: dict[str, dict[Lang, str]] = {
    "queued": {
        "zh": "已为您转接人工服务。您前面还有 {ahead} 位，预计等待约 {minutes} 分钟。"
        "等待期间可以继续留言，工作人员接入后都能看到；发送“取消”可退出排队。急事请致电 {phone}。",
        "en": "You're in the queue for a member of staff: {ahead} ahead of you, about {minutes} min. "
        "Keep writing meanwhile, staff will see it; send “cancel” to leave the queue. Urgent? Call {phone}.",
    },
    "still_queued": {
        "zh": "您已在人工服务队列中，前面还有 {ahead} 位，预计等待约 {minutes} 分钟。",
        "en": "You're already in the queue for staff: {ahead} ahead of you, about {minutes} min.",
    },
    "position": {
        "zh": "排队中：前面还有 {ahead} 位，预计约 {minutes} 分钟",
        "en": "In the queue: {ahead} ahead of you, about {minutes} min",
    },
    "claimed": {"zh": "工作人员{name}已接入，请讲。", "en": "{name} from our staff has joined the chat."},
    "transferred": {"zh": "已为您转给工作人员{name}。", "en": "You've been passed to {name} from our staff."},
    "released": {
        "zh": "工作人员暂时离开，您已回到排队队列，前面还有 {ahead} 位。",
        "en": "The member of staff had to step away; you're back in the queue, {ahead} ahead of you.",
    },
    "left_queue": {
        "zh": "已退出人工排队。还有什么可以帮您？",
        "en": "You've left the queue. What else can I help you with?",
    },
    "closed": {
        "zh": "本次人工服务已结束，之后由智能助手继续为您服务。请为本次服务评分（网上评议）：",
        "en": "The chat with staff has ended; the assistant is back. Please rate the service:",
    },
    "ask_comment": {
        "zh": "感谢评价。请告诉我们哪里做得不够好，直接输入即可（或点“跳过”）。",
        "en": "Thank you. What could we have done better? Just type it (or press “Skip”).",
    },
    "skip": {"zh": "跳过", "en": "Skip"},
    "rated": {
        "zh": "感谢您的评价！还有什么可以帮您？",
        "en": "Thank you for your rating! What else can I help you with?",
    },
    "stale_rating": {
        "zh": "这个评分按钮已失效。还有什么可以帮您？",
        "en": "That rating button has expired. What else can I help you with?",
    },
    "out_of_hours": {
        "zh": "现在是非工作时间（工作时间：{hours}），工作人员{next}上班后处理。"
        "您可以留下回电请求：请发送“姓名 手机号 事由”，例如：张三 13800138000 营业执照变更。发送“取消”可退出。",
        "en": "We're closed now (opening hours: {hours}); staff are back {next}. Leave a callback request: "
        "send “name phone topic”, e.g. Li Lei 13800138000 business licence change. Send “cancel” to stop.",
    },
    "callback_again": {
        "zh": "没有找到手机号。请发送“姓名 手机号 事由”，例如：张三 13800138000 营业执照变更；或发送“取消”。",
        "en": "I couldn't find a phone number. Send “name phone topic”, e.g. Li Lei 13800138000 licence change; "
        "or “cancel”.",
    },
    "callback_taken": {
        "zh": "已登记回电请求：{name}，{phone}，事由：{topic}。工作人员将在{next}上班后与您联系。",
        "en": "Callback request taken: {name}, {phone}, about: {topic}. Staff will call you once we open {next}.",
    },
    "callback_cancelled": {"zh": "好的，已取消回电请求。", "en": "All right, no callback."},
    "no_topic": {"zh": "（未说明）", "en": "(not given)"},
}

REASONS = ("request", "failures", "complaint", "dispute", "staff")
OUTCOMES: dict[str, str] = {
    "resolved": "已解决",
    "referred": "已引导到窗口办理",
    "callback": "需回电跟进",
    "user_left": "用户已离开",
    "abusive": "辱骂骚扰",
    "out_of_hours": "非工作时间",
    "other": "其他",
}
CANNED: dict[Lang, list[tuple[str, str]]] = {
    "zh": [
        ("问候", "您好，我是工作人员，请问有什么可以帮您？"),
        ("稍等", "好的，请稍等，我帮您查一下。"),
        ("到窗口", "这个事项需要到综合窗口现场办理，建议先在线预约，避免排队。"),
        ("补材料", "您的材料还缺少一部分，补齐后可以再次上传预审。"),
        ("结束", "请问还有其他问题吗？如果没有，我将结束本次服务，谢谢您的耐心。"),
    ],
    "en": [
        ("Greeting", "Hello, I'm a member of staff. How can I help?"),
        ("One moment", "One moment please, let me check that for you."),
        (
            "At the window",
            "This has to be done at the integrated window; booking a time first saves queueing.",
        ),
        ("Missing documents", "Some documents are still missing; upload them again for a new pre-review."),
        ("Closing", "Is there anything else? If not, I'll close this chat. Thank you for your patience."),
    ],
}
