"""Catalogue JSON endpoints: search and an item's one clear answer."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel

from api.metrics import SEARCHES
from knowledge.answer import Facet
from knowledge.base import KnowledgeBase
from knowledge.schema import Lang
from knowledge.text import language_of

router = APIRouter(prefix="/api/catalogue", tags=["catalogue"])

MAX_QUERY = 500


class SearchHit(BaseModel):
    id: str
    name: str
    score: float


class SearchResponse(BaseModel):
    results: list[SearchHit]
    out_of_scope: bool


class AnswerSection(BaseModel):
    facet: Facet
    title: str
    lines: list[str]


class AnswerResponse(BaseModel):
    item: str
    scenario: str | None
    lang: Lang
    title: str
    sections: list[AnswerSection]
    text: str


def _knowledge(request: Request) -> KnowledgeBase:
    return request.app.state.knowledge


@router.get("/search", response_model=SearchResponse)
async def search(
    request: Request,
    q: Annotated[str, Query(max_length=MAX_QUERY, description="the question, in Chinese or English")],
    k: Annotated[int, Query(ge=1, le=50)] = 5,
) -> SearchResponse:
    result = await run_in_threadpool(_knowledge(request).search, q, k)
    SEARCHES.labels(str(result.out_of_scope).lower()).inc()
    lang = language_of(q)
    return SearchResponse(
        results=[SearchHit(id=h.item_id, name=h.name.get(lang), score=h.score) for h in result.hits],
        out_of_scope=result.out_of_scope,
    )


@router.get("/items/{item_id}", response_model=AnswerResponse)
def item_answer(
    request: Request,
    item_id: str,
    lang: Lang = "zh",
    scenario: str | None = None,
    facet: Annotated[list[Facet] | None, Query()] = None,
) -> AnswerResponse:
    knowledge = _knowledge(request)
    item = knowledge.catalogue.item(item_id)
    if item is None:
        raise HTTPException(404, f"no service item {item_id!r} in the catalogue")
    if scenario is not None and item.scenario(scenario) is None:
        known = ", ".join(s.id for s in item.scenarios) or "none"
        raise HTTPException(404, f"item {item_id!r} has no scenario {scenario!r} (scenarios: {known})")
    answer = knowledge.answer(item_id, lang, scenario, tuple(facet) if facet else None)
    return AnswerResponse(
        item=answer.item_id,
        scenario=answer.scenario_id,
        lang=lang,
        title=answer.title,
        sections=[AnswerSection(facet=s.facet, title=s.title, lines=s.lines) for s in answer.sections],
        text=answer.text,
    )
