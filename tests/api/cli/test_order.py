"""``ordo order submit`` against a live server: tokens, --follow, exit codes and one-line errors."""
import json

import pytest

from tests.api.live import serve
from tests.conftest import DEMO_PACK


@pytest.fixture
def live_server(app, runtime, demo_pack):
    yield from serve(app, runtime)


@pytest.fixture
def secure_server(secure_app, runtime, demo_pack):
    yield from serve(secure_app, runtime)


def test_order_submit_sends_the_bearer_token_from_the_environment(cli, secure_server, make_user, monkeypatch):
    example = DEMO_PACK / "examples" / "fibre-500.json"
    refused = cli("order", "submit", example, "--url", secure_server)
    assert refused.exit_code == 1 and "HTTP 401" in refused.output
    monkeypatch.setenv("ORDO_TOKEN", make_user("agent", "orderAgent").token)
    accepted = cli("order", "submit", example, "--url", secure_server, "--follow")
    assert accepted.exit_code == 0, accepted.output
    assert '"state": "completed"' in accepted.output


def test_order_submit_follow_shows_progress_and_the_final_order(cli, live_server):
    result = cli("order", "submit", DEMO_PACK / "examples" / "fibre-500.json", "--url", live_server, "--follow")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("order ") and lines[0].endswith(" acknowledged")
    assert any(line.strip().split(" ", 1)[1].startswith("completed (completed), tasks") for line in lines[1:])
    final = json.loads(result.output[result.output.index("{"):])
    assert final["state"] == "completed" and final["externalId"] == "demo-fibre-500"


def test_order_submit_follow_exits_nonzero_when_the_order_is_rejected(cli, live_server):
    result = cli("order", "submit", DEMO_PACK / "examples" / "unknown-offering.json", "--url", live_server,
                 "--follow")
    assert result.exit_code == 2 and '"state": "rejected"' in result.output


def test_order_submit_reports_a_400_and_an_unreachable_server(cli, live_server, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"description": "no items"}')
    result = cli("order", "submit", bad, "--url", live_server)
    assert result.exit_code == 1 and "HTTP 400" in result.output
    result = cli("order", "submit", bad, "--url", "http://127.0.0.1:9")
