"""The HTTP contract over real HTTP on loopback, and a server that refuses a broken catalogue."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest


def test_health_and_metrics(server: str, staff: dict[str, str]) -> None:
    health = httpx.get(f"{server}/health").json()
    assert health["status"] == "ok" and health["catalogue"]["items"] >= 40
    httpx.get(f"{server}/api/catalogue/search", params={"q": "低保"})
    assert httpx.get(f"{server}/metrics").status_code == 401, "metrics are for staff unless made public"
    metrics = httpx.get(f"{server}/metrics", headers=staff).text
    assert "onewindow_searches_total" in metrics


def test_search_endpoint_contract(server: str) -> None:
    body = httpx.get(f"{server}/api/catalogue/search", params={"q": "个体户注册要带什么", "k": 3}).json()
    assert set(body) == {"results", "out_of_scope"}
    assert body["out_of_scope"] is False
    assert len(body["results"]) == 3
    assert set(body["results"][0]) == {"id", "name", "score"}
    assert body["results"][0] == {
        **body["results"][0],
        "id": "individual-business-registration",
        "name": "个体工商户设立登记",
    }
    english = httpx.get(
        f"{server}/api/catalogue/search", params={"q": "how long does a food business licence take"}
    )
    assert english.json()["results"][0]["id"] == "food-business-licence"
    assert english.json()["results"][0]["name"].startswith("Food business licence")
    assert httpx.get(f"{server}/api/catalogue/search", params={"q": "护照过期了怎么换"}).json()[
        "out_of_scope"
    ]


def test_search_rejects_bad_parameters(server: str) -> None:
    assert httpx.get(f"{server}/api/catalogue/search").status_code == 422
    assert httpx.get(f"{server}/api/catalogue/search", params={"q": "x" * 501}).status_code == 422
    assert httpx.get(f"{server}/api/catalogue/search", params={"q": "社保", "k": 0}).status_code == 422


def test_item_answer_endpoint(server: str) -> None:
    url = f"{server}/api/catalogue/items/food-business-licence"
    answer = httpx.get(url, params={"lang": "en", "facet": ["fee", "time_limit"]}).json()
    assert [s["facet"] for s in answer["sections"]] == ["fee", "time_limit"]
    assert httpx.get(f"{server}/api/catalogue/items/nope").status_code == 404
    missing = httpx.get(url, params={"scenario": "nope"})
    assert missing.status_code == 404 and "catering" in missing.json()["detail"]


def test_catalogue_pages(server: str) -> None:
    page = httpx.get(f"{server}/catalogue", params={"q": "个体户注册要带什么"})
    assert page.status_code == 200
    assert "个体工商户设立登记" in page.text and "区市场监督管理局" in page.text
    english = httpx.get(f"{server}/catalogue/individual-business-registration", params={"lang": "en"})
    assert "Registration of an individual business" in english.text and "Materials" in english.text
    assert httpx.get(f"{server}/catalogue/nope").status_code == 404
    home = httpx.get(server, follow_redirects=False)
    assert home.status_code == 200 and "智能咨询" in home.text and 'href="/catalogue?lang=zh"' in home.text


def test_server_refuses_a_broken_catalogue(tmp_path: Path) -> None:
    (tmp_path / "c.yml").write_text(
        "center: {id: c, name: 中心}\nitems:\n  - {id: a, name: 甲, window: nowhere, materials: []}\n",
        encoding="utf-8",
    )
    env = {**os.environ, "ONEWINDOW_CATALOGUE": str(tmp_path), "ONEWINDOW_DATA_DIR": str(tmp_path / "var")}
    started = subprocess.run(
        [sys.executable, "-m", "onewindow.cli", "serve", "--port", "1"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert started.returncode == 2
    assert "c.yml:3: items[0].window: unknown window 'nowhere'" in started.stderr
    assert not (tmp_path / "var" / "models").exists()  # stopped before any heavy work


@pytest.mark.slow
def test_serve_with_two_worker_processes_keeps_each_chat(tmp_path: Path) -> None:
    from tests.conftest import SHARED_MODEL_DIR, free_port

    port = free_port()
    env = {
        **os.environ,
        "ONEWINDOW_DATA_DIR": str(SHARED_MODEL_DIR),  # the provisioned model and its caches
        "ONEWINDOW_DATABASE_URL": f"sqlite:///{tmp_path / 'chats.db'}",
    }
    command = [sys.executable, "-m", "onewindow.cli", "serve", "--port", str(port), "--workers", "2"]
    server = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}/webhooks/rest/webhook"
    try:
        deadline = time.time() + 300
        while time.time() < deadline:
            try:
                httpx.get(f"http://127.0.0.1:{port}/health", timeout=2).raise_for_status()
                break
            except httpx.HTTPError:
                time.sleep(1)
        for chat in range(6):  # new connections, spread by the kernel over both processes
            sender = f"worker-chat-{chat}"
            httpx.post(url, json={"sender": sender, "message": "社保卡丢了怎么补办"}, timeout=60)
            [fee, *_] = httpx.post(url, json={"sender": sender, "message": "多少钱"}, timeout=60).json()
            assert fee["text"].startswith("社会保障卡") and "【收费】" in fee["text"], fee
    finally:
        server.terminate()
        _, log = server.communicate(timeout=60)
    assert log.count("Started server process") == 2, log[-2000:]
