"""What the booking actions say, in Chinese and English."""

from __future__ import annotations

from knowledge.schema import Lang

TEXT: dict[str, dict[Lang, str]] = {
    "which_item": {
        "zh": "您要预约办理哪个事项？请说出事项名称，例如“个体工商户设立登记”。",
        "en": "Which service would you like to book? Say its name, e.g. “register a small business”.",
    },
    "which_of": {"zh": "您要预约的是下面哪一项？", "en": "Which of these would you like to book?"},
    "not_bookable": {
        "zh": "「{item}」不需要预约，可在办公时间直接到窗口办理。{phone}",
        "en": "“{item}” needs no appointment: come to the window during opening hours. {phone}",
    },
    "which_day": {
        "zh": "请选择「{item}」的办理日期（也可以直接说，如“明天下午”）：",
        "en": "Pick a day for “{item}” (or say one, e.g. “tomorrow afternoon”):",
    },
    "no_days": {
        "zh": "抱歉，近两周的预约已满。可以稍后再试，或直接到窗口取号办理。",
        "en": "Sorry, the next two weeks are fully booked. Try again later, or take a ticket at the hall.",
    },
    "day_full": {
        "zh": "{day}没有可预约的时间（不开放或已约满），请换一天：",
        "en": "There is no free time on {day} (closed or fully booked). Please pick another day:",
    },
    "which_time": {
        "zh": "{day}可预约的时间（也可以直接说，如“10点半”）：",
        "en": "Free times on {day} (or say one, e.g. “10:30”):",
    },
    "more_times": {
        "zh": "还有更多时间，可直接说想约几点。",
        "en": "There are more times; just say the one you want.",
    },
    "taken": {
        "zh": "抱歉，{when} 刚刚被约满了。",
        "en": "Sorry, {when} was just taken.",
    },
    "not_a_slot": {
        "zh": "{when} 不在可预约的时间内（需提前{notice}小时，最多预约{days}天内）。",
        "en": "{when} can't be booked (at least {notice} hours ahead, at most {days} days ahead).",
    },
    "name": {
        "zh": "请告诉我预约人的姓名和手机号，例如：张三 13800138000",
        "en": "Please give the name and mobile number for the booking, e.g. Li Lei 13800138000",
    },
    "name_again": {
        "zh": "没能识别出姓名，请只发姓名，例如：张三",
        "en": "I couldn't read a name there; please send just the name, e.g. Li Lei",
    },
    "phone": {
        "zh": "请告诉我预约人的手机号，用于预约提醒：",
        "en": "Please give a mobile number for the booking; reminders are sent here:",
    },
    "phone_again": {
        "zh": "手机号格式不对，请输入11位手机号（或带区号的固定电话）。",
        "en": "That doesn't look like a phone number; please send an 11-digit mobile number.",
    },
    "summary": {
        "zh": "请确认预约信息：\n事项：{item}\n时间：{when}\n地点：{window}\n预约人：{name}  {phone}{held}",
        "en": "Please confirm your booking:\nService: {item}\nTime: {when}\nPlace: {window}\nName: {name}  {phone}{held}",
    },
    "held": {
        "zh": "\n（已为您保留该时段 {minutes} 分钟）",
        "en": "\n(This time is held for you for {minutes} minutes.)",
    },
    "summary_again": {
        "zh": "请点“确认预约”，或说“取消”。也可以直接说要改的时间。",
        "en": "Tap “Confirm”, or say “cancel”. You can also say another time.",
    },
    "confirm": {"zh": "确认预约", "en": "Confirm"},
    "change_time": {"zh": "换个时间", "en": "Another time"},
    "cancel": {"zh": "取消", "en": "Cancel"},
    "booked": {
        "zh": "✅ 预约成功！请记好预约码，到场后在窗口出示。\n{booking}\n\n{materials}",
        "en": "✅ Booked! Keep your booking code and show it at the window.\n{booking}\n\n{materials}",
    },
    "moved": {
        "zh": "✅ 已改期，预约码不变。\n{booking}",
        "en": "✅ Rescheduled; your booking code stays the same.\n{booking}",
    },
    "stopped": {
        "zh": "好的，本次预约没有提交。还有什么可以帮您？",
        "en": "OK, nothing was booked. Anything else?",
    },
    "duplicate": {
        "zh": "这个手机号已预约过「{item}」：\n{booking}\n如需换时间，请说“改期”。",
        "en": "This phone number already has a booking for “{item}”:\n{booking}\nSay “reschedule” to change its time.",
    },
    "duplicate_elsewhere": {
        "zh": "这个手机号已预约过「{item}」。如需查看或改期，请发送预约码和这个手机号，例如“K7M-2PQ 13800138000 改期”。",
        "en": "This phone number already has a booking for “{item}”. To see or change it, send its code with this "
        "phone number, e.g. “K7M-2PQ 13800138000 reschedule”.",
    },
    "too_many": {
        "zh": "这个手机号已有 {count} 个未办理的预约，达到上限。请先办理或取消其中一个。",
        "en": "This phone number already has {count} upcoming bookings, the most allowed. Attend or cancel one first.",
    },
    "too_late": {
        "zh": "距离预约时间已不足{hours}小时（或预约已结束），不能在线修改。如有变化请致电 {phone}。",
        "en": "It's less than {hours} hour(s) before the appointment (or it is over), so it can't be changed "
        "online. Please call {phone}.",
    },
    "stale_summary": {
        "zh": "这个确认按钮已失效（预约已提交，或已退出预约）。可以看看“我的预约”，或重新预约。",
        "en": "That button no longer applies (the booking was made, or left). Check your bookings, or book again.",
    },
    "mine": {"zh": "我的预约", "en": "My bookings"},
    "none": {"zh": "您目前没有预约。", "en": "You have no upcoming bookings."},
    "book": {"zh": "预约窗口办理", "en": "Book the window"},
    "yours": {"zh": "您的预约：", "en": "Your bookings:"},
    "reschedule": {"zh": "改期 {code}", "en": "Reschedule {code}"},
    "cancel_one": {"zh": "取消 {code}", "en": "Cancel {code}"},
    "which_booking": {
        "zh": "您有多个预约，要{action}哪一个？",
        "en": "You have several bookings. Which one to {action}?",
    },
    "action_cancel": {"zh": "取消", "en": "cancel"},
    "action_reschedule": {"zh": "改期", "en": "reschedule"},
    "not_found": {
        "zh": "没有找到预约码 {code} 的预约。请核对预约码；不是在这个聊天里预约的，请同时发送预约时登记的手机号。",
        "en": "I can't find booking {code}. Check the code; if it wasn't booked in this chat, send the booking's "
        "phone number with it.",
    },
    "sure_cancel": {"zh": "确定取消这个预约吗？\n{booking}", "en": "Cancel this booking?\n{booking}"},
    "yes_cancel": {"zh": "确认取消", "en": "Yes, cancel it"},
    "keep": {"zh": "不取消", "en": "Keep it"},
    "cancelled": {"zh": "已取消预约 {code}（{when}）。", "en": "Booking {code} ({when}) is cancelled."},
    "already_cancelled": {"zh": "预约 {code} 已经取消了。", "en": "Booking {code} is already cancelled."},
    "too_often": {
        "zh": "操作太频繁了，请 {minutes} 分钟后再试。急事请致电 {phone}。",
        "en": "That's too many tries for now; please try again in {minutes} minute(s), or call {phone}.",
    },
    "reschedule_which_day": {
        "zh": "好的，为预约 {code}（原定 {when}）换个时间。",
        "en": "OK, let's find a new time for booking {code} (now {when}).",
    },
}
