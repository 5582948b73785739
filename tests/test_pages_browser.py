"""The catalogue browser in a real headless Chromium: search as you type, open an item, switch language."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_search_open_and_switch_language(server: str, page) -> None:
    page.goto(f"{server}/catalogue")
    assert page.locator(".department").count() >= 10
    assert page.locator(".count").inner_text() == "53 个事项"
    page.fill("#q", "开个饭馆要办什么证")
    first = page.locator("#results .hits li a").first
    first.wait_for(timeout=10_000)
    assert first.inner_text() == "食品经营许可（新办）"
    first.click()
    page.wait_for_selector("h1")
    assert page.locator("h1").inner_text().startswith("食品经营许可")
    assert page.locator(".materials li").count() >= 4
    page.click("text=餐饮服务")
    assert "餐饮服务" in page.locator("h1").inner_text()
    page.click("[data-testid=lang-switch]")
    page.wait_for_selector("text=Materials")
    assert "Food business licence" in page.locator("h1").inner_text()


def test_out_of_scope_question_offers_the_phone(server: str, page) -> None:
    page.goto(f"{server}/catalogue?lang=en")
    page.fill("#q", "how do I renew my passport")
    notice = page.locator("[data-testid=out-of-scope]")
    notice.wait_for(timeout=10_000)
    assert "0451-00000000" in notice.inner_text()
