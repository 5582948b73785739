"""`onewindow catalogue …`: check a catalogue, and search it from a terminal."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from knowledge.loader import check_catalogue
from onewindow.console import knowledge_base
from onewindow.settings import Settings

if TYPE_CHECKING:  # imported lazily at run time: torch is slow to import
    from knowledge.schema import Catalogue


catalogue_app = typer.Typer(help="Check and search the service catalogue.", no_args_is_help=True)


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

    knowledge = knowledge_base(Settings())
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
