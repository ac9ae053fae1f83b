"""``ordo backup``: export everything authored, with the whole audit chain, to one file; check such a file; and
restore it into an empty database, checked against the chain. A group of its own, so ``ordo import`` (orders
from a file) keeps its meaning."""
from __future__ import annotations

from pathlib import Path

import click

from api.cli.support import CliContext, pass_ordo

SUMMARY = (("artifacts", "artifacts"), ("artifact_versions", "artifact versions"), ("rule_packs", "pack versions"),
           ("pack_activations", "activations"), ("event_listeners", "event listeners"),
           ("assignment_groups", "groups"), ("group_members", "memberships"), ("users", "users"),
           ("api_tokens", "API tokens"), ("audit_events", "audit entries"))


def _summary(counts: dict[str, int]) -> str:
    return ", ".join(f"{counts[name]} {label}" for name, label in SUMMARY if name in counts)


def _refused(error) -> click.ClickException:
    return click.ClickException("\n".join([error.message] + [f"  {e['message']}" for e in error.errors]))


@click.group()
def backup() -> None:
    """Backup and restore of everything authored, verified by the audit chain.

    A backup holds the artifacts with all their versions (drafts too), rule packs with their pins and
    activations, event listeners, assignment groups and members, users and their parties, and the whole audit
    chain. Orders and all runtime state (tasks, jobs, events, inventory) are not in it: back up the database for
    those."""


@backup.command("export")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--with-credentials", is_flag=True,
              help="Also write users' password hashes and their API tokens (as hashes); without it the restored "
                   "users have no password (set one with `ordo user password`) and no token.")
@click.option("--force", is_flag=True, help="Replace FILE when it exists.")
@pass_ordo
def backup_export(ordo: CliContext, file: Path, with_credentials: bool, force: bool) -> None:
    """Write the backup to FILE (JSON Lines; gzip when FILE ends in .gz), after verifying the audit chain.

    \b
    THE FILE IS SECRET: it holds every event listener's signing secret (with --with-credentials also the
    password and token hashes). Keep it like the database itself; it is written readable by its owner only."""
    from engine.store.backup import BackupError
    from engine.store.backup.export import export_backup, snapshot

    if file.exists() and not force:
        raise click.ClickException(f"{file} exists: give another name, or --force to replace it")
    runtime = ordo.runtime()
    try:
        with snapshot(runtime.session_factory) as session:
            counts, head = export_backup(session, file, now=runtime.clock.now(), with_credentials=with_credentials)
    except BackupError as error:
        raise _refused(error) from error
    except OSError as error:
        raise click.ClickException(f"cannot write {file}: {error.strerror or error}") from error
    click.echo(f"backup written to {file}: {_summary(counts)}; audit chain intact")
    click.echo(f"audit head: {head} (note it elsewhere; `ordo backup restore --head` checks it)")
    click.echo("the file holds the event listeners' signing secrets" +
               (" and the users' password and token hashes" if with_credentials else "") + ": keep it secret")


@backup.command("verify")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--head", metavar="HASH", help="The audit head printed by the export: refused unless the file's "
                                             "chain ends there (detects a chain rewritten from the start).")
def backup_verify(file: Path, head: str | None) -> None:
    """Check FILE without a database: its audit chain, and every authored row against what the chain
    recorded; exit 1 naming each mismatch."""
    from engine.store.backup import BackupError
    from engine.store.backup.restore import check_backup

    try:
        counts, problems = check_backup(file, head)
    except BackupError as error:
        raise _refused(error) from error
    if problems:
        raise click.ClickException("\n".join([f"{file} does not match its audit chain:"]
                                             + [f"  {problem}" for problem in problems]))
    click.echo(f"backup {file}: {_summary(counts)}; audit chain intact, the authored rows match it")


@backup.command("restore")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--head", metavar="HASH", help="The audit head printed by the export: refused unless the file's "
                                             "chain ends there (detects a chain rewritten from the start).")
@pass_ordo
def backup_restore(ordo: CliContext, file: Path, head: str | None) -> None:
    """Restore FILE into this database, which must be empty (new and migrated: `ordo db upgrade`).

    Rows keep their ids and times, so the audit chain is the same; the file is checked against the chain and
    the restored chain verified before anything is committed (all or nothing). The restore adds one audit entry,
    backup.restored. A setup command: runs as `system:<OS user>`."""
    from engine.store.backup import BackupError
    from engine.store.backup.restore import restore_backup

    try:
        with ordo.setting_up() as uow:
            restored = restore_backup(uow, file, head=head)
    except BackupError as error:
        raise _refused(error) from error
    click.echo(f"restored from {file}: {_summary(restored.rows)}; audit chain intact (the backup's ended in "
               f"{restored.last_hash}; then the entry backup.restored)")
    if not restored.credentials and restored.rows.get("users"):
        click.echo("the backup holds no credentials: give users a password with `ordo user password USERNAME`")
