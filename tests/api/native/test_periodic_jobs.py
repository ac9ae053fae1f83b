"""GET /api/v1/admin/periodic-jobs: how each periodic job fares, for admins, managers and the auditor."""
from tests.engine.runtime.jeopardy.test_jeopardy_scan_isolation import break_order
from tests.engine.runtime.orders.pipeline.conftest import BASE, fibre_order

JOBS = "/api/v1/admin/periodic-jobs"


def jobs(secure_client, user) -> dict:
    response = secure_client.get(JOBS, headers=user.headers)
    assert response.status_code == 200, response.json
    return {job["kind"]: job for job in response.json}


def test_failures_are_counted_visible_and_reset_on_success(client, secure_client, make_user, scanning, at, runtime,
                                                           monkeypatch):
    auditor = make_user("auditor", "auditor")
    assert {"jeopardy.scan", "watchdog.scan"} <= set(jobs(secure_client, auditor))
    never = jobs(secure_client, auditor)["jeopardy.scan"]
    assert (never["lastRunAt"], never["consecutiveFailures"], never["healthy"]) == (None, 0, True)
    scanning()
    bad = client.post(BASE, json=fibre_order()).json["id"]
    at(minutes=0)  # its tasks are planned
    break_order(monkeypatch, runtime, bad)
    at(minutes=1)
    at(minutes=2)
    failing = jobs(secure_client, auditor)["jeopardy.scan"]
    assert (failing["consecutiveFailures"], failing["healthy"], failing["lastSuccessAt"]) == (2, False, None)
    assert failing["lastError"]["message"] == f"order {bad}: ValueError: corrupt plan"
    assert failing["lastError"]["at"] == failing["lastRunAt"]
    assert failing["failedItems"] == [{"subject": f"order {bad}", "error": "ValueError: corrupt plan"}]
    assert jobs(secure_client, auditor)["watchdog.scan"]["consecutiveFailures"] == 0
    monkeypatch.undo()
    at(minutes=3)
    recovered = jobs(secure_client, auditor)["jeopardy.scan"]
    assert (recovered["consecutiveFailures"], recovered["healthy"], recovered["failedItems"]) == (0, True, [])
    assert recovered["lastSuccessAt"] == recovered["lastRunAt"] and recovered["lastError"]["message"]


def test_admins_and_managers_read_it_customers_and_agents_do_not(secure_client, make_user):
    for role in ("processAdmin", "orderManager", "fulfillmentManager", "falloutManager", "auditor"):
        assert secure_client.get(JOBS, headers=make_user(f"u-{role}", role).headers).status_code == 200, role
    for role, party in (("customer", "p-1"), ("fulfillmentAgent", None), ("orderAgent", None)):
        assert secure_client.get(JOBS, headers=make_user(f"u-{role}", role, party).headers).status_code == 403, role
    assert secure_client.get(JOBS).status_code == 401


def test_the_jobs_list_pages(client):
    page = client.get(f"{JOBS}?limit=1&sort=-kind")
    assert int(page.headers["X-Total-Count"]) >= 2 and len(page.json) == 1
    assert page.json[0]["kind"] == max(job["kind"] for job in client.get(JOBS).json)
    assert client.get(f"{JOBS}?kind=x").status_code == 400
