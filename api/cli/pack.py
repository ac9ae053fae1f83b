"""``ordo pack``: validate, test, import, seed, publish, activate, roll back, export and diff rule packs."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from api.cli.support import CliContext, pack_ref, pass_ordo


class PackFolder(click.Path):
    """A pack folder: a path, or the name of a pack shipped with Ordo (``telco-demo``), which an installed Ordo
    carries without a source checkout."""

    def __init__(self):
        super().__init__(exists=True, file_okay=False, path_type=Path)

    def convert(self, value, param, ctx):
        from engine.shipped import shipped

        named = shipped("rulepacks") / str(value)
        if not Path(value).exists() and "/" not in str(value) and named.is_dir():
            return named
        return super().convert(value, param, ctx)


@click.group()
def pack() -> None:
    """Rule packs."""


def _read_folder(folder: Path):
    from studio.packs import PackError, read_pack_folder

    try:
        return read_pack_folder(folder)
    except PackError as error:
        raise click.ClickException(str(error)) from error


@pack.command("validate")
@click.argument("folder", type=PackFolder())
def pack_validate(folder: Path) -> None:
    """Validate every artifact of a pack folder and the pack's references (no database needed)."""
    from studio.packs import check_source

    source = _read_folder(folder)
    issues, _ = check_source(source)
    for issue in issues:
        click.echo(f"{issue['artifact']}{issue['pointer']}: [{issue['code']}] {issue['message']}")
    if issues:
        raise click.ClickException(f"{len(issues)} problem(s) in pack {source.key}")
    click.echo(f"pack {source.key}: {len(source.artifacts)} artifacts valid")


@pack.command("test")
@click.argument("folder", type=PackFolder())
def pack_test(folder: Path) -> None:
    """Run every artifact's own tests (no database needed)."""
    from engine.kinds import run_document_tests

    source = _read_folder(folder)
    failed = total = 0
    for document in source.artifacts:
        for result in run_document_tests(document):
            total += 1
            if not result.passed:
                failed += 1
                click.echo(f"FAIL {document['key']}: {result.name}: {result.message}")
    click.echo(f"{total - failed} passed, {failed} failed")
    if failed:
        sys.exit(1)


@pack.command("import")
@click.argument("folder", type=PackFolder())
@click.option("--activate", "make_active", is_flag=True, help="Activate the imported pack version.")
@pass_ordo
def pack_import(ordo: CliContext, folder: Path, make_active: bool) -> None:
    """Import a rule pack folder (pack.json + artifacts), publishing what changed."""
    from studio.packs import activate, import_pack

    source = _read_folder(folder)
    with ordo.changing("studio.publish", *(["pack.activate"] if make_active else [])) as uow:
        imported = import_pack(uow, source)
        changed = activate(uow, imported) if make_active else False
        label = f"{imported.key}@{imported.version}"
    click.echo(f"pack {label} imported" + (", activated" if changed else ", already active" if make_active else ""))


@pack.command("seed")
@click.argument("folder", type=PackFolder())
@pass_ordo
def pack_seed(ordo: CliContext, folder: Path) -> None:
    """Import a shipped pack only when its content is absent; activate it only when no pack is active.

    Never replaces the active pack, so a pack published and activated in the studio survives `make run`;
    a repeated seed changes nothing. A setup command: runs as `system:<OS user>` when no Ordo user maps."""
    from studio.errors import Conflict
    from studio.packs import current_pack, seed

    source = _read_folder(folder)
    try:
        with ordo.setting_up() as uow:
            seeded = seed(uow, source)
            label, active = f"{seeded.pack.key}@{seeded.pack.version}", seeded.active
            active_label = f"{active.key}@{active.version}" if active else None
    except Conflict as error:
        with ordo.reading() as session:
            active = current_pack(session)
            if active is None:
                raise
            click.echo(f"pack {source.key} not imported ({error}); {active.key}@{active.version} stays active")
            return
    state = "activated" if seeded.activated else "active" if active_label == label else \
        f"{active_label} stays active" if active_label else "not active"
    click.echo(f"pack {label} " + ("imported" if seeded.imported else "already there") + f", {state}")


