"""``ordo audit``: list and verify the hash-chained audit log."""
from __future__ import annotations

import json
import sys

import click

from api.cli.support import CliContext, pass_ordo


@click.group()
def audit() -> None:
    """The hash-chained audit log."""


@audit.command("list")
@click.option("--order", "order_id", help="Everything that happened to this order: the order, its tasks, fallout, "
                                          "domain orders, approvals, cancellations and jeopardy alerts.")
@click.option("--entity-type")
@click.option("--entity-id")
@click.option("--actor")
@click.option("--action")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 10_000))
@pass_ordo
def audit_list(ordo: CliContext, limit: int, **chosen) -> None:
    """Audit entries, newest first: id, time, actor, action, entity and data."""
    from engine.clock import iso
    from engine.store.audit_query import AuditFilter, find_events

    with ordo.reading() as session:
        total, events = find_events(session, AuditFilter(**chosen), limit=limit)
    for event in events:
        click.echo(f"{event.id}\t{iso(event.at)}\t{event.actor}\t{event.action}\t{event.entity_type}:"
                   f"{event.entity_id}\t{json.dumps(event.data, sort_keys=True, default=str)}")
    click.echo(f"{len(events)} of {total} entries")


@audit.command("verify")
@pass_ordo
def audit_verify(ordo: CliContext) -> None:
    """Check the whole chain; report the first tampered entry."""
    from engine.store.audit import verify

    with ordo.reading() as session:
        broken = verify(session)
    if broken:
        click.echo(f"audit chain broken at entry {broken.event_id}: {broken.reason}", err=True)
        sys.exit(1)
    click.echo("audit chain intact")
