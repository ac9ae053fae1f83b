"""``GET /metrics``: Prometheus text behind the metrics token, with the database figures and request latency."""
import json

import pytest
from prometheus_client.parser import text_string_to_metric_families

from tests.conftest import DEMO_PACK

TOKEN = "metrics-token-for-tests-0123456789abcdef"
ORDERS = "/tmf-api/productOrderingManagement/v4/productOrder"


@pytest.fixture
def metrics_token(monkeypatch):
    monkeypatch.setenv("ORDO_METRICS_TOKEN", TOKEN)
    return {"Authorization": f"Bearer {TOKEN}"}


def samples(response) -> dict[tuple, float]:
    """Each sample as (name, sorted labels) -> value."""
    return {(sample.name, tuple(sorted(sample.labels.items()))): sample.value
            for family in text_string_to_metric_families(response.get_data(as_text=True))
            for sample in family.samples}


def test_no_one_without_the_token_or_the_admin_role_reads_metrics(secure_client, make_user, metrics_token):
    assert secure_client.get("/metrics").status_code == 401
    assert secure_client.get("/metrics", headers={"Authorization": "Bearer not-the-token"}).status_code in (401, 403)
    agent = make_user("agent", "orderAgent")
    assert secure_client.get("/metrics", headers=agent.headers).status_code == 403
    admin = make_user("admin", "processAdmin")
    assert secure_client.get("/metrics", headers=admin.headers).status_code == 200
    assert secure_client.get("/metrics", headers=metrics_token).status_code == 200


def test_orders_jobs_breakers_and_request_latency_after_one_order(secure_client, make_user, demo_pack, worker,
                                                                  metrics_token):
    integration = make_user("partner", "integration")
    document = json.loads((DEMO_PACK / "examples" / "fibre-router-static-ip.json").read_text())
    order = {key: value for key, value in document.items() if key != "externalId"}
    created = secure_client.post(ORDERS, json=order, headers=integration.headers)
    assert created.status_code == 201
    before = samples(secure_client.get("/metrics", headers=metrics_token))
    assert before[("ordo_orders", (("state", "acknowledged"),))] == 1
    assert before[("ordo_jobs", (("kind", "order.advance"), ("state", "queued")))] == 1
    worker.run_until_idle()
    secure_client.get(f"{ORDERS}/{created.json['id']}", headers=integration.headers)
    response = secure_client.get("/metrics", headers=metrics_token)
    assert response.mimetype == "text/plain"
    after = samples(response)
    assert after[("ordo_orders", (("state", "completed"),))] == 1
    assert ("ordo_orders", (("state", "acknowledged"),)) not in after
    assert not [key for key in after if key[0] == "ordo_jobs" and dict(key[1])["kind"] == "order.advance"]
    posts = after[("ordo_http_request_duration_seconds_count",
                   (("method", "POST"), ("route", ORDERS), ("status", "201")))]
    assert posts == 1
    reads = [dict(labels)["route"] for name, labels in after
             if name == "ordo_http_request_duration_seconds_count" and dict(labels)["method"] == "GET"]
    assert f"{ORDERS}/<order_id>" in reads or any(route.startswith(f"{ORDERS}/<") for route in reads)
    assert not any(created.json["id"] in route for route in reads)


def test_open_fallouts_by_type_and_pending_deliveries_by_listener(client, demo_pack, runtime):
    from engine.runtime.fallout import records
    from engine.runtime.orders.persistence import capture

    document = json.loads((DEMO_PACK / "examples" / "fibre-router-static-ip.json").read_text())
    with runtime.unit_of_work(actor="test") as uow:
        order = capture(uow, {key: value for key, value in document.items() if key != "externalId"})
        records.open_job_failed(uow, order.id, None, {"id": 1, "kind": "order.advance", "attempts": 3},
                                "RuntimeError: boom", "failed the same way 3 times")
        for listener in ("hub-1", "hub-1", "hub-2"):
            uow.enqueue("event.deliver", {"eventId": "e", "listenerId": listener, "attempt": 1})
    after = samples(client.get("/metrics"))
    assert after[("ordo_fallouts_open", (("type", "job.failed"),))] == 1
    assert {labels: value for (name, labels), value in after.items() if name == "ordo_event_deliveries_pending"} \
        == {(("listener", "hub-1"),): 2, (("listener", "hub-2"),): 1}


def test_each_breaker_is_one_in_its_state_and_zero_in_the_others(client, runtime):
    from engine.store.models import SystemBreaker

    with runtime.unit_of_work(actor="test") as uow:
        uow.session.add(SystemBreaker(system="billing", state="open", failures=5, threshold=5, cool_down_seconds=60,
                                      opened_at=uow.now, updated_by="test", updated_at=uow.now))
    after = samples(client.get("/metrics"))
    assert {state: after[("ordo_breaker_state", (("state", state), ("system", "billing")))]
            for state in ("closed", "open", "halfOpen")} == {"closed": 0, "open": 1, "halfOpen": 0}


def test_the_grafana_dashboard_asks_only_for_metrics_ordo_serves(client, demo_pack, runtime):
    """Every metric name in deploy/grafana/ordo-dashboard.json is one /metrics exposes (after some work, so
    the labelled families have samples); a renamed metric breaks this, not the operator's dashboard."""
    import re

    from engine.store.models import SystemBreaker
    from tests.conftest import ROOT

    with runtime.unit_of_work(actor="test") as uow:
        uow.session.add(SystemBreaker(system="billing", state="open", failures=5, threshold=5, cool_down_seconds=60,
                                      opened_at=uow.now, updated_by="test", updated_at=uow.now))
    client.get("/api/v1/health")
    served = {family.name for family in text_string_to_metric_families(client.get("/metrics").get_data(as_text=True))}
    served |= {f"{name}_{suffix}" for name in served for suffix in ("bucket", "count", "sum")}
    dashboard = json.loads((ROOT / "deploy" / "grafana" / "ordo-dashboard.json").read_text())
    asked = {name for panel in dashboard["panels"] for target in panel["targets"]
             for name in re.findall(r"\bordo_[a-z_]+", target["expr"])}
    assert asked and asked <= served, sorted(asked - served)
