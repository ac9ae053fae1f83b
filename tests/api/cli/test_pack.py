"""``ordo pack``: validate and test without a database, import, export, seed, publish and activate."""
import json
import shutil

from click.testing import CliRunner

from api.cli import main
from engine.store.models import AuditEvent
from tests.conftest import DEMO_PACK


def test_pack_validate_and_test_need_no_database(tmp_path):
    runner = CliRunner()
    ok = runner.invoke(main, ["pack", "validate", str(DEMO_PACK)])
    assert ok.exit_code == 0 and "valid" in ok.output
    broken = shutil.copytree(DEMO_PACK, tmp_path / "pack")
    document = json.loads((broken / "artifacts" / "catalog.json").read_text())
    document["body"]["productOfferings"][0]["isSellable"] = "yes"
    (broken / "artifacts" / "catalog.json").write_text(json.dumps(document))
    bad = runner.invoke(main, ["pack", "validate", str(broken)])
    assert bad.exit_code == 1 and "/body/productOfferings/0/isSellable" in bad.output
    tested = runner.invoke(main, ["pack", "test", str(DEMO_PACK)])
    assert tested.exit_code == 0 and tested.output.strip().endswith("0 failed")


def test_export_then_reimport_gives_the_same_pack(cli, tmp_path):
    cli("pack", "import", DEMO_PACK, "--activate")
    exported = cli("pack", "export", "telco-demo@1", tmp_path / "out")
    assert exported.exit_code == 0, exported.output
    shipped = json.loads((DEMO_PACK / "pack.json").read_text())
    assert json.loads((tmp_path / "out" / "pack.json").read_text())["bindings"] == shipped["bindings"]
    assert cli("pack", "import", tmp_path / "out").output.strip() == "pack telco-demo@1 imported"


def test_pack_import_reports_a_broken_pack_without_a_traceback(cli, tmp_path):
    (tmp_path / "pack.json").write_text('{"key": "x", "artifacts": ["missing.json"]}')
    result = cli("pack", "import", tmp_path)
    assert result.exit_code == 1 and "missing.json: file not found" in result.output


def publish_catalog_version(runtime, name: str) -> int:
    """A new published version of the demo catalog (the first offering renamed), as a studio user would."""
    from studio import artifacts

    with runtime.unit_of_work(actor="admin") as uow:
        draft = artifacts.create_draft(uow, key="catalog.telco-demo")
        document = json.loads(json.dumps(draft.document))
        document["body"]["productOfferings"][0]["name"] = name
        artifacts.save_draft(uow, "catalog.telco-demo", draft.version, document, draft.revision)
        artifacts.publish(uow, "catalog.telco-demo", draft.version)
        return draft.version


def audit_total(runtime) -> int:
    from sqlalchemy import func, select

    with runtime.reading() as session:
        return session.scalar(select(func.count()).select_from(AuditEvent))


def test_a_shipped_pack_is_named_without_its_folder_and_a_missing_one_is_refused(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert cli("pack", "validate", "telco-demo").output.strip().startswith("pack telco-demo: ")
    missing = cli("pack", "validate", "no-such-pack")
    assert missing.exit_code == 2 and "'no-such-pack' does not exist" in missing.output
    (tmp_path / "telco-demo").mkdir()
    own = cli("pack", "validate", "telco-demo")
    assert own.exit_code != 0 and "telco-demo" in own.output and "artifacts valid" not in own.output


def test_pack_seed_keeps_a_pack_published_and_activated_since(cli, runtime):
    """make run's seeding step: fresh database -> shipped pack imported and active; a newer pack published and
    activated afterwards stays active; seeding again writes nothing."""
    assert cli("pack", "seed", DEMO_PACK).output.strip() == "pack telco-demo@1 imported, activated"
    version = publish_catalog_version(runtime, "Fibre 100 (studio edit)")
    published = cli("pack", "publish", "--from-active", "--pin", f"catalog.telco-demo={version}",
                    "--title", "renamed fibre")
    assert published.exit_code == 0 and published.output.strip() == "pack telco-demo@2 published"
    assert cli("pack", "activate", "telco-demo@2").output.strip() == "pack telco-demo@2 activated"
    before = audit_total(runtime)
    again = cli("pack", "seed", DEMO_PACK)
    assert again.exit_code == 0 and again.output.strip() == "pack telco-demo@1 already there, telco-demo@2 stays active"
    with runtime.reading() as session:
        from studio.packs import current_pack

        active = current_pack(session)
        assert (active.version, active.title) == (2, "renamed fibre")
        assert {p.artifact_version.artifact.key: p.artifact_version.version for p in active.pins}[
            "catalog.telco-demo"] == version
    assert audit_total(runtime) == before


def test_pack_publish_takes_the_title_and_changes_only_the_given_pins(cli, runtime, demo_pack):
    first, second = publish_catalog_version(runtime, "one"), publish_catalog_version(runtime, "two")
    result = cli("pack", "publish", "telco-demo", "--base", "1", "--pin", f"catalog.telco-demo={first}",
                 "--title", "first rename")
    assert result.output.strip() == "pack telco-demo@2 published"
    latest = cli("pack", "publish", "telco-demo", "--title", "every newest artifact")
    assert latest.output.strip() == "pack telco-demo@3 published"
    with runtime.reading() as session:
        from studio.packs import find_pack

        made = [find_pack(session, "telco-demo", number) for number in (2, 3)]
        catalogs = [next(p.artifact_version.version for p in pack.pins
                         if p.artifact_version.artifact.key == "catalog.telco-demo") for pack in made]
        titles = [pack.title for pack in made]
    assert catalogs == [first, second] and titles == ["first rename", "every newest artifact"]
    assert cli("pack", "publish", "telco-demo").exit_code == 2  # --title is required
    bad = cli("pack", "publish", "--from-active", "--pin", "catalog.telco-demo=x", "--title", "t")
    assert bad.exit_code == 2 and "ARTIFACT=VERSION" in bad.output
    missing = cli("pack", "publish", "--from-active", "--pin", "catalog.telco-demo=99", "--title", "t")
    assert missing.exit_code == 1 and "catalog.telco-demo" in missing.output and "Traceback" not in missing.output


def test_pack_seed_leaves_the_active_pack_when_a_changed_shipped_pack_meets_an_open_draft(cli, runtime, demo_pack,
                                                                                         tmp_path):
    import shutil

    from studio import artifacts

    folder = shutil.copytree(DEMO_PACK, tmp_path / "pack")
    document = json.loads((folder / "artifacts" / "catalog.json").read_text())
    document["body"]["productOfferings"][0]["name"] = "Fibre 100 (next release)"
    (folder / "artifacts" / "catalog.json").write_text(json.dumps(document))
    with runtime.unit_of_work(actor="admin") as uow:
        artifacts.create_draft(uow, key="catalog.telco-demo")
    result = cli("pack", "seed", folder)
    assert result.exit_code == 0 and "open draft" in result.output and "telco-demo@1 stays active" in result.output
