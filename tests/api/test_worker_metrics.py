"""api.worker_metrics: a worker's /metrics answers Prometheus text, only with the metrics token once one is set,
and never listens beyond loopback without one."""
import urllib.error
import urllib.request

import pytest
from click.testing import CliRunner
from prometheus_client.parser import text_string_to_metric_families
from werkzeug.test import Client

from api.cli import main
from api.worker_metrics import NeedsToken, app, serve_in_background
from engine import instruments

TOKEN = "worker-metrics-token-0123456789abcdef"


@pytest.fixture
def web():
    with instruments.timing_job(1, "test.metrics"):
        pass
    return Client(app)


def names(response) -> set[str]:
    return {family.name for family in text_string_to_metric_families(response.get_data(as_text=True))}


def test_without_a_token_set_a_loopback_scrape_reads_the_job_and_stage_figures(web, monkeypatch):
    monkeypatch.delenv("ORDO_METRICS_TOKEN", raising=False)
    response = web.get("/metrics")
    assert response.status_code == 200 and response.headers["Content-Type"].startswith("text/plain")
    assert {"ordo_job_duration_seconds", "ordo_order_stage_duration_seconds", "ordo_job_running_seconds"} <= names(
        response)


def test_once_a_token_is_set_only_the_token_reads(web, monkeypatch):
    monkeypatch.setenv("ORDO_METRICS_TOKEN", TOKEN)
    assert web.get("/metrics").status_code == 401
    assert web.get("/metrics", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert web.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200


def test_other_paths_and_methods_are_refused(web, monkeypatch):
    monkeypatch.delenv("ORDO_METRICS_TOKEN", raising=False)
    assert web.get("/").status_code == 404
    assert web.post("/metrics").status_code == 405


def test_beyond_loopback_the_server_needs_a_token(monkeypatch):
    monkeypatch.delenv("ORDO_METRICS_TOKEN", raising=False)
    with pytest.raises(NeedsToken, match="ORDO_METRICS_TOKEN"):
        serve_in_background("0.0.0.0", 0, loopback=False)
    refused = CliRunner().invoke(main, ["worker", "--burst", "--metrics-host", "0.0.0.0", "--metrics-port", "0"])
    assert refused.exit_code == 2 and "ORDO_METRICS_TOKEN" in refused.output


def test_the_server_answers_over_http_on_the_port_it_bound(monkeypatch):
    monkeypatch.setenv("ORDO_METRICS_TOKEN", TOKEN)
    server = serve_in_background("127.0.0.1", 0, loopback=True)
    url = f"http://127.0.0.1:{server.server_port}/metrics"
    try:
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(url, timeout=5)
        assert refused.value.code == 401
        request = urllib.request.Request(url, headers={"Authorization": f"Bearer {TOKEN}"})
        with urllib.request.urlopen(request, timeout=5) as response:
            assert b"ordo_job_duration_seconds" in response.read()
    finally:
        server.shutdown()
        server.server_close()
