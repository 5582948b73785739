"""The catalogue browser: every item with its complete one clear answer, searchable, in zh and en."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse

from api.pages import page_context, page_lang, templates
from knowledge.schema import Lang

router = APIRouter(include_in_schema=False)

_UI: dict[Lang, dict[str, str]] = {
    "zh": {
        "search": "搜索事项，例如：个体户注册要带什么",
        "search_button": "搜索",
        "item_count": "个事项",
        "not_found": "没有找到与您的问题相符的事项。",
        "call": "请致电",
        "scenarios": "办理情形",
        "general": "通用",
        "back": "返回事项列表",
        "aliases": "又称",
        "faq": "常见问题",
        "updated": "更新于",
        "other": "其他",
    },
    "en": {
        "search": "Search, e.g. how long does a food business licence take",
        "search_button": "Search",
        "item_count": "service items",
        "not_found": "We found no service item for that question.",
        "call": "Please call",
        "scenarios": "Situations",
        "general": "General",
        "back": "Back to all items",
        "aliases": "Also known as",
        "faq": "Frequently asked",
        "updated": "Updated",
        "other": "Other",
    },
}


@router.get("/catalogue", response_class=HTMLResponse)
def catalogue_page(request: Request, q: str = "") -> HTMLResponse:
    lang = page_lang(request)
    knowledge = request.app.state.knowledge
    catalogue = knowledge.catalogue
    groups: dict[str, list[object]] = {}
    for item in catalogue.items:
        department = catalogue.department(item.department)
        title = department.name.get(lang) if department else _UI[lang]["other"]
        groups.setdefault(title, []).append(item)
    result = knowledge.search(q[:500], 8) if q.strip() else None
    return templates.TemplateResponse(
        request,
        "catalogue.html",
        {
            **page_context(request, lang, _UI),
            "groups": groups,
            "q": q,
            "result": result,
            "count": len(catalogue.items),
        },
    )


@router.get("/catalogue/{item_id}", response_class=HTMLResponse)
def item_page(request: Request, item_id: str, scenario: str | None = None) -> HTMLResponse:
    lang = page_lang(request)
    knowledge = request.app.state.knowledge
    item = knowledge.catalogue.item(item_id)
    if item is None:
        raise HTTPException(404, f"no service item {item_id!r}")
    if scenario is not None and item.scenario(scenario) is None:
        scenario = None
    answer = knowledge.answer(item_id, lang, scenario)
    return templates.TemplateResponse(
        request,
        "item.html",
        {**page_context(request, lang, _UI), "item": item, "answer": answer, "scenario": scenario},
    )
