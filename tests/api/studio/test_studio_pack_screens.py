"""What the pack composer and the simulator read besides the packs: activation history and sample orders."""
from tests.api.studio.test_studio_packs import BASE, active_etag, create_pack, new_catalog_version


def test_the_activation_history_names_who_activated_which_version_newest_first(client, demo_pack):
    create_pack(client, new_catalog_version(client, "Renamed"))
    first = client.get(f"{BASE}/packs/activations").json
    assert [(a["pack"], a["current"]) for a in first] == [("telco-demo@1", True)]
    client.post(f"{BASE}/packs/telco-demo/2/activate", headers={"If-Match": active_etag(client)})
    client.post(f"{BASE}/packs/rollback", headers={"If-Match": active_etag(client)})
    history = client.get(f"{BASE}/packs/activations")
    assert history.headers["X-Total-Count"] == "3"
    assert [(a["pack"], a["current"]) for a in history.json] == [
        ("telco-demo@1", True), ("telco-demo@2", False), ("telco-demo@1", False)]
    assert history.json[0]["activatedAt"] and "actor" in history.json[0]
    assert client.get(f"{BASE}/packs/activations?key=other").json == []


def test_the_demo_sample_orders_are_served_and_simulate_through_a_pack(client, demo_pack):
    examples = client.get(f"{BASE}/packs/examples").json
    names = [e["name"] for e in examples]
    assert "fibre-500" in names and names == sorted(names)
    fibre = next(e for e in examples if e["name"] == "fibre-500")
    assert fibre["order"]["productOrderItem"][0]["productOffering"]["id"] == "fibre-500"
    simulated = client.post(f"{BASE}/packs/telco-demo/1/simulate", json=fibre["order"])
    assert simulated.status_code == 200 and simulated.json["accepted"]
    tasks = {t["key"]: t for d in simulated.json["domainOrders"] if d["plan"] == "plan.fibre-service"
             for t in d["tasks"]}
    assert tasks["activate"]["dependsOn"] == ["configure-olt", "configure-cpe"]
    assert tasks["configure-olt"]["duration"] == 600 and tasks["configure-olt"]["sla"] == 7200


def test_the_history_and_examples_need_studio_read(secure_client, make_user, demo_pack):
    auditor = make_user("audrey", "auditor").headers
    agent = make_user("otto", "orderAgent").headers
    for path in ("activations", "examples"):
        assert secure_client.get(f"{BASE}/packs/{path}", headers=auditor).status_code == 200
        assert secure_client.get(f"{BASE}/packs/{path}", headers=agent).status_code == 403
    assert secure_client.post(f"{BASE}/packs/rollback", headers=auditor).status_code == 403
    assert secure_client.post(f"{BASE}/packs/telco-demo/1/activate", headers=auditor).status_code == 403
