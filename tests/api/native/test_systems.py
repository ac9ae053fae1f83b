"""The systems API: breakers for fallout readers, marking down / up only with ``system.manage``."""
import pytest

from api.roles import MATRIX, ROLES

MANAGERS = sorted(role for role in ROLES if "system.manage" in MATRIX[role])
OTHERS = sorted(role for role in ROLES if "system.manage" not in MATRIX[role])


def test_only_roles_that_manage_systems_may_mark_one_down_or_up(secure_client, make_user):
    assert "orderAgent" in OTHERS and "falloutAgent" in OTHERS and "fulfillmentManager" in MANAGERS
    for role in OTHERS:
        headers = make_user(f"u-{role}", role, "p-1" if role == "customer" else None).headers
        for action in ("down", "up"):
            refused = secure_client.post(f"/api/v1/systems/oss-fibre/{action}", headers=headers)
            assert refused.status_code == 403, (role, action)
            assert "system.manage" in refused.json["detail"]
    assert secure_client.get("/api/v1/systems", headers=make_user("u-ag", "falloutAgent").headers).json == []


@pytest.mark.parametrize("role", MANAGERS)
def test_a_system_manager_marks_a_system_down_and_up(secure_client, make_user, role):
    headers = make_user(f"m-{role}", role).headers
    down = secure_client.post("/api/v1/systems/oss-fibre/down", headers=headers)
    assert down.status_code == 200
    assert (down.json["state"], down.json["forcedDown"], down.json["updatedBy"]) == ("open", True, f"m-{role}")
    up = secure_client.post("/api/v1/systems/oss-fibre/up", headers=headers)
    assert (up.json["state"], up.json["forcedDown"], up.json["heldTasks"]) == ("closed", False, 0)


def test_a_system_key_longer_than_stored_is_refused(client):
    response = client.post(f"/api/v1/systems/{'x' * 121}/down")
    assert response.status_code == 422 and response.mimetype == "application/problem+json"


def test_systems_page_filter_and_one_system_has_an_etag(client):
    for system in ("billing", "oss-fibre"):
        assert client.post(f"/api/v1/systems/{system}/down").status_code == 200
    up = client.post("/api/v1/systems/billing/up")
    listing = client.get("/api/v1/systems?state=open")
    assert listing.headers["X-Total-Count"] == "1" and [s["system"] for s in listing.json] == ["oss-fibre"]
    assert [s["system"] for s in client.get("/api/v1/systems?sort=-system&limit=1").json] == ["oss-fibre"]
    one = client.get("/api/v1/systems/billing")
    assert one.json == up.json and one.headers["ETag"] == up.headers["ETag"]
    assert client.get("/api/v1/systems/billing", headers={"If-None-Match": one.headers["ETag"]}).status_code == 304
    assert client.get("/api/v1/systems/nowhere").status_code == 404
    for bad in ("state=broken", "sort=failures", "colour=red"):
        assert client.get(f"/api/v1/systems?{bad}").status_code == 400, bad
