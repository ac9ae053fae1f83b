"""The demo users' API tokens: given on the command line, or minted in the local database the CLI uses.

``ordo user demo`` (run by ``make run``) creates one user per role, named after the role. Minting works as
``ordo user token`` does, audited as the user the CLI acts as (``--as``, the OS user, else ``system:<OS user>``);
the demo revokes the tokens it minted when it is done.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from api.demo.client import Api


class NoTokens(Exception):
    """The tokens cannot be minted: why, and what to do instead."""


@dataclass
class Tokens:
    tokens: dict[str, str]
    minted: dict[str, str] = field(default_factory=dict)  # user -> token id, to revoke
    database_url: str | None = None
    actor: str = "demo"


def mint(users: list[str], given: dict[str, str], database_url: str | None = None, actor: str = "demo") -> Tokens:
    """Tokens for ``users`` (the given ones as they are), minted in ``database_url`` (default: the CLI's
    configured database) and audited as ``actor``; the users that do not exist are left out."""
    needed = [u for u in users if u not in given]
    if not needed:
        return Tokens(dict(given))
    database_url = existing_database(database_url or _configured_url())
    from sqlalchemy.exc import SQLAlchemyError

    from api.auth.tokens import create_token
    from api.auth.users import find_user
    from engine.runtime.service import Runtime

    ordo = Runtime.connect(database_url)
    tokens, minted = dict(given), {}
    try:
        with ordo.unit_of_work(actor=actor) as uow:
            for username in needed:
                user = find_user(uow.session, username)
                if user is not None and user.active:
                    row, tokens[username] = create_token(uow, user, "ordo demo")
                    minted[username] = row.id
    except SQLAlchemyError as error:
        where = ordo.engine.url.render_as_string(hide_password=True)
        raise NoTokens(f"cannot mint the demo users' tokens in {where}: {error.__class__.__name__}: "
                       f"{str(error).splitlines()[0]} (run `ordo demo` where `make run` runs, or pass "
                       "--token USER=TOKEN)") from error
    finally:
        ordo.engine.dispose()
    if not minted and not given:
        raise NoTokens(f"no demo users in {ordo.engine.url.render_as_string(hide_password=True)}: run "
                       "`ordo user demo` (make run does) or pass --token USER=TOKEN")
    return Tokens(tokens, minted, database_url, actor)


def _configured_url() -> str:
    from engine.settings import resolve

    return resolve().database_url


def existing_database(url: str) -> str:
    """``url``, or NoTokens rather than creating an empty SQLite file."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database and not Path(parsed.database).exists():
        raise NoTokens(f"no Ordo database at {parsed.database}: run `ordo demo` where `make run` runs (or set "
                       "ORDO_DATABASE_URL), or pass --token USER=TOKEN")
    return url


def check(api: Api, tokens: Tokens) -> None:
    """NoTokens unless the running Ordo accepts every token as its user (the same database, say)."""
    for username, token in tokens.tokens.items():
        status, me = api.send("GET", "/api/v1/auth/me", token=token)
        if status != 200 or not isinstance(me, dict) or me.get("username") != username:
            raise NoTokens(f"{api.url} does not accept the token of {username!r} (HTTP {status}): does it use the "
                           "database this CLI uses (ORDO_DATABASE_URL)? Or pass --token USER=TOKEN")


def revoke(tokens: Tokens) -> None:
    """Revoke the tokens the demo minted, in the database it minted them in."""
    if not tokens.minted:
        return
    from api.auth.tokens import revoke_token
    from api.auth.users import find_user
    from engine.runtime.service import Runtime

    ordo = Runtime.connect(tokens.database_url)
    try:
        with ordo.unit_of_work(actor=tokens.actor) as uow:
            for username, token_id in tokens.minted.items():
                revoke_token(uow, find_user(uow.session, username), token_id)
    finally:
        ordo.engine.dispose()
