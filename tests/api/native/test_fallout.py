"""The fallout queue on the API contract: paging, sort and filters, one record with its ETag, action bodies."""
FALLOUT = "/api/v1/fallout"
DECLARED = {"id", "orderId", "taskId", "type", "priority", "assignmentGroup", "state", "error", "details",
            "resolution", "resolvedBy", "createdAt", "resolvedAt", "assignee", "taskKey", "item"}
RECORD = DECLARED | {"request", "response", "history", "notes"}


def get(client, person, url, **headers):
    return client.get(url, headers={**person.headers, **headers})


def test_the_queue_pages_sorts_and_filters_with_counts(secure_client, people, records):
    boss = people["boss"]
    page = get(secure_client, boss, f"{FALLOUT}?limit=1")
    assert (page.headers["X-Total-Count"], page.headers["X-Result-Count"], len(page.json)) == ("2", "1", 1)
    assert set(page.json[0]) == DECLARED
    last = get(secure_client, boss, f"{FALLOUT}?sort=-assignmentGroup").json
    assert [r["assignmentGroup"] for r in last] == ["noc-business", "inventory-team"]
    noc = get(secure_client, boss, f"{FALLOUT}?group=noc-business")
    assert noc.headers["X-Total-Count"] == "1" and [r["id"] for r in noc.json] == [records["noc-business"]]
    assert get(secure_client, boss, f"{FALLOUT}?state=resolved").headers["X-Total-Count"] == "0"
    everything = get(secure_client, boss, FALLOUT).json
    assert get(secure_client, boss, f"{FALLOUT}?offset=1").json == everything[1:] and everything[:1] == page.json
    for bad in ("sort=colour", "colour=red", "state=closed", "limit=1001", "offset=-1"):
        refused = get(secure_client, boss, f"{FALLOUT}?{bad}")
        assert refused.status_code == 400 and refused.json["errors"][0]["parameter"], bad
    assert get(secure_client, boss, f"{FALLOUT}/summary?colour=red").status_code == 400


def test_one_record_has_an_etag_and_an_agent_sees_only_its_groups(secure_client, people, records):
    boss, inv = people["boss"], people["inv"]
    url = f"{FALLOUT}/{records['noc-business']}"
    found = get(secure_client, boss, url)
    assert found.status_code == 200 and set(found.json) == RECORD and found.json["state"] == "open"
    assert get(secure_client, boss, url, **{"If-None-Match": found.headers["ETag"]}).status_code == 304
    outside = get(secure_client, inv, url)
    assert outside.status_code == 403 and outside.json["group"] == "noc-business"
    assert get(secure_client, boss, f"{FALLOUT}/nope").status_code == 404
    assert secure_client.get(url).status_code == 401
    assert get(secure_client, people["clerk"], url).status_code == 403
    forced = secure_client.post(f"{url}/force-complete", json={"reason": "done by hand"}, headers=boss.headers)
    assert forced.status_code == 200 and forced.json["state"] == "resolved"
    after = get(secure_client, boss, url)
    assert after.json == forced.json and after.headers["ETag"] == forced.headers["ETag"] != found.headers["ETag"]


def test_action_bodies_are_refused_with_what_and_where(secure_client, people, records):
    url, headers = f"{FALLOUT}/{records['inventory-team']}", people["boss"].headers
    assert secure_client.post(f"{url}/fix", data="params=x", content_type="text/plain",
                              headers=headers).status_code == 415
    bad_json = secure_client.post(f"{url}/fix", data='{"params":', content_type="application/json",
                                  headers=headers)
    assert bad_json.status_code == 400 and bad_json.json["errors"][0]["line"] == 1
    for body, pointer in (({"param": {}}, "/param"), ({"lines": {"1": "x"}}, "/lines/1"), ({}, "")):
        refused = secure_client.post(f"{url}/fix", json=body, headers=headers)
        assert refused.status_code == 422 and refused.json["errors"][0]["pointer"] == pointer, body
    blank = secure_client.post(f"{url}/force-complete", json={"reason": "   "}, headers=headers)
    assert blank.status_code == 422 and blank.json["errors"][0]["pointer"] == "/reason"
    assert get(secure_client, people["boss"], url).json["state"] == "open"
