"""Conversation benchmark: per-message latency in-process and over HTTP, and throughput under load.

Run: .venv/bin/python benchmarks/conversation.py [--users 50] [--seconds 30] [--database-url URL]
The conversations are the user turns of the test stories (tests/stories). In-process, one chat at
a time goes through the gateway; over HTTP, a `onewindow serve` process on loopback takes the REST
channel from `--users` simulated users at once, each running story after story. Prints a table.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")


def conversations() -> list[list[str]]:
    from tests.story_runner import load_stories

    return [[turn.text for turn in story.turns] for story in load_stories(ROOT / "tests" / "stories")]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def in_process(database_url: str, rounds: int) -> list[float]:
    """Milliseconds per message through the gateway, one chat at a time."""
    from bot.assistant import build_assistant
    from bot.gateway import InboundMessage
    from knowledge.base import KnowledgeBase
    from knowledge.loader import SAMPLE_CATALOGUE
    from nlu.parser import Parser

    knowledge = KnowledgeBase.build(SAMPLE_CATALOGUE, ROOT / "var", None)
    embedder = knowledge.index.embedder
    parser = Parser.build(ROOT / "var" / "cache", embedder.queries, embedder.model_name)
    gateway = build_assistant(knowledge, parser, database_url).gateway

    async def run() -> list[float]:
        timings = []
        for _ in range(rounds):
            for turns in conversations():
                sender = f"bench-{uuid.uuid4()}"
                for text in turns:
                    start = time.perf_counter()
                    await gateway.reply(InboundMessage("rest", sender, text))
                    timings.append((time.perf_counter() - start) * 1000)
        return timings

    return asyncio.run(run())


def start_server(port: int, database_url: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "ONEWINDOW_DATA_DIR": str(ROOT / "var"), "ONEWINDOW_DATABASE_URL": database_url}
    server = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "onewindow"), "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 600
    while time.time() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                return server
        except httpx.TransportError:
            time.sleep(0.5)
    server.kill()
    raise RuntimeError("the server did not start")


async def load(url: str, users: int, seconds: float) -> tuple[list[float], int, float]:
    """Latencies (ms), errors and the elapsed time of `users` users chatting for `seconds`."""
    stories = conversations()
    timings: list[float] = []
    errors = 0
    stop_at = time.perf_counter() + seconds

    async def user(number: int, client: httpx.AsyncClient) -> None:
        nonlocal errors
        story = number
        while time.perf_counter() < stop_at:
            sender = f"load-{uuid.uuid4()}"
            for text in stories[story % len(stories)]:
                start = time.perf_counter()
                response = await client.post(
                    f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": text}
                )
                timings.append((time.perf_counter() - start) * 1000)
                errors += response.status_code != 200
            story += users

    limits = httpx.Limits(max_connections=users)
    async with httpx.AsyncClient(timeout=60, limits=limits) as client:
        began = time.perf_counter()
        await asyncio.gather(*(user(n, client) for n in range(users)))
        return timings, errors, time.perf_counter() - began


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--users", type=int, default=50)
    options.add_argument("--seconds", type=float, default=30)
    options.add_argument("--rounds", type=int, default=3, help="in-process passes over the stories")
    options.add_argument("--database-url", default=None, help="SQLAlchemy URL (default: a new SQLite file)")
    args = options.parse_args()
    database_url = args.database_url or f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"

    local = in_process(database_url, args.rounds)
    port = 8765
    server = start_server(port, database_url)
    try:
        asyncio.run(load(f"http://127.0.0.1:{port}", 2, 5))  # warm-up
        remote, errors, elapsed = asyncio.run(load(f"http://127.0.0.1:{port}", args.users, args.seconds))
    finally:
        server.terminate()
        server.wait(timeout=30)

    print(f"database: {database_url.split(':')[0]}, {len(conversations())} story scripts\n")
    print("| measure | messages | p50 ms | p95 ms | max ms | messages/s | errors |")
    print("|---|---|---|---|---|---|---|")
    print(
        f"| in-process, one chat at a time | {len(local)} | {statistics.median(local):.1f} "
        f"| {percentile(local, 0.95):.1f} | {max(local):.1f} | {len(local) / (sum(local) / 1000):.0f} | 0 |"
    )
    print(
        f"| HTTP REST, {args.users} users, {args.seconds:.0f} s | {len(remote)} "
        f"| {statistics.median(remote):.1f} | {percentile(remote, 0.95):.1f} | {max(remote):.1f} "
        f"| {len(remote) / elapsed:.0f} | {errors} |"
    )


if __name__ == "__main__":
    main()
