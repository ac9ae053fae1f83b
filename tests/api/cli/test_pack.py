import json

import pytest
from sqlalchemy import update

from engine.store.migrate import head_revisions
from engine.store.models import AuditEvent
from tests.api.live import serve
from tests.conftest import DEMO_PACK


def test_db_upgrade_pack_import_and_audit_verify(cli, runtime):
    assert f"at {head_revisions()[0]}" in cli("db", "upgrade").output
    first = cli("pack", "import", DEMO_PACK, "--activate")
    assert first.exit_code == 0 and first.output.strip() == "pack telco-demo@1 imported, activated"
    assert cli("pack", "import", DEMO_PACK, "--activate").output.strip() == "pack telco-demo@1 imported, already active"
    assert cli("audit", "verify").output.strip() == "audit chain intact"
    with runtime.reading() as session:
        session.execute(update(AuditEvent).where(AuditEvent.id == 2).values(action="forged"))
    broken = cli("audit", "verify")
    assert broken.exit_code == 1 and "entry 2" in broken.output


def test_pack_import_reports_a_broken_pack_without_a_traceback(cli, tmp_path):
    (tmp_path / "pack.json").write_text('{"key": "x", "artifacts": ["missing.json"]}')
    result = cli("pack", "import", tmp_path)
    assert result.exit_code == 1 and "missing.json: file not found" in result.output


@pytest.fixture
def live_server(app, runtime, demo_pack):
    yield from serve(app, runtime)


@pytest.fixture
def secure_server(secure_app, runtime, demo_pack):
    yield from serve(secure_app, runtime)


def test_order_submit_sends_the_bearer_token_from_the_environment(cli, secure_server, make_user, monkeypatch):
    example = DEMO_PACK / "examples" / "fibre-500.json"
    refused = cli("order", "submit", example, "--url", secure_server)
    assert refused.exit_code == 1 and "HTTP 401" in refused.output
    monkeypatch.setenv("ORDO_TOKEN", make_user("agent", "orderAgent").token)
    accepted = cli("order", "submit", example, "--url", secure_server, "--follow")
    assert accepted.exit_code == 0, accepted.output
    assert '"state": "completed"' in accepted.output


def test_order_submit_follow_shows_progress_and_the_final_order(cli, live_server):
    result = cli("order", "submit", DEMO_PACK / "examples" / "fibre-500.json", "--url", live_server, "--follow")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("order ") and lines[0].endswith(" acknowledged")
    assert any(line.strip().split(" ", 1)[1].startswith("completed (completed), tasks") for line in lines[1:])
    final = json.loads(result.output[result.output.index("{"):])
    assert final["state"] == "completed" and final["externalId"] == "demo-fibre-500"


def test_order_submit_follow_exits_nonzero_when_the_order_is_rejected(cli, live_server):
    result = cli("order", "submit", DEMO_PACK / "examples" / "unknown-offering.json", "--url", live_server,
                 "--follow")
    assert result.exit_code == 2 and '"state": "rejected"' in result.output


def test_order_submit_reports_a_400_and_an_unreachable_server(cli, live_server, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"description": "no items"}')
    result = cli("order", "submit", bad, "--url", live_server)
    assert result.exit_code == 1 and "HTTP 400" in result.output
    result = cli("order", "submit", bad, "--url", "http://127.0.0.1:9")
    assert result.exit_code == 1 and "cannot reach" in result.output


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
