"""Handoff benchmark: live relay latency citizen → staff → citizen with 20 chats held by staff, on
one server process (in-process relay, SQLite) and across two (PostgreSQL and Redis pub/sub).

Run: .venv/bin/python benchmarks/handoff.py [--chats 20] [--messages 10] [--no-two]
Each citizen is a web chat socket on the first process; the console's socket and its replies
go to the last one. Measured: a citizen's message until the console's socket has it, and a
staff reply's POST until the citizen's socket has it. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import httpx
import websockets

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.appointments import postgres_database, server  # noqa: E402
from benchmarks.prereview import percentile  # noqa: E402
from knowledge.loader import SAMPLE_CATALOGUE  # noqa: E402

PASSWORD = "benchmark-password"


async def _until(socket: Any, wanted: Any) -> dict[str, Any]:
    while True:
        frame = json.loads(await asyncio.wait_for(socket.recv(), 60))
        if wanted(frame):
            return frame


async def measure(
    citizen_url: str, staff_url: str, chats: int, messages: int
) -> tuple[list[float], list[float]]:
    """(citizen → staff ms, staff → citizen ms) over `chats` chats of `messages` exchanges each."""
    async with httpx.AsyncClient(base_url=staff_url, timeout=60) as staff:
        await staff.post("/staff/login", data={"username": "bench", "password": PASSWORD})
        csrf = (await staff.get("/staff")).text.split('name="csrf-token" content="')[1].split('"')[0]
        cookie = f"onewindow_staff={staff.cookies['onewindow_staff']}"
        ws = staff_url.replace("http", "ws")
        console = await websockets.connect(
            f"{ws}/ws/staff", additional_headers={"Cookie": cookie, "Origin": staff_url}
        )
        citizens, handoffs = [], []
        for _ in range(chats):
            socket = await websockets.connect(f"{citizen_url.replace('http', 'ws')}/ws/chat")
            await socket.send(json.dumps({"type": "message", "id": "0", "text": "转人工"}))
            await _until(socket, lambda f: f["type"] == "done")
            queue = (await staff.get("/api/staff/queue")).json()["waiting"]
            handoff = next(w["id"] for w in queue if w["id"] not in handoffs)  # the one chat now waiting
            await staff.post(f"/api/staff/handoffs/{handoff}/claim", headers={"X-CSRF-Token": csrf})
            await _until(socket, lambda f: f["type"] == "bot")  # "工作人员已接入"
            citizens.append(socket)
            handoffs.append(handoff)
        inbound: dict[tuple[int, str], asyncio.Future[float]] = {}

        async def read_console() -> None:
            async for raw in console:
                frame = json.loads(raw)
                key = (frame.get("handoff"), (frame.get("line") or {}).get("text"))
                if frame.get("type") == "line" and key in inbound and not inbound[key].done():
                    inbound[key].set_result(time.perf_counter())

        reader = asyncio.create_task(read_console())
        to_staff: list[float] = []
        to_citizen: list[float] = []

        async def converse(socket: Any, handoff: int) -> None:
            for n in range(messages):
                text = f"问题{n}-{uuid.uuid4().hex[:6]}"
                inbound[(handoff, text)] = asyncio.get_running_loop().create_future()
                start = time.perf_counter()
                await socket.send(json.dumps({"type": "message", "id": text, "text": text}))
                to_staff.append((await asyncio.wait_for(inbound[(handoff, text)], 60) - start) * 1000)
                answer = f"答复{n}-{uuid.uuid4().hex[:6]}"
                start = time.perf_counter()
                await staff.post(f"/api/staff/handoffs/{handoff}/reply", json={"text": answer},
                                 headers={"X-CSRF-Token": csrf})  # fmt: skip
                await _until(socket, lambda f, answer=answer: f["type"] == "bot" and f["text"] == answer)
                to_citizen.append((time.perf_counter() - start) * 1000)

        await asyncio.gather(*(converse(s, h) for s, h in zip(citizens, handoffs, strict=True)))
        reader.cancel()
        for socket in (*citizens, console):
            await socket.close()
    return to_staff, to_citizen


def add_staff(env: dict[str, str]) -> None:
    command = [sys.executable, "-m", "onewindow.cli", "staff", "add", "bench", "--role", "admin",
               "--capacity", "50", "--password", PASSWORD]  # fmt: skip
    subprocess.run(command, env={**os.environ, **env}, check=True, capture_output=True)


def row(name: str, to_staff: list[float], to_citizen: list[float]) -> str:
    def cell(values: list[float]) -> str:
        return f"{statistics.median(values):.1f} / {percentile(values, 95):.1f}"

    return f"| {name} | {len(to_staff)} | {cell(to_staff)} | {cell(to_citizen)} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--chats", type=int, default=20)
    parser.add_argument("--messages", type=int, default=10)
    parser.add_argument("--no-two", action="store_true", help="skip the two-process run")
    args = parser.parse_args()
    rows = []
    always = {"ONEWINDOW_HANDOFF_HOURS": "always"}
    with tempfile.TemporaryDirectory() as folder:
        database = f"sqlite:///{folder}/onewindow.sqlite3"
        add_staff({"ONEWINDOW_DATABASE_URL": database, "ONEWINDOW_DATA_DIR": str(ROOT / "var")})
        with server(database, SAMPLE_CATALOGUE, 1, **always) as url:
            rows.append(
                row(
                    "one process, in-process relay, SQLite",
                    *asyncio.run(measure(url, url, args.chats, args.messages)),
                )
            )
    if not args.no_two:
        with postgres_database() as database, ExitStack() as stack:
            add_staff({"ONEWINDOW_DATABASE_URL": database, "ONEWINDOW_DATA_DIR": str(ROOT / "var")})
            redis = {**always, "ONEWINDOW_REDIS_URL": "redis://127.0.0.1:6379/0"}
            first = stack.enter_context(server(database, SAMPLE_CATALOGUE, 1, **redis))
            second = stack.enter_context(server(database, SAMPLE_CATALOGUE, 1, **redis))
            measured = asyncio.run(measure(first, second, args.chats, args.messages))
            rows.append(row("two processes, Redis relay, PostgreSQL", *measured))
    print(f"{args.chats} chats held by staff, {args.messages} exchanges each, all chats at once\n")
    print("| setup | exchanges | citizen → staff p50 / p95 ms | staff → citizen p50 / p95 ms |")
    print("|---|---|---|---|")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
