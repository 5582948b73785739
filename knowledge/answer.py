"""The one clear answer (一口清): everything about an item, or one facet of it, from the catalogue only.

A fact the catalogue does not state is left out, or said to be not stated; it is never invented.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from knowledge.schema import WEEKDAYS, Catalogue, Form, Item, Lang, Material


class Facet(StrEnum):
    materials = "materials"
    fee = "fee"
    time_limit = "time_limit"
    location = "location"
    legal_basis = "legal_basis"
    process = "process"
    conditions = "conditions"
    online = "online"


ALL_FACETS = tuple(Facet)

_TITLES: dict[Facet, dict[Lang, str]] = {
    Facet.materials: {"zh": "所需材料", "en": "Materials"},
    Facet.fee: {"zh": "收费", "en": "Fee"},
    Facet.time_limit: {"zh": "办理时限", "en": "Time limit"},
    Facet.location: {"zh": "办理地点和时间", "en": "Where and when"},
    Facet.legal_basis: {"zh": "设定依据", "en": "Legal basis"},
    Facet.process: {"zh": "办理流程", "en": "Process"},
    Facet.conditions: {"zh": "受理条件", "en": "Conditions"},
    Facet.online: {"zh": "网上办理", "en": "Online service"},
}

_FORMS: dict[Form, dict[Lang, str]] = {
    Form.original: {"zh": "原件", "en": "original"},
    Form.copy: {"zh": "复印件", "en": "copy"},
    Form.original_and_copy: {"zh": "原件和复印件", "en": "original and copy"},
    Form.electronic: {"zh": "电子版", "en": "electronic"},
}

_NOT_STATED: dict[Lang, str] = {
    "zh": "目录未载明，请咨询窗口",
    "en": "not stated in the catalogue; please ask the window",
}
_DAY_NAMES: dict[Lang, tuple[str, ...]] = {
    "zh": ("周一", "周二", "周三", "周四", "周五", "周六", "周日"),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}


@dataclass(frozen=True)
class Section:
    facet: Facet
    title: str
    lines: list[str]


@dataclass(frozen=True)
class Answer:
    """An item's answer as sections of lines: rendered as text for chats, as HTML on pages."""

    item_id: str
    lang: Lang
    title: str
    scenario_id: str | None
    sections: list[Section] = field(default_factory=list)

    @property
    def text(self) -> str:
        parts = [self.title]
        for section in self.sections:
            parts.append(f"【{section.title}】" if self.lang == "zh" else f"{section.title}:")
            parts.extend(section.lines)
        return "\n".join(parts)


def material_line(material: Material, lang: Lang, number: int) -> str:
    """One material: name, form, copies, required or not, deferrable, note."""
    zh = lang == "zh"
    details = []
    if material.form is not None:
        form = _FORMS[material.form][lang]
        if material.copies:
            form += (
                f"{material.copies}份"
                if zh
                else f", {material.copies} {'copy' if material.copies == 1 else 'copies'}"
            )
        details.append(form)
    elif material.copies:
        details.append(f"{material.copies}份" if zh else f"{material.copies} copies")
    details.append(
        ("必交" if material.required else "非必交")
        if zh
        else ("required" if material.required else "optional")
    )
    if material.deferrable:
        details.append("可容缺后补" if zh else "may be handed in after acceptance (容缺)")
    if material.note:
        details.append(material.note.get(lang))
    separator = "；" if zh else "; "
    return f"{number}. {material.name.get(lang)} — {separator.join(details)}"


def format_hours(hours: dict[str, list[str]], lang: Lang) -> str:
    """Opening hours such as `周一至周五 09:00-12:00、13:30-17:00`."""
    parts = []
    for key, periods in hours.items():
        days = [_DAY_NAMES[lang][WEEKDAYS.index(d)] for d in key.split("-")]
        joiner = "至" if lang == "zh" else "–"
        label = joiner.join(days)
        parts.append(f"{label} {('、' if lang == 'zh' else ', ').join(periods)}")
    closed = "（法定节假日除外）" if lang == "zh" else " (closed on public holidays)"
    return ("；" if lang == "zh" else "; ").join(parts) + closed if parts else ""


def _materials(item: Item, scenario_id: str | None, lang: Lang) -> list[str]:
    materials = item.materials_for(scenario_id)
    if not materials:
        return [_NOT_STATED[lang]]
    lines = [material_line(m, lang, n) for n, m in enumerate(materials, start=1)]
    if any(m.deferrable for m in materials):
        lines.append(
            "标注“可容缺后补”的材料可在受理后补交。"
            if lang == "zh"
            else "Materials marked as deferrable may be handed in after your application is accepted."
        )
    return lines


def _fee(item: Item, lang: Lang) -> list[str]:
    if item.fee is None:
        return [_NOT_STATED[lang]]
    if not item.fee.charged:
        return ["不收费" if lang == "zh" else "Free of charge"]
    lines = []
    for fee in item.fee.items:
        line = f"{fee.name.get(lang)}: {fee.amount}"
        if fee.basis:
            line += f"（{fee.basis.get(lang)}）" if lang == "zh" else f" ({fee.basis.get(lang)})"
        lines.append(line)
    return lines or ["收费，标准请咨询窗口" if lang == "zh" else "Charged; ask the window for the amount"]


