"""`onewindow staff …`: the staff accounts of the console and their API tokens."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from onewindow.console import say
from onewindow.settings import Settings

if TYPE_CHECKING:  # imported lazily at run time: torch is slow to import
    from api.staff_accounts import StaffAccounts


staff_app = typer.Typer(help="Staff accounts of the console at /staff.", no_args_is_help=True)


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
            say(f"{username} has no live token {revoke} (`onewindow staff token {username} --list`)")
            raise typer.Exit(2)
        typer.echo(f"token {revoke} of {username} is revoked")
        return
    try:
        token = accounts.issue_token(username, label)
    except ValueError as error:
        say(f"error: {error}")
        raise typer.Exit(2) from None
    say(f"An API token for {username} (shown only now; send it as 'Authorization: Bearer …'):")
    typer.echo(token)


def _accounts() -> StaffAccounts:
    from api.staff_accounts import StaffAccounts
    from bot.store import make_engine

    settings = Settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    return StaffAccounts(make_engine(settings.sqlalchemy_url))
