"""Files that go with some replies, for channels that carry files (Telegram): a pre-review report
to keep or show at the window, and a booking as a calendar entry.

An action names the file in its message (`attachment`); the channel renders it here when it
sends, for that chat only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import jinja2

from bot.appointments.book import AppointmentBook
from bot.appointments.wording import describe
from bot.prereview.desk import PrereviewDesk
from bot.prereview.review import MaterialReport, Report, Status
from bot.prereview.wording import VERDICT_TITLE
from knowledge.schema import Lang


@dataclass(frozen=True)
class ReplyFile:
    name: str
    data: bytes
    mime: str


def report_file(case_id: str, lang: Lang) -> dict[str, str]:
    return {"kind": "prereview_report", "case": case_id, "lang": lang}


def booking_file(code: str, lang: Lang) -> dict[str, str]:
    return {"kind": "booking", "code": code, "lang": lang}


_WORDS: dict[str, dict[Lang, str]] = {
    "report": {"zh": "预审报告", "en": "Pre-review report"},
    "case": {"zh": "预审编号", "en": "Case"},
    "checked": {"zh": "检查时间", "en": "Checked"},
    "material": {"zh": "材料", "en": "Material"},
    "result": {"zh": "结果", "en": "Result"},
    "details": {"zh": "说明", "en": "Details"},
    "files": {"zh": "文件问题", "en": "File problems"},
    "unrecognised": {"zh": "未能识别的文件", "en": "Files not recognised"},
    "ok": {"zh": "✓ 符合", "en": "✓ in order"},
    "invalid": {"zh": "✗ 有问题", "en": "✗ problem"},
    "missing": {"zh": "✗ 未上传", "en": "✗ missing"},
    "deferrable": {"zh": "⚠ 容缺，可后补", "en": "⚠ may follow later"},
    "needs_staff": {"zh": "⚠ 待人工确认", "en": "⚠ staff to confirm"},
    "note": {
        "zh": "本报告为系统预审结果，以窗口工作人员审核为准。",
        "en": "This is an automatic pre-review; the window's staff make the decision.",
    },
    "calendar": {"zh": "预约", "en": "Appointment"},
}

_REPORT = jinja2.Environment(autoescape=True).from_string(
    """<!doctype html>
<html lang="{{ 'zh-CN' if lang == 'zh' else 'en' }}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ w.report }} {{ case }}</title>
<style>body{font-family:sans-serif;max-width:46rem;margin:1rem auto;padding:0 1rem;line-height:1.5}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.4rem;text-align:left;
vertical-align:top}.bad{color:#b00020}.note{color:#555;font-size:.9rem}</style></head><body>
<h1>{{ w.report }}</h1>
<p>{{ center }}</p>
<h2>{{ verdict }}</h2>
<p>{{ report.item_name }}{% if report.scenario %} · {{ report.scenario }}{% endif %}<br>
{{ w.case }}: <b>{{ case }}</b> · {{ w.checked }}: {{ checked }}</p>
<table><tr><th>{{ w.material }}</th><th>{{ w.result }}</th><th>{{ w.details }}</th></tr>
{% for m in materials %}<tr><td>{{ m.name }}</td><td{% if m.bad %} class="bad"{% endif %}>{{ m.result }}</td>
<td>{{ m.details }}</td></tr>
{% endfor %}</table>
{% if problems %}<h3>{{ w.files }}</h3><ul>{% for p in problems %}<li>{{ p }}</li>{% endfor %}</ul>{% endif %}
{% if report.unrecognised_files %}<h3>{{ w.unrecognised }}</h3>
<ul>{% for f in report.unrecognised_files %}<li>{{ f }}</li>{% endfor %}</ul>{% endif %}
<p class="note">{{ w.note }}</p>
</body></html>
"""
)


class ReplyFiles:
    """Renders a message's `attachment` for the chat it belongs to; None when it is not that chat's."""

    def __init__(self, desk: PrereviewDesk, book: AppointmentBook):
        self.desk = desk
        self.book = book

    def render(self, attachment: dict[str, Any], sender: str) -> ReplyFile | None:
        lang: Lang = "en" if attachment.get("lang") == "en" else "zh"
        if attachment.get("kind") == "prereview_report":
            return self._report(str(attachment.get("case")), sender, lang)
        if attachment.get("kind") == "booking":
            return self._booking(str(attachment.get("code")), sender, lang)
        return None

    def _report(self, case_id: str, sender: str, lang: Lang) -> ReplyFile | None:
        case = self.desk.store.get(case_id)
        if case is None or case.sender_id != sender or not case.report:
            return None
        report = Report.model_validate(case.report)
        words = {key: text[lang] for key, text in _WORDS.items()}
        center = self.desk.catalogue.center
        zone = ZoneInfo(center.timezone)
        html = _REPORT.render(
            lang=lang,
            w=words,
            case=case_id,
            center=center.name.get(lang),
            verdict=VERDICT_TITLE[report.verdict][lang],
            report=report,
            checked=report.created_at.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
            materials=[_material_row(m, words) for m in report.materials if m.required or m.files],
            problems=[f"{f.name}: {f.message}" for f in report.files if f.message],
        )
        return ReplyFile(f"{words['report']}-{case_id}.html", html.encode(), "text/html")

    def _booking(self, code: str, sender: str, lang: Lang) -> ReplyFile | None:
        booking = self.book.records.by_code(code)
        if booking is None or booking.sender_id != sender:
            return None
        catalogue = self.book.catalogue
        item = catalogue.item(booking.item)
        address = catalogue.center.address.get(lang) if catalogue.center.address else ""
        event = icalendar.Event()
        event.add("uid", f"{booking.code}@{catalogue.center.id}.onewindow")
        event.add("dtstamp", dt.datetime.now(dt.UTC))
        event.add("dtstart", booking.start)
        event.add("dtend", booking.end)
        event.add("summary", f"{_WORDS['calendar'][lang]}: {item.name.get(lang) if item else booking.item}")
        event.add("location", " ".join(p for p in (catalogue.center.name.get(lang), address) if p))
        event.add("description", describe(booking, catalogue, lang))
        alarm = icalendar.Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", event["summary"])
        alarm.add("trigger", dt.timedelta(hours=-1))
        event.add_component(alarm)
        calendar = icalendar.Calendar()
        calendar.add("prodid", "-//OneWindow//一窗通//")
        calendar.add("version", "2.0")
        calendar.add_component(event)
        return ReplyFile(f"{booking.code}.ics", calendar.to_ical(), "text/calendar")


def _material_row(material: MaterialReport, words: dict[str, str]) -> dict[str, Any]:
    if material.status == Status.missing and material.deferrable:
        result = words["deferrable"]
    else:
        result = words[material.status.value]
    details = "；".join(material.problems) if material.problems else "、".join(material.files)
    return {"name": material.name, "result": result, "details": details, "bad": material.status != Status.ok}
