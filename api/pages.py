"""What every server-rendered page shares: the templates, the page language and the site frame."""

from __future__ import annotations

from pathlib import Path

from fastapi import Request
from fastapi.templating import Jinja2Templates

from knowledge.answer import format_hours
from knowledge.schema import Lang

templates = Jinja2Templates(directory=Path(__file__).parent / "templates")

_FRAME: dict[Lang, dict[str, str]] = {
    "zh": {"chat": "智能咨询", "catalogue": "办事指南", "other_lang": "English", "hours": "办公时间"},
    "en": {"chat": "Ask us", "catalogue": "Service guide", "other_lang": "中文", "hours": "Opening hours"},
}


def page_lang(request: Request) -> Lang:
    return "en" if request.query_params.get("lang") == "en" else "zh"


def page_context(request: Request, lang: Lang, ui: dict[Lang, dict[str, str]]) -> dict[str, object]:
    """The template context of the site frame (center, hours, language switch) plus a page's own strings."""
    catalogue = request.app.state.knowledge.catalogue
    return {
        "lang": lang,
        "other": "en" if lang == "zh" else "zh",
        "ui": _FRAME[lang] | ui[lang],
        "center": catalogue.center,
        "hours": format_hours(catalogue.center.hours, lang),
    }
