import json
import shutil

import pytest
from sqlalchemy import select

from engine.store.models import Artifact, ArtifactVersion, AuditEvent, PackActivation, RulePack
from studio.errors import Invalid
from studio.packs import PackError, activate, import_pack, read_pack_folder
from tests.conftest import DEMO_PACK


def import_folder(runtime, folder, make_active=True):
    with runtime.unit_of_work(actor="test") as uow:
        pack = import_pack(uow, read_pack_folder(folder))
        changed = activate(uow, pack) if make_active else None
        return pack.key, pack.version, changed


@pytest.fixture
def pack_copy(tmp_path):
    return shutil.copytree(DEMO_PACK, tmp_path / "pack")


def test_importing_the_same_pack_twice_changes_nothing(runtime):
    assert import_folder(runtime, DEMO_PACK) == ("telco-demo", 1, True)
    assert import_folder(runtime, DEMO_PACK) == ("telco-demo", 1, False)
    with runtime.reading() as session:
        assert session.query(RulePack).count() == 1 and session.query(PackActivation).count() == 1


def test_a_changed_artifact_gets_a_new_version_and_the_pack_a_new_version(runtime, pack_copy):
    import_folder(runtime, pack_copy)
    catalog_file = pack_copy / "artifacts" / "catalog.json"
    document = json.loads(catalog_file.read_text())
    document["body"]["productOfferings"][0]["name"] = "Fibre 100M (renamed)"
    catalog_file.write_text(json.dumps(document))
    artifacts = len(json.loads((pack_copy / "pack.json").read_text())["artifacts"])
    assert import_folder(runtime, pack_copy) == ("telco-demo", 2, True)
    with runtime.reading() as session:
        versions = session.execute(select(ArtifactVersion.version, ArtifactVersion.status).join(Artifact)
                                   .where(Artifact.key == "catalog.telco-demo")).all()
        assert sorted(versions) == [(1, "published"), (2, "published")]
        actions = [e.action for e in session.query(AuditEvent).order_by(AuditEvent.id)]
    assert actions.count("pack.activated") == 2 and actions.count("artifact.published") == artifacts + 1


def test_ui_changes_do_not_make_a_new_version(runtime, pack_copy):
    import_folder(runtime, pack_copy)
    catalog_file = pack_copy / "artifacts" / "catalog.json"
    document = json.loads(catalog_file.read_text())
    document["ui"] = {"x": 10}
    catalog_file.write_text(json.dumps(document))
    assert import_folder(runtime, pack_copy)[1] == 1


def test_a_binding_to_a_missing_artifact_is_refused_with_where(runtime, pack_copy):
    manifest = json.loads((pack_copy / "pack.json").read_text())
    manifest["bindings"]["catalog"] = "catalog.nope"
    (pack_copy / "pack.json").write_text(json.dumps(manifest))
    with pytest.raises(Invalid) as raised:
        import_folder(runtime, pack_copy)
    assert [(e["pointer"], e["code"]) for e in raised.value.errors] == [("/bindings/catalog", "missing_artifact")]
    with runtime.reading() as session:
        assert session.query(RulePack).count() == 0 and session.query(ArtifactVersion).count() == 0


def test_an_invalid_artifact_refuses_the_whole_import_listing_every_problem(runtime, pack_copy):
    catalog_file = pack_copy / "artifacts" / "catalog.json"
    document = json.loads(catalog_file.read_text())
    document["body"]["productOfferings"][0]["productSpecification"]["id"] = "spec-nowhere"
    document["body"]["productOfferings"][1]["isSellable"] = "yes"
    catalog_file.write_text(json.dumps(document))
    with pytest.raises(Invalid) as raised:
        import_folder(runtime, pack_copy)
    assert {e["pointer"] for e in raised.value.errors} >= {"/body/productOfferings/1/isSellable"}
    assert all(e["artifact"] == "catalog.telco-demo" for e in raised.value.errors)


def test_an_unknown_kind_and_broken_json_are_reported(pack_copy):
    catalog_file = pack_copy / "artifacts" / "catalog.json"
    catalog_file.write_text('{"kind": "spaceship", "key": "x"}')
    with pytest.raises(PackError, match="unknown artifact kind"):
        read_pack_folder(pack_copy)
    catalog_file.write_text('{"kind": ')
    with pytest.raises(PackError) as raised:
        read_pack_folder(pack_copy)
    assert "catalog.json:1:" in raised.value.where


def test_orders_pin_the_pack_they_were_captured_with(client, runtime, pack_copy, worker):
    import_folder(runtime, pack_copy)
    order = json.loads((pack_copy / "examples" / "fibre-500.json").read_text())
    first = client.post("/tmf-api/productOrderingManagement/v4/productOrder", json=order).json
    catalog_file = pack_copy / "artifacts" / "catalog.json"
    document = json.loads(catalog_file.read_text())
    offering = next(o for o in document["body"]["productOfferings"] if o["id"] == "fibre-500")
    offering["name"] = "Fibre 500 (new name)"
    catalog_file.write_text(json.dumps(document))
    assert import_folder(runtime, pack_copy)[1] == 2
    worker.run_until_idle()
    pinned = client.get(f"/tmf-api/productOrderingManagement/v4/productOrder/{first['id']}").json
    assert pinned["state"] == "completed"
    products = client.get("/tmf-api/productInventory/v4/product").json
    assert {p["name"] for p in products if p["productOffering"]["id"] == "fibre-500"} == {"Fibre Broadband 500M"}
