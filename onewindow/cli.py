"""The `onewindow` command line."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from knowledge.loader import CatalogueError, check_catalogue
from onewindow.settings import Settings

if TYPE_CHECKING:  # imported lazily at run time: torch is slow to import
    from knowledge.base import KnowledgeBase
    from nlu.parser import Parser

app = typer.Typer(
    help="OneWindow (一窗通): the conversational front desk of a service center.", no_args_is_help=True
)
catalogue_app = typer.Typer(help="Check and search the service catalogue.", no_args_is_help=True)
eval_app = typer.Typer(help="Measure how well OneWindow understands questions.", no_args_is_help=True)
app.add_typer(catalogue_app, name="catalogue")
app.add_typer(eval_app, name="eval")


def _say(message: str) -> None:
    typer.echo(message, err=True)


def _knowledge(settings: Settings) -> KnowledgeBase:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from knowledge.base import KnowledgeBase

    settings.data_dir.mkdir(parents=True, exist_ok=True)
    try:
        return KnowledgeBase.build(settings.catalogue, settings.data_dir, settings.embedding_model, _say)
    except CatalogueError as error:
        _say(f"The catalogue at {settings.catalogue} cannot be used:")
        for problem in error.problems:
            _say(f"  {problem}")
        _say("Fix these and start again (`onewindow catalogue validate PATH` checks a catalogue).")
        raise typer.Exit(2) from None


def _parser(settings: Settings, knowledge: KnowledgeBase) -> Parser:
    from nlu.parser import Parser

    embedder = knowledge.index.embedder
    _say("Training the intent classifier (cached while nlu/data is unchanged)…")
    return Parser.build(settings.data_dir / "cache", embedder.queries, embedder.model_name)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="port to listen on")] = 8000,
) -> None:
    """Start the web server (catalogue pages, APIs)."""
    import uvicorn

    from api.app import create_app

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    settings = Settings()
    knowledge = _knowledge(settings)
    parser = _parser(settings, knowledge)
    _say(f"OneWindow is ready: open http://{host}:{port}/")
    uvicorn.run(create_app(knowledge, parser, settings), host=host, port=port, log_level="info")


@app.command("model")
def provision_model() -> None:
    """Provision the default embedding model into the data folder (done by `serve` too)."""
    from knowledge.base import resolve_model

    settings = Settings()
    typer.echo(resolve_model(settings.embedding_model, settings.data_dir, _say))


@catalogue_app.command("validate")
def validate(path: Annotated[Path, typer.Argument(help="catalogue file or folder")]) -> None:
    """Check a catalogue and print every problem with its file and location."""
    catalogue, problems = check_catalogue(path)
    for problem in problems:
        typer.echo(f"{problem.severity}: {problem}")
    if catalogue is None:
        errors = sum(p.severity == "error" for p in problems)
        typer.echo(f"{path}: {errors} error(s); the catalogue cannot be used.")
        raise typer.Exit(1)
    scenarios = sum(len(i.scenarios) for i in catalogue.items)
    typer.echo(
        f"{path}: OK: {catalogue.center.id}, {len(catalogue.departments)} departments, "
        f"{len(catalogue.windows)} windows, {len(catalogue.items)} items, {scenarios} scenarios"
    )


@catalogue_app.command("search")
def search(
    text: Annotated[str, typer.Argument(help="the question")],
    k: Annotated[int, typer.Option(help="how many items to list")] = 5,
) -> None:
    """Print the ranked items for a question and the one clear answer of the top one."""
    from knowledge.text import language_of

    knowledge = _knowledge(Settings())
    result = knowledge.search(text, k)
    lang = language_of(text)
    for rank, hit in enumerate(result.hits, start=1):
        scenario = f" [{hit.scenario_id}]" if hit.scenario_id else ""
        typer.echo(f"{rank}. {hit.score:.3f}  {hit.item_id}{scenario}  {hit.name.get(lang)}")
    if result.out_of_scope:
        phone = knowledge.catalogue.center.phone
        typer.echo(
            "\nOut of scope: the catalogue has no item for this."
            + (f" Center phone: {phone}" if phone else "")
        )
        return
    top = result.hits[0]
    typer.echo("")
    typer.echo(knowledge.answer(top.item_id, lang, top.scenario_id).text)


@eval_app.command("retrieval")
def eval_retrieval(
    file: Annotated[Path, typer.Argument(help='JSON lines {"q": ..., "item": id or null}')],
    misses: Annotated[bool, typer.Option(help="list the questions that missed")] = False,
) -> None:
    """Top-1, top-3, MRR and out-of-scope accuracy of search on labelled questions."""
    from knowledge.evaluation import evaluate, read_questions

    try:
        questions = read_questions(file)
    except (OSError, ValueError) as error:
        _say(str(error))
        raise typer.Exit(2) from None
    knowledge = _knowledge(Settings())
    try:
        report = evaluate(knowledge.index, questions)
    except ValueError as error:
        _say(str(error))
        raise typer.Exit(2) from None
    width = max(len(name) for name, _ in report.rows())
    typer.echo(f"| {'measure'.ljust(width)} | value |")
    typer.echo(f"|{'-' * (width + 2)}|-------|")
    for name, value in report.rows():
        typer.echo(f"| {name.ljust(width)} | {value} |")
    if misses:
        for miss in report.misses:
            flag = " (called out of scope)" if miss.out_of_scope else ""
            typer.echo(f"  {miss.question!r}: expected {miss.expected}, got {miss.got}{flag}")


@eval_app.command("nlu")
def eval_nlu(
    folds: Annotated[int, typer.Option(help="cross-validation folds")] = 5,
    confusions: Annotated[int, typer.Option(help="how many confused pairs to list")] = 15,
) -> None:
    """Cross-validated intent accuracy and macro-F1 on nlu/data, with the most confused pairs."""
    from knowledge.base import resolve_model
    from knowledge.embeddings import Embedder
    from nlu.evaluation import cross_validate
    from nlu.training import read_training_data

    settings = Settings()
    embedder = Embedder(resolve_model(settings.embedding_model, settings.data_dir, _say))
    report = cross_validate(read_training_data(), embedder.queries, folds)
    typer.echo("| measure | value |\n|---|---|")
    typer.echo(f"| examples | {report.examples} |\n| intents | {report.intents} |")
    typer.echo(f"| accuracy | {report.accuracy:.3f} |\n| macro-F1 | {report.macro_f1:.3f} |")
    if report.confusions:
        typer.echo("\nmost confused (true → predicted: count)")
        for true, predicted, count in report.confusions[:confusions]:
            typer.echo(f"  {true} → {predicted}: {count}")


def main() -> None:
    app(prog_name="onewindow")


if __name__ == "__main__":
    sys.exit(main())
