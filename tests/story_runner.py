"""Rasa test stories (`tests/stories/*.yml`) replayed against a brain, turn by turn.

Each `user` step is sent to the brain; the steps after it are compared with what the brain's
tracker recorded for that turn, as `rasa test` compares them: the intent, the exact sequence of
actions and `active_loop` changes (`action_listen` and slot extraction left out), and every
`slot_was_set` value. A turn that lists no actions leaves the path to its replies open (a
classifier may send gibberish to the fallback directly, or through a question). A `bot` step is a text the replies of the turn must contain (Rasa's
end-to-end stories compare it whole; ours check a part, so a story survives rewording).

Two steps go beyond Rasa's format, for what Rasa's stories cannot say: `press: N` is a user turn
that presses the N-th button of the bot's last replies (whatever date a day button carries), and
`wait: MINUTES` moves the story clock on before the next turn (a hold expiring). A user text may
say `{code}` for the last booking code the bot showed.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import yaml

_ANNOTATION = re.compile(r"\[([^\]]+)\]\((\w+)\)")
_NOT_COMPARED = {"action_listen", "action_extract_slots", "action_session_start"}
_BOOKING_CODE = re.compile(r"[A-HJ-NP-Z2-9]{3}-[A-HJ-NP-Z2-9]{3}")
# Stories run on a Monday morning in the sample center's time zone, whatever the date of the run.
STORY_START = dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))


class StoryClock:
    """The stories' time: fixed, moved on only by `wait` steps."""

    def __init__(self, start: dt.datetime = STORY_START):
        self.now = start.astimezone(dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, minutes: float) -> None:
        self.now += dt.timedelta(minutes=minutes)


class StoryBrain(Protocol):
    async def handle(
        self, sender_id: str, text: str, channel: str = "rest", metadata: dict[str, Any] | None = None
    ) -> list[dict[str, Any]]: ...

    async def events(self, sender_id: str) -> list[dict[str, Any]]: ...


@dataclass
class Turn:
    text: str
    intent: str | None
    entities: list[str]
    steps: list[tuple[str, Any]] = field(default_factory=list)  # (kind, value) after the user spoke
    press: int | None = None  # the button pressed instead of typing
    wait: float = 0  # minutes the clock moves on before this turn


@dataclass
class Story:
    name: str
    source: str
    turns: list[Turn]


def load_stories(folder: Path) -> list[Story]:
    stories = []
    for path in sorted(folder.glob("*.yml")):
        content = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for story in content.get("stories", []):
            stories.append(Story(story["story"], path.name, _turns(story["steps"], story["story"])))
    return stories


def _turns(steps: list[dict[str, Any]], name: str) -> list[Turn]:
    turns: list[Turn] = []
    wait = 0.0
    for step in steps:
        if "user" in step:
            text = str(step["user"]).strip()
            entities = [entity for _, entity in _ANNOTATION.findall(text)]
            turns.append(Turn(_ANNOTATION.sub(r"\1", text), step.get("intent"), entities, wait=wait))
            wait = 0.0
        elif "press" in step:
            turns.append(Turn("", step.get("intent"), [], press=int(step["press"]), wait=wait))
            wait = 0.0
        elif "wait" in step:
            wait += float(step["wait"])
        elif not turns:
            raise ValueError(f"story {name!r} must start with a user step")
        elif "action" in step:
            turns[-1].steps.append(("action", step["action"]))
        elif "active_loop" in step:
            turns[-1].steps.append(("active_loop", step["active_loop"]))
        elif "slot_was_set" in step:
            for item in step["slot_was_set"]:
                turns[-1].steps.extend(
                    ("slot", pair) for pair in (item.items() if isinstance(item, dict) else [])
                )
        elif "bot" in step:
            turns[-1].steps.append(("bot", str(step["bot"]).strip()))
        else:
            raise ValueError(f"story {name!r}: unsupported step {step}")
    return turns


def _turn_events(events: list[dict[str, Any]]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The latest user event and everything after it."""
    last = max(i for i, e in enumerate(events) if e.get("event") == "user")
    return events[last], events[last + 1 :]


def _differences(turn: Turn, user: dict[str, Any], after: list[dict[str, Any]]) -> list[str]:
    found: list[str] = []
    parse = user.get("parse_data") or {}
    intent = (parse.get("intent") or {}).get("name")
    if turn.intent and intent != turn.intent:
        found.append(f"intent {intent!r}, expected {turn.intent!r}")
    entities = {e.get("entity") for e in parse.get("entities", [])}
    found += [f"no {name!r} entity" for name in turn.entities if name not in entities]
    expected = [(k, v) for k, v in turn.steps if k in ("action", "active_loop")]
    actual = [
        ("action", e["name"]) if e["event"] == "action" else ("active_loop", e.get("name"))
        for e in after
        if (e["event"] == "action" and e["name"] not in _NOT_COMPARED) or e["event"] == "active_loop"
    ]
    if expected and expected != actual:
        found.append(f"steps {_show(actual)}, expected {_show(expected)}")
    slots: dict[str, Any] = {}
    for event in after:
        if event["event"] == "slot":
            slots[event["name"]] = event.get("value")
    for name, value in (v for k, v in turn.steps if k == "slot"):
        if name not in slots or slots[name] != value:
            found.append(f"slot {name} = {slots.get(name, '(not set)')!r}, expected {value!r}")
    said = "\n".join(e.get("text") or "" for e in after if e["event"] == "bot")
    found += [
        f"no reply contains {text!r}" for kind, text in turn.steps if kind == "bot" and text not in said
    ]
    return found


def _show(steps: list[tuple[str, Any]]) -> str:
    return "[" + ", ".join(v if k == "action" else f"loop:{v}" for k, v in steps) + "]"


async def run_story(
    story: Story, brain_for_turn: Callable[[], Awaitable[StoryBrain]], clock: StoryClock | None = None
) -> list[str]:
    """Replay a story; the differences from what the story expects, as readable lines.

    `brain_for_turn` is awaited before every turn: return the same brain, or a new one on the same
    database to restart the server between every two messages. `clock` is the one the brain's
    appointments read, moved by `wait` steps."""
    sender = f"story-{uuid.uuid4()}"
    problems: list[str] = []
    replies: list[dict[str, Any]] = []
    code = ""
    for number, turn in enumerate(story.turns, start=1):
        brain = await brain_for_turn()
        if turn.wait:
            if clock is None:
                return [f"{story.source} · {story.name}: a `wait` step needs the story clock"]
            clock.advance(turn.wait)
        text = turn.text.replace("{code}", code)
        if turn.press is not None:
            buttons = [b for reply in replies for b in reply.get("buttons") or []]
            if not 1 <= turn.press <= len(buttons):
                problems.append(
                    f"{story.source} · {story.name} · turn {number}: no button {turn.press} to press"
                )
                break
            text = buttons[turn.press - 1]["payload"]
        replies = await brain.handle(sender, text, "rest", {})
        problems += [
            f"{story.source} · {story.name} · turn {number} {text!r}: a reply with nothing to show: {r}"
            for r in replies
            if not r.get("text") and not r.get("buttons")
        ]
        codes = [c for reply in replies for c in _BOOKING_CODE.findall(reply.get("text") or "")]
        code = codes[-1] if codes else code
        user, after = _turn_events(await brain.events(sender))
        problems += [
            f"{story.source} · {story.name} · turn {number} {text!r}: {d}"
            for d in _differences(turn, user, after)
        ]
        if problems:
            break  # later turns would only repeat the first divergence
    return problems
