"""The assistant assembled: actions, tracker store, embedded brain and the gateway in front of them."""

from __future__ import annotations

from dataclasses import dataclass

from rasa_sdk.executor import ActionExecutor

from bot.actions import build_executor
from bot.definition import load_definition
from bot.engine import EmbeddedBrain
from bot.gateway import Brain, Gateway
from bot.rasa_brain import RasaBrain
from bot.store import TrackerStore, make_engine
from knowledge.base import KnowledgeBase
from nlu.parser import Parser


@dataclass(frozen=True)
class Assistant:
    gateway: Gateway
    executor: ActionExecutor  # also served at the action endpoint for a Rasa server


def build_assistant(
    knowledge: KnowledgeBase, parser: Parser, database_url: str, rasa_url: str | None = None
) -> Assistant:
    """The embedded brain on `database_url`, or, given `rasa_url`, the Rasa server there."""
    executor = build_executor(knowledge)
    center = knowledge.catalogue.center
    brain: Brain
    if rasa_url:
        brain = RasaBrain(rasa_url)
    else:
        store = TrackerStore(make_engine(database_url))
        brain = EmbeddedBrain(load_definition(), parser, executor, store, center.timezone)
    return Assistant(Gateway(brain, center.phone), executor)
