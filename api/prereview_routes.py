"""Pre-review over HTTP: `POST /api/prereview` for a whole case at once, uploads from the web chat,
and the staff endpoints to open, confirm or return a case (the applicant hears of it in their chat)."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any, Literal

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from api.staff_auth import Staff, audit
from bot.gateway import InboundMessage, bot_frame
from bot.prereview.cases import CaseStatus
from bot.prereview.desk import PrereviewDesk, Upload
from connectors.clients import client_address
from knowledge.schema import Lang

router = APIRouter(tags=["pre-review"])

_MEDIA = {
    "pdf": "application/pdf",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
    "heic": "image/heic",
}
_DECIDED: dict[CaseStatus, dict[Lang, str]] = {
    CaseStatus.confirmed: {
        "zh": "您的预审材料（编号 {case}，{item}）已由工作人员确认通过。{comment}",
        "en": "Staff have confirmed your pre-review (case {case}, {item}). {comment}",
    },
    CaseStatus.returned: {
        "zh": "您的预审材料（编号 {case}，{item}）被退回，请按意见修改后重新上传：{comment}",
        "en": "Your pre-review (case {case}, {item}) was returned. Please fix and upload again: {comment}",
    },
}


def _desk(request: Request) -> PrereviewDesk:
    return request.app.state.desk


# The form of an upload is read by hand, so that a request with too many files stops at the part
# one over the limit instead of after all of them are spooled.
_UPLOAD_FORM = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["files"],
                    "properties": {
                        "files": {"type": "array", "items": {"type": "string", "format": "binary"}},
                        "item": {"type": "string"},
                        "scenario": {"type": "string"},
                        "chat": {"type": "string", "description": "the reference a chat handed out"},
                        "session": {"type": "string", "description": "the web chat's session"},
                        "lang": {"type": "string", "enum": ["zh", "en"]},
                    },
                }
            }
        },
    }
}


async def _upload_form(request: Request) -> tuple[dict[str, str], list[Upload]]:
    """The form's fields and the files' bytes, within the limits: files per case, bytes per case
    (a file one byte over its own limit is kept so short, for the reader to say "too large")."""
    await request.app.state.throttle.hit("upload", client_address(request))
    settings = request.app.state.settings.desk
    async with request.form(max_files=settings.max_files, max_fields=10, max_part_size=4096) as form:
        fields = {k: v for k, v in form.multi_items() if isinstance(v, str)}
        uploads, total = [], 0
        for file in form.getlist("files"):
            if isinstance(file, str):
                raise HTTPException(422, "files: send each file as a file part")
            data = await file.read(settings.limits.max_file_bytes + 1)
            total += len(data)
            if total > settings.max_case_bytes:
                raise HTTPException(413, f"at most {settings.max_case_bytes // 2**20} MB of files per case")
            uploads.append(Upload(file.filename or "file", data))
    if not uploads:
        raise HTTPException(422, "attach one or more files")
    return fields, uploads


def _choice(fields: dict[str, str], name: str, allowed: tuple[str, ...], default: str | None) -> str | None:
    value = fields.get(name, default)
    if value is not None and value not in allowed:
        raise HTTPException(422, f"{name}: one of {', '.join(allowed)}")
    return value


@router.post("/api/prereview", openapi_extra=_UPLOAD_FORM)
async def prereview(request: Request) -> dict[str, Any]:
    """Check the files against the item's materials; the case waits for staff under `case`.

    `chat` attaches the case to a chat, which then hears the staff's decision: the reference the
    chat handed out when its pre-review started (it expires after a day)."""
    fields, uploads = await _upload_form(request)
    desk, item = _desk(request), fields.get("item", "")
    found = desk.catalogue.item(item)
    if found is None:
        raise HTTPException(
            404, f"no item {item!r} in the catalogue; GET /api/catalogue/search?q=... finds it"
        )
    scenario = fields.get("scenario") or None
    if scenario and found.scenario(scenario) is None:
        known = ", ".join(s.id for s in found.scenarios) or "none"
        raise HTTPException(422, f"no scenario {scenario!r} for {item!r}; its scenarios: {known}")
    sender = f"api-{uuid.uuid4()}"
    if "chat" in fields:
        sender = desk.chat_of(fields["chat"]) or ""
        if not sender:
            raise HTTPException(
                403,
                "chat: not a reference a chat handed out, or an old one; start the pre-review in the chat again",
            )
    lang: Lang = "en" if _choice(fields, "lang", ("zh", "en"), "zh") == "en" else "zh"
    case, report = await run_in_threadpool(desk.submit, sender, item, scenario, uploads, lang)
    return {"case": case.id, **report.model_dump(mode="json")}


@router.post("/api/chat/upload", openapi_extra=_UPLOAD_FORM)
async def chat_upload(request: Request) -> list[dict[str, Any]]:
    """Files sent in the web chat: the replies also go to the chat's open page (with reading progress)."""
    fields, uploads = await _upload_form(request)
    chat = await asyncio.to_thread(request.app.state.web_sessions.chat_of, fields.get("session", ""))
    if chat is None:
        raise HTTPException(403, "session: not a live chat session; reload the chat page")
    sender, lang = f"web-{chat}", _choice(fields, "lang", ("zh", "en"), None)
    gateway = request.app.state.gateway
    loop = asyncio.get_running_loop()

    def progress(done: int, total: int) -> None:  # called by the reading thread
        frame = {"type": "progress", "done": done, "total": total}
        asyncio.run_coroutine_threadsafe(gateway.signal(sender, frame), loop)

    metadata = {"lang": lang} if lang else {}
    message = InboundMessage("web", sender, "", metadata, tuple(uploads), client=client_address(request))
    replies = await gateway.reply(message, progress)
    await gateway.signal(sender, *(bot_frame(reply) for reply in replies))
    return replies


