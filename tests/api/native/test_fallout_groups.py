"""Fallout queues per assignment group: agents see and work their groups' records, managers every group's."""
import pytest

from engine.lifecycle.fallout import DEFAULT_FALLOUT
from engine.runtime.fallout.records import open_order_stuck
from engine.runtime.tasks.groups import add_member, create_group
from engine.store.models import CustomerOrder
from tests.engine.runtime.orders.pipeline.conftest import BASE, fibre_order

FALLOUT = "/api/v1/fallout"


def seen(client, person, url=FALLOUT):
    return {r["id"] for r in client.get(url, headers=person.headers).json}


def post(client, person, url, json=None):
    return client.post(url, json=json or {}, headers=person.headers)


def test_an_agent_sees_its_groups_records_and_a_manager_or_auditor_sees_all(secure_client, people, records):
    assert seen(secure_client, people["inv"]) == {records["inventory-team"]}
    assert seen(secure_client, people["noc"]) == {records["noc-business"]}
    assert seen(secure_client, people["inv"], f"{FALLOUT}?group=noc-business") == set()
    assert seen(secure_client, people["boss"]) == seen(secure_client, people["audit"]) == set(records.values())
    summary = secure_client.get(f"{FALLOUT}/summary", headers=people["noc"].headers).json
    assert summary["open"] == 1 and summary["byGroup"] == {"noc-business": 1}
    assert secure_client.get(f"{FALLOUT}/summary", headers=people["boss"].headers).json["byGroup"] == {
        "inventory-team": 1, "noc-business": 1}


@pytest.mark.parametrize("action, body", [
    ("retry", {}), ("fix", {"params": {"outcome": "success"}}), ("force-complete", {"reason": "done by hand"}),
    ("fail-item", {"reason": "no port"}), ("cancel-order", {"reason": "customer gone"})])
def test_a_non_member_cannot_act_on_another_groups_record(secure_client, people, records, action, body):
    record = records["noc-business"]
    refused = post(secure_client, people["inv"], f"{FALLOUT}/{record}/{action}", body)
    assert refused.status_code == 403, refused.json
    assert "inv is not a member of assignment group 'noc-business' and may not" in refused.json["detail"]
    assert refused.json["group"] == "noc-business"
    assert record in seen(secure_client, people["boss"])


def test_a_member_and_a_manager_act_on_the_groups_records(secure_client, people, records):
    fixed = post(secure_client, people["noc"], f"{FALLOUT}/{records['noc-business']}/fix",
                 {"params": {"outcome": "success", "error": None}, "reason": "port freed"})
    assert fixed.status_code == 200 and fixed.json["resolution"] == "retried" and fixed.json["resolvedBy"] == "noc"
    forced = post(secure_client, people["boss"], f"{FALLOUT}/{records['inventory-team']}/force-complete",
                  {"reason": "done by hand"})
    assert forced.status_code == 200 and forced.json["resolvedBy"] == "boss"
    assert seen(secure_client, people["boss"]) == set()


def test_bulk_retry_reports_another_groups_record_forbidden_and_retries_the_others(secure_client, people, records):
    mine, theirs = records["inventory-team"], records["noc-business"]
    response = post(secure_client, people["inv"], f"{FALLOUT}/retry", {"ids": [theirs, mine]})
    assert response.status_code == 200
    results = {r["id"]: r for r in response.json["results"]}
    assert results[mine]["outcome"] == "retried"
    assert results[theirs]["outcome"] == "forbidden" and results[theirs]["status"] == 403
    assert results[theirs]["group"] == "noc-business" and "inv is not a member" in results[theirs]["detail"]
    still_open = seen(secure_client, people["boss"])  # the retried task fails again: a new record of its own
    assert theirs in still_open and mine not in still_open


def test_bulk_retry_by_filter_covers_the_agents_own_groups(secure_client, people, records):
    assert post(secure_client, people["noc"], f"{FALLOUT}/retry", {"assignmentGroup": "inventory-team"}).json == {
        "retried": 0, "results": []}
    by_type = post(secure_client, people["noc"], f"{FALLOUT}/retry", {"type": "inventory allocation"}).json
    assert by_type["results"] == [{"id": records["noc-business"], "outcome": "retried", "status": 200,
                                   "detail": None, "group": None}]
    assert records["inventory-team"] in seen(secure_client, people["boss"])


def test_the_watchdogs_order_record_is_the_default_groups_and_worked_by_its_members(
        secure_client, install_pack, runtime, make_user, people):
    install_pack()
    order_id = secure_client.post(BASE, json=fibre_order(), headers=people["clerk"].headers).json["id"]
    with runtime.unit_of_work(actor="worker:watchdog") as uow:
        record = open_order_stuck(uow, uow.session.get(CustomerOrder, order_id), "its advance job failed").id
    desk = make_user("desk", "falloutAgent")
    with runtime.unit_of_work(actor="admin") as uow:
        create_group(uow, DEFAULT_FALLOUT["assignmentGroup"])
        add_member(uow, DEFAULT_FALLOUT["assignmentGroup"], desk.username)
    assert seen(secure_client, people["inv"]) == set() and seen(secure_client, desk) == {record}
    refused = post(secure_client, people["inv"], f"{FALLOUT}/{record}/retry")
    assert refused.status_code == 403 and refused.json["group"] == "fallout"
    retried = post(secure_client, desk, f"{FALLOUT}/{record}/retry")
    assert retried.status_code == 200 and retried.json["resolution"] == "retried"
