"""What the commands share: saying things on stderr, and building the knowledge base, the intent
parser and the model folder."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from typing import TYPE_CHECKING

import typer

from knowledge.loader import CatalogueError
from onewindow.settings import Settings

if TYPE_CHECKING:  # imported lazily at run time: torch is slow to import
    from knowledge.base import KnowledgeBase
    from nlu.parser import Parser


def say(message: str) -> None:
    typer.echo(message, err=True)


@contextlib.contextmanager
def usable_catalogue(settings: Settings) -> Iterator[None]:
    """Stops the command with every problem of a catalogue that cannot be used."""
    try:
        yield
    except CatalogueError as error:
        say(f"The catalogue at {settings.catalogue} cannot be used:")
        for problem in error.problems:
            say(f"  {problem}")
        say("Fix these and start again (`onewindow catalogue validate PATH` checks a catalogue).")
        raise typer.Exit(2) from None


def knowledge_base(settings: Settings) -> KnowledgeBase:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from knowledge.base import KnowledgeBase

    settings.data_dir.mkdir(parents=True, exist_ok=True)
    with usable_catalogue(settings):
        return KnowledgeBase.build(settings.catalogue, settings.data_dir, settings.embedding_model, say)


def intent_parser(settings: Settings, knowledge: KnowledgeBase) -> Parser:
    from nlu.parser import Parser

    embedder = knowledge.index.embedder
    say("Training the intent classifier (cached while nlu/data is unchanged)…")
    return Parser.build(settings.data_dir / "cache", embedder.queries, embedder.model_name)


def model_folder(settings: Settings) -> str:
    from knowledge.base import resolve_model

    return resolve_model(settings.embedding_model, settings.data_dir, say)