# --- staff --------------------------------------------------------------------------------------


@router.get("/api/staff/prereviews")
async def list_cases(request: Request, _: Staff, status: CaseStatus | None = None) -> list[dict[str, Any]]:
    cases = await run_in_threadpool(_desk(request).store.list, status)
    return [
        {
            "id": c.id,
            "item": c.item,
            "scenario": c.scenario,
            "status": c.status,
            "verdict": (c.report or {}).get("verdict"),
            "updated_at": c.updated_at.isoformat(),
        }
        for c in cases
    ]


@router.get("/api/staff/prereviews/{case_id}")
async def open_case(request: Request, case_id: str, staff: Staff) -> dict[str, Any]:
    await audit(request, staff, "view_case", f"case {case_id}")
    desk = _desk(request)
    case = await run_in_threadpool(desk.store.get, case_id)
    if case is None:
        raise HTTPException(404, f"no case {case_id}")
    files = await run_in_threadpool(desk.store.files, case_id)
    return {
        "id": case.id,
        "sender": case.sender_id,
        "item": case.item,
        "scenario": case.scenario,
        "status": case.status,
        "staff_comment": case.staff_comment,
        "report": case.report,
        "files": [
            {
                "id": f.id,
                "name": f.name,
                "kind": f.kind,
                "size": f.size,
                "sha256": f.sha256,
                "problem": f.problem,
            }
            for f in files
        ],
    }


@router.get("/api/staff/prereviews/{case_id}/files/{file_id}")
async def case_file(request: Request, case_id: str, file_id: int, staff: Staff) -> Response:
    """The file as uploaded, always as a download of its checked type, never rendered as a page."""
    found = await run_in_threadpool(_desk(request).file_bytes, case_id, file_id)
    if found is None:
        raise HTTPException(404, "no such file in this case")
    await audit(request, staff, "view_file", f"case {case_id}", f"file {file_id}")
    file, data = found
    headers = {
        "Content-Disposition": f'attachment; filename="file-{file.id}.{file.kind or "bin"}"',
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "sandbox",
        "Cache-Control": "no-store",
    }
    return Response(data, media_type=_MEDIA.get(file.kind or "", "application/octet-stream"), headers=headers)


class Decision(BaseModel):
    decision: Literal["confirm", "return"]
    comment: str = Field(default="", max_length=2000)


@router.post("/api/staff/prereviews/{case_id}/decision")
async def decide(request: Request, case_id: str, decision: Decision, staff: Staff) -> dict[str, Any]:
    await audit(request, staff, decision.decision, f"case {case_id}")
    desk = _desk(request)
    case = await run_in_threadpool(
        desk.decide, case_id, decision.decision == "confirm", decision.comment, staff.username
    )
    if case is None:
        raise HTTPException(
            409, f"case {case_id} is not waiting for a decision (unknown, still open, or decided)"
        )
    lang: Lang = "en" if case.lang == "en" else "zh"
    item = desk.catalogue.item(case.item or "")
    text = _DECIDED[CaseStatus(case.status)][lang].format(
        case=case.id, item=item.name.get(lang) if item else case.item, comment=decision.comment
    )
    await request.app.state.gateway.notify(case.sender_id, [{"text": text.strip()}])
    return {"id": case.id, "status": case.status}
