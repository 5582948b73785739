"""The `onewindow` command line."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import logging
import logging.config
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any
from urllib.parse import urlsplit

import typer

from knowledge.loader import CatalogueError, check_catalogue, load_catalogue
from onewindow.settings import Settings

WEB_FRAME_BYTES = 64 * 1024  # a web chat frame is a line of text; uvicorn refuses bigger ones

if TYPE_CHECKING:  # imported lazily at run time: torch is slow to import
    from fastapi import FastAPI

    from api.staff_accounts import StaffAccounts
    from knowledge.base import KnowledgeBase
    from knowledge.schema import Catalogue
    from nlu.parser import Parser

app = typer.Typer(
    help="OneWindow (一窗通): the conversational front desk of a service center.", no_args_is_help=True
)
catalogue_app = typer.Typer(help="Check and search the service catalogue.", no_args_is_help=True)
eval_app = typer.Typer(help="Measure how well OneWindow understands questions.", no_args_is_help=True)
app.add_typer(catalogue_app, name="catalogue")
app.add_typer(eval_app, name="eval")
rasa_app = typer.Typer(help="Run the assistant on a real Rasa Open Source 3.6 server.", no_args_is_help=True)
app.add_typer(rasa_app, name="rasa")
staff_app = typer.Typer(help="Staff accounts of the console at /staff.", no_args_is_help=True)
app.add_typer(staff_app, name="staff")


def _say(message: str) -> None:
    typer.echo(message, err=True)


@contextlib.contextmanager
def _usable_catalogue(settings: Settings) -> Iterator[None]:
    """Stops the command with every problem of a catalogue that cannot be used."""
    try:
        yield
    except CatalogueError as error:
        _say(f"The catalogue at {settings.catalogue} cannot be used:")
        for problem in error.problems:
            _say(f"  {problem}")
        _say("Fix these and start again (`onewindow catalogue validate PATH` checks a catalogue).")
        raise typer.Exit(2) from None


def _knowledge(settings: Settings) -> KnowledgeBase:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from knowledge.base import KnowledgeBase

    settings.data_dir.mkdir(parents=True, exist_ok=True)
    with _usable_catalogue(settings):
        return KnowledgeBase.build(settings.catalogue, settings.data_dir, settings.embedding_model, _say)


def _parser(settings: Settings, knowledge: KnowledgeBase) -> Parser:
    from nlu.parser import Parser

    embedder = knowledge.index.embedder
    _say("Training the intent classifier (cached while nlu/data is unchanged)…")
    return Parser.build(settings.data_dir / "cache", embedder.queries, embedder.model_name)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="port to listen on")] = 8000,
    workers: Annotated[
        int | None, typer.Option(min=1, help="server processes (default ONEWINDOW_WORKERS or 1)")
    ] = None,
) -> None:
    """Start the web server (web chat, catalogue pages, APIs)."""
    import uvicorn

    log_config = _masked_logging()
    if os.environ.get("ONEWINDOW_STAFF_TOKEN"):
        _say("ONEWINDOW_STAFF_TOKEN is no longer read: each member of staff makes their own API token")
        _say("with `onewindow staff token USER` (it acts as them, with their role, in the audit log).")
    if workers is not None:
        os.environ["ONEWINDOW_WORKERS"] = str(workers)  # the worker processes read it too
    settings = Settings()
    served: FastAPI | str = "onewindow.cli:worker_application"
    if settings.workers == 1:
        served = _application(settings)
    else:
        # A broken catalogue stops the start here, with its problems; the workers then find the
        # index and the classifier cached, and this supervising process lets the model go.
        _parser(settings, _knowledge(settings))
    rasa = (
        _local_rasa(settings, f"http://{_loopback(host)}:{port}/webhook")
        if settings.brain == "rasa"
        else None
    )
    _say(f"OneWindow is ready: open http://{host}:{port}/")
    try:
        uvicorn.run(
            served,
            factory=settings.workers > 1,
            workers=settings.workers,
            host=host,
            port=port,
            log_level="info",
            log_config=log_config,
            ws_max_size=WEB_FRAME_BYTES,
        )
    finally:
        if rasa is not None:
            rasa.terminate()


def _masked_logging() -> dict[str, Any]:
    """Configure logging (uvicorn's, every handler masking personal data); returns the config."""
    from uvicorn.config import LOGGING_CONFIG

    from bot.privacy import redacting_log_config

    log_config = redacting_log_config(LOGGING_CONFIG)
    logging.config.dictConfig(log_config)
    return log_config


def _application(settings: Settings) -> FastAPI:
    from api.app import create_app

    knowledge = _knowledge(settings)
    application = create_app(knowledge, _parser(settings, knowledge), settings)
    # The model, the catalogue and jieba's dictionary live as long as the process: freezing them
    # spares every full garbage collection from walking millions of objects (pauses of 0.1-0.3 s).
    gc.collect()
    gc.freeze()
    return application


def worker_application() -> FastAPI:
    """The application of one of several `serve --workers` processes (uvicorn's factory)."""
    import torch

    _masked_logging()
    settings = Settings()
    torch.set_num_threads(max(1, (os.cpu_count() or 1) // settings.workers))  # not N threads per worker
    return _application(settings)


def _loopback(host: str) -> str:
    return "127.0.0.1" if host in ("0.0.0.0", "::", "") else host


def _local_rasa(settings: Settings, action_url: str) -> subprocess.Popen[bytes] | None:
    """Start a Rasa server for `ONEWINDOW_BRAIN=rasa` unless one answers at ONEWINDOW_RASA_URL already."""
    import httpx

    from onewindow import rasa_server

    try:
        httpx.get(settings.rasa_url, timeout=2)
        _say(f"Using the Rasa server at {settings.rasa_url}.")
        return None
    except httpx.TransportError:
        pass
    address = urlsplit(settings.rasa_url)
    if address.hostname not in ("127.0.0.1", "localhost"):
        _say(f"No Rasa server answers at {settings.rasa_url}; users are told to try later until one does.")
        return None
    model = _rasa_step(rasa_server.train)
    endpoints = rasa_server.Endpoints(
        action_url, settings.kept_secret("action_token"), settings.sqlalchemy_url, settings.redis_url
    )
    command = rasa_server.run_command(model, endpoints, address.hostname, address.port or 5005)
    _say(f"Starting Rasa at {settings.rasa_url} (it answers once its model is loaded, about a minute)…")
    return subprocess.Popen(
        command, env=rasa_server.rasa_environment(), preexec_fn=rasa_server.stop_with_parent
    )


def _rasa_step(step: Callable[[Callable[[str], None]], Path]) -> Path:
    from onewindow.rasa_server import RasaUnavailable

    try:
        return step(_say)
    except RasaUnavailable as error:
        _say(str(error))
        raise typer.Exit(3) from None


@app.command()
def chat(
    session: Annotated[str, typer.Option(help="a name to continue an earlier terminal chat")] = "",
) -> None:
    """Talk to the assistant in the terminal (type a button's number to press it, /quit to leave)."""
    import asyncio
    import uuid

    from bot.assistant import build_assistant
    from connectors.terminal import converse

    settings = Settings()
    knowledge = _knowledge(settings)
    assistant = build_assistant(
        knowledge,
        _parser(settings, knowledge),
        settings.sqlalchemy_url,
        uploads=settings.data_dir / "uploads",
        desk_settings=settings.desk,
    )
    sender = f"terminal-{session or uuid.uuid4()}"
    _say("Ask what you need, e.g. 个体户注册要带什么 / what do I need to register a company. /quit leaves.")
    asyncio.run(converse(assistant.gateway, sender, lambda: input("› "), typer.echo))


@app.command()
def telegram(
    host: Annotated[str, typer.Option(help="address to listen on (webhook mode)")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="port to listen on (webhook mode)")] = 8000,
) -> None:
    """Run the assistant in Telegram: long polling, or with ONEWINDOW_TELEGRAM_WEBHOOK_URL the web
    server that receives Telegram's webhook at /webhooks/telegram."""
    import asyncio

    settings = Settings()
    if not settings.telegram_token:
        _say("Set ONEWINDOW_TELEGRAM_TOKEN to the token BotFather gave you (see the README).")
        raise typer.Exit(2)
    if settings.telegram_webhook_url:
        serve(host=host, port=port, workers=None)
        return
    _masked_logging()
    asyncio.run(_run_without_listening(_application(settings)))


async def _run_without_listening(application: FastAPI) -> None:
    """The application's life (Telegram polling, reminders, tidying) with no HTTP port, until
    SIGINT or SIGTERM; stopping confirms the handled updates to Telegram."""
    import asyncio
    import signal

    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stopping.set)
    async with application.router.lifespan_context(application):
        _say("OneWindow is answering in Telegram (long polling). Ctrl-C stops it.")
        await stopping.wait()


@app.command()
def prereview(
    item: Annotated[str, typer.Argument(help="the item id, as in the catalogue")],
    files: Annotated[list[Path], typer.Argument(help="PDF, JPEG or PNG files", exists=True, dir_okay=False)],
    scenario: Annotated[str | None, typer.Option(help="the scenario id, when the item has scenarios")] = None,
    lang: Annotated[str, typer.Option(help="zh or en")] = "zh",
    json_output: Annotated[bool, typer.Option("--json", help="print the report as JSON")] = False,
) -> None:
    """Pre-review files against an item's materials, as the chat does (nothing is kept)."""
    import datetime as dt

    from bot.actions.prereview import render_report
    from bot.prereview.documents import DocumentReader
    from bot.prereview.review import review

    settings = Settings()
    with _usable_catalogue(settings):
        catalogue = load_catalogue(settings.catalogue)
    found = catalogue.item(item)
    if found is None:
        _say(f"No item {item!r} in the catalogue; `onewindow catalogue search TEXT` finds its id.")
        raise typer.Exit(2)
    if scenario and found.scenario(scenario) is None:
        _say(
            f"No scenario {scenario!r} for {item}; its scenarios: {', '.join(s.id for s in found.scenarios)}"
        )
        raise typer.Exit(2)
    limits = settings.desk.limits
    with DocumentReader(limits) as reader:
        documents = [reader.read(path.name, path.read_bytes()) for path in files]
    now = dt.datetime.now(dt.UTC)
    report = review(found, scenario, documents, now=now, lang="en" if lang == "en" else "zh", limits=limits)
    if json_output:
        typer.echo(report.model_dump_json(indent=2))
    else:
        typer.echo(render_report(report, "-").rsplit("\n", 1)[0])
    raise typer.Exit(0 if report.verdict == "ready" else 1)


@app.command("model")
def provision_model() -> None:
    """Provision the default embedding model into the data folder (done by `serve` too)."""
    from knowledge.base import resolve_model

    settings = Settings()
    typer.echo(resolve_model(settings.embedding_model, settings.data_dir, _say))


@rasa_app.command("setup")
def rasa_setup() -> None:
    """Create (or reuse) the Python 3.8–3.10 environment with Rasa 3.6.21."""
    from onewindow import rasa_server

    typer.echo(_rasa_step(rasa_server.setup))


@rasa_app.command("train")
def rasa_train() -> None:
    """Train Rasa on nlu/ and bot/ (reused while those files are unchanged); prints the model path."""
    from onewindow import rasa_server

    typer.echo(_rasa_step(rasa_server.train))


@rasa_app.command("run")
def rasa_run(
    host: Annotated[str, typer.Option(help="address for Rasa to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="port for Rasa")] = 5005,
    action_url: Annotated[
        str, typer.Option(help="OneWindow's action endpoint")
    ] = "http://127.0.0.1:8000/webhook",
) -> None:
    """Start `rasa run --enable-api` with OneWindow's actions, database and (if set) Redis lock store."""
    from onewindow import rasa_server

    settings = Settings()
    model = _rasa_step(rasa_server.train)
    endpoints = rasa_server.Endpoints(
        action_url, settings.kept_secret("action_token"), settings.sqlalchemy_url, settings.redis_url
    )
    command = rasa_server.run_command(model, endpoints, host, port)
    raise typer.Exit(subprocess.run(command, env=rasa_server.rasa_environment()).returncode)


@staff_app.command("add")
def staff_add(
    username: Annotated[str, typer.Argument(help="login name")],
    name: Annotated[str, typer.Option(help="the name citizens see, e.g. 王丽")] = "",
    role: Annotated[str, typer.Option(help="agent or admin")] = "agent",
    capacity: Annotated[int, typer.Option(help="chats at once", min=1, max=50)] = 5,
    password: Annotated[
        str,
        typer.Option(prompt=True, hide_input=True, confirmation_prompt=True, help="at least 10 characters"),
    ] = "",
) -> None:
    """Create a staff account (or reset its password and role); the first one should be an admin."""
    accounts = _accounts()
    try:
        member = accounts.add(username, name or username, password, role, capacity)
    except ValueError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from None
    accounts.end_sessions_of(username)
    typer.echo(f"{member.username} ({member.role}, {member.capacity} chats at once) can log in at /staff")


@staff_app.command("list")
def staff_list() -> None:
    """The staff accounts, their roles and their live API tokens."""
    accounts = _accounts()
    for member in accounts.everyone():
        live = sum(t.revoked_at is None for t in accounts.tokens_of(member.username))
        typer.echo(f"{member.username}\t{member.name}\t{member.role}\t{member.capacity}\t{live} token(s)")


@staff_app.command("token")
def staff_token(
    username: Annotated[str, typer.Argument(help="whose token: it acts as this person, with their role")],
    label: Annotated[str, typer.Option(help="what it is for, e.g. 'Prometheus' or 'case system'")] = "",
    list_tokens: Annotated[bool, typer.Option("--list", help="list this person's tokens instead")] = False,
    revoke: Annotated[int | None, typer.Option(help="revoke the token with this number")] = None,
) -> None:
    """Make an API token for a member of staff (printed once), or list or revoke their tokens."""
    accounts = _accounts()
    if list_tokens:
        for token in accounts.tokens_of(username):
            state = f"revoked {token.revoked_at:%Y-%m-%d}" if token.revoked_at else "live"
            used = f"{token.last_used_at:%Y-%m-%d %H:%M}" if token.last_used_at else "never"
            typer.echo(
                f"{token.id}\t{token.label or '-'}\tmade {token.created_at:%Y-%m-%d}\tused {used}\t{state}"
            )
        return
    if revoke is not None:
        if not accounts.revoke_token(username, revoke):
            _say(f"{username} has no live token {revoke} (`onewindow staff token {username} --list`)")
            raise typer.Exit(2)
        typer.echo(f"token {revoke} of {username} is revoked")
        return
    try:
        token = accounts.issue_token(username, label)
    except ValueError as error:
        _say(f"error: {error}")
        raise typer.Exit(2) from None
    _say(f"An API token for {username} (shown only now; send it as 'Authorization: Bearer …'):")
    typer.echo(token)


def _accounts() -> StaffAccounts:
    from api.staff_accounts import StaffAccounts
    from bot.store import make_engine

    settings = Settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    return StaffAccounts(make_engine(settings.sqlalchemy_url))


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
    if any(item.bookable for item in catalogue.items):
        _warn_of_missing_holidays(catalogue, Settings().booking_rules.horizon)
    scenarios = sum(len(i.scenarios) for i in catalogue.items)
    typer.echo(
        f"{path}: OK: {catalogue.center.id}, {len(catalogue.departments)} departments, "
        f"{len(catalogue.windows)} windows, {len(catalogue.items)} items, {scenarios} scenarios"
    )


def _warn_of_missing_holidays(catalogue: Catalogue, horizon: dt.timedelta) -> None:
    """Say so when appointments will soon stop at the end of the holiday data."""
    from bot.appointments.calendar import HolidayDataMissing, OpeningCalendar

    calendar = OpeningCalendar(catalogue.center, horizon=horizon)
    today = dt.datetime.now(calendar.zone).date()
    for offset in range(horizon.days + 1):
        try:
            calendar.hours_on(today + dt.timedelta(days=offset))
        except HolidayDataMissing as error:
            typer.echo(
                f"warning: center: appointments stop before {today + dt.timedelta(days=offset)}: {error}"
            )
            return


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


def _measured_halls(folder: Path) -> list[Any]:
    from knowledge.embeddings import Embedder
    from knowledge.halls import load_halls, measure_halls

    settings = Settings()
    try:
        halls = load_halls(folder)
    except (OSError, ValueError, CatalogueError) as error:
        _say(f"{folder}: {error}")
        raise typer.Exit(2) from None
    model = _model(settings)
    return measure_halls(halls, Embedder(model, cache_dir=settings.data_dir / "cache"), _say)


def _model(settings: Settings) -> str:
    from knowledge.base import resolve_model

    return resolve_model(settings.embedding_model, settings.data_dir, _say)


def _leave_one_out(folder: Path, scale: int) -> None:
    from knowledge.halls import HEADER, at_scale, leave_one_out

    measurements = _measured_halls(folder)
    rows, rankers = leave_one_out(measurements)
    if scale:
        embedder = measurements[0].index.embedder
        _say(f"measuring the {scale}-item catalogue…")
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
