"""``ordo import``: import a file of orders (CSV, XLSX with a mapping; JSON Lines of TMF622 orders) and show
its progress until it ends. The chunks run here (as a worker for imports only) and in any running worker; the
orders then flow through enrichment and fulfilment like any other. Run it again after a crash or Ctrl-C: it
resumes the unfinished import of the same file from its last committed chunk."""
from __future__ import annotations

import sys
import time
from pathlib import Path

import click
from sqlalchemy import select

from api.cli.support import CliContext, pass_ordo
from api.read.imports import import_view

FINAL = {"completed", "cancelled", "failed"}


@click.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--mapping", metavar="KEY[@VERSION]", help="The import_mapping artifact (needed for CSV and XLSX).")
@click.option("--source", help="The system the file comes from (default: the mapping's).")
@click.option("--dry-run", is_flag=True, help="Validate every row and create nothing.")
@click.option("--rejects", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the rejected rows here (with an error column) when the import ends.")
@click.option("--lease-seconds", default=60.0, show_default=True, type=float,
              help="How long a chunk is this process's before another may take it over (after a crash).")
@pass_ordo
def import_orders(ordo: CliContext, file: Path, mapping: str | None, source: str | None, dry_run: bool,
                  rejects: Path | None, lease_seconds: float) -> None:
    """Import orders from FILE, with a live progress line; exit 2 when rows were rejected."""
    from api.cli.support import pack_ref

    key, version = pack_ref(mapping) if mapping else (None, None)
    import_id = _resumed(ordo, file, key, version, source, dry_run) or _started(ordo, file, key, version, source,
                                                                                dry_run)
    final = _follow(ordo, import_id, lease_seconds)
    click.echo(_summary(final))
    if rejects is not None and final.rows_rejected:
        _write_rejects(ordo, import_id, rejects)
        click.echo(f"rejected rows written to {rejects}")
    if final.state != "completed":
        raise click.ClickException(f"import {import_id} {final.state}" + (f": {final.error}" if final.error else ""))
    if final.rows_rejected:
        sys.exit(2)


def _started(ordo: CliContext, file: Path, key, version, source, dry_run) -> str:
    from engine.runtime.imports import service
    from engine.runtime.imports.files import staged_copy

    staged = staged_copy(file, ordo.settings.home / "imports")
    try:
        with ordo.changing("order.import") as uow:
            record = service.start_import(uow, staged, mapping_key=key, mapping_version=version, source=source,
                                          dry_run=dry_run)
            import_id = record.id
    except BaseException:
        staged.path.unlink(missing_ok=True)
        raise
    click.echo(f"import {import_id} of {file.name} ({staged.size:,} bytes) started")
    return import_id


def _resumed(ordo: CliContext, file: Path, key, version, source, dry_run) -> str | None:
    """The unfinished import of the same file (by content), mapping, source and mode, if there is one."""
    from engine.runtime.imports.files import sha256_of
    from engine.store.models import OrderImport

    digest = sha256_of(file)
    with ordo.reading() as session:
        found = session.execute(select(OrderImport).where(
            OrderImport.file_sha256 == digest, OrderImport.state.in_(("queued", "running")),
            OrderImport.dry_run == dry_run).order_by(OrderImport.created_at.desc())).scalars().all()
    for record in found:
        if (key is None or record.mapping_key == key) and (version is None or record.mapping_version == version) \
                and (source is None or record.source == source):
            click.echo(f"resuming import {record.id} of {file.name} at row {record.resume_row or 2}")
            return record.id
    return None


def _follow(ordo: CliContext, import_id: str, lease_seconds: float):
    """Run import chunks here until the import ends, redrawing one progress line."""
    from engine.runtime.imports.service import RUN
    from engine.runtime.jobs.worker import Worker

    runtime = ordo.runtime()
    worker = Worker(runtime.session_factory, runtime.clock, kinds=[RUN], lease_seconds=lease_seconds)
    live = sys.stdout.isatty()
    last_line = 0.0
    while True:
        view = _view(ordo, import_id)
        if view.state in FINAL:
            if live:
                click.echo()
            return view
        if live or time.monotonic() - last_line > 10:
            click.echo(("\r" if live else "") + _progress(view), nl=not live)
            last_line = time.monotonic()
        if not worker.run_once():
            time.sleep(0.5)


def _view(ordo: CliContext, import_id: str):
    from engine.store.models import OrderImport

    runtime = ordo.runtime()
    with runtime.reading() as session:
        return import_view(session.get(OrderImport, import_id), runtime.clock.now())


def _progress(view) -> str:
    share = f"{view.progress * 100:5.1f} %" if view.progress is not None else "  ?  "
    rate = f"{view.rows_per_second:,.0f} rows/s" if view.rows_per_second else "- rows/s"
    left = f"{view.seconds_left:,.0f} s left" if view.seconds_left is not None else ""
    bar = _bar(view.progress)
    return (f"{bar} {share}  {view.rows_read:,} rows  {view.orders_created:,} created  "
            f"{view.orders_rejected:,} rejected  {rate}  {left}").rstrip()


def _bar(progress: float | None, width: int = 24) -> str:
    filled = int((progress or 0) * width)
    return "[" + "#" * filled + "." * (width - filled) + "]"


def _summary(view) -> str:
    verb = "would create" if view.dry_run else "created"
    created = view.orders_valid if view.dry_run else view.orders_created
    return (f"import {view.id} {view.state}: {view.rows_read:,} rows, {view.orders_read:,} orders; {verb} "
            f"{created:,}, already imported {view.orders_existing:,}, rejected {view.orders_rejected:,} orders "
            f"({view.rows_rejected:,} rows)")


def _write_rejects(ordo: CliContext, import_id: str, target: Path) -> None:
    from api.read.import_rejects import rejects_file

    content, _, _ = rejects_file(ordo.runtime().reading, import_id)
    with target.open("wb") as out:
        for piece in content:
            out.write(piece)
