"""The embedded brain: Rasa's dialogue semantics for the rules and forms our definition uses.

Per user message, as Rasa does: parse, store the user event, fill slots from their mappings
(`action_extract_slots`, then the custom `action_validate_slot_mappings`), then predict and run
actions until `action_listen`. Predictions follow Rasa's RulePolicy: a followup action first, then
an active form (which rejects a message that fills nothing, handing it to the rules), then the
rules, then `action_default_fallback`. Custom actions run through rasa_sdk's executor with the
request JSON a Rasa server would send.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import time
from collections import OrderedDict
from typing import Any
from weakref import WeakValueDictionary
from zoneinfo import ZoneInfo

from rasa_sdk.executor import ActionExecutor
from rasa_sdk.interfaces import ActionExecutionRejection
from starlette.concurrency import run_in_threadpool

from bot.conversation import Conversation, Event, action_event, loop_event, slot_event, user_event
from bot.definition import Definition
from bot.privacy import masked
from bot.store import TrackerStore
from nlu.parser import Parser

log = logging.getLogger(__name__)

MAX_ACTIONS_PER_MESSAGE = 10
VALIDATE_SLOT_MAPPINGS = "action_validate_slot_mappings"


class EmbeddedBrain:
    def __init__(
        self,
        definition: Definition,
        parser: Parser,
        executor: ActionExecutor,
        store: TrackerStore,
        timezone: str = "Asia/Shanghai",
        remembered_chats: int = 2000,
    ):
        self.definition = definition
        self.parser = parser
        self.executor = executor
        self.store = store
        self.timezone = ZoneInfo(timezone)
        self.remembered_chats = remembered_chats
        self._recent: OrderedDict[str, tuple[Conversation, int]] = OrderedDict()
        self._locks: WeakValueDictionary[str, asyncio.Lock] = WeakValueDictionary()

    async def handle(
        self, sender_id: str, text: str, channel: str = "rest", metadata: dict[str, Any] | None = None
    ) -> list[dict[str, Any]]:
        """The bot's replies to one user message: Rasa `bot` events' text and data."""
        lock = self._locks.setdefault(sender_id, asyncio.Lock())  # one message of a chat at a time
        async with lock:
            conversation, last_id = await self._conversation(sender_id)
            start = len(conversation.events)
            now = dt.datetime.now(self.timezone)
            parse = await run_in_threadpool(self.parser.parse, text, now, self.definition.intents)
            if parse["intent"]["name"] == "restart":
                conversation.apply({"event": "restart", "timestamp": now.timestamp()})
            conversation.apply(user_event(text, parse, channel, metadata or {}))
            await self._extract_slots(conversation)
            await self._predict_and_run(conversation)
            new_events = conversation.events[start:]
            last_id = await run_in_threadpool(self.store.append, sender_id, new_events) or last_id
            self._remember(sender_id, conversation, last_id)
            return [
                {"text": e.get("text"), **(e.get("data") or {})}
                for e in new_events
                if e.get("event") == "bot"
            ]

    async def tell(self, sender_id: str, messages: list[dict[str, Any]]) -> None:
        """Add the bot's messages to a chat outside any turn (a staff decision, say)."""
        async with self._locks.setdefault(sender_id, asyncio.Lock()):
            conversation, last_id = await self._conversation(sender_id)
            said = [_bot_event(m) | {"timestamp": time.time()} for m in messages]
            for event in said:
                conversation.apply(event)
            last_id = await run_in_threadpool(self.store.append, sender_id, said) or last_id
            self._remember(sender_id, conversation, last_id)

    async def events(self, sender_id: str) -> list[Event]:
        """The stored events of a conversation."""
        events, _ = await run_in_threadpool(self.store.load, sender_id)
        return events

    async def _conversation(self, sender_id: str) -> tuple[Conversation, int]:
        """The chat's state and its last stored row: the remembered state brought up to date
        (another process may have handled the chat), or rebuilt from the store.

        It is taken out of memory while a message is handled, so a failure leaves the store as
        the only truth."""
        conversation, last_id = self._recent.pop(sender_id, (None, 0))
        newer, last_id = await run_in_threadpool(self.store.load, sender_id, last_id)
        if conversation is None:
            return Conversation(sender_id, self.definition, newer), last_id
        for event in newer:
            conversation.apply(event)
        return conversation, last_id

    def _remember(self, sender_id: str, conversation: Conversation, last_id: int) -> None:
        self._recent[sender_id] = (conversation, last_id)
        while len(self._recent) > self.remembered_chats:
            self._recent.popitem(last=False)

    # --- slot filling -------------------------------------------------------------------------

    def _mapping_applies(self, mapping: dict[str, Any], conversation: Conversation) -> bool:
        intent = conversation.latest_message.get("intent", {}).get("name")
        if intent in mapping.get("not_intent", []):
            return False
        if mapping.get("intent") and intent not in _as_list(mapping["intent"]):
            return False
        conditions = mapping.get("conditions")
        if not conditions:
            return True
        return any(
            c.get("active_loop") == conversation.active_loop
            and ("requested_slot" not in c or c["requested_slot"] == conversation.slots.get("requested_slot"))
            for c in conditions
        )

    async def _extract_slots(self, conversation: Conversation) -> None:
        """Rasa's `action_extract_slots`: predefined mappings, then the custom validation action."""
        message = conversation.latest_message
        events: list[Event] = []
        for slot, spec in self.definition.slots.items():
            for mapping in spec.get("mappings", []):
                if not self._mapping_applies(mapping, conversation):
                    continue
                kind = mapping.get("type")
                value: Any = None
                if kind == "from_entity":
                    value = next(
                        (
                            e["value"]
                            for e in message.get("entities", [])
                            if e.get("entity") == mapping["entity"]
                        ),
                        None,
                    )
                elif kind == "from_text":
                    value = message.get("text")
                elif kind == "from_intent":
                    value = mapping.get("value")
                if value is not None:
                    if value != conversation.slots.get(slot):
                        events.append(slot_event(slot, value))
                    break
        conversation.apply(action_event("action_extract_slots"))
        for event in events:
            conversation.apply(event)
        if VALIDATE_SLOT_MAPPINGS in self.definition.actions:
            for event in await self._run_custom(VALIDATE_SLOT_MAPPINGS, conversation, record=False):
                conversation.apply(event)

    # --- prediction ---------------------------------------------------------------------------

    def _rule_prediction(self, conversation: Conversation) -> str | None:
        """The next action of the most specific rule that matches what happened since the user spoke."""
        intent = conversation.latest_message.get("intent", {}).get("name")
        done = [a for a in conversation.actions_since_last_user() if a not in _SLOT_ACTIONS]
        found: list[tuple[int, str]] = []
        for rule in self.definition.rules:
            loop = next((c["active_loop"] for c in rule.conditions if "active_loop" in c), _ANY)
            actions = rule.actions()
            if rule.intent is None:  # a loop's completion: [loop, then ...]
                completed = conversation.active_loop is None and done and done[-1] == loop
                if completed and actions and actions[0] == loop:
                    found.append((2, actions[1] if len(actions) > 1 else "action_listen"))
                continue
            if rule.intent != intent or (loop is not _ANY and loop != conversation.loop_at_user):
                continue
            if not all(_slots_match(c, conversation) for c in rule.conditions):
                continue
            if actions[: len(done)] == done:
                found.append(
                    (
                        int(loop is not _ANY),
                        actions[len(done)] if len(done) < len(actions) else "action_listen",
                    )
                )
        return max(found, key=lambda f: f[0])[1] if found else None

    async def _predict_and_run(self, conversation: Conversation) -> None:
        rejected_loop = False
        for _ in range(MAX_ACTIONS_PER_MESSAGE):
            if conversation.followup_action:
                action = conversation.followup_action
            elif conversation.active_loop and not rejected_loop and _just_spoke(conversation):
                action = conversation.active_loop
            else:
                action = self._rule_prediction(conversation)
                if action is None:
                    done = conversation.actions_since_last_user()
                    action = (
                        "action_default_fallback" if done == ["action_extract_slots"] else "action_listen"
                    )
            if action == "action_listen":
                conversation.apply(action_event("action_listen"))
                return
            try:
                await self._run(action, conversation)
            except ActionExecutionRejection:
                conversation.apply({"event": "action_execution_rejected", "name": action, "timestamp": 0.0})
                rejected_loop = True
        log.warning(
            "conversation %s: stopped after %d actions",
            masked(conversation.sender_id),
            MAX_ACTIONS_PER_MESSAGE,
        )
        conversation.apply(action_event("action_listen"))

    # --- running actions ----------------------------------------------------------------------

    async def _run(self, action: str, conversation: Conversation) -> None:
        if action in self.definition.forms:
            await self._run_form(action, conversation)
        elif action in self.definition.responses:
            conversation.apply(action_event(action))
            conversation.apply(self._utter(action, conversation))
        elif action == "action_deactivate_loop":
            conversation.apply(action_event(action))
            conversation.apply(loop_event(None))
            conversation.apply(slot_event("requested_slot", None))
        elif action == "action_restart":
            conversation.apply(action_event(action))
            conversation.apply({"event": "restart", "timestamp": 0.0})
        else:
            for event in await self._run_custom(action, conversation):
                conversation.apply(event)

    def _utter(self, response: str, conversation: Conversation) -> Event:
        """A response variation as Rasa picks it: the first whose slot conditions hold."""
        variations = self.definition.responses[response]
        for variation in variations:
            conditions = variation.get("condition", [])
            if conditions and all(conversation.slots.get(c["name"]) == c["value"] for c in conditions):
                return _bot_event(variation)
        return _bot_event(next((v for v in variations if not v.get("condition")), variations[0]))

    async def _run_custom(self, action: str, conversation: Conversation, record: bool = True) -> list[Event]:
        """Run a rasa_sdk action with the payload a Rasa server sends; its messages become bot events."""
        payload = {
            "next_action": action,
            "sender_id": conversation.sender_id,
            "tracker": conversation.as_rasa_tracker(),
            "domain": self.definition.as_rasa_domain(),
            "version": "3.6.21",
        }
        result = await self.executor.run(payload)
        events: list[Event] = [action_event(action)] if record else []
        response = result.model_dump() if hasattr(result, "model_dump") else dict(result or {})
        for message in response.get("responses", []):
            named = message.get("response")
            events.append(
                self._utter(named, conversation)
                if named in self.definition.responses
                else _bot_event(message)
            )
        events += response.get("events", [])
        return events

    async def _run_form(self, form: str, conversation: Conversation) -> None:
        """Rasa's FormAction: activate, validate through `validate_<form>`, ask or finish."""
        activating = conversation.active_loop != form
        requested = conversation.slots.get("requested_slot")
        if not activating and not _just_spoke(conversation):  # back after an interruption: ask again
            conversation.apply(action_event(form))
            await self._ask(form, requested, conversation)
            return
        if not activating:
            filled = [
                e
                for e in conversation.since_last_user()
                if e.get("event") == "slot" and e.get("name") == requested
            ]
            if requested and not filled:
                raise ActionExecutionRejection(form, f"no value for {requested}")
        conversation.apply(action_event(form))
        if activating:
            conversation.apply(loop_event(form))
        validator = f"validate_{form}"
        required = list(self.definition.forms[form].get("required_slots", []))
        if validator in self.definition.actions:
            # Rasa hands the validator its slot candidates as the last events of the tracker.
            recent = {
                e["name"]: e["value"]
                for e in conversation.since_last_user()
                if e.get("event") == "slot" and e.get("name") in required
            }
            if activating:
                prefilled = {
                    s: conversation.slots[s] for s in required if conversation.slots.get(s) is not None
                }
                recent = prefilled | recent
            for name, value in recent.items():
                conversation.apply(slot_event(name, value))
            for event in await self._run_custom(validator, conversation, record=False):
                conversation.apply(event)
        missing = next((s for s in required if conversation.slots.get(s) is None), None)
        if missing is None:
            conversation.apply(loop_event(None))
            conversation.apply(slot_event("requested_slot", None))
            return
        conversation.apply(slot_event("requested_slot", missing))
        await self._ask(form, missing, conversation)

    async def _ask(self, form: str, slot: str | None, conversation: Conversation) -> None:
        """Ask for a form's slot with `utter_ask_…` or `action_ask_…`, as Rasa looks them up."""
        if slot is None:
            return
        missing = slot
        for name in (f"utter_ask_{form}_{missing}", f"utter_ask_{missing}"):
            if name in self.definition.responses:
                conversation.apply(self._utter(name, conversation))
                return
        for name in (f"action_ask_{form}_{missing}", f"action_ask_{missing}"):
            if name in self.definition.actions:
                for event in await self._run_custom(name, conversation, record=False):
                    conversation.apply(event)
                return


_ANY = object()
_SLOT_ACTIONS = ("action_extract_slots",)


def _just_spoke(conversation: Conversation) -> bool:
    """Whether nothing but slot filling has happened since the user's message."""
    return all(a in _SLOT_ACTIONS for a in conversation.actions_since_last_user())


def _slots_match(condition: dict[str, Any], conversation: Conversation) -> bool:
    expected = condition.get("slot_was_set", [])
    return all(conversation.slots.get(k) == v for item in expected for k, v in item.items())


def _bot_event(message: dict[str, Any]) -> Event:
    data = {k: message[k] for k in ("buttons", "custom", "image", "attachment") if message.get(k)}
    return {"event": "bot", "timestamp": 0.0, "text": message.get("text"), "data": data}


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]