def _pins(values: tuple[str, ...]) -> dict[str, int]:
    pins = {}
    for value in values:
        artifact, _, version = value.partition("=")
        if not artifact or not version.isdigit() or int(version) < 1:
            raise click.BadParameter(f"{value!r}: write ARTIFACT=VERSION, e.g. catalog=3", param_hint="--pin")
        pins[artifact] = int(version)
    return pins


@pack.command("publish")
@click.argument("key", required=False)
@click.option("--title", required=True, help="Title of the new pack version (what it changes).")
@click.option("--base", "base_version", type=int, help="Pack version to start from (default: the newest).")
@click.option("--from-active", is_flag=True, help="Start from the active pack version (KEY may be left out).")
@click.option("--pin", "pins", multiple=True, metavar="ARTIFACT=VERSION",
              help="Pin this published artifact version; repeatable. With --pin, every other pin stays as in the "
                   "base version.")
@pass_ordo
def pack_publish(ordo: CliContext, key: str | None, title: str, base_version: int | None, from_active: bool,
                 pins: tuple[str, ...]) -> None:
    """New pack version from a base version: with --pin, the base's pins with those changed; without, the
    newest published version of each artifact of the base."""
    from studio.packs import base_pack, derive_pack, newest_version, republish_latest

    if from_active and base_version is not None:
        raise click.UsageError("give either --base or --from-active")
    if not key and not from_active:
        raise click.UsageError("name the pack KEY, or use --from-active")
    changed = _pins(pins)
    with ordo.changing("studio.publish") as uow:
        base = base_pack(uow.session, key, "active" if from_active else base_version)
        newest_before = newest_version(uow.session, base.key)
        published = derive_pack(uow, base, changed, title) if changed else \
            republish_latest(uow, base.key, title=title, base=base)
        label, is_new = f"{published.key}@{published.version}", published.version > newest_before
    click.echo(f"pack {label} published" if is_new else f"pack {label} already has this content: nothing published")


@pack.command("activate")
@click.argument("ref")
@pass_ordo
def pack_activate(ordo: CliContext, ref: str) -> None:
    """Activate KEY@VERSION (one audited action)."""
    from studio.packs import activate, find_pack

    key, version = pack_ref(ref)
    if version is None:
        raise click.UsageError("give the version to activate: KEY@VERSION")
    with ordo.changing("pack.activate") as uow:
        changed = activate(uow, find_pack(uow.session, key, version))
    click.echo(f"pack {key}@{version} " + ("activated" if changed else "was already active"))


@pack.command("rollback")
@pass_ordo
def pack_rollback(ordo: CliContext) -> None:
    """Re-activate the pack that was active before the current one."""
    from studio.packs import rollback

    with ordo.changing("pack.activate") as uow:
        previous = rollback(uow)
        click.echo(f"rolled back to {previous.key}@{previous.version}")


@pack.command("export")
@click.argument("ref")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@pass_ordo
def pack_export(ordo: CliContext, ref: str, folder: Path) -> None:
    """Write pack KEY@VERSION as a pack folder (pack.json + artifacts/)."""
    from studio.packs import export_pack, find_pack, write_pack_folder

    key, version = pack_ref(ref)
    with ordo.reading() as session:
        manifest, documents = export_pack(find_pack(session, key, version))
    write_pack_folder(folder, manifest, documents)
    click.echo(f"pack {key}@{manifest['version']} written to {folder} ({len(documents)} artifacts)")


@pack.command("diff")
@click.argument("old_ref")
@click.argument("new_ref")
@pass_ordo
def pack_diff(ordo: CliContext, old_ref: str, new_ref: str) -> None:
    """What changed between two pack versions: pins, bindings, and each changed artifact."""
    from studio.pack_diff import diff_packs
    from studio.packs import find_pack

    (old_key, old_version), (new_key, new_version) = pack_ref(old_ref), pack_ref(new_ref)
    with ordo.reading() as session:
        result = diff_packs(find_pack(session, old_key, old_version), find_pack(session, new_key, new_version))
    click.echo(json.dumps(result, indent=2, default=str))
