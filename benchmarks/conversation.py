"""Conversation benchmark: per-message latency in-process and over HTTP, and throughput under load.

Run: .venv/bin/python benchmarks/conversation.py [--users 50] [--seconds 30] [--think 0.75]
The conversations are the user turns of the test stories (tests/stories). In-process, one chat at
a time goes through the gateway: the first pass meets every text for the first time, later passes
repeat them (recent query vectors are kept in memory). Over HTTP, a `onewindow serve` process on
loopback takes the REST channel from `--users` simulated users at once, each running story after
story: with `--think` seconds between a reply and the next message (people read and type), on one
server process and on two (`serve --workers 2`, one per core), and with no think time (the
saturation point). Prints a table.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from benchmarks.appointments import LOAD_FROM_ONE_ADDRESS  # noqa: E402


def conversations() -> list[list[str]]:
    from tests.story_runner import load_stories

    return [[turn.text for turn in story.turns] for story in load_stories(ROOT / "tests" / "stories")]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def in_process(database_url: str, rounds: int) -> list[list[float]]:
    """Milliseconds per message through the gateway, one chat at a time, per pass over the stories."""
    from bot.assistant import build_assistant
    from bot.gateway import InboundMessage
    from knowledge.base import KnowledgeBase
    from knowledge.loader import SAMPLE_CATALOGUE
    from nlu.parser import Parser

    knowledge = KnowledgeBase.build(SAMPLE_CATALOGUE, ROOT / "var", None)
    embedder = knowledge.index.embedder
    parser = Parser.build(ROOT / "var" / "cache", embedder.queries, embedder.model_name)
    gateway = build_assistant(knowledge, parser, database_url).gateway

    async def run() -> list[list[float]]:
        passes = []
        for _ in range(rounds):
            timings = []
            for turns in conversations():
                sender = f"bench-{uuid.uuid4()}"
                for text in turns:
                    start = time.perf_counter()
                    await gateway.reply(InboundMessage("rest", sender, text))
                    timings.append((time.perf_counter() - start) * 1000)
            passes.append(timings)
        return passes

    return asyncio.run(run())


def start_server(
    port: int, database_url: str, workers: int = 1, settings: dict[str, str] | None = None
) -> subprocess.Popen[bytes]:
    """`onewindow serve` on loopback, once it answers; `settings` are extra ONEWINDOW_ variables."""
    env = {
        **os.environ,
        "ONEWINDOW_DATA_DIR": str(ROOT / "var"),
        "ONEWINDOW_DATABASE_URL": database_url,
        **LOAD_FROM_ONE_ADDRESS,
        **(settings or {}),
    }
    server = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "onewindow"), "serve", "--port", str(port), "--workers", str(workers)],
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


async def load(url: str, users: int, seconds: float, think: float) -> tuple[list[float], int, float]:
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
                try:
                    response = await client.post(
                        f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": text}
                    )
                    errors += response.status_code != 200
                except httpx.TransportError:
                    errors += 1
                timings.append((time.perf_counter() - start) * 1000)
                await asyncio.sleep(think)
            story += users

    limits = httpx.Limits(max_connections=users)
    async with httpx.AsyncClient(timeout=60, limits=limits) as client:
        began = time.perf_counter()
        # Users start spread over one think time, as people do, not all in the same millisecond.
        await asyncio.gather(*(_after(n * think / users, user(n, client)) for n in range(users)))
        return timings, errors, time.perf_counter() - began


async def _after(delay: float, work: Awaitable[None]) -> None:
    await asyncio.sleep(delay)
    await work


def row(name: str, timings: list[float], per_second: float, errors: int = 0) -> str:
    return (
        f"| {name} | {len(timings)} | {statistics.median(timings):.1f} | {percentile(timings, 0.95):.1f} "
        f"| {max(timings):.1f} | {per_second:.0f} | {errors} |"
    )


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--users", type=int, default=50)
    options.add_argument("--seconds", type=float, default=30)
    options.add_argument(
        "--think", type=float, default=0.75, help="seconds between a reply and the next message"
    )
    options.add_argument("--rounds", type=int, default=3, help="in-process passes over the stories")
    options.add_argument("--database-url", default=None, help="SQLAlchemy URL (default: a new SQLite file)")
    args = options.parse_args()
    database_url = args.database_url or f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"

    first, *later = in_process(database_url, args.rounds)
    repeated = [t for timings in later for t in timings]
    port, url = 8765, "http://127.0.0.1:8765"
    remote = []
    gc.freeze()  # the load generator's own pauses are not the server's latency
    for workers, runs in ((1, (args.think,)), (2, (args.think, 0.0))):
        server = start_server(port, database_url, workers)
        try:
            asyncio.run(load(url, 2, 5, 0))  # warm-up
            for think in runs:
                name = f"HTTP REST, {args.users} users, {workers} worker{'s' if workers > 1 else ''}, "
                name += f"{think:g} s think time" if think else "no think time"
                remote.append((name, asyncio.run(load(url, args.users, args.seconds, think))))
        finally:
            server.terminate()
            server.wait(timeout=60)

    print(
        f"database: {database_url.split(':')[0]}, {len(conversations())} story scripts, {args.seconds:g} s per load run\n"
    )
    print("| measure | messages | p50 ms | p95 ms | max ms | messages/s | errors |")
    print("|---|---|---|---|---|---|---|")
    for name, timings in (
        ("in-process, first pass (new texts)", first),
        ("in-process, later passes", repeated),
    ):
        if timings:
            print(row(name, timings, len(timings) / (sum(timings) / 1000)))
    for name, (timings, errors, elapsed) in remote:
        print(row(name, timings, len(timings) / elapsed, errors))


if __name__ == "__main__":
    main()
