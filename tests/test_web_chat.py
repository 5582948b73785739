"""The web chat channel: its WebSocket over real loopback HTTP, then the page in headless Chromium."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest
import websockets
from playwright.sync_api import expect

from tests.conftest import free_port, serving


async def _frames_until_done(socket: Any) -> list[dict[str, Any]]:
    frames = []
    while True:
        frame = json.loads(await asyncio.wait_for(socket.recv(), 60))
        frames.append(frame)
        if frame["type"] in ("done", "error"):
            return frames


async def _open(url: str, session: str = "") -> tuple[Any, str, list[dict[str, Any]]]:
    socket = await websockets.connect(f"{url.replace('http', 'ws')}/ws/chat?session={session}")
    hello = json.loads(await socket.recv())
    history = json.loads(await socket.recv())
    assert hello["type"] == "session" and history["type"] == "history"
    return socket, hello["id"], history["messages"]


def test_a_chat_survives_a_dropped_connection(server: str) -> None:
    async def scenario() -> None:
        socket, session, history = await _open(server, "made-up-by-the-page")
        assert session != "made-up-by-the-page" and len(session) >= 40 and history == []
        await socket.send(json.dumps({"type": "message", "id": "m1", "text": "个体户注册要带什么"}))
        frames = await _frames_until_done(socket)
        assert [f["type"] for f in frames] == ["typing", "bot", "done"]
        assert "情形" in frames[1]["text"] and frames[1]["buttons"]
        assert frames[-1]["id"] == "m1"
        button = frames[1]["buttons"][0]
        await socket.close()

        again, same, history = await _open(server, session)
        assert same == session
        assert history[0] == {"from": "user", "text": "个体户注册要带什么", "id": "m1"}
        assert history[1]["from"] == "bot" and history[1]["buttons"] == frames[1]["buttons"]
        click = {
            "type": "message",
            "id": "m2",
            "text": button["title"],
            "payload": button["payload"],
            "lang": "en",
        }
        await again.send(json.dumps(click))
        answer = [f for f in await _frames_until_done(again) if f["type"] == "bot"]
        assert "Materials" in answer[0]["text"], "a button carries the page's language"
        await again.close()

        _, _, history = await _open(server, session)
        assert history[2] == {"from": "user", "text": button["title"], "id": "m2"}, "a button shows its title"

    asyncio.run(scenario())


def test_malformed_frames_get_a_reason_and_the_chat_goes_on(server: str) -> None:
    async def scenario() -> None:
        socket, _, _ = await _open(server)
        for bad in ("{not json", json.dumps({"type": "message", "text": 5}), json.dumps([1])):
            await socket.send(bad)
            [error] = await _frames_until_done(socket)
            assert error["type"] == "error" and error["text"].startswith("ignored a malformed frame")
        await socket.send(b"\x00\xff")
        assert (await _frames_until_done(socket))[0]["type"] == "error"
        await socket.send(json.dumps({"type": "message", "id": "blank", "text": "   "}))
        assert await _frames_until_done(socket) == [{"type": "done", "id": "blank"}]
        await socket.send(json.dumps({"type": "message", "id": "x", "text": "你好"}))
        assert any(f["type"] == "bot" for f in await _frames_until_done(socket))
        await socket.close()

    asyncio.run(scenario())


@pytest.mark.browser
def test_ask_click_a_clarification_and_get_the_answer(server: str, page) -> None:
    page.goto(server)
    assert page.locator("h1").inner_text() == "智能咨询"
    page.fill("#message", "营业执照")
    page.press("#message", "Enter")
    choices = page.locator("#history .msg.bot").last.locator("button.choice")
    choices.first.wait_for(timeout=20_000)
    titles = choices.all_inner_texts()
    assert 2 <= len(titles) <= 3 and "个体工商户设立登记" in titles, titles
    page.click("#history button.choice:has-text('个体工商户设立登记')")
    page.locator("#history .msg.bot").nth(1).wait_for(timeout=20_000)
    expect(page.locator(".pending")).to_have_count(0, timeout=20_000)
    transcript = page.locator("#history").inner_text()
    assert "「个体工商户设立登记」分几种情形" in transcript
    assert page.locator("#history .msg.user").nth(1).inner_text() == "个体工商户设立登记"
    assert page.locator("#typing").is_hidden()
    assert page.locator("a[href='/catalogue?lang=zh']").count() >= 1
    page.click("[data-testid=lang-switch]")
    page.wait_for_selector("h1:has-text('Ask us')")
    # The transcript arrives over the new socket after the page has loaded.
    page.locator("#history .msg.user").nth(1).wait_for(timeout=20_000)
    assert page.locator("#history .msg.user").all_inner_texts() == ["营业执照", "个体工商户设立登记"]


@pytest.mark.browser
def test_the_page_reconnects_after_a_server_restart_and_sends_what_was_typed(
    knowledge, parser, page, tmp_path
) -> None:
    from api.app import create_app
    from onewindow.settings import Settings

    settings, port = Settings(data_dir=tmp_path), free_port()
    with serving(create_app(knowledge, parser, settings), port) as url:
        page.goto(url)
        page.fill("#message", "社保卡丢了怎么补办")
        page.press("#message", "Enter")
        page.wait_for_selector("#history .msg.bot", timeout=20_000)
    page.wait_for_selector("#status:not([hidden])", timeout=10_000)
    page.fill("#message", "多少钱")
    page.press("#message", "Enter")
    assert page.locator("#history .msg.user.pending").count() == 1
    with serving(create_app(knowledge, parser, settings), port):
        expect(page.locator(".pending")).to_have_count(0, timeout=30_000)
        page.wait_for_selector("#status[hidden]", state="attached", timeout=10_000)
        bots = page.locator("#history .msg.bot").all_inner_texts()
        assert any(b.startswith("社会保障卡") and "【收费】" in b for b in bots), bots
        assert page.locator("#history .msg.user").all_inner_texts() == ["社保卡丢了怎么补办", "多少钱"]
