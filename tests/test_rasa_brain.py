"""The Rasa brain: the same stories on a real Rasa 3.6 server, its actions served by OneWindow.

Sets up (or reuses) the Rasa environment and the model trained on the current nlu/ and bot/
files (`onewindow rasa setup` / `train`; both cached outside the checkout), starts OneWindow's
action endpoint and `rasa run` on loopback, and replays every story through Rasa's REST channel.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import free_port, serving
from tests.story_runner import Story, StoryClock, load_stories, run_story

pytestmark = pytest.mark.rasa
STORIES = load_stories(Path(__file__).parent / "stories")


@pytest.fixture(scope="module")
def model() -> Path:
    from onewindow import rasa_server

    try:
        return rasa_server.train(print)
    except rasa_server.RasaUnavailable as error:
        pytest.skip(f"RASA BRAIN NOT TESTED: {error}")


@contextlib.contextmanager
def rasa_running(model: Path, endpoints: Any, log: Path, port: int | None = None) -> Iterator[str]:
    """`rasa run` on a loopback port with these endpoints; its URL once the model is loaded."""
    from onewindow import rasa_server

    port = port or free_port()
    command = rasa_server.run_command(model, endpoints, "127.0.0.1", port)
    with log.open("w") as output:
        server = subprocess.Popen(command, env=rasa_server.rasa_environment(), stdout=output, stderr=output)
        url = f"http://127.0.0.1:{port}"
        try:
            _wait_for_model(url, server, log, endpoints.token)
            yield url
        finally:
            server.terminate()
            server.wait(timeout=60)


@pytest.fixture(scope="module")
def rasa(model, knowledge, parser, tmp_path_factory) -> Iterator[dict[str, Any]]:
    """A Rasa server and OneWindow's action endpoint on loopback, sharing one SQLite database."""
    from api.app import create_app
    from onewindow import rasa_server
    from onewindow.settings import Settings

    folder, port = tmp_path_factory.mktemp("rasa"), free_port()
    settings = Settings(data_dir=folder, brain="rasa", rasa_url=f"http://127.0.0.1:{port}")
    clock = StoryClock()
    token = settings.kept_secret("action_token")
    with serving(create_app(knowledge, parser, settings, clock)) as actions:
        endpoints = rasa_server.Endpoints(f"{actions}/webhook", token, settings.sqlalchemy_url)
        with rasa_running(model, endpoints, folder / "rasa.log", port) as url:
            yield {
                "url": url,
                "actions": actions,
                "token": token,
                "database": folder / "onewindow.sqlite3",
                "clock": clock,
            }


def _wait_for_model(url: str, server: subprocess.Popen[bytes], log: Path, token: str) -> None:
    deadline = time.time() + 600
    while time.time() < deadline:
        if server.poll() is not None:
            pytest.fail(f"rasa run exited with {server.returncode}:\n{log.read_text()[-3000:]}")
        with contextlib.suppress(httpx.TransportError):
            if httpx.get(f"{url}/status", params={"token": token}, timeout=2).json().get("model_file"):
                return
        time.sleep(1)
    pytest.fail(f"rasa run did not load its model in 10 minutes:\n{log.read_text()[-3000:]}")


@pytest.mark.parametrize("story", STORIES, ids=[f"{s.source}:{s.name}" for s in STORIES])
def test_story_on_rasa(story: Story, rasa: dict[str, Any]) -> None:
    from bot.rasa_brain import RasaBrain

    async def replay() -> list[str]:
        brain = RasaBrain(rasa["url"], rasa["token"])

        async def same() -> RasaBrain:
            return brain

        return await run_story(story, same, rasa["clock"])

    problems = asyncio.run(replay())
    assert not problems, "\n".join(problems)


def test_rasa_keeps_its_trackers_in_onewindows_database(rasa: dict[str, Any]) -> None:
    reply = httpx.post(
        f"{rasa['url']}/webhooks/rest/webhook",
        json={"sender": "db-check", "message": "居住证多少钱"},
        timeout=60,
    ).json()
    assert "【收费】" in reply[0]["text"]
    with sqlite3.connect(rasa["database"]) as connection:
        [(count,)] = connection.execute("SELECT count(*) FROM events WHERE sender_id = 'db-check'")
    assert count > 3


