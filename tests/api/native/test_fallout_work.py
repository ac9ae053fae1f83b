"""Working a fallout record: its failing call and retry history, reassigning it, work notes, who may do what."""
import pytest

FALLOUT = "/api/v1/fallout"


def post(client, person, url, json):
    return client.post(url, json=json, headers=person.headers)


def get(client, person, url):
    return client.get(url, headers=person.headers)


def test_the_record_shows_the_failing_call_and_its_retry_history(secure_client, people, records):
    boss, record = people["boss"], records["inventory-team"]
    found = get(secure_client, boss, f"{FALLOUT}/{record}").json
    assert found["request"]["params"]["error"] == "no port left to reserve"
    assert found["request"]["handler"] == "simulator.run" and found["request"]["taskKey"] == "activate"
    assert found["response"]["error"] == "no port left to reserve"
    listed = get(secure_client, boss, f"{FALLOUT}?orderId={found['orderId']}").json[0]
    assert (listed["taskKey"], listed["item"]) == (found["taskKey"], found["item"]) == ("activate", "resource:inv-ports")
    assert found["response"]["output"] == {"error": "no port left to reserve"}
    assert [(h["event"], h["recordId"]) for h in found["history"]] == [("falloutOpened", record)]
    retried = post(secure_client, boss, f"{FALLOUT}/{record}/retry", {})
    assert retried.status_code == 200
    again = get(secure_client, boss, f"{FALLOUT}?orderId={found['orderId']}").json
    assert len(again) == 1 and again[0]["id"] != record  # the retry failed again: a record of its own
    history = get(secure_client, boss, f"{FALLOUT}/{again[0]['id']}").json["history"]
    assert [(h["event"], h["recordId"], h["resolution"], h["by"]) for h in history] == [
        ("falloutOpened", record, None, None), ("resolved", record, "retried", "boss"),
        ("falloutOpened", again[0]["id"], None, None)]
    assert history[0]["attempt"] < history[2]["attempt"]


def test_a_manager_reassigns_a_record_to_another_group_and_person(secure_client, people, records):
    boss, inv, noc = people["boss"], people["inv"], people["noc"]
    url = f"{FALLOUT}/{records['inventory-team']}"
    moved = post(secure_client, boss, f"{url}/reassign", {"group": "noc-business", "assignee": "noc",
                                                          "reason": "the PCRF team owns it"})
    assert moved.status_code == 200, moved.json
    assert (moved.json["assignmentGroup"], moved.json["assignee"]) == ("noc-business", "noc")
    assert get(secure_client, inv, url).status_code == 403
    assert get(secure_client, noc, url).json == moved.json
    mine = get(secure_client, noc, f"{FALLOUT}?scope=mine")
    assert mine.headers["X-Total-Count"] == "1" and mine.json[0]["id"] == records["inventory-team"]
    assert get(secure_client, noc, f"{FALLOUT}?assignee=noc").headers["X-Total-Count"] == "1"
    assert get(secure_client, noc, f"{FALLOUT}?scope=groups").headers["X-Total-Count"] == "2"
    assert get(secure_client, inv, f"{FALLOUT}?scope=mine").headers["X-Total-Count"] == "0"


def test_an_agent_reassigns_only_within_its_own_groups(secure_client, people, records):
    inv, noc = people["inv"], people["noc"]
    url = f"{FALLOUT}/{records['inventory-team']}/reassign"
    out = post(secure_client, inv, url, {"group": "noc-business", "reason": "not ours"})
    assert out.status_code == 403 and out.json["group"] == "noc-business"
    theirs = post(secure_client, noc, url, {"assignee": "noc", "reason": "mine now"})
    assert theirs.status_code == 403 and theirs.json["group"] == "inventory-team"
    taken = post(secure_client, inv, url, {"assignee": "inv", "reason": "I take it"})
    assert taken.status_code == 200 and taken.json["assignee"] == "inv"
    assert taken.json["assignmentGroup"] == "inventory-team"


@pytest.mark.parametrize("role", ["clerk", "audit"])
def test_roles_that_do_not_work_fallout_may_not_reassign_or_note(secure_client, people, records, role):
    url = f"{FALLOUT}/{records['inventory-team']}"
    assert post(secure_client, people[role], f"{url}/reassign", {"assignee": "inv", "reason": "x"}).status_code == 403
    assert post(secure_client, people[role], f"{url}/notes", {"text": "x"}).status_code == 403


def test_a_customer_may_not_see_or_work_fallout(secure_client, people, records, make_user):
    alice = make_user("alice", "customer", "party-a")
    url = f"{FALLOUT}/{records['inventory-team']}"
    assert get(secure_client, alice, url).status_code == 403
    assert get(secure_client, alice, FALLOUT).status_code == 403
    assert post(secure_client, alice, f"{url}/reassign", {"assignee": "inv", "reason": "x"}).status_code == 403


def test_reassign_refuses_what_and_where(secure_client, people, records):
    boss, url = people["boss"], f"{FALLOUT}/{records['inventory-team']}"
    for body, status, pointer in (
            ({"assignee": "noc", "reason": "x"}, 422, "/assignee"),  # noc is not of inventory-team
            ({"group": "nowhere", "reason": "x"}, 422, "/group"),
            ({"reason": "x"}, 422, ""),
            ({"assignee": "inv"}, 422, "/reason"),
            ({"assignee": "inv", "reason": "  "}, 422, "/reason")):
        refused = post(secure_client, boss, f"{url}/reassign", body)
        assert refused.status_code == status and refused.json["errors"][0]["pointer"] == pointer, body
    assert post(secure_client, boss, f"{FALLOUT}/nope/reassign", {"assignee": "inv", "reason": "x"}).status_code == 404
    post(secure_client, boss, f"{url}/force-complete", {"reason": "done by hand"})
    done = post(secure_client, boss, f"{url}/reassign", {"assignee": "inv", "reason": "x"})
    assert done.status_code == 409
    assert get(secure_client, boss, url).json["assignee"] is None


def test_work_notes_are_kept_in_order_by_members(secure_client, people, records):
    inv, noc = people["inv"], people["noc"]
    url = f"{FALLOUT}/{records['inventory-team']}/notes"
    assert post(secure_client, inv, url, {"text": "called the NOC"}).status_code == 200
    noted = post(secure_client, people["boss"], url, {"text": "  escalated  "})
    assert [(n["author"], n["text"]) for n in noted.json["notes"]] == [("inv", "called the NOC"),
                                                                       ("boss", "escalated")]
    assert "workNotes" not in noted.json["details"]
    outside = post(secure_client, noc, url, {"text": "not mine"})
    assert outside.status_code == 403 and outside.json["group"] == "inventory-team"
    assert post(secure_client, inv, url, {"text": " "}).json["errors"][0]["pointer"] == "/text"


def test_the_queue_filters_by_the_dashboards_buckets(secure_client, people, records):
    boss = people["boss"]
    summary = get(secure_client, boss, f"{FALLOUT}/summary").json
    for name, buckets in (("priority", summary["byPriority"]), ("age", summary["byAge"])):
        for bucket, count in buckets.items():
            listed = secure_client.get(FALLOUT, query_string={name: bucket}, headers=boss.headers)
            assert listed.headers["X-Total-Count"] == str(count), (name, bucket)
    assert summary["byAge"] == {"<1h": 2}
    assert get(secure_client, boss, f"{FALLOUT}?age=%3E%3D7d").headers["X-Total-Count"] == "0"
    assert get(secure_client, boss, f"{FALLOUT}?age=old").status_code == 400
