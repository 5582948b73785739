"""The `onewindow` command line."""

from __future__ import annotations

import datetime as dt
import gc
import logging
import logging.config
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any
from urllib.parse import urlsplit

import typer

from knowledge.loader import load_catalogue
from onewindow.catalogue_commands import catalogue_app
from onewindow.console import intent_parser, knowledge_base, model_folder, say, usable_catalogue
from onewindow.eval_commands import eval_app
from onewindow.settings import Settings
from onewindow.staff_commands import staff_app

WEB_FRAME_BYTES = 64 * 1024  # a web chat frame is a line of text; uvicorn refuses bigger ones

if TYPE_CHECKING:  # imported lazily at run time: torch is slow to import
    from fastapi import FastAPI


app = typer.Typer(
    help="OneWindow (一窗通): the conversational front desk of a service center.", no_args_is_help=True
)
app.add_typer(catalogue_app, name="catalogue")
app.add_typer(eval_app, name="eval")
rasa_app = typer.Typer(help="Run the assistant on a real Rasa Open Source 3.6 server.", no_args_is_help=True)
app.add_typer(rasa_app, name="rasa")
app.add_typer(staff_app, name="staff")


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
        say("ONEWINDOW_STAFF_TOKEN is no longer read: each member of staff makes their own API token")
        say("with `onewindow staff token USER` (it acts as them, with their role, in the audit log).")
    if workers is not None:
        os.environ["ONEWINDOW_WORKERS"] = str(workers)  # the worker processes read it too
    settings = Settings()
    served: FastAPI | str = "onewindow.cli:worker_application"
    if settings.workers == 1:
        served = _application(settings)
    else:
        # A broken catalogue stops the start here, with its problems; the workers then find the
        # index and the classifier cached, and this supervising process lets the model go.
        intent_parser(settings, knowledge_base(settings))
    rasa = (
        _local_rasa(settings, f"http://{_loopback(host)}:{port}/webhook")
        if settings.brain == "rasa"
        else None
    )
    say(f"OneWindow is ready: open http://{host}:{port}/")
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

    knowledge = knowledge_base(settings)
    application = create_app(knowledge, intent_parser(settings, knowledge), settings)
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
        say(f"Using the Rasa server at {settings.rasa_url}.")
        return None
    except httpx.TransportError:
        pass
    address = urlsplit(settings.rasa_url)
    if address.hostname not in ("127.0.0.1", "localhost"):
        say(f"No Rasa server answers at {settings.rasa_url}; users are told to try later until one does.")
        return None
    model = _rasa_step(rasa_server.train)
    endpoints = rasa_server.Endpoints(
        action_url, settings.kept_secret("action_token"), settings.sqlalchemy_url, settings.redis_url
    )
    command = rasa_server.run_command(model, endpoints, address.hostname, address.port or 5005)
    say(f"Starting Rasa at {settings.rasa_url} (it answers once its model is loaded, about a minute)…")
    return subprocess.Popen(
        command, env=rasa_server.rasa_environment(), preexec_fn=rasa_server.stop_with_parent
    )


def _rasa_step(step: Callable[[Callable[[str], None]], Path]) -> Path:
    from onewindow.rasa_server import RasaUnavailable

    try:
        return step(say)
    except RasaUnavailable as error:
        say(str(error))
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
    knowledge = knowledge_base(settings)
    assistant = build_assistant(
        knowledge,
        intent_parser(settings, knowledge),
        settings.sqlalchemy_url,
        uploads=settings.data_dir / "uploads",
        desk_settings=settings.desk,
    )
    sender = f"terminal-{session or uuid.uuid4()}"
    say("Ask what you need, e.g. 个体户注册要带什么 / what do I need to register a company. /quit leaves.")
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
        say("Set ONEWINDOW_TELEGRAM_TOKEN to the token BotFather gave you (see the README).")
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
        say("OneWindow is answering in Telegram (long polling). Ctrl-C stops it.")
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

    from bot.actions.prereview import render_report
    from bot.prereview.documents import DocumentReader
    from bot.prereview.review import review

    settings = Settings()
    with usable_catalogue(settings):
        catalogue = load_catalogue(settings.catalogue)
    found = catalogue.item(item)
    if found is None:
        say(f"No item {item!r} in the catalogue; `onewindow catalogue search TEXT` finds its id.")
        raise typer.Exit(2)
    if scenario and found.scenario(scenario) is None:
        say(f"No scenario {scenario!r} for {item}; its scenarios: {', '.join(s.id for s in found.scenarios)}")
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
    settings = Settings()
    typer.echo(model_folder(settings))


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


def main() -> None:
    app(prog_name="onewindow")


if __name__ == "__main__":
    sys.exit(main())
