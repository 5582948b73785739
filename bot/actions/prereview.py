"""Pre-review in the chat (一审清): choose the item, upload files, get the checklist."""

from __future__ import annotations

import asyncio
import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions.answer import GENERAL, resolve_item, scenario_buttons, scenario_by_words, scenario_question
from bot.actions.common import lang_of, payload, say_out_of_scope, staff_button
from bot.prereview.desk import CASE_CROWDED, CASE_FULL, REFERENCE_HOURS, PrereviewDesk
from bot.prereview.documents import FileProblem
from bot.prereview.review import Report, Status, file_problem
from bot.prereview.wording import VERDICT_TITLE
from bot.reply_files import report_file
from knowledge.base import KnowledgeBase
from knowledge.schema import Item, Lang
from knowledge.text import content_words

_TEXT: dict[str, dict[Lang, str]] = {
    "which_item": {
        "zh": "您要预审哪个事项？请说出事项名称，例如“预审个体工商户设立登记”。",
        "en": "Which service should I pre-review? Say its name, e.g. “pre-review registering a small business”.",
    },
    "upload": {
        "zh": "好的，开始预审「{item}」{scenario}。请上传下列材料的 PDF 或照片（可一次选多个文件，也可分几次上传）：\n{materials}\n传完后点“开始检查”。",
        "en": "OK, pre-reviewing “{item}”{scenario}. Upload PDFs or photos of these materials (several at once is fine):\n{materials}\nWhen you're done, tap “Check now”.",
    },
    "received": {"zh": "收到 {count} 个文件：", "en": "Received {count} file(s):"},
    "taken_as": {"zh": "✓ {file}：{materials}", "en": "✓ {file}: {materials}"},
    "not_recognised": {
        "zh": "? {file}：没认出是哪项材料，检查时会请工作人员看",
        "en": "? {file}: not recognised as any of the materials; staff will look at it",
    },
    "bad_file": {"zh": "✗ {file}：{problem}", "en": "✗ {file}: {problem}"},
    "case_full": {
        "zh": "本次预审的文件总量已超过 {mb} MB，此文件未保存；请压缩后再传",
        "en": "this case is over {mb} MB in total, so the file was not kept; compress it and try again",
    },
    "case_crowded": {
        "zh": "本次预审最多 {count} 个文件，此文件未保存；请把几页合成一个 PDF 再传",
        "en": "a case takes at most {count} files, so this one was not kept; put several pages into one PDF",
    },
    "still_missing": {"zh": "还差：{names}", "en": "Still missing: {names}"},
    "name_item_first": {
        "zh": "文件已收到。您要预审哪个事项？请说出事项名称，例如“预审个体工商户设立登记”。",
        "en": "Files received. Which service are they for? E.g. “pre-review registering a small business”.",
    },
    "nothing_yet": {
        "zh": "还没有收到要预审的文件。请先说“预审+事项名称”，再上传文件。",
        "en": "No files to check yet. Say “pre-review” and the service, then upload your files.",
    },
    "pages": {"zh": "第{first}–{last}页 ", "en": "pp. {first}–{last} "},
    "page": {"zh": "第{first}页 ", "en": "p. {first} "},
    "check_now": {"zh": "开始检查", "en": "Check now"},
    "cancel": {"zh": "取消", "en": "Cancel"},
    "book": {"zh": "预约窗口办理", "en": "Book the window"},
    "recheck": {"zh": "补传后重新检查", "en": "Check again after re-uploading"},
    "required": {"zh": "必需", "en": "required"},
    "optional": {"zh": "如有", "en": "if applicable"},
    "deferrable": {"zh": "可容缺后补", "en": "may follow later"},
}
_MARK = {Status.ok: "✓", Status.invalid: "✗", Status.needs_staff: "⚠", Status.missing: "✗"}
_CLOSING: dict[Lang, str] = {
    "zh": "预审编号 {case}。工作人员确认后会在这里通知您；修改后可直接重新上传。",
    "en": "Case {case}. Staff will confirm it and you'll hear back here; you can re-upload fixed files any time.",
}
_PREREVIEW_WORDS = re.compile(
    r"预审|审核|审查|检查|核对|帮我看看|看看|材料|文件|上传|我要|我想|一下|pre-?review|check|my|documents?|files?"
)


def _case_id(tracker: Tracker) -> str:
    return str(tracker.get_slot("prereview") or "")


def _materials_list(item: Item, scenario: str | None, lang: Lang) -> str:
    lines = []
    for n, material in enumerate(item.materials_for(scenario), start=1):
        need = "required" if material.required else "optional"
        tags = [_TEXT[need][lang]] + ([_TEXT["deferrable"][lang]] if material.deferrable else [])
        lines.append(
            f"{n}. {material.name.get(lang)}（{'，'.join(tags)}）"
            if lang == "zh"
            else f"{n}. {material.name.get(lang)} ({', '.join(tags)})"
        )
    return "\n".join(lines)


