"""Shared fixtures: the provisioned default model, the sample knowledge base, a live server."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot.throttle import RATES

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data"
SHARED_MODEL_DIR = ROOT / "var"  # `make test` provisions the default model here first
# Servers for tests of other things take a test run's pace; tests of the limits use the defaults.
RELAXED_LIMITS = {kind: "100000/minute" for kind in RATES}


@pytest.fixture(scope="session")
def model_path() -> str:
    from knowledge.base import resolve_model

    return resolve_model(None, SHARED_MODEL_DIR)


@pytest.fixture(scope="session")
def embedder(model_path: str, tmp_path_factory: pytest.TempPathFactory):
    from knowledge.embeddings import Embedder

    return Embedder(model_path, cache_dir=tmp_path_factory.mktemp("cache"))


@pytest.fixture(scope="session")
def knowledge(model_path: str, tmp_path_factory: pytest.TempPathFactory):
    from knowledge.base import KnowledgeBase
    from knowledge.loader import SAMPLE_CATALOGUE

    data_dir = tmp_path_factory.mktemp("data")
    return KnowledgeBase.build(SAMPLE_CATALOGUE, data_dir, model_path)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def parser(knowledge, tmp_path_factory: pytest.TempPathFactory):
    from nlu.parser import Parser

    embedder = knowledge.index.embedder
    return Parser.build(tmp_path_factory.mktemp("nlu"), embedder.queries, embedder.model_name)


@contextlib.contextmanager
def serving(app, port: int | None = None) -> Iterator[str]:
    """Serve an application with uvicorn on a loopback port in a thread; yields its base URL."""
    import uvicorn

    port = port or free_port()
    instance = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.time() + 30
    while not instance.started:
        if time.time() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        instance.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def served(knowledge, parser, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """The real application served by uvicorn on a loopback port: its URL and settings."""
    from api.app import create_app
    from onewindow.settings import Settings

    settings = Settings(data_dir=tmp_path_factory.mktemp("server"), rate_limits=RELAXED_LIMITS)
    with serving(create_app(knowledge, parser, settings)) as url:
        yield {"url": url, "settings": settings}


@pytest.fixture(scope="session")
def server(served: dict[str, Any]) -> str:
    return served["url"]


@pytest.fixture(scope="session")
def action_endpoint(knowledge, parser, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server set up for the Rasa brain (no Rasa behind it): the action endpoint's URL with its token."""
    from api.app import create_app
    from onewindow.settings import Settings

    settings = Settings(
        data_dir=tmp_path_factory.mktemp("actions"), brain="rasa", rasa_url=f"http://127.0.0.1:{free_port()}"
    )
    with serving(create_app(knowledge, parser, settings)) as url:
        yield f"{url}/webhook?token={settings.kept_secret('action_token')}"


def staff_headers(settings: Any, username: str = "wang.fang", role: str = "admin") -> dict[str, str]:
    """A member of staff of this server's database, and the headers of their own API token."""
    from api.staff_accounts import StaffAccounts
    from bot.store import make_engine

    accounts = StaffAccounts(make_engine(settings.sqlalchemy_url))
    accounts.add(username, username, "correct horse battery", role)
    return {"Authorization": f"Bearer {accounts.issue_token(username, 'tests')}"}


@pytest.fixture(scope="session")
def staff(served: dict[str, Any]) -> dict[str, str]:
    """The API headers of an administrator, wang.fang, of the shared server."""
    return staff_headers(served["settings"])


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture
def browser():
    """Headless Chromium (Debian's chromium driven by Playwright)."""
    executable = chromium_path()
    if executable is None:
        pytest.skip("Debian's chromium is not installed (make browser installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=executable,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic"],
        )
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    """A phone-sized page in Chinese."""
    return browser.new_context(viewport={"width": 420, "height": 900}, locale="zh-CN").new_page()


@contextlib.contextmanager
def onewindow_serve(env: dict[str, str], workers: int = 1) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """`onewindow serve` as a user starts it, with these environment variables; its URL once healthy."""
    port = free_port()
    command = [sys.executable, "-m", "onewindow.cli", "serve", "--port", str(port), "--workers", str(workers)]
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.time() + 300
        while True:
            try:
                httpx.get(f"http://127.0.0.1:{port}/health", timeout=2).raise_for_status()
                break
            except httpx.HTTPError:
                if time.time() > deadline or server.poll() is not None:
                    pytest.fail(
                        f"the server did not start: {server.stderr.read()[-3000:] if server.stderr else ''}"
                    )
                time.sleep(1)
        yield f"http://127.0.0.1:{port}", server
    finally:
        if server.poll() is None:
            server.terminate()
            server.wait(timeout=60)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Each database OneWindow runs on: a SQLite file, then (where it runs) PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'onewindow.sqlite3'}"
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A new, empty PostgreSQL database on 127.0.0.1:5432, dropped afterwards."""
    import psycopg

    name = f"onewindow_test_{uuid.uuid4().hex[:12]}"
    try:
        admin = psycopg.connect(
            "postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True, connect_timeout=3
        )
    except psycopg.OperationalError as error:
        pytest.skip(f"PostgreSQL is not reachable on 127.0.0.1:5432 ({error})")
    with admin:
        admin.execute(f"CREATE DATABASE {name}")
        try:
            yield f"postgresql://postgres@127.0.0.1:5432/{name}"
        finally:
            admin.execute(f"DROP DATABASE {name} WITH (FORCE)")
