"""``GET /api/v1/health``: up or down for anyone; the details only for process admins and the metrics token."""
from datetime import timedelta

import pytest

from engine.runtime.jobs import periodic
from engine.runtime.jobs import queue as jobs

HEALTH = "/api/v1/health"
TOKEN = "metrics-7f3a9c-not-a-user-token"
DETAIL_KEYS = {"status", "database", "activePack", "periodicJobs", "queue"}


@pytest.fixture
def metrics_token(monkeypatch):
    monkeypatch.setenv("ORDO_METRICS_TOKEN", TOKEN)
    return TOKEN


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def test_without_credentials_health_says_only_that_it_is_up(secure_client, demo_pack, metrics_token):
    response = secure_client.get(HEALTH)
    assert response.status_code == 200 and response.json == {"status": "ok"}


@pytest.mark.parametrize("role", ["customer", "orderAgent", "auditor", "integration", "fulfillmentManager"])
def test_a_role_without_the_permission_sees_only_the_status(secure_client, make_user, demo_pack, role):
    user = make_user(f"u-{role}", role, "p-1" if role == "customer" else None)
    assert secure_client.get(HEALTH, headers=user.headers).json == {"status": "ok"}


@pytest.mark.parametrize("header", [f"Bearer {TOKEN[:-1]}", f"Bearer {TOKEN}x", f"Basic {TOKEN}", f"bearer  {TOKEN[1:]}",
                                    "Bearer not-a-token", "Bearer ", TOKEN])
def test_a_wrong_or_partial_metrics_token_sees_only_the_status_and_is_not_an_error(secure_client, metrics_token,
                                                                                   header):
    response = secure_client.get(HEALTH, headers={"Authorization": header})
    assert response.status_code == 200 and response.json == {"status": "ok"}


def test_without_a_configured_metrics_token_no_bearer_opens_the_details(secure_client, monkeypatch):
    monkeypatch.delenv("ORDO_METRICS_TOKEN", raising=False)
    for header in ("Bearer ", "Bearer None", "Bearer null"):
        assert secure_client.get(HEALTH, headers={"Authorization": header}).json == {"status": "ok"}


def test_the_metrics_token_sees_the_details(secure_client, demo_pack, metrics_token):
    body = secure_client.get(HEALTH, headers=bearer(TOKEN)).json
    assert set(body) == DETAIL_KEYS and body["status"] == "ok"
    assert body["database"] in ("sqlite", "postgresql")
    assert body["activePack"] == {"key": "telco-demo", "version": 1}
    assert body["periodicJobs"] == {"total": len(periodic.registered()), "unhealthy": []}


def test_a_process_admin_sees_the_details_with_a_token_or_a_session(secure_client, make_user, demo_pack):
    admin = make_user("ada", "processAdmin")
    assert set(secure_client.get(HEALTH, headers=admin.headers).json) == DETAIL_KEYS
    login = secure_client.post("/api/v1/auth/login", json={"username": "ada", "password": admin.password})
    assert login.status_code == 200
    assert set(secure_client.get(HEALTH).json) == DETAIL_KEYS


def test_the_details_count_the_queue_by_state_and_name_failing_periodic_jobs(secure_client, runtime, clock,
                                                                             metrics_token):
    kind = sorted(periodic.registered())[0]
    with runtime.session_factory() as session, session.begin():
        for n in range(3):
            jobs.enqueue(session, "test.health", {"n": n}, now=clock.now())
        periodic.run_failed(session, kind, clock.now(), "boom")
    with runtime.session_factory() as session, session.begin():
        leased = jobs.lease(session, "w-1", clock.now(), 60, ["test.health"])
        jobs.release_failed(session, jobs.LeasedJob(leased.id, leased.kind, leased.payload, leased.max_attempts,
                                                    leased.max_attempts, leased.token), clock.now(), "gave up",
                            timedelta(0))
        jobs.lease(session, "w-1", clock.now(), 60, ["test.health"])
    body = secure_client.get(HEALTH, headers=bearer(TOKEN)).json
    assert body["queue"] == {"queued": 1 + 1, "leased": 1, "failed": 1}  # + the failed periodic job's next run
    assert body["periodicJobs"]["unhealthy"] == [kind]


def test_the_development_app_shows_the_details_as_it_opens_everything(client, demo_pack):
    assert set(client.get(HEALTH).json) == DETAIL_KEYS


def test_the_openapi_document_declares_both_answers(client):
    operation = client.get("/api/v1/openapi.json").json["paths"][HEALTH]["get"]
    assert {"200", "503"} <= set(operation["responses"])
    schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
    assert sorted(ref["$ref"].rsplit("/", 1)[-1] for ref in schema["anyOf"]) == ["HealthStatus", "HealthView"]
