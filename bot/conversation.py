"""A conversation's state, derived from its Rasa events the way Rasa's tracker derives it."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from bot.definition import Definition

Event = dict[str, Any]


def user_event(text: str, parse_data: dict[str, Any], channel: str, metadata: dict[str, Any]) -> Event:
    return {
        "event": "user",
        "timestamp": time.time(),
        "text": text,
        "parse_data": parse_data,
        "input_channel": channel,
        "metadata": metadata,
    }


def action_event(name: str, policy: str = "RulePolicy") -> Event:
    return {"event": "action", "timestamp": time.time(), "name": name, "policy": policy, "confidence": 1.0}


def slot_event(name: str, value: Any) -> Event:
    return {"event": "slot", "timestamp": time.time(), "name": name, "value": value}


def loop_event(name: str | None) -> Event:
    return {"event": "active_loop", "timestamp": time.time(), "name": name}


@dataclass
class Conversation:
    sender_id: str
    definition: Definition
    events: list[Event] = field(default_factory=list)
    slots: dict[str, Any] = field(default_factory=dict)
    active_loop: str | None = None
    followup_action: str | None = None
    latest_message: dict[str, Any] = field(default_factory=dict)
    latest_action_name: str | None = None
    latest_channel: str | None = None
    loop_at_user: str | None = None  # the active loop when the user last spoke

    def __post_init__(self) -> None:
        events, self.events = self.events, []
        self.slots = self.definition.initial_slots()
        for event in events:
            self.apply(event)

    def apply(self, event: Event) -> None:
        self.events.append(event)
        kind = event.get("event")
        if kind == "user":
            self.latest_message = {**event.get("parse_data", {}), "text": event.get("text")}
            self.latest_message["metadata"] = event.get("metadata", {})
            self.latest_channel = event.get("input_channel")
            self.loop_at_user = self.active_loop
        elif kind == "slot" and event.get("name") in self.slots:
            self.slots[event["name"]] = event.get("value")
        elif kind == "active_loop":
            self.active_loop = event.get("name")
        elif kind == "followup":
            self.followup_action = event.get("name")
        elif kind == "action":
            self.latest_action_name = event.get("name")
            if self.followup_action == event.get("name"):
                self.followup_action = None
        elif kind == "restart":
            self.slots = self.definition.initial_slots()
            self.active_loop = None
            self.followup_action = None
        elif kind == "reset_slots":
            self.slots = self.definition.initial_slots()

    def since_last_user(self) -> list[Event]:
        for index in range(len(self.events) - 1, -1, -1):
            if self.events[index].get("event") == "user":
                return self.events[index + 1 :]
        return list(self.events)

    def actions_since_last_user(self) -> list[str]:
        return [e["name"] for e in self.since_last_user() if e.get("event") == "action"]

    def as_rasa_tracker(self) -> dict[str, Any]:
        """The tracker JSON a Rasa server sends to the action server."""
        return {
            "sender_id": self.sender_id,
            "slots": dict(self.slots),
            "latest_message": self.latest_message,
            "latest_event_time": self.events[-1]["timestamp"] if self.events else None,
            "followup_action": self.followup_action,
            "paused": False,
            "events": list(self.events),
            "latest_input_channel": self.latest_channel,
            "active_loop": {"name": self.active_loop} if self.active_loop else {},
            "latest_action": {"action_name": self.latest_action_name} if self.latest_action_name else {},
            "latest_action_name": self.latest_action_name,
        }


def transcript(events: list[Event], limit: int = 200) -> list[dict[str, Any]]:
    """What the user saw of a conversation: their messages (a button shows its title) and the bot's,
    each `at` the time of its turn."""
    lines: list[dict[str, Any]] = []
    at = 0.0
    for event in events:
        kind = event.get("event")
        at = event.get("timestamp") or at  # the embedded brain's replies carry their turn's time
        if kind == "user":
            metadata = event.get("metadata") or {}
            text = event.get("text") or ""
            line = {"from": "user", "text": metadata.get("title") or text, "at": at}
            if metadata.get("message_id"):
                line["id"] = metadata["message_id"]
            lines.append(line)
        elif kind == "bot":
            data = event.get("data") or {}
            lines.append(
                {"from": "bot", "text": event.get("text"), "buttons": data.get("buttons") or [], "at": at}
            )
    return lines[-limit:]
