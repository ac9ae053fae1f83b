"""``ordo table``: decision tables as DMN XML, XLSX or CSV files."""
from __future__ import annotations

from pathlib import Path

import click

from api.cli.support import CliContext, pack_ref, pass_ordo


@click.group()
def table() -> None:
    """Decision tables as DMN XML, XLSX or CSV files."""


@table.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--key", required=True, help="Artifact key of the decision table.")
@click.option("--part", help="DMN decision id/name or XLSX sheet, when the file holds several.")
@click.option("--publish", "then_publish", is_flag=True, help="Publish the new draft right away.")
@pass_ordo
def table_import(ordo: CliContext, file: Path, key: str, part: str | None, then_publish: bool) -> None:
    """Import a table as a new draft version of KEY (creating the artifact if needed)."""
    from engine.rules.decision_table import DecisionTableError
    from engine.rules.dmn import DmnError
    from engine.rules.spreadsheet import SheetError
    from studio import artifacts
    from studio.errors import NotFound
    from studio.tables import read_table, table_document

    try:
        name, body = read_table(file, part)
    except (DmnError, SheetError, DecisionTableError) as error:
        raise click.ClickException(f"{file}: {error}") from error
    with ordo.changing("studio.edit", *(["studio.publish"] if then_publish else [])) as uow:
        try:
            draft = artifacts.create_draft(uow, key=key)
            draft = artifacts.save_draft(uow, key, draft.version, {**draft.document, "body": body}, draft.revision)
        except NotFound:
            draft = artifacts.create_draft(uow, table_document(key, name, body))
        if then_publish:
            artifacts.publish(uow, key, draft.version)
        label = f"{key}@{draft.version} {draft.status}"
    click.echo(f"table {name!r} imported as {label}")


@table.command("export")
@click.argument("ref")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@pass_ordo
def table_export(ordo: CliContext, ref: str, file: Path) -> None:
    """Write decision table KEY[@VERSION] (default: newest version) as .dmn, .xlsx or .csv."""
    from studio import artifacts
    from studio.tables import write_table

    key, version = pack_ref(ref)
    with ordo.reading() as session:
        found = artifacts.find_artifact(session, key)
        chosen = artifacts.find_version(session, key, version) if version else found.versions[-1]
        if found.kind != "decision_table":
            raise click.ClickException(f"{key} is a {found.kind}, not a decision_table")
        document = chosen.document
    write_table(file, key, document.get("title") or key, document["body"])
    click.echo(f"{key}@{chosen.version} written to {file}")
