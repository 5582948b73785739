"""The web chat page at `/`: the transcript, buttons, a language switch; it talks over /ws/chat."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from api.pages import page_context, page_lang, templates
from knowledge.schema import Lang

router = APIRouter(include_in_schema=False)

_UI: dict[Lang, dict[str, str]] = {
    "zh": {
        "title": "智能咨询",
        "welcome": "您好！我是{center}的智能助手。想办什么事，直接问我：要带什么材料、收多少费、多久办好、在哪里办。",
        "placeholder": "输入您的问题，例如：个体户注册要带什么",
        "send": "发送",
        "typing": "正在输入",
        "offline": "连接已断开，正在重新连接…您输入的消息会在连上后发出。",
        "slow_down": "发送太频繁了，稍等片刻会自动发出。",
        "new_chat": "新对话",
        "note": "回答依据本中心办事指南。需要工作人员帮忙，请输入“人工”。",
        "try": "您可以问：",
        "suggestions": "个体户注册要带什么材料|社保卡丢了怎么补办|预审个体工商户设立登记|转人工",
        "attach": "上传材料（PDF、照片）",
        "reading": "正在识别文件…",
        "upload_failed": "文件没有传上去：",
        "staff": "工作人员",
    },
    "en": {
        "title": "Ask us",
        "welcome": "Hello! I'm the assistant of {center}. Ask me what you need for any service: documents, fees, how long it takes, where to go.",
        "placeholder": "Type your question, e.g. what do I need to register a small business",
        "send": "Send",
        "typing": "typing",
        "offline": "Connection lost, reconnecting… What you type will be sent once we are back.",
        "slow_down": "That's a lot of messages at once; they'll go out in a moment.",
        "new_chat": "New chat",
        "note": "Answers come from the center's service guide. Type “human” to reach a member of staff.",
        "try": "You can ask:",
        "suggestions": "What do I need to register a small business|I lost my social security card|Pre-review my documents for registering a small business|Talk to a person",
        "attach": "Upload documents (PDF, photos)",
        "reading": "Reading your files…",
        "upload_failed": "The files were not uploaded: ",
        "staff": "Staff ·",
    },
}


@router.get("/", response_class=HTMLResponse)
def chat(request: Request) -> HTMLResponse:
    lang = page_lang(request)
    context = page_context(request, lang, _UI)
    center = request.app.state.knowledge.catalogue.center
    welcome = _UI[lang]["welcome"].format(center=center.name.get(lang))
    suggestions = _UI[lang]["suggestions"].split("|")
    return templates.TemplateResponse(
        request, "chat.html", {**context, "welcome": welcome, "suggestions": suggestions}
    )
