"""How a booking reads to its applicant, in Chinese or English: times, the booking, reminders."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from bot.appointments.records import Booking
from knowledge.schema import Catalogue, Lang

_ZH_WEEKDAYS = "一二三四五六日"

_TEXT: dict[str, dict[Lang, str]] = {
    "booking": {
        "zh": "预约码：{code}\n事项：{item}\n时间：{when}\n地点：{window}{address}",
        "en": "Booking code: {code}\nService: {item}\nTime: {when}\nPlace: {window}{address}",
    },
    "day_before": {
        "zh": "⏰ 预约提醒：您明天有一个预约。\n{booking}\n请按时携带材料前来；如需改期或取消，请在预约时间1小时前在这里说“改期”或“取消预约”。",
        "en": "⏰ Reminder: you have an appointment tomorrow.\n{booking}\nPlease bring your documents. To change or cancel, "
        "say “reschedule” or “cancel my appointment” here at least an hour before.",
    },
    "hour_before": {
        "zh": "⏰ 预约提醒：您的预约将在1小时后开始。\n{booking}\n到达后请在综合窗口出示预约码。",
        "en": "⏰ Reminder: your appointment starts in an hour.\n{booking}\nShow your booking code at the window when you arrive.",
    },
    "blackout": {
        "zh": "很抱歉，因{reason}，您的以下预约已取消：\n{booking}\n请重新预约其他时间，给您带来不便敬请谅解。",
        "en": "We're sorry: because of {reason}, this appointment has been cancelled:\n{booking}\n"
        "Please book another time. We apologise for the inconvenience.",
    },
    "no_reason": {"zh": "窗口临时调整", "en": "a change at the window"},
}


def local(moment: dt.datetime, zone: ZoneInfo) -> dt.datetime:
    return moment.astimezone(zone)


def day_title(day: dt.date, lang: Lang) -> str:
    """'12月1日 周二' / 'Tue 1 Dec'."""
    if lang == "zh":
        return f"{day.month}月{day.day}日 周{_ZH_WEEKDAYS[day.weekday()]}"
    return f"{day:%a} {day.day} {day:%b}"


def when_text(start: dt.datetime, end: dt.datetime, lang: Lang) -> str:
    """'12月1日 周二 09:00–09:15' / 'Tue 1 Dec, 09:00–09:15' (times in the zone they carry)."""
    separator = " " if lang == "zh" else ", "
    return f"{day_title(start.date(), lang)}{separator}{start:%H:%M}–{end:%H:%M}"


def describe(booking: Booking, catalogue: Catalogue, lang: Lang) -> str:
    """The booking's code, item, time and place."""
    zone = ZoneInfo(catalogue.center.timezone)
    item = catalogue.item(booking.item)
    window = catalogue.window(booking.window)
    address = catalogue.center.address.get(lang) if catalogue.center.address else ""
    return _TEXT["booking"][lang].format(
        code=booking.code,
        item=item.name.get(lang) if item else booking.item,
        when=when_text(local(booking.start, zone), local(booking.end, zone), lang),
        window=window.name.get(lang) if window else booking.window,
        address=("（" + address + "）" if lang == "zh" else f" ({address})") if address else "",
    )


def reminder(booking: Booking, catalogue: Catalogue, kind: str) -> str:
    lang: Lang = "en" if booking.lang == "en" else "zh"
    return _TEXT[kind][lang].format(booking=describe(booking, catalogue, lang))


def blackout_notice(booking: Booking, catalogue: Catalogue, reason: str) -> str:
    lang: Lang = "en" if booking.lang == "en" else "zh"
    return _TEXT["blackout"][lang].format(
        reason=reason or _TEXT["no_reason"][lang], booking=describe(booking, catalogue, lang)
    )
