"""Appointments benchmark: slot search latency, and bookings per second with 50 concurrent clients
over HTTP against `onewindow serve --workers 2`, on SQLite and on PostgreSQL.

Run: .venv/bin/python benchmarks/appointments.py [--bookings 1000] [--clients 50] [--no-postgres]
The hall is tests/test_appointments.py's small one (open every day), with 50 counters so that
most attempts find a seat. PostgreSQL is 127.0.0.1:5432 (trust). Prints Markdown tables.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.prereview import percentile  # noqa: E402
from bot.throttle import RATES  # noqa: E402
from tests.test_appointments import hall_catalogue  # noqa: E402

# The load of a benchmark comes from one address, which the rate limits would stop in seconds.
LOAD_FROM_ONE_ADDRESS = {"ONEWINDOW_RATE_LIMITS": json.dumps({kind: "10000000/minute" for kind in RATES})}


@contextmanager
def postgres_database() -> Iterator[str]:
    import psycopg

    name = f"onewindow_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
        try:
            yield f"postgresql://postgres@127.0.0.1:5432/{name}"
        finally:
            admin.execute(f"DROP DATABASE {name} WITH (FORCE)")


@contextmanager
def server(database_url: str, catalogue: Path, workers: int, **more_env: str) -> Iterator[str]:
    port = 18000 + random.randrange(1000)
    env = {
        **more_env,
        **os.environ,
        "ONEWINDOW_DATA_DIR": str(ROOT / "var"),
        "ONEWINDOW_CATALOGUE": str(catalogue),
        "ONEWINDOW_DATABASE_URL": database_url,
        "ONEWINDOW_BOOKING_MAX_ACTIVE": "100000",
        "HF_HUB_OFFLINE": "1",
        **LOAD_FROM_ONE_ADDRESS,
    }
    command = [sys.executable, "-m", "onewindow.cli", "serve", "--port", str(port), "--workers", str(workers)]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                httpx.get(f"{url}/health", timeout=2).raise_for_status()
                break
            except httpx.HTTPError:
                time.sleep(0.5)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=60)


async def book_many(url: str, bookings: int, clients: int) -> tuple[list[float], float, dict[int, int]]:
    """`bookings` POSTs from `clients` at once; their latencies (ms), the wall time and status codes."""
    async with httpx.AsyncClient(base_url=url, timeout=120) as client:
        days = (await client.get("/api/appointments/slots", params={"item": "item-1"})).json()["days"]
        starts = []
        for day in days[1:]:
            slots = (
                await client.get("/api/appointments/slots", params={"item": "item-1", "date": day["date"]})
            ).json()
            starts += [s["start"] for s in slots["slots"]]
        queue = list(range(bookings))
        timings: list[float] = []
        codes: dict[int, int] = {}

        async def one_client() -> None:
            while queue:
                n = queue.pop()
                body = {
                    "item": f"item-{n % 4 + 1}",
                    "start": random.choice(starts),
                    "name": "张三",
                    "phone": f"139{n:08d}",
                }
                began = time.perf_counter()
                response = await client.post("/api/appointments", json=body)
                timings.append((time.perf_counter() - began) * 1000)
                codes[response.status_code] = codes.get(response.status_code, 0) + 1

        began = time.perf_counter()
        await asyncio.gather(*(one_client() for _ in range(clients)))
        return timings, time.perf_counter() - began, codes


async def search_latency(url: str, rounds: int) -> tuple[list[float], list[float]]:
    """Milliseconds for the days with free seats, and for one day's free slots."""
    async with httpx.AsyncClient(base_url=url, timeout=60) as client:
        days_ms, day_ms = [], []
        date = (await client.get("/api/appointments/slots", params={"item": "item-1"})).json()["days"][1][
            "date"
        ]
        for _ in range(rounds):
            began = time.perf_counter()
            (await client.get("/api/appointments/slots", params={"item": "item-1"})).raise_for_status()
            days_ms.append((time.perf_counter() - began) * 1000)
            began = time.perf_counter()
            (
                await client.get("/api/appointments/slots", params={"item": "item-1", "date": date})
            ).raise_for_status()
            day_ms.append((time.perf_counter() - began) * 1000)
        return days_ms, day_ms


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--bookings", type=int, default=1000)
    options.add_argument("--clients", type=int, default=50)
    options.add_argument("--workers", type=int, default=2)
    options.add_argument("--no-postgres", action="store_true")
    arguments = options.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="onewindow-bench-"))
    catalogue = folder / "hall.yml"
    catalogue.write_text(yaml.safe_dump(hall_catalogue(counters=50), allow_unicode=True), encoding="utf-8")
    databases = [("SQLite", lambda: _sqlite(folder))]
    if not arguments.no_postgres:
        databases.append(("PostgreSQL", postgres_database))
    rows = []
    for name, database in databases:
        with database() as url, server(url, catalogue, arguments.workers) as base:
            timings, wall, codes = asyncio.run(book_many(base, arguments.bookings, arguments.clients))
            days_ms, day_ms = asyncio.run(search_latency(base, 100))
        rows.append((name, timings, wall, codes, days_ms, day_ms))
    print(
        f"{arguments.bookings} bookings, {arguments.clients} concurrent clients, {arguments.workers} server processes\n"
    )
    print(
        "| database | bookings/s | p50 ms | p95 ms | responses | free days p50/p95 ms | a day's slots p50/p95 ms |"
    )
    print("|---|---|---|---|---|---|---|")
    for name, timings, wall, codes, days_ms, day_ms in rows:
        booked = codes.get(201, 0)
        print(
            f"| {name} | {booked / wall:.0f} | {statistics.median(timings):.0f} | {percentile(timings, 0.95):.0f} "
            f"| {', '.join(f'{k}: {v}' for k, v in sorted(codes.items()))} "
            f"| {statistics.median(days_ms):.1f} / {percentile(days_ms, 0.95):.1f} "
            f"| {statistics.median(day_ms):.1f} / {percentile(day_ms, 0.95):.1f} |"
        )


@contextmanager
def _sqlite(folder: Path) -> Iterator[str]:
    yield f"sqlite:///{folder / 'bench.sqlite3'}"


if __name__ == "__main__":
    main()
