"""The ``ordo demo`` command: play the demo script of a pack against a running Ordo."""
from __future__ import annotations

import secrets
import sys
import time
from pathlib import Path

import click

from api.cli.support import CliContext, pass_ordo
from api.demo import report
from api.demo.client import Api, Unreachable
from api.demo.play import Outcome, play_entry
from api.demo.script import ScriptError, load_script
from api.demo.tokens import NoTokens, Tokens, check, existing_database, mint, revoke
from engine.shipped import demo_pack

PACK = demo_pack()


def _token_pairs(_ctx, _param, values: tuple[str, ...]) -> dict[str, str]:
    pairs = {}
    for value in values:
        user, sep, token = value.partition("=")
        if not sep or not user or not token:
            raise click.BadParameter(f"{value!r}: write USER=TOKEN (USER is a demo user, e.g. orderAgent)")
        pairs[user] = token
    return pairs


@click.command("demo")
@click.option("--url", default="http://127.0.0.1:8000", show_default=True, help="Base URL of the running Ordo.")
@click.option("--pack", "pack_folder", default=PACK, show_default=True,
              type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Pack folder with demo.json and examples/.")
@click.option("--only", multiple=True, help="Play only these examples (and what they need first); repeatable.")
@click.option("--token", "tokens", multiple=True, callback=_token_pairs,
              help="USER=TOKEN for a demo user (repeatable); the others are minted in the local database.")
@click.option("--timeout", default=90.0, show_default=True, type=float, help="Seconds each order may take.")
@click.option("--poll", default=0.1, show_default=True, type=float, help="Seconds between looks at an order.")
@pass_ordo
def demo(ordo: CliContext, url: str, pack_folder: Path, only: tuple[str, ...], tokens: dict[str, str], timeout: float,
         poll: float) -> None:
    """Play every example of the demo pack end to end on a running Ordo (`make run`), as its people would.

    Captures each example, does the people's steps it needs (work tasks, approve, supply missing information,
    end a timer early, resolve fallout), revises, changes and cancels orders as the pack's demo.json says,
    then prints a table of end states; exits 1 when an example did not end as expected."""
    try:
        script = load_script(pack_folder / "demo.json", pack_folder / "examples")
    except ScriptError as error:
        raise click.ClickException("the demo script cannot be played:\n  " + "\n  ".join(error.problems)) from error
    entries = _selected(script.entries, only)
    api = Api(url, {})
    try:
        api.check_up()
        minted = _tokens(ordo, tokens)
        api.tokens = minted.tokens
        try:
            check(api, minted)
            outcomes = _play_all(api, script, entries, timeout, poll)
        finally:
            revoke(minted)
    except (Unreachable, NoTokens) as error:
        raise click.ClickException(str(error)) from error
    click.echo("\n" + report.table(outcomes))
    sys.exit(0 if all(o.ok for o in outcomes) else 1)


def _tokens(ordo: CliContext, given: dict[str, str]) -> Tokens:
    from api.roles import ROLES

    users = [role for role in ROLES if role != "customer"]
    if all(user in given for user in users):
        return mint(users, given)
    url = existing_database(ordo.settings.database_url)  # NoTokens before the actor look-up would fail
    return mint(users, given, url, ordo.actor(setup=True))


def _selected(entries, only: tuple[str, ...]):
    if not only:
        return entries
    unknown = set(only) - {e.example for e in entries}
    if unknown:
        raise click.BadParameter(f"not in the demo script: {', '.join(sorted(unknown))}", param_hint="--only")
    needed = set(only)
    for entry in reversed(entries):  # what the chosen ones fill their placeholders from, played first
        if entry.example in needed:
            needed |= {s.get("productOf") or s.get("orderOf") for s in entry.fill.values()}
    return tuple(e for e in entries if e.example in needed)


def _play_all(api: Api, script, entries, timeout: float, poll: float) -> list[Outcome]:
    run_id = time.strftime("%Y%m%d%H%M%S") + secrets.token_hex(2)
    click.echo(f"Playing {len(entries)} example{'' if len(entries) == 1 else 's'} on {api.url} (run {run_id})")
    outcomes: dict[str, Outcome] = {}
    for position, entry in enumerate(entries, 1):
        click.echo(report.heading(position, len(entries), entry.example, entry.expect))
        outcome = play_entry(api, script, entry, outcomes, run_id, report.progress(click.echo), timeout=timeout,
                             poll=poll)
        outcomes[entry.example] = outcome
        click.echo(report.verdict(outcome))
    return list(outcomes.values())
