import copy
import hashlib

import pytest

from engine.canonical import canonical_json
from engine.kinds import KIND_NAMES

BASE = "/api/v1/studio"

TABLE = {
    "kind": "decision_table", "key": "approval.policy", "schemaVersion": 1, "title": "Approval policy",
    "body": {"hitPolicy": "FIRST",
             "inputs": [{"name": "total", "path": "order.total", "type": "number"}],
             "outputs": [{"name": "approval", "type": "string", "default": "auto"}],
             "rules": [{"id": "big", "inputEntries": [">= 10000"], "outputEntries": ["manager"]}]},
    "tests": [{"name": "big order", "input": {"order": {"total": 20000}}, "expect": "manager"},
              {"name": "small order", "input": {"order": {"total": 20}}, "expect": "auto"}],
    "ui": {"columnWidths": [120, 80]},
}


def table(**changes):
    document = copy.deepcopy(TABLE)
    for pointer, value in changes.items():
        target = document
        *path, last = pointer.split("__")
        for part in path:
            target = target[int(part)] if part.isdigit() else target[part]
        target[int(last) if last.isdigit() else last] = value
    return document


@pytest.fixture
def draft(client):
    response = client.post(f"{BASE}/artifacts", json=TABLE)
    assert response.status_code == 201, response.json
    return response.json


def url(key="approval.policy", version=1, suffix=""):
    return f"{BASE}/artifacts/{key}/versions/{version}{suffix}"


def test_a_new_artifact_starts_as_draft_version_1(draft):
    assert (draft["version"], draft["status"], draft["revision"], draft["contentHash"]) == (1, "draft", 1, None)


def test_saving_with_the_current_revision_bumps_it_and_a_stale_save_is_409(client, draft):
    saved = client.put(url(), json={"revision": 1, "document": table(title="Approval v2")})
    assert saved.status_code == 200 and saved.json["revision"] == 2
    stale = client.put(url(), json={"revision": 1, "document": table(title="lost update")})
    assert stale.status_code == 409 and stale.mimetype == "application/problem+json"
    assert stale.json["revision"] == 2 and stale.json["document"]["title"] == "Approval v2"
    assert client.get(url()).json["document"]["title"] == "Approval v2"


def test_save_refuses_a_changed_key_or_kind_with_pointers(client, draft):
    response = client.put(url(), json={"revision": 1, "document": table(key="other", kind="price_list")})
    assert response.status_code == 422
    assert {e["pointer"] for e in response.json["errors"]} == {"/key", "/kind"}


def test_save_without_revision_is_a_400(client, draft):
    assert client.put(url(), json={"document": TABLE}).status_code == 400


def test_publish_freezes_the_version_with_its_content_hash(client, draft):
    published = client.post(url(suffix="/publish"))
    assert published.status_code == 200, published.json
    without_ui = {k: v for k, v in TABLE.items() if k != "ui"}
    assert published.json["contentHash"] == hashlib.sha256(canonical_json(without_ui).encode()).hexdigest()
    assert published.json["status"] == "published"
    assert client.put(url(), json={"revision": published.json["revision"], "document": TABLE}).status_code == 409
    assert client.post(url(suffix="/publish")).status_code == 409
    assert client.delete(url()).status_code == 409


def test_publishing_an_invalid_artifact_returns_every_error_with_its_pointer(client):
    bad = table(body__rules__0__inputEntries__0=">= = 5", body__hitPolicy="SOMETIMES")
    client.post(f"{BASE}/artifacts", json=bad)
    response = client.post(url(suffix="/publish"))
    assert response.status_code == 422
    pointers = [e["pointer"] for e in response.json["errors"]]
    assert all(e["artifact"] == "approval.policy" and e["version"] == 1 for e in response.json["errors"])
    assert any(p.startswith("/body/hitPolicy") for p in pointers), pointers
    assert client.get(url()).json["status"] == "draft"


def test_a_failing_artifact_test_refuses_publish(client):
    client.post(f"{BASE}/artifacts", json=table(tests__0__expect="director"))
    response = client.post(url(suffix="/publish"))
    assert response.status_code == 422
    failure = response.json["errors"][0]
    assert failure["code"] == "test_failed" and "big order" in failure["message"]


def test_a_new_draft_continues_from_the_latest_version_and_only_one_is_open(client, draft):
    client.post(url(suffix="/publish"))
    second = client.post(f"{BASE}/artifacts/approval.policy/drafts")
    assert second.status_code == 201 and second.json["version"] == 2
    assert second.json["document"]["body"] == TABLE["body"]
    again = client.post(f"{BASE}/artifacts/approval.policy/drafts")
    assert again.status_code == 409 and again.json["version"] == 2
    versions = client.get(f"{BASE}/artifacts/approval.policy/versions").json["versions"]
    assert [(v["version"], v["status"]) for v in versions] == [(1, "published"), (2, "draft")]


def test_discarding_a_draft_removes_only_the_draft(client, draft):
    assert client.delete(url()).status_code == 204
    assert client.get(url()).status_code == 404


def test_retire_a_published_version_but_not_a_draft(client, draft):
    assert client.post(url(suffix="/retire")).status_code == 409
    client.post(url(suffix="/publish"))
    retired = client.post(url(suffix="/retire"))
    assert retired.status_code == 200 and retired.json["status"] == "retired"


def test_unknown_artifacts_and_versions_are_404_problems(client, draft):
    assert client.get(url(key="nope")).status_code == 404
    missing = client.get(url(version=9))
    assert missing.status_code == 404 and "no version 9" in missing.json["detail"]


def test_the_list_shows_each_artifact_with_its_versions(client, draft):
    listing = client.get(f"{BASE}/artifacts").json["artifacts"]
    assert [(a["key"], a["kind"], a["versions"]) for a in listing] == [
        ("approval.policy", "decision_table", [{"version": 1, "status": "draft"}])]
    assert client.get(f"{BASE}/artifacts?kind=price_list").json["artifacts"] == []


def test_kinds_serves_a_json_schema_for_each_of_the_nine_kinds(client):
    kinds = client.get(f"{BASE}/kinds").json
    assert set(KIND_NAMES) <= set(kinds) and len(KIND_NAMES) == 9
    assert all(isinstance(schema, dict) and schema for schema in kinds.values())


def test_validate_reports_issues_without_storing_anything(client):
    response = client.post(f"{BASE}/validate", json=table(kind="spaceship")).json
    assert not response["valid"] and response["errors"][0]["code"] == "unknown_kind"
    assert client.get(f"{BASE}/artifacts").json["artifacts"] == []


def test_every_lifecycle_step_is_audited(client, draft):
    client.put(url(), json={"revision": 1, "document": table(title="t2")})
    client.post(url(suffix="/publish"))
    events = client.get("/api/v1/audit?entityType=artifact").json["events"]
    assert [e["action"] for e in reversed(events)] == [
        "artifact.draft_created", "artifact.draft_saved", "artifact.published"]
    assert client.get("/api/v1/audit/verify").json == {"intact": True, "firstBrokenEntry": None, "reason": None}
