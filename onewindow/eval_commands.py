"""`onewindow eval …`: how well search and the intent classifier do."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from knowledge.loader import CatalogueError
from onewindow.console import knowledge_base, model_folder, say
from onewindow.settings import Settings

eval_app = typer.Typer(help="Measure how well OneWindow understands questions.", no_args_is_help=True)


@eval_app.command("retrieval")
def eval_retrieval(
    path: Annotated[
        Path,
        typer.Argument(
            help='JSON lines {"q": ..., "item": id or null}; with --leave-one-out, a folder of halls'
        ),
    ],
    leave_one_out: Annotated[
        bool,
        typer.Option("--leave-one-out", help="learn on all halls but one, measure on that one, for each"),
    ] = False,
    scale: Annotated[
        int, typer.Option(help="with --leave-one-out, also a catalogue of this many items (0: no)")
    ] = 1000,
    misses: Annotated[bool, typer.Option(help="list the questions that missed")] = False,
) -> None:
    """Top-1, top-3 and out-of-scope accuracy of search on labelled questions: of the configured
    catalogue, or (--leave-one-out) of each hall of a folder with weights learned on the others."""
    if leave_one_out:
        _leave_one_out(path, scale)
        return
    from knowledge.evaluation import evaluate, read_questions

    try:
        questions = read_questions(path)
    except (OSError, ValueError) as error:
        say(str(error))
        raise typer.Exit(2) from None
    knowledge = knowledge_base(Settings())
    try:
        report = evaluate(knowledge.index, questions)
    except ValueError as error:
        say(str(error))
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


def _measured_halls(folder: Path) -> list[Any]:
    from knowledge.embeddings import Embedder
    from knowledge.halls import load_halls, measure_halls

    settings = Settings()
    try:
        halls = load_halls(folder)
    except (OSError, ValueError, CatalogueError) as error:
        say(f"{folder}: {error}")
        raise typer.Exit(2) from None
    model = model_folder(settings)
    return measure_halls(halls, Embedder(model, cache_dir=settings.data_dir / "cache"), say)


def _leave_one_out(folder: Path, scale: int) -> None:
    from knowledge.halls import HEADER, at_scale, leave_one_out

    measurements = _measured_halls(folder)
    rows, rankers = leave_one_out(measurements)
    if scale:
        embedder = measurements[0].index.embedder
        say(f"measuring the {scale}-item catalogue…")
        rows.append(at_scale(measurements, rankers, embedder, scale))
    typer.echo("| " + " | ".join(HEADER) + " |")
    typer.echo("|" + "---|" * len(HEADER))
    for row in rows:
        typer.echo("| " + " | ".join(row.cells()) + " |")


@eval_app.command("fit")
def eval_fit(
    folder: Annotated[Path, typer.Argument(help="a folder of halls (catalogue + questions.jsonl each)")],
) -> None:
    """Learn search's weights on every hall of the folder into knowledge/data/ranker.json."""
    from knowledge.halls import fit_all
    from knowledge.ranker import MODEL

    ranker = fit_all(_measured_halls(folder))
    ranker.save(MODEL)
    typer.echo(f"{MODEL}: learned on {', '.join(ranker.trained_on)}")


@eval_app.command("nlu")
def eval_nlu(
    folds: Annotated[int, typer.Option(help="cross-validation folds")] = 5,
    confusions: Annotated[int, typer.Option(help="how many confused pairs to list")] = 15,
) -> None:
    """Cross-validated intent accuracy and macro-F1 on nlu/data, with the most confused pairs."""
    from knowledge.embeddings import Embedder
    from nlu.evaluation import cross_validate
    from nlu.training import read_training_data

    settings = Settings()
    embedder = Embedder(model_folder(settings))
    report = cross_validate(read_training_data(), embedder.queries, folds)
    typer.echo("| measure | value |\n|---|---|")
    typer.echo(f"| examples | {report.examples} |\n| intents | {report.intents} |")
    typer.echo(f"| accuracy | {report.accuracy:.3f} |\n| macro-F1 | {report.macro_f1:.3f} |")
    if report.confusions:
        typer.echo("\nmost confused (true → predicted: count)")
        for true, predicted, count in report.confusions[:confusions]:
            typer.echo(f"  {true} → {predicted}: {count}")