def test_the_retention_period_clears_rasas_trackers_too(rasa: dict[str, Any]) -> None:
    from bot.store import TrackerStore, make_engine

    body = {"sender": "kept-too-long", "message": "我的手机号是13800138000，居住证多少钱"}
    httpx.post(f"{rasa['url']}/webhooks/rest/webhook", json=body, timeout=60)
    store = TrackerStore(make_engine(f"sqlite:///{rasa['database']}"))
    store.forget_before(dt.datetime.now(dt.UTC) - dt.timedelta(days=1))
    count = "SELECT count(*) FROM events WHERE sender_id = 'kept-too-long'"
    with sqlite3.connect(rasa["database"]) as connection:
        assert connection.execute(count).fetchone()[0] > 0, "recent messages stay"
    store.forget_before(dt.datetime.now(dt.UTC) + dt.timedelta(seconds=1))
    with sqlite3.connect(rasa["database"]) as connection:
        assert connection.execute(count).fetchone()[0] == 0


async def _relay(listen_port: int, target_port: int) -> asyncio.AbstractServer:
    """A plain TCP relay: closing it is how the test takes the Rasa server away and brings it back."""

    async def pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with contextlib.suppress(ConnectionError):
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
        writer.close()

    async def connect(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        upstream_reader, upstream_writer = await asyncio.open_connection("127.0.0.1", target_port)
        await asyncio.gather(pipe(reader, upstream_writer), pipe(upstream_reader, writer))

    return await asyncio.start_server(connect, "127.0.0.1", listen_port)


def test_the_gateway_relays_to_rasa_and_survives_it_going_away(knowledge, parser, rasa, tmp_path) -> None:
    from bot.assistant import build_assistant
    from bot.gateway import InboundMessage

    relay_port = free_port()
    relayed = f"http://127.0.0.1:{relay_port}"
    gateway = build_assistant(knowledge, parser, "sqlite://", relayed, rasa_token=rasa["token"]).gateway
    rasa_port = int(rasa["url"].rsplit(":", 1)[1])

    async def scenario() -> None:
        ask = InboundMessage("web", "rasa-outage", "居住证多少钱")
        [down] = await gateway.reply(ask)
        assert "暂时无法使用" in down["text"] and "0451-00000000" in down["text"]
        relay = await _relay(relay_port, rasa_port)
        try:
            up = await gateway.reply(ask)
            assert "【收费】" in up[0]["text"]
            follow = await gateway.reply(InboundMessage("web", "rasa-outage", "要多久"))
            assert follow[0]["text"].startswith("居住证"), "the chat continues on the same item"
            history = await gateway.transcript("rasa-outage")
            assert [line["text"] for line in history if line["from"] == "user"] == ["居住证多少钱", "要多久"]
        finally:
            relay.close()
            await relay.wait_closed()

    asyncio.run(scenario())


def test_serve_on_the_rasa_brain_starts_rasa_and_stops_it_too(rasa: dict[str, Any], tmp_path: Path) -> None:
    """`ONEWINDOW_BRAIN=rasa onewindow serve`, as a user runs it: Rasa comes up, answers through
    OneWindow, and goes when OneWindow is stopped (uvicorn ends on the signal itself)."""
    import os
    import signal
    import sys

    from onewindow.settings import Settings
    from tests.conftest import SHARED_MODEL_DIR

    port, rasa_port = free_port(), free_port()
    token = Settings(data_dir=SHARED_MODEL_DIR).kept_secret("action_token")  # what serve gives its Rasa
    env = {
        **os.environ,
        "ONEWINDOW_BRAIN": "rasa",
        "ONEWINDOW_RASA_URL": f"http://127.0.0.1:{rasa_port}",
        "ONEWINDOW_DATA_DIR": str(SHARED_MODEL_DIR),
        "ONEWINDOW_DATABASE_URL": f"sqlite:///{tmp_path / 'chats.db'}",
    }
    command = [sys.executable, "-m", "onewindow.cli", "serve", "--port", str(port)]
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        rasa_process = None
        deadline = time.time() + 600
        while rasa_process is None and time.time() < deadline:
            with contextlib.suppress(httpx.HTTPError, ValueError):
                status = httpx.get(f"http://127.0.0.1:{rasa_port}/status", params={"token": token}, timeout=2)
                if status.json().get("model_file"):
                    rasa_process = _rasa_serving(rasa_port)
            time.sleep(1)
        assert rasa_process, "serve did not start Rasa in 10 minutes"
        reply = httpx.post(
            f"http://127.0.0.1:{port}/webhooks/rest/webhook",
            json={"sender": "serve-rasa", "message": "社保卡丢了怎么补办"},
            timeout=60,
        ).json()
        assert reply[0]["text"].startswith("社会保障卡"), reply
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
    deadline = time.time() + 30
    while Path(f"/proc/{rasa_process}").exists() and time.time() < deadline:
        time.sleep(0.5)
    assert not Path(f"/proc/{rasa_process}").exists(), "Rasa outlived the server that started it"


def _rasa_serving(port: int) -> int | None:
    """The pid of the `rasa run` serving `port` (found by its command line)."""
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        with contextlib.suppress(OSError):
            words = cmdline.read_bytes().split(b"\0")
            if b"run" in words and any(w.endswith(b"rasa") for w in words) and str(port).encode() in words:
                return int(cmdline.parent.name)
    return None


def _redis_reachable() -> bool:
    import socket

    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", 6379), timeout=2):
        return True
    return False


@pytest.mark.postgres
@pytest.mark.slow
def test_two_rasa_instances_share_chats_through_postgresql_and_the_redis_lock_store(
    model: Path, knowledge, parser, postgres_url: str, tmp_path: Path
) -> None:
    """Behind a load balancer, each message of a chat may reach either instance: the chat goes on
    where the other left it, and messages arriving at both at once are handled one after the other."""
    from concurrent.futures import ThreadPoolExecutor

    from api.app import create_app
    from onewindow import rasa_server
    from onewindow.settings import Settings

    if not _redis_reachable():
        pytest.skip("Redis is not reachable on 127.0.0.1:6379: the lock store can't be tested")
    port = free_port()
    settings = Settings(
        data_dir=tmp_path, database_url=postgres_url, brain="rasa", rasa_url=f"http://127.0.0.1:{port}"
    )
    token = settings.kept_secret("action_token")
    with serving(create_app(knowledge, parser, settings)) as actions:
        redis = "redis://127.0.0.1:6379/0"
        endpoints = rasa_server.Endpoints(f"{actions}/webhook", token, postgres_url, redis)
        with (
            rasa_running(model, endpoints, tmp_path / "a.log", port) as a,
            rasa_running(model, endpoints, tmp_path / "b.log") as b,
        ):

            def say(url: str, sender: str, text: str) -> list[dict[str, Any]]:
                return httpx.post(
                    f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=120
                ).json()

            assert "【收费】" in say(a, "balanced", "居住证多少钱")[0]["text"]
            assert say(b, "balanced", "要多久")[0]["text"].startswith("居住证")

            texts = ["居住证多少钱", "要多久", "在哪办", "社保卡丢了怎么补办", "多少钱", "你好"]
            with ThreadPoolExecutor(len(texts)) as pool:
                list(pool.map(lambda n: say((a, b)[n % 2], "racing", texts[n]), range(len(texts))))
            tracker = httpx.get(f"{a}/conversations/racing/tracker", params={"token": token}, timeout=30)
            events = tracker.json()["events"]
    said = [e["text"] for e in events if e["event"] == "user"]
    assert sorted(said) == sorted(texts), "every message is in the chat once"
    answered = True
    for event in events:
        if event["event"] == "user":
            turns = [e.get("text") or e.get("name") for e in events if e["event"] in ("user", "action")]
            assert answered, (
                f"{event['text']!r} was handled before the message before it was answered: {turns}"
            )
            answered = False
        elif event["event"] == "action" and event["name"] == "action_listen":
            answered = True


TICKETS_SCRIPT = """
import sys
from rasa.utils.endpoints import EndpointConfig
from onewindow_lock_store import SerialRedisLockStore

store = SerialRedisLockStore(EndpointConfig(url="127.0.0.1", type="x", port=6379, db=0, key_prefix=sys.argv[1]))
print(" ".join(str(store.issue_ticket("racing")) for _ in range(40)))
"""


def test_racing_rasa_instances_never_get_the_same_ticket() -> None:
    """Rasa's own Redis lock store hands two instances the same ticket now and then (both then
    handle the chat at once and a message is lost); OneWindow's lock store never does."""
    import uuid

    from onewindow import rasa_server

    if not _redis_reachable():
        pytest.skip("Redis is not reachable on 127.0.0.1:6379: the lock store can't be tested")
    try:
        python = rasa_server.setup(print).parent / "python"
    except rasa_server.RasaUnavailable as error:
        pytest.skip(f"RASA BRAIN NOT TESTED: {error}")
    prefix = uuid.uuid4().hex
    racers = [
        subprocess.Popen([str(python), "-c", TICKETS_SCRIPT, prefix], env=rasa_server.rasa_environment(),
                         stdout=subprocess.PIPE, text=True)
        for _ in range(4)
    ]  # fmt: skip
    tickets = [int(n) for racer in racers for n in racer.communicate(timeout=120)[0].split()]
    assert all(racer.returncode == 0 for racer in racers)
    assert sorted(tickets) == list(range(160)), "every ticket issued once"
