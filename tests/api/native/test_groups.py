"""The assignment groups API: process admins manage groups and members, managers read them."""
import pytest

GROUPS = "/api/v1/groups"


@pytest.fixture
def people(make_user):
    return {role: make_user(role, role, "cust-1" if role == "customer" else None)
            for role in ("processAdmin", "fulfillmentManager", "fulfillmentAgent", "auditor", "customer")}


def call(client, person, method, url, json=None):
    return client.open(url, method=method, json=json, headers=person.headers)


def test_an_admin_builds_a_group_and_a_manager_reads_it(secure_client, people):
    admin, manager = people["processAdmin"], people["fulfillmentManager"]
    created = call(secure_client, admin, "POST", GROUPS, {"key": "field-north", "name": "Field north"})
    assert created.status_code == 201 and created.json["members"] == []
    put = call(secure_client, admin, "PUT", f"{GROUPS}/field-north/members/fulfillmentAgent")
    assert put.status_code == 200 and put.json == {"group": "field-north", "username": "fulfillmentAgent",
                                                   "added": True}
    assert call(secure_client, admin, "PUT", f"{GROUPS}/field-north/members/fulfillmentAgent").json["added"] is False
    listing = call(secure_client, manager, "GET", GROUPS)
    listed = listing.json
    assert listing.headers["X-Total-Count"] == "1" and listing.headers["X-Result-Count"] == "1"
    assert [(g["key"], g["name"], g["members"]) for g in listed] == [("field-north", "Field north",
                                                                      ["fulfillmentAgent"])]
    member = f"{GROUPS}/field-north/members/fulfillmentAgent"
    assert call(secure_client, manager, "GET", member).status_code == 200
    assert call(secure_client, admin, "DELETE", member).status_code == 204
    assert call(secure_client, manager, "GET", member).status_code == 404
    assert call(secure_client, manager, "GET", f"{GROUPS}/field-north").json["members"] == []
    events = call(secure_client, admin, "GET", "/api/v1/audit?entityId=field-north").json
    assert [(e["action"], e["actor"]) for e in reversed(events)] == [
        ("group.created", "processAdmin"), ("group.memberAdded", "processAdmin"),
        ("group.memberRemoved", "processAdmin")]


def test_bad_requests_are_refused_with_what_and_where(secure_client, people):
    admin = people["processAdmin"]
    call(secure_client, admin, "POST", GROUPS, {"key": "field-north"})
    again = call(secure_client, admin, "POST", GROUPS, {"key": "field-north"})
    assert again.status_code == 409 and "already exists" in again.json["detail"]
    for bad, pointer in (({"key": "no spaces"}, "/key"), ({}, "/key"), ({"key": "ok", "name": 3}, "/name")):
        refused = call(secure_client, admin, "POST", GROUPS, bad)
        assert refused.status_code == 422 and refused.json["errors"][0]["pointer"] == pointer
    assert call(secure_client, admin, "PUT", f"{GROUPS}/nowhere/members/auditor").status_code == 404
    ghost = call(secure_client, admin, "PUT", f"{GROUPS}/field-north/members/ghost")
    assert ghost.status_code == 404 and "no user 'ghost'" in ghost.json["detail"]
    assert call(secure_client, admin, "DELETE", f"{GROUPS}/field-north/members/auditor").status_code == 404


@pytest.mark.parametrize("role", ["fulfillmentAgent", "fulfillmentManager", "auditor", "customer"])
def test_only_process_admins_change_groups(secure_client, people, role):
    call(secure_client, people["processAdmin"], "POST", GROUPS, {"key": "field-north"})
    person = people[role]
    assert call(secure_client, person, "POST", GROUPS, {"key": "g2"}).status_code == 403
    assert call(secure_client, person, "PUT", f"{GROUPS}/field-north/members/{role}").status_code == 403
    reading = call(secure_client, person, "GET", GROUPS).status_code
    assert reading == (403 if role in ("fulfillmentAgent", "customer") else 200)
