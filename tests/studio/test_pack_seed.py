"""Seeding the shipped pack (``make run``): import only when absent, activate only when none is active."""
import json
import shutil

import pytest
from sqlalchemy import func, select

from engine.store.models import AuditEvent
from studio.packs import activate, current_pack, derive_pack, find_pack, read_pack_folder, seed
from tests.conftest import DEMO_PACK


def seed_folder(runtime, folder=DEMO_PACK):
    with runtime.unit_of_work(actor="system:test") as uow:
        seeded = seed(uow, read_pack_folder(folder))
        return seeded.pack.version, seeded.imported, seeded.activated


def audit_count(runtime) -> int:
    with runtime.reading() as session:
        return session.scalar(select(func.count()).select_from(AuditEvent))


def active_version(runtime) -> int:
    with runtime.reading() as session:
        return current_pack(session).version


def test_a_fresh_database_gets_the_shipped_pack_imported_and_active(runtime):
    assert seed_folder(runtime) == (1, True, True)
    assert active_version(runtime) == 1


def test_seeding_again_changes_nothing_and_writes_no_audit_entry(runtime):
    seed_folder(runtime)
    before = audit_count(runtime)
    assert seed_folder(runtime) == (1, False, False)
    assert audit_count(runtime) == before


@pytest.fixture
def newer_pack_active(runtime, demo_pack):
    """The shipped pack plus a newer version, published and activated by an admin (another catalog name)."""
    from studio import artifacts

    with runtime.unit_of_work(actor="admin") as uow:
        draft = artifacts.create_draft(uow, key="catalog.telco-demo")
        document = json.loads(json.dumps(draft.document))
        document["body"]["productOfferings"][0]["name"] = "Fibre 100 (admin's name)"
        artifacts.save_draft(uow, "catalog.telco-demo", draft.version, document, draft.revision)
        artifacts.publish(uow, "catalog.telco-demo", draft.version)
        newer = derive_pack(uow, find_pack(uow.session, "telco-demo", 1), {"catalog.telco-demo": draft.version},
                            "admin's edition")
        activate(uow, newer)
    return newer.version


def test_a_newer_pack_activated_by_an_admin_stays_active(runtime, newer_pack_active):
    before = audit_count(runtime)
    assert seed_folder(runtime) == (1, False, False)
    assert active_version(runtime) == newer_pack_active == 2
    assert audit_count(runtime) == before


def test_a_changed_shipped_pack_is_imported_but_never_replaces_the_active_one(runtime, newer_pack_active, tmp_path):
    folder = shutil.copytree(DEMO_PACK, tmp_path / "pack")
    manifest = json.loads((folder / "pack.json").read_text())
    manifest["title"] = "shipped, changed"
    catalog = folder / "artifacts" / "catalog.json"
    document = json.loads(catalog.read_text())
    document["body"]["productOfferings"][0]["name"] = "Fibre 100 (next release)"
    catalog.write_text(json.dumps(document))
    assert seed_folder(runtime, folder) == (3, True, False)
    assert active_version(runtime) == newer_pack_active