def _finish_buttons(lang: Lang) -> list[dict[str, str]]:
    return [
        {"title": _TEXT["check_now"][lang], "payload": payload("finish_prereview")},
        {"title": _TEXT["cancel"][lang], "payload": payload("stop")},
    ]


class ActionPrereviewStart(Action):
    """Which item (and scenario) to pre-review; then the list of files to upload."""

    def __init__(self, knowledge: KnowledgeBase, desk: PrereviewDesk):
        self.knowledge = knowledge
        self.desk = desk

    def name(self) -> str:
        return "action_prereview_start"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[Any]:
        lang = lang_of(tracker)
        text = tracker.latest_message.get("text") or ""
        names_an_item = text.startswith("/") or content_words(_PREREVIEW_WORDS.sub(" ", text.lower()))
        current = self.knowledge.catalogue.item(tracker.get_slot("item") or "")
        if names_an_item:
            resolved = await resolve_item(self.knowledge, tracker, dispatcher)
            if isinstance(resolved, list):
                return resolved
            item, scenario = resolved[0], None  # the scenario only when the words name it
        elif current is not None:
            item, scenario = current, tracker.get_slot("scenario")
        else:
            dispatcher.utter_message(text=_TEXT["which_item"][lang])
            return []
        if item is None:
            return []
        scenario = self._scenario(item, tracker, text) or scenario
        if scenario is None and tracker.get_slot("item") == item.id:  # the button after an answer
            scenario = tracker.get_slot("scenario")
        if scenario not in (None, GENERAL) and item.scenario(scenario) is None:
            scenario = None  # a situation of the chat's earlier item
        if item.scenarios and scenario is None:
            buttons = scenario_buttons(item, lang, "start_prereview", general=True, item=item.id)
            dispatcher.utter_message(text=scenario_question(item, lang), buttons=buttons)
            return [SlotSet("item", item.id), SlotSet("scenario", None)]
        chosen = None if scenario == GENERAL else scenario
        case = await asyncio.to_thread(self.desk.start, tracker.sender_id, item.id, chosen, lang)
        named = item.scenario(chosen)
        text = _TEXT["upload"][lang].format(
            item=item.name.get(lang),
            scenario=f"（{named.name.get(lang)}）"
            if named and lang == "zh"
            else f" ({named.name.get(lang)})"
            if named
            else "",
            materials=_materials_list(item, chosen, lang),
        )
        # A REST client uploads over POST /api/prereview with this reference to its own chat.
        upload = {
            "url": "/api/prereview",
            "chat": self.desk.reference(tracker.sender_id),
            "item": item.id,
            "scenario": chosen,
            "expires_in_hours": REFERENCE_HOURS,
        }
        dispatcher.utter_message(text=text, buttons=_finish_buttons(lang), json_message={"upload": upload})
        events = [SlotSet("prereview", case.id), SlotSet("item", item.id), SlotSet("scenario", scenario)]
        if await asyncio.to_thread(self.desk.store.files, case.id):  # files sent before the item was named
            events.append(FollowupAction("action_prereview_files"))
        return events

    @staticmethod
    def _scenario(item: Item, tracker: Tracker, text: str) -> str | None:
        values = [
            e.get("value")
            for e in tracker.latest_message.get("entities", [])
            if e.get("entity") == "scenario"
        ]
        if values and (values[0] == GENERAL or item.scenario(str(values[0]))):
            return str(values[0])
        return None if text.startswith("/") or not item.scenarios else scenario_by_words(item, text)


