"""The business analyst of DESIGN §5: authors drafts and simulates them, but publishing and activating a pack
need a process admin."""
from api.roles import MATRIX
from tests.api.studio.test_studio_artifacts import TABLE

BASE = "/api/v1/studio"
DRAFT = {**TABLE, "key": "approval.analyst"}  # a new key: the demo pack already has TABLE's
ORDER = {"productOrderItem": [{"id": "1", "action": "add", "productOffering": {"id": "fibre-500"}}]}


def test_a_business_analyst_edits_and_simulates_but_neither_publishes_nor_activates(secure_client, make_user,
                                                                                    demo_pack):
    analyst, admin = make_user("bea", "businessAnalyst").headers, make_user("ada", "processAdmin").headers
    version = f"{BASE}/artifacts/{DRAFT['key']}/versions/1"
    assert secure_client.post(f"{BASE}/artifacts", json=DRAFT, headers=analyst).status_code == 201
    etag = secure_client.get(version, headers=analyst).headers["ETag"]
    saved = secure_client.put(version, json={**DRAFT, "title": "Approval, reworded"},
                              headers={**analyst, "If-Match": etag})
    assert saved.status_code == 200 and saved.json["revision"] == 2
    simulated = secure_client.post(f"{version}/simulate", json={"input": {"order": {"total": 20000}}},
                                   headers=analyst)
    assert simulated.status_code == 200 and simulated.json["output"] == "manager"
    packed = secure_client.post(f"{BASE}/packs/telco-demo/1/simulate", json=ORDER, headers=analyst)
    assert packed.status_code == 200 and packed.json["accepted"] is True

    refused = secure_client.post(f"{version}/publish", json={}, headers=analyst)
    assert refused.status_code == 403 and "studio.publish" in refused.json["detail"]
    assert secure_client.get(version, headers=analyst).json["status"] == "draft"
    active = secure_client.get(f"{BASE}/packs/active", headers=analyst).headers["ETag"]
    for path in ("/packs/telco-demo/1/activate", "/packs/rollback"):
        refused = secure_client.post(f"{BASE}{path}", headers={**analyst, "If-Match": active})
        assert refused.status_code == 403 and "pack.activate" in refused.json["detail"]
    assert secure_client.post(f"{version}/publish", json={}, headers=admin).status_code == 200


def test_the_business_analyst_holds_the_studio_authoring_permissions_only():
    studio = {p for p in MATRIX["businessAnalyst"] if p.startswith(("studio.", "pack."))}
    assert studio == {"studio.read", "studio.edit", "studio.simulate"}
    assert {"audit.read", "group.manage", "hub.manage", "system.manage"}.isdisjoint(MATRIX["businessAnalyst"])
    assert {"order.read", "notification.read", "notification.ack", "group.read"} <= MATRIX["businessAnalyst"]
