"""The public statistics (阳光公示) at `/stats`: weekly counts and medians, no personal data."""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from api.pages import page_context, page_lang, templates
from bot.store import utc
from knowledge.schema import Lang

router = APIRouter()
WEEKS = 8
_UI: dict[Lang, dict[str, str]] = {
    "zh": {
        "title": "阳光公示 · 服务数据",
        "week": "周（起始日）",
        "chats": "咨询对话",
        "handoffs": "转人工",
        "wait": "人工等待中位数",
        "rating": "满意度（评价数）",
        "prereviews": "材料预审",
        "bookings": "预约",
        "note": "按自然周统计，每小时更新；不含任何个人信息。",
        "minutes": "分钟",
    },
    "en": {
        "title": "Open statistics",
        "week": "Week (from)",
        "chats": "Chats",
        "handoffs": "To staff",
        "wait": "Median wait for staff",
        "rating": "Satisfaction (ratings)",
        "prereviews": "Pre-reviews",
        "bookings": "Bookings",
        "note": "Calendar weeks; no personal data.",
        "minutes": "min",
    },
}


def weekly(state: Any, now: dt.datetime) -> list[dict[str, Any]]:
    """The last WEEKS calendar weeks in the center's time zone, newest first."""
    zone = ZoneInfo(state.knowledge.catalogue.center.timezone)
    today = now.astimezone(zone).date()
    first = today - dt.timedelta(days=today.weekday() + 7 * (WEEKS - 1))
    since = dt.datetime.combine(first, dt.time(), zone).astimezone(dt.UTC)  # SQLite compares naive UTC

    def week_of(moment: dt.datetime) -> dt.date:
        day = utc(moment).astimezone(zone).date()
        return day - dt.timedelta(days=day.weekday())

    handoffs, chats = state.handoff.records.since(since)
    counts: defaultdict[dt.date, dict[str, Any]] = defaultdict(lambda: defaultdict(int))
    waits: defaultdict[dt.date, list[float]] = defaultdict(list)
    ratings: defaultdict[dt.date, list[int]] = defaultdict(list)
    for moment in chats:
        counts[week_of(moment)]["chats"] += 1
    for handoff in handoffs:
        week = week_of(handoff.created_at)
        if handoff.status in ("waiting", "active", "closed"):  # callbacks are counted apart
            counts[week]["handoffs"] += 1
        if handoff.claimed_at is not None and handoff.reason != "staff":
            waits[week].append((utc(handoff.claimed_at) - utc(handoff.created_at)).total_seconds() / 60)
        if handoff.rating:
            ratings[week].append(handoff.rating)
    for moment in state.desk.store.submitted_since(since):
        counts[week_of(moment)]["prereviews"] += 1
    for moment in state.book.records.booked_since(since):
        counts[week_of(moment)]["bookings"] += 1
    rows = []
    for n in range(WEEKS):
        week = first + dt.timedelta(days=7 * n)
        rows.append({
            "week": week.isoformat(),
            **{key: counts[week][key] for key in ("chats", "handoffs", "prereviews", "bookings")},
            "median_wait_minutes": round(statistics.median(waits[week]), 1) if waits[week] else None,
            "satisfaction": round(statistics.mean(ratings[week]), 2) if ratings[week] else None,
            "ratings": len(ratings[week]),
        })  # fmt: skip
    return rows[::-1]


@router.get("/api/stats")
async def stats(request: Request) -> dict[str, Any]:
    return {"weeks": await run_in_threadpool(weekly, request.app.state, dt.datetime.now(dt.UTC))}


@router.get("/stats", response_class=HTMLResponse, include_in_schema=False)
async def stats_page(request: Request) -> HTMLResponse:
    lang = page_lang(request)
    rows = await run_in_threadpool(weekly, request.app.state, dt.datetime.now(dt.UTC))
    return templates.TemplateResponse(
        request, "stats.html", {**page_context(request, lang, _UI), "rows": rows}
    )
