"""The handoff service: triggers put a chat in the queue, staff claim and answer it, then close it.

Everything said while staff hold a chat is kept as handoff lines (the brain is not asked), and
goes live through the relay: to the citizen's open pages on topic `chat:<sender>`, to the
console on topic `staff`.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import math
import re
import statistics
from dataclasses import dataclass
from typing import Any

from bot.appointments.book import Clock, system_clock
from bot.appointments.calendar import HolidayDataMissing, OpeningCalendar
from bot.handoff.records import OPEN, Handoff, HandoffLine, HandoffRecords, Status
from bot.handoff.relay import Relay
from bot.handoff.wording import OUTCOMES, TEXT
from bot.prereview.rules import phones
from bot.store import utc
from knowledge.answer import format_hours
from knowledge.schema import Catalogue, Lang

STAFF_TOPIC = "staff"
DEFAULT_HANDLING_MINUTES = 4.0
_CANCEL = {"取消", "算了", "不用了", "退出", "cancel", "stop", "quit", "/stop"}
_RATE = re.compile(r"^/rate(\{.*\})?$")
_DIGITS = re.compile(r"\+?\d[\d\s\-]{5,}\d")
_NAME_NOISE = re.compile(r"我叫|我是|姓名|名字|[:：,，;；。.!！\s]+")


class HandoffConflict(RuntimeError):
    """The change lost a race or is not allowed now; the message says why, for staff."""


@dataclass(frozen=True)
class StaffMember:
    username: str
    name: str
    role: str = "agent"  # agent | admin
    capacity: int = 5

    @property
    def admin(self) -> bool:
        return self.role == "admin"


@dataclass(frozen=True)
class Queued:
    ahead: int
    minutes: int
    new: bool  # False: the chat was already waiting


@dataclass(frozen=True)
class OutOfHours:
    hours: str
    next_open: str


@dataclass(frozen=True)
class WithStaff:
    """The chat is already with a member of staff: the bot keeps quiet."""


Requested = Queued | OutOfHours | WithStaff


def chat_topic(sender: str) -> str:
    return f"chat:{sender}"


def line_view(line: HandoffLine) -> dict[str, Any]:
    """A handoff line as a transcript line."""
    view: dict[str, Any] = {"from": line.author, "text": line.text, "at": line.at}
    if line.buttons:
        view["buttons"] = line.buttons
    if line.staff_name:
        view["staff"] = line.staff_name
    if line.message_id:
        view["id"] = line.message_id
    return view


class HandoffDesk:
    def __init__(
        self,
        catalogue: Catalogue,
        records: HandoffRecords,
        relay: Relay,
        clock: Clock = system_clock,
        always_open: bool = False,
    ):
        self.always_open = always_open  # staff answer chats around the clock, not only in opening hours
        self.catalogue = catalogue
        self.records = records
        self.relay = relay
        self.clock = clock
        self.calendar = OpeningCalendar(catalogue.center)

    # --- opening hours -----------------------------------------------------------------------

    def _hours_on(self, day: dt.date) -> list[tuple[dt.time, dt.time]]:
        try:
            return self.calendar.hours_on(day)
        except HolidayDataMissing:  # past the holiday data: an ordinary week is the best guess
            return self.calendar.week.get(day.weekday(), [])

    def is_open(self) -> bool:
        if self.always_open:
            return True
        now = self.clock().astimezone(self.calendar.zone)
        return any(opens <= now.time() < closes for opens, closes in self._hours_on(now.date()))

    def next_opening(self, lang: Lang) -> str:
        now = self.clock().astimezone(self.calendar.zone)
        for offset in range(0, 31):
            day = now.date() + dt.timedelta(days=offset)
            for opens, _ in self._hours_on(day):
                start = dt.datetime.combine(day, opens, self.calendar.zone)
                if start > now:
                    return start.strftime("%m月%d日 %H:%M" if lang == "zh" else "on %d %b at %H:%M")
        return "下一个工作日" if lang == "zh" else "on the next working day"

    # --- the citizen's side --------------------------------------------------------------------

    async def request(
        self,
        sender: str,
        channel: str,
        lang: Lang,
        reason: str,
        item: str | None = None,
        name: str | None = None,
    ) -> Requested:
        """Hand the chat over (a compare-and-swap: only a chat still with the bot is handed over)."""
        status = Status.waiting if self.is_open() else Status.collecting
        handoff = await asyncio.to_thread(self.records.open, sender, channel, lang, reason, item, status)
        if handoff is None:
            existing = await asyncio.to_thread(self.records.open_of, sender)
            if existing is None or existing.status == Status.active:
                return WithStaff()
            if existing.status == Status.collecting:
                return self._out_of_hours(lang)
            ahead, minutes = await self._place(existing)
            return Queued(ahead, minutes, new=False)
        await asyncio.to_thread(self._stop_asking_rating, sender)
        if status == Status.collecting:
            if name:
                await asyncio.to_thread(
                    self.records.change, handoff.id, [Status.collecting], callback_name=name
                )
            return self._out_of_hours(lang)
        await self._queue_changed()
        ahead, minutes = await self._place(handoff)
        return Queued(ahead, minutes, new=True)

    def _out_of_hours(self, lang: Lang) -> OutOfHours:
        return OutOfHours(format_hours(self.catalogue.center.hours, lang), self.next_opening(lang))

    async def intercept(
        self, sender: str, text: str, metadata: dict[str, Any]
    ) -> list[dict[str, Any]] | None:
        """The replies when the handoff takes this message (none while staff hold the chat), or
        None when the bot should answer it."""
        handoff = await asyncio.to_thread(self.records.open_of, sender)
        said = (metadata.get("title") or text)[:2000]
        message_id = metadata.get("message_id")
        if handoff is not None:
            line = await asyncio.to_thread(
                self.records.add_line, handoff, "user", said, None, None, message_id
            )
            if await asyncio.to_thread(self.records.open_of, sender) is None:  # closed meanwhile
                await asyncio.to_thread(self.records.drop_line, line.id)
                return await self.intercept(sender, text, metadata)
            if handoff.status == Status.collecting:
                return await self._take_callback(handoff, text)
            leaving = handoff.status == Status.waiting and text.strip().lower() in _CANCEL
            if leaving and await asyncio.to_thread(self._left, handoff, Status.waiting):
                await self._queue_changed()
                return await self._say(handoff, TEXT["left_queue"])
            await self._to_staff(handoff, {"from": "user", "text": said, "at": _epoch()})
            return []
        rating = await asyncio.to_thread(self.records.asking_rating, sender)
        rate = _RATE.match(text.strip())
        if rating is None:
            if rate is None:
                return None
            return [{"text": TEXT["stale_rating"]["en" if metadata.get("lang") == "en" else "zh"]}]
        return await self._take_rating(rating, text, said, rate, message_id)

    async def _take_rating(
        self, handoff: Handoff, text: str, said: str, rate: re.Match[str] | None, message_id: str | None
    ) -> list[dict[str, Any]] | None:
        lang = _lang(handoff)
        score = _score(rate.group(1) if rate else None) if rate else None
        if rate is None and handoff.rating_state == "comment" and not text.startswith("/"):
            await asyncio.to_thread(self.records.add_line, handoff, "user", said, None, None, message_id)
            await asyncio.to_thread(
                self.records.change, handoff.id, [Status.closed], comment=said[:1000], rating_state=None
            )
            return await self._say(handoff, TEXT["rated"])
        if rate is None:  # the citizen moved on: the question goes to the bot
            await asyncio.to_thread(self.records.change, handoff.id, [Status.closed], rating_state=None)
            return None
        await asyncio.to_thread(self.records.add_line, handoff, "user", said, None, None, message_id)
        if score is None:  # "skip"
            await asyncio.to_thread(self.records.change, handoff.id, [Status.closed], rating_state=None)
            return await self._say(handoff, TEXT["rated"])
        low = score <= 3
        await asyncio.to_thread(
            self.records.change,
            handoff.id,
            [Status.closed],
            rating=score,
            rating_state="comment" if low else None,
        )
        if low:
            skip = [{"title": TEXT["skip"][lang], "payload": '/rate{"skip": true}'}]
            return await self._say(handoff, TEXT["ask_comment"], buttons=skip)
        return await self._say(handoff, TEXT["rated"])

    async def _take_callback(self, handoff: Handoff, text: str) -> list[dict[str, Any]]:
        lang = _lang(handoff)
        if text.strip().lower() in _CANCEL:
            await asyncio.to_thread(self._left, handoff, Status.collecting)
            return await self._say(handoff, TEXT["callback_cancelled"])
        digits = _DIGITS.search(text)
        found = phones(digits.group()) if digits else []
        if not digits or not found:
            return await self._say(handoff, TEXT["callback_again"])
        before, after = text[: digits.start()], text[digits.end() :]
        name = _NAME_NOISE.sub(" ", before).strip()[:100] or handoff.callback_name or "-"
        topic = re.sub(r"^[\s,，;；:：。.]+|事由[:：]?", "", after).strip()[:500] or TEXT["no_topic"][lang]
        phone = found[0].value
        await asyncio.to_thread(
            self.records.change,
            handoff.id,
            [Status.collecting],
            status=Status.callback,
            callback_name=name,
            callback_phone=phone,
            callback_topic=topic,
            closed_at=_now(),
        )
        await self.relay.publish(STAFF_TOPIC, {"type": "queue"})
        return await self._say(handoff, _filled(TEXT["callback_taken"], name=name, phone=phone, topic=topic,
                                                next=self.next_opening(_lang(handoff))))  # fmt: skip

    async def _say(
        self, handoff: Handoff, text: dict[Lang, str], buttons: list[dict[str, str]] | None = None
    ) -> list[dict[str, Any]]:
        """A system reply in the chat, kept in its history."""
        said = text[_lang(handoff)]
        await asyncio.to_thread(self.records.add_line, handoff, "system", said, None, buttons)
        return [{"text": said, "buttons": buttons or []}]

    def _left(self, handoff: Handoff, status: Status) -> bool:
        """The citizen gave up waiting or asking for a callback: the chat is the bot's again."""
        return self.records.change(
            handoff.id, [status], status=Status.closed, outcome="user_left", closed_at=_now()
        )

    def _stop_asking_rating(self, sender: str) -> None:
        asking = self.records.asking_rating(sender)
        if asking is not None:
            self.records.change(asking.id, [Status.closed], rating_state=None)

    # --- the queue -----------------------------------------------------------------------------

    async def _place(self, handoff: Handoff) -> tuple[int, int]:
        waiting = await asyncio.to_thread(self.records.listed, [Status.waiting])
        ahead = next((n for n, h in enumerate(waiting) if h.id == handoff.id), len(waiting))
        return ahead, await asyncio.to_thread(self._estimate, ahead)

    def _estimate(self, ahead: int) -> int:
        """Minutes until a member of staff is free: recent chats' handling time, shared by the staff now serving."""
        recent = [
            (h.closed_at - h.claimed_at).total_seconds() / 60
            for h in self.records.recently_closed(20)
            if h.claimed_at and h.closed_at
        ]
        handling = statistics.median(recent) if recent else DEFAULT_HANDLING_MINUTES
        serving = max(1, len({h.agent for h in self.records.listed([Status.active])}))
        return max(1, math.ceil((ahead + 1) * handling / serving))

    async def _queue_changed(self) -> None:
        """Tell the console, and every waiting citizen their new place."""
        await self.relay.publish(STAFF_TOPIC, {"type": "queue"})
        waiting = await asyncio.to_thread(self.records.listed, [Status.waiting])
        for ahead, handoff in enumerate(waiting):
            minutes = await asyncio.to_thread(self._estimate, ahead)
            text = TEXT["position"][_lang(handoff)].format(ahead=ahead, minutes=minutes)
            frame = {"type": "queue", "ahead": ahead, "minutes": minutes, "text": text}
            await self.relay.publish(chat_topic(handoff.sender_id), frame)

    async def _to_staff(self, handoff: Handoff, line: dict[str, Any]) -> None:
        await self.relay.publish(
            STAFF_TOPIC, {"type": "line", "handoff": handoff.id, "agent": handoff.agent, "line": line}
        )

    async def _to_citizen(
        self,
        handoff: Handoff,
        author: str,
        text: dict[Lang, str] | str,
        staff: StaffMember | None = None,
        buttons: list[dict[str, str]] | None = None,
    ) -> None:
        """Say something to the citizen, keep it in the history, and show it to staff."""
        said = text if isinstance(text, str) else text[_lang(handoff)]
        name = staff.name if staff and author == "staff" else None
        line = await asyncio.to_thread(self.records.add_line, handoff, author, said, name, buttons)
        frame: dict[str, Any] = {"type": "bot", "text": said, "buttons": buttons or []}
        if name:
            frame["staff"] = name
        await self.relay.publish(chat_topic(handoff.sender_id), frame)
        await self._to_staff(handoff, line_view(line))

    # --- the staff's side ------------------------------------------------------------------------

    async def seen(self, sender: str, channel: str, lang: str) -> None:
        await asyncio.to_thread(self.records.seen, sender, channel, lang)

    def get(self, handoff_id: int) -> Handoff:
        handoff = self.records.get(handoff_id)
        if handoff is None:
            raise HandoffConflict("没有这个会话")
        return handoff

    def may_see(self, handoff: Handoff, staff: StaffMember) -> bool:
        """An agent sees the queue and their own chats; an admin sees every chat."""
        return staff.admin or handoff.status == Status.waiting or handoff.agent == staff.username

    async def claim(self, handoff_id: int, staff: StaffMember) -> Handoff:
        if not await asyncio.to_thread(self.records.claim, handoff_id, staff.username, staff.capacity):
            handoff = await asyncio.to_thread(self.get, handoff_id)
            if handoff.status == Status.waiting:
                raise HandoffConflict(f"您已同时接待 {staff.capacity} 个会话，请先结束一个")
            raise HandoffConflict("这个会话已被同事接入或已结束")
        return await self._joined(handoff_id, staff, "claim", TEXT["claimed"])

    async def take(self, sender: str, staff: StaffMember) -> Handoff:
        """Staff pick a chat the bot is having: it is handed over only if still with the bot."""
        if await asyncio.to_thread(self.records.load, staff.username) >= staff.capacity:
            raise HandoffConflict(f"您已同时接待 {staff.capacity} 个会话，请先结束一个")
        chat = await asyncio.to_thread(self.records.live_chat, sender)
        if chat is None:
            raise HandoffConflict("没有这个对话")
        handoff = await asyncio.to_thread(
            self.records.open, sender, chat.channel, chat.lang, "staff", None, Status.active, staff.username
        )
        if handoff is None:
            raise HandoffConflict("这个对话已在人工服务中")
        await asyncio.to_thread(self._stop_asking_rating, sender)
        await self._queue_changed()
        return await self._joined(handoff.id, staff, "take", TEXT["claimed"])

    async def _joined(
        self, handoff_id: int, staff: StaffMember, action: str, text: dict[Lang, str]
    ) -> Handoff:
        handoff = await asyncio.to_thread(self.get, handoff_id)
        await asyncio.to_thread(self.records.audit, staff.username, action, f"handoff {handoff_id}")
        await self._changed(handoff, _filled(text, name=staff.name))
        return handoff

    async def _change_owned(
        self, handoff: Handoff, staff: StaffMember, action: str, detail: str | None = None, **values: Any
    ) -> None:
        """Change a chat staff hold, if they still hold it (a compare-and-swap), and audit it."""
        if not await asyncio.to_thread(
            self.records.change, handoff.id, [Status.active], handoff.agent, **values
        ):
            raise HandoffConflict("这个会话已不在您名下")
        await asyncio.to_thread(self.records.audit, staff.username, action, f"handoff {handoff.id}", detail)

    async def _changed(
        self, handoff: Handoff, text: dict[Lang, str], buttons: list[dict[str, str]] | None = None
    ) -> None:
        """Tell the citizen what happened, then the console and everyone waiting."""
        await self._to_citizen(handoff, "system", text, buttons=buttons)
        await self._queue_changed()
        await self.relay.publish(STAFF_TOPIC, {"type": "handoff", "handoff": handoff.id})

    async def release(self, handoff_id: int, staff: StaffMember) -> None:
        handoff = await self._owned(handoff_id, staff)
        await self._change_owned(
            handoff, staff, "release", status=Status.waiting, agent=None, claimed_at=None
        )
        ahead, _ = await self._place(handoff)
        await self._changed(handoff, _filled(TEXT["released"], ahead=ahead))

    async def transfer(self, handoff_id: int, staff: StaffMember, to: StaffMember) -> None:
        handoff = await self._owned(handoff_id, staff)
        if await asyncio.to_thread(self.records.load, to.username) >= to.capacity:
            raise HandoffConflict(f"{to.name} 的会话已满")
        await self._change_owned(handoff, staff, "transfer", to.username, agent=to.username)
        await self._changed(handoff, _filled(TEXT["transferred"], name=to.name))

    async def reply(self, handoff_id: int, staff: StaffMember, text: str) -> None:
        handoff = await self._owned(handoff_id, staff)
        await asyncio.to_thread(self.records.audit, staff.username, "reply", f"handoff {handoff_id}")
        await self._to_citizen(handoff, "staff", text.strip()[:4000], staff)

    async def note(self, handoff_id: int, staff: StaffMember, text: str) -> None:
        handoff = await asyncio.to_thread(self.get, handoff_id)
        if not self.may_see(handoff, staff):
            raise HandoffConflict("无权查看这个会话")
        line = await asyncio.to_thread(
            self.records.add_line, handoff, "note", text.strip()[:4000], staff.name
        )
        await asyncio.to_thread(self.records.audit, staff.username, "note", f"handoff {handoff_id}")
        await self._to_staff(handoff, line_view(line))

    async def typing(self, handoff_id: int, staff: StaffMember) -> None:
        handoff = await self._owned(handoff_id, staff)
        await self.relay.publish(chat_topic(handoff.sender_id), {"type": "typing", "on": True})

    async def close(self, handoff_id: int, staff: StaffMember, outcome: str) -> None:
        if outcome not in OUTCOMES:
            raise HandoffConflict(f"未知的结果：{outcome}")
        handoff = await self._owned(handoff_id, staff)
        await self._change_owned(
            handoff, staff, "close", outcome, status=Status.closed, outcome=outcome, closed_at=_now(),
            rating_state="asked",
        )  # fmt: skip
        stars = [{"title": "⭐" * n, "payload": f'/rate{{"score": {n}}}'} for n in range(5, 0, -1)]
        await self._changed(handoff, TEXT["closed"], stars)

    async def callback_done(self, handoff_id: int, staff: StaffMember) -> None:
        if not await asyncio.to_thread(
            self.records.change, handoff_id, [Status.callback], status=Status.called, agent=staff.username
        ):
            raise HandoffConflict("这个回电任务已处理")
        await asyncio.to_thread(self.records.audit, staff.username, "callback_done", f"handoff {handoff_id}")
        await self.relay.publish(STAFF_TOPIC, {"type": "queue"})

    async def _owned(self, handoff_id: int, staff: StaffMember) -> Handoff:
        handoff = await asyncio.to_thread(self.get, handoff_id)
        if handoff.status != Status.active or (handoff.agent != staff.username and not staff.admin):
            raise HandoffConflict("这个会话不在您名下（请先接入）")
        return handoff

    def queue(self, staff: StaffMember, live_minutes: int = 30) -> dict[str, Any]:
        """What the console lists: waiting (oldest first), chats with staff, bot chats, callbacks."""
        now = _now()
        waiting = self.records.listed([Status.waiting])
        active = self.records.listed([Status.active], None if staff.admin else staff.username)
        open_chats = {h.sender_id for h in self.records.listed(OPEN)}
        live = [
            c
            for c in self.records.live(now - dt.timedelta(minutes=live_minutes))
            if c.sender_id not in open_chats
        ]
        return {
            "waiting": [
                {**self._summary(h), "waited_seconds": _seconds(now, h.created_at), "position": n}
                for n, h in enumerate(waiting)
            ],
            "active": [
                {
                    **self._summary(h),
                    "agent": h.agent,
                    "since_seconds": _seconds(now, h.claimed_at or h.created_at),
                }
                for h in active
            ],
            "live": [
                {
                    "sender": c.sender_id,
                    "channel": c.channel,
                    "lang": c.lang,
                    "idle_seconds": _seconds(now, c.last_seen),
                }
                for c in live
            ],
            "callbacks": [
                {
                    "id": h.id,
                    "name": h.callback_name,
                    "phone": h.callback_phone,
                    "topic": h.callback_topic,
                    "lang": h.lang,
                    "created_at": utc(h.created_at).isoformat(),
                }
                for h in self.records.listed([Status.callback])
            ],
        }

    def _summary(self, handoff: Handoff) -> dict[str, Any]:
        item = self.catalogue.item(handoff.item or "")
        return {
            "id": handoff.id,
            "sender": handoff.sender_id,
            "channel": handoff.channel,
            "lang": handoff.lang,
            "reason": handoff.reason,
            "item": handoff.item,
            "item_name": item.name.get(_lang(handoff)) if item else None,
        }

    def details(self, handoff: Handoff) -> dict[str, Any]:
        return {
            **self._summary(handoff),
            "status": handoff.status,
            "agent": handoff.agent,
            "created_at": utc(handoff.created_at).isoformat(),
            "outcome": handoff.outcome,
            "rating": handoff.rating,
            "comment": handoff.comment,
        }

    def lines(self, sender: str, with_notes: bool = False) -> list[dict[str, Any]]:
        return [line_view(line) for line in self.records.lines(sender, with_notes)]


def _filled(text: dict[Lang, str], **values: Any) -> dict[Lang, str]:
    return {lang: wording.format(**values) for lang, wording in text.items()}


def _lang(handoff: Handoff) -> Lang:
    return "en" if handoff.lang == "en" else "zh"


def _score(payload: str | None) -> int | None:
    """The score of a `/rate{"score": N}` button, None for skip."""
    found = re.search(r'"score"\s*:\s*([1-5])', payload or "")
    return int(found.group(1)) if found else None


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _epoch() -> float:
    return _now().timestamp()


def _seconds(now: dt.datetime, then: dt.datetime) -> int:
    return max(0, int((now - utc(then)).total_seconds()))
