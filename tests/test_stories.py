"""The conversation test stories (tests/stories/*.yml, Rasa's format) on the embedded brain.

Every story runs twice: on one brain that keeps its chats in memory, and with the server
restarted before each message (a new brain and a new database connection over the same SQLite
file), which proves that a restart loses nothing.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

from tests.story_runner import Story, StoryBrain, StoryClock, Turn, load_stories, run_story

STORIES = load_stories(Path(__file__).parent / "stories")


BrainForTurn = Callable[[], Awaitable[StoryBrain]]


@pytest.fixture(scope="module")
def restarted_brain(knowledge, parser, tmp_path_factory) -> tuple[BrainForTurn, StoryClock]:
    from bot.assistant import build_assistant

    url = f"sqlite:///{tmp_path_factory.mktemp('stories') / 'onewindow.db'}"
    brains: list[Any] = []
    clock = StoryClock()

    async def restart() -> StoryBrain:
        if brains:
            brains.pop().store.engine.dispose()
        brains.append(build_assistant(knowledge, parser, url, clock=clock).gateway.brain)
        return brains[-1]

    return restart, clock


@pytest.fixture(scope="module")
def kept_brain(knowledge, parser, tmp_path_factory) -> tuple[BrainForTurn, StoryClock]:
    from bot.assistant import build_assistant

    url = f"sqlite:///{tmp_path_factory.mktemp('stories') / 'onewindow.db'}"
    clock = StoryClock()
    brain = build_assistant(knowledge, parser, url, clock=clock).gateway.brain

    async def same() -> StoryBrain:
        return brain

    return same, clock


def test_there_are_stories_for_every_part_of_the_conversation() -> None:
    assert len(STORIES) >= 30
    files = {story.source for story in STORIES}
    assert {
        "answers.yml",
        "clarification.yml",
        "scenarios.yml",
        "language.yml",
        "help.yml",
        "booking.yml",
    } <= files


@pytest.mark.parametrize("story", STORIES, ids=[f"{s.source}:{s.name}" for s in STORIES])
def test_story(story: Story, kept_brain) -> None:
    problems = asyncio.run(run_story(story, *kept_brain))
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("story", STORIES, ids=[f"{s.source}:{s.name}" for s in STORIES])
def test_story_with_a_restart_before_every_message(story: Story, restarted_brain) -> None:
    problems = asyncio.run(run_story(story, *restarted_brain))
    assert not problems, "\n".join(problems)


def test_a_brain_catches_up_with_messages_another_process_handled(knowledge, parser, database_url) -> None:
    from bot.assistant import build_assistant

    url = database_url
    first, second = (build_assistant(knowledge, parser, url).gateway.brain for _ in range(2))

    async def chat() -> list[dict[str, Any]]:
        asked = await first.handle("shared", "营业执照")
        assert len(asked[0]["buttons"]) >= 2  # first now remembers a chat with no item chosen
        await second.handle("shared", '/ask_materials{"item": "individual-business-registration"}')
        return await first.handle("shared", "那要多少钱")

    fee = asyncio.run(chat())[0]
    assert fee["text"].startswith("个体工商户设立登记") and "不收费" in fee["text"], fee
    for brain in (first, second):
        brain.store.engine.dispose()  # before the database is dropped


def test_a_story_that_diverges_is_reported(restarted_brain) -> None:
    wrong = Story(
        "wrong on purpose",
        "inline",
        [Turn("你好", "thanks", [], [("action", "utter_thanks"), ("bot", "不存在的话")])],
    )
    [problem, *rest] = asyncio.run(run_story(wrong, *restarted_brain))
    assert "intent 'greet', expected 'thanks'" in problem
    assert any("steps [utter_greet], expected [utter_thanks]" in p for p in rest)
    assert any("no reply contains '不存在的话'" in p for p in rest)