class ActionPrereviewFiles(Action):
    """Acknowledge each new file with what it was taken for; check at once when nothing is missing."""

    def __init__(self, knowledge: KnowledgeBase, desk: PrereviewDesk):
        self.knowledge = knowledge
        self.desk = desk

    def name(self) -> str:
        return "action_prereview_files"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[Any]:
        lang = lang_of(tracker)
        case = await asyncio.to_thread(self.desk.store.open_case, tracker.sender_id)
        if case is None:
            dispatcher.utter_message(text=_TEXT["nothing_yet"][lang])
            return []
        item = self.knowledge.catalogue.item(case.item or "")
        recognised = await asyncio.to_thread(self.desk.recognise_new, case)
        if item is None:
            dispatcher.utter_message(text=_TEXT["name_item_first"][lang])
            return [SlotSet("prereview", case.id)]
        names = {m.id: m.name.get(lang) for m in item.materials_for(case.scenario)}
        lines = [_TEXT["received"][lang].format(count=len(recognised))] if recognised else []
        for found in recognised:
            file = found.file
            if file.problem in (CASE_FULL, CASE_CROWDED):
                limits = {
                    "mb": self.desk.settings.max_case_bytes // 2**20,
                    "count": self.desk.settings.max_files,
                }
                problem = _TEXT[file.problem][lang].format(**limits)
                lines.append(_TEXT["bad_file"][lang].format(file=file.name, problem=problem))
            elif file.problem:
                problem = file_problem(FileProblem(file.problem), lang, self.desk.settings.limits)
                lines.append(_TEXT["bad_file"][lang].format(file=file.name, problem=problem))
            elif not found.materials:
                lines.append(_TEXT["not_recognised"][lang].format(file=file.name))
            else:
                parts = [
                    _pages(first, last, file.pages, lang) + names[m] for m, first, last in found.materials
                ]
                lines.append(
                    _TEXT["taken_as"][lang].format(file=file.name, materials=_joined(parts, lang, "；"))
                )
        missing = await asyncio.to_thread(self.desk.missing_required, case)
        events: list[Any] = [SlotSet("prereview", case.id)]
        if not missing:
            if lines:
                dispatcher.utter_message(text="\n".join(lines))
            return [*events, FollowupAction("action_prereview_report")]
        lines.append(
            _TEXT["still_missing"][lang].format(names=_joined([names[m] for m in missing], lang, "、"))
        )
        dispatcher.utter_message(text="\n".join(lines), buttons=_finish_buttons(lang))
        return events


_ENGLISH_SEPARATORS = {"、": ", ", "；": "; "}


def _joined(parts: list[str], lang: Lang, separator: str) -> str:
    """Parts joined with a Chinese separator, or its English counterpart."""
    return (separator if lang == "zh" else _ENGLISH_SEPARATORS[separator]).join(parts)


def _pages(first: int, last: int, pages: list[dict[str, Any]], lang: Lang) -> str:
    if len(pages) <= 1:
        return ""
    return _TEXT["page" if first == last else "pages"][lang].format(first=first, last=last)


class ActionPrereviewReport(Action):
    """Check the chat's case now and show the checklist, with the next steps."""

    def __init__(self, knowledge: KnowledgeBase, desk: PrereviewDesk):
        self.knowledge = knowledge
        self.desk = desk

    def name(self) -> str:
        return "action_prereview_report"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[Any]:
        lang = lang_of(tracker)
        case = await asyncio.to_thread(self.desk.store.open_case, tracker.sender_id)
        if case is None or not await asyncio.to_thread(self.desk.store.files, case.id):
            text = tracker.latest_message.get("text") or ""
            if not text.startswith("/") and self.knowledge.index.names_out_of_scope_topic(text):
                say_out_of_scope(dispatcher, self.knowledge, lang)  # "护照过期了怎么换" taken for "好了"
                return []
            dispatcher.utter_message(text=_TEXT["nothing_yet"][lang])
            return []
        if self.knowledge.catalogue.item(case.item or "") is None:
            dispatcher.utter_message(text=_TEXT["name_item_first"][lang])
            return []
        await asyncio.to_thread(self.desk.recognise_new, case)  # files now in the report need no receipt
        report = await asyncio.to_thread(self.desk.report, case, lang)
        buttons = [{"title": _TEXT["book"][lang], "payload": payload("book_appointment", item=report.item)}]
        dispatcher.utter_message(
            text=render_report(report, case.id),
            buttons=buttons + staff_button(lang),
            attachment=report_file(case.id, lang),
        )
        return [SlotSet("prereview", case.id)]


def render_report(report: Report, case_id: str) -> str:
    """The report as a short checklist in its language."""
    lang = report.lang
    lines = [
        VERDICT_TITLE[report.verdict][lang],
        f"「{report.item_name}」" if lang == "zh" else f"“{report.item_name}”",
    ]
    separator = "：" if lang == "zh" else ": "
    for material in report.materials:
        if material.status == Status.missing and not material.required:
            continue
        mark = "⚠" if material.status == Status.missing and material.deferrable else _MARK[material.status]
        detail = _joined(material.problems, lang, "；")
        if material.status == Status.ok:
            detail = _joined(material.files, lang, "、")
        lines.append(f"{mark} {material.name}{separator}{detail}")
    for file in report.files:
        if file.message:
            lines.append(f"✗ {file.name}{separator}{file.message}")
    for name in report.unrecognised_files:
        lines.append(_TEXT["not_recognised"][lang].format(file=name))
    lines.append(_CLOSING[lang].format(case=case_id))
    return "\n".join(lines)