def _days(days: int, lang: Lang) -> str:
    if days == 0:
        return "即办（当场办结）" if lang == "zh" else "same day (on the spot)"
    return f"{days}个工作日" if lang == "zh" else f"{days} working day{'s' if days != 1 else ''}"


def _time_limit(item: Item, lang: Lang) -> list[str]:
    zh = lang == "zh"
    lines = []
    limit = item.time_limit
    if limit and limit.promised_days is not None:
        lines.append(("承诺办结时限：" if zh else "Promised: ") + _days(limit.promised_days, lang))
    if limit and limit.statutory_days is not None:
        lines.append(("法定办结时限：" if zh else "Statutory: ") + _days(limit.statutory_days, lang))
    if not lines:
        lines.append(_NOT_STATED[lang])
    if item.visits is not None:
        if item.visits == 0:
            lines.append("全程网办，无需到现场" if zh else "Fully online: no visit needed")
        else:
            lines.append(f"到现场次数：{item.visits}次" if zh else f"Visits in person: {item.visits}")
    return lines


def _location(catalogue: Catalogue, item: Item, lang: Lang) -> list[str]:
    zh = lang == "zh"
    center = catalogue.center
    lines = []
    window = catalogue.window(item.window)
    department = catalogue.department(item.department)
    place = center.name.get(lang)
    if window:
        place += f" {window.name.get(lang)}" if zh else f", {window.name.get(lang)}"
        if window.location:
            place += f"（{window.location.get(lang)}）" if zh else f" ({window.location.get(lang)})"
    lines.append(("办理地点：" if zh else "Where: ") + place)
    if center.address:
        lines.append(("地址：" if zh else "Address: ") + center.address.get(lang))
    if center.hours:
        lines.append(("办公时间：" if zh else "Opening hours: ") + format_hours(center.hours, lang))
    if department:
        lines.append(("实施部门：" if zh else "Department: ") + department.name.get(lang))
    if center.phone:
        lines.append(("咨询电话：" if zh else "Phone: ") + center.phone)
    return lines


def _online(item: Item, lang: Lang) -> list[str]:
    if item.online is None:
        return [_NOT_STATED[lang]]
    if lang == "zh":
        return ["可网上申请" if item.online else "暂不支持网上办理，请到窗口办理"]
    return ["Can be applied for online" if item.online else "Not available online: apply at the window"]


def _section(
    catalogue: Catalogue, item: Item, facet: Facet, lang: Lang, scenario_id: str | None
) -> list[str]:
    if facet is Facet.materials:
        return _materials(item, scenario_id, lang)
    if facet is Facet.fee:
        return _fee(item, lang)
    if facet is Facet.time_limit:
        return _time_limit(item, lang)
    if facet is Facet.location:
        return _location(catalogue, item, lang)
    if facet is Facet.legal_basis:
        return [b.get(lang) for b in item.legal_basis] or [_NOT_STATED[lang]]
    if facet is Facet.process:
        return [f"{n}. {step.get(lang)}" for n, step in enumerate(item.process, start=1)] or [
            _NOT_STATED[lang]
        ]
    if facet is Facet.conditions:
        return [item.conditions.get(lang)] if item.conditions else [_NOT_STATED[lang]]
    return _online(item, lang)


def _is_stated(item: Item, facet: Facet) -> bool:
    """Whether the catalogue says anything about a facet; the full answer skips silent ones."""
    return {
        Facet.materials: True,
        Facet.fee: item.fee is not None,
        Facet.time_limit: item.time_limit is not None or item.visits is not None,
        Facet.location: True,
        Facet.legal_basis: bool(item.legal_basis),
        Facet.process: bool(item.process),
        Facet.conditions: item.conditions is not None,
        Facet.online: item.online is not None,
    }[facet]


_FULL_ORDER = (
    Facet.materials,
    Facet.fee,
    Facet.time_limit,
    Facet.online,
    Facet.location,
    Facet.conditions,
    Facet.process,
    Facet.legal_basis,
)


def build_answer(
    catalogue: Catalogue,
    item: Item,
    lang: Lang,
    scenario_id: str | None = None,
    facets: tuple[Facet, ...] | None = None,
) -> Answer:
    """The complete answer (every stated facet) or only the asked `facets`, in `lang`."""
    scenario = item.scenario(scenario_id)
    title = item.name.get(lang)
    if scenario:
        title += f"（{scenario.name.get(lang)}）" if lang == "zh" else f" ({scenario.name.get(lang)})"
    chosen = facets or tuple(f for f in _FULL_ORDER if _is_stated(item, f))
    sections = [
        Section(facet, _TITLES[facet][lang], _section(catalogue, item, facet, lang, scenario and scenario.id))
        for facet in chosen
    ]
    return Answer(item.id, lang, title, scenario and scenario.id, sections)
