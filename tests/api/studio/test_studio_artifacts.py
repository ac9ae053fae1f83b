import copy
import hashlib

import pytest

from engine.canonical import canonical_json
from tests.conftest import BACKEND

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


def save(client, document, key="approval.policy", version=1, **kwargs):
    """PUT a draft's document with If-Match: the ETag of the version as GET answers it now."""
    etag = client.get(url(key, version)).headers["ETag"]
    return client.put(url(key, version), json=document, headers={"If-Match": etag}, **kwargs)


def test_a_new_artifact_starts_as_draft_version_1(draft):
    assert (draft["version"], draft["status"], draft["revision"], draft["contentHash"]) == (1, "draft", 1, None)


def test_saving_with_the_current_etag_bumps_the_revision_and_a_stale_etag_is_412(client, draft):
    before = client.get(url()).headers["ETag"]
    saved = client.put(url(), json=table(title="Approval v2"), headers={"If-Match": before})
    assert saved.status_code == 200 and saved.json["revision"] == 2
    assert saved.headers["ETag"] == client.get(url()).headers["ETag"] != before
    stale = client.put(url(), json=table(title="lost update"), headers={"If-Match": before})
    assert stale.status_code == 412 and stale.mimetype == "application/problem+json"
    assert client.get(url()).json["document"]["title"] == "Approval v2"
    chained = client.put(url(), json=table(title="Approval v3"), headers={"If-Match": saved.headers["ETag"]})
    assert chained.status_code == 200 and chained.json["revision"] == 3


def test_a_save_without_if_match_is_428_and_changes_nothing(client, draft):
    response = client.put(url(), json=table(title="blind"))
    assert response.status_code == 428 and "If-Match" in response.json["detail"]
    assert client.get(url()).json["revision"] == 1


def test_a_get_with_the_current_etag_is_304(client, draft):
    etag = client.get(url()).headers["ETag"]
    assert client.get(url(), headers={"If-None-Match": etag}).status_code == 304
    assert client.get(url(), headers={"If-None-Match": '"other"'}).status_code == 200


@pytest.mark.skipif(BACKEND != "postgresql", reason="SQLite runs one writer at a time (BEGIN IMMEDIATE)")
def test_the_engine_refuses_a_save_whose_revision_went_stale_under_it(runtime, draft):
    """Two writers that both read revision 1: the one that writes second gets a Conflict (409), not a 500."""
    from studio import artifacts
    from studio.errors import Conflict

    with pytest.raises(Conflict, match="changed by someone else"), runtime.unit_of_work(actor="slow") as slow:
        artifacts.find_version(slow.session, "approval.policy", 1)
        with runtime.unit_of_work(actor="fast") as fast:
            artifacts.save_draft(fast, "approval.policy", 1, table(title="first"), 1)
        artifacts.save_draft(slow, "approval.policy", 1, table(title="second"), 1)
    with runtime.reading() as session:
        assert artifacts.find_version(session, "approval.policy", 1).document["title"] == "first"


def test_save_refuses_a_changed_key_or_kind_with_pointers(client, draft):
    response = save(client, table(key="other", kind="price_list"))
    assert response.status_code == 422
    assert {e["pointer"] for e in response.json["errors"]} == {"/key", "/kind"}


@pytest.mark.parametrize("body, status", [
    ({"revision": 1, "document": TABLE}, 422),
    ({**TABLE, "schemaVersion": 2}, 422),
    ([TABLE], 422),
])
def test_a_save_body_that_is_not_a_document_is_a_422_with_pointers(client, draft, body, status):
    response = save(client, body)
    assert response.status_code == status and response.json["errors"][0]["pointer"] is not None


def test_a_save_body_that_is_not_json_is_415_or_400(client, draft):
    assert save(client, None, data="<xml/>", content_type="application/xml").status_code == 415
    broken = save(client, None, data='{"kind": ', content_type="application/json")
    assert broken.status_code == 400 and "line 1" in broken.json["detail"]


def test_discarding_needs_the_current_etag(client, draft):
    assert client.delete(url()).status_code == 428
    assert client.delete(url(), headers={"If-Match": '"stale"'}).status_code == 412
    etag = client.get(url()).headers["ETag"]
    assert client.delete(url(), headers={"If-Match": etag}).status_code == 204
    assert client.get(url()).status_code == 404


def test_publish_freezes_the_version_with_its_content_hash(client, draft):
    published = client.post(url(suffix="/publish"))
    assert published.status_code == 200, published.json
    without_ui = {k: v for k, v in TABLE.items() if k != "ui"}
    assert published.json["contentHash"] == hashlib.sha256(canonical_json(without_ui).encode()).hexdigest()
    assert published.json["status"] == "published"
    assert save(client, TABLE).status_code == 409
    assert client.post(url(suffix="/publish")).status_code == 409
    assert client.delete(url(), headers={"If-Match": published.headers["ETag"]}).status_code == 409


def test_publish_with_a_stale_if_match_is_412_and_stays_a_draft(client, draft):
    seen = client.get(url()).headers["ETag"]
    save(client, table(title="changed after review"))
    assert client.post(url(suffix="/publish"), headers={"If-Match": seen}).status_code == 412
    assert client.get(url()).json["status"] == "draft"


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
    versions = client.get(f"{BASE}/artifacts/approval.policy/versions")
    assert [(v["version"], v["status"]) for v in versions.json] == [(1, "published"), (2, "draft")]
    assert versions.headers["X-Total-Count"] == "2" and "document" not in versions.json[0]
    drafts = client.get(f"{BASE}/artifacts/approval.policy/versions?status=draft&sort=-version")
    assert [v["version"] for v in drafts.json] == [2] and drafts.headers["X-Total-Count"] == "1"
    newest = client.get(f"{BASE}/artifacts/approval.policy/versions?sort=-version&limit=1")
    assert [v["version"] for v in newest.json] == [2] and newest.headers["X-Total-Count"] == "2"


def test_retire_a_published_version_but_not_a_draft(client, draft):
    assert client.post(url(suffix="/retire")).status_code == 409
    client.post(url(suffix="/publish"))
    retired = client.post(url(suffix="/retire"))
    assert retired.status_code == 200 and retired.json["status"] == "retired"


def test_unknown_artifacts_and_versions_are_404_problems(client, draft):
    assert client.get(url(key="nope")).status_code == 404
    missing = client.get(url(version=9))
    assert missing.status_code == 404 and "no version 9" in missing.json["detail"]


def test_the_list_shows_each_artifact_with_its_versions_and_only_its_declared_members(client, draft):
    listing = client.get(f"{BASE}/artifacts")
    assert [(a["key"], a["kind"], a["versions"]) for a in listing.json] == [
        ("approval.policy", "decision_table", [{"version": 1, "status": "draft"}])]
    assert listing.headers["X-Total-Count"] == "1" and listing.headers["X-Result-Count"] == "1"
    assert set(listing.json[0]) == {"key", "kind", "title", "latest", "versions", "draftVersion", "draftRevision",
                                    "publishedVersion", "activeVersion", "inActivePack", "lint", "lastEditor",
                                    "updatedAt"}
    assert listing.json[0]["latest"]["title"] == "Approval policy" and "document" not in listing.json[0]["latest"]
    empty = client.get(f"{BASE}/artifacts?kind=price_list")
    assert empty.json == [] and empty.headers["X-Total-Count"] == "0"


def test_the_list_pages_sorts_and_filters_by_kind(client):
    for key in ("b.table", "a.table", "c.table"):
        assert client.post(f"{BASE}/artifacts", json=table(key=key)).status_code == 201
    client.post(f"{BASE}/artifacts", json={"kind": "price_list", "key": "prices", "schemaVersion": 1, "body": {}})
    page = client.get(f"{BASE}/artifacts?kind=decision_table&sort=-key&limit=2&offset=0")
    assert [a["key"] for a in page.json] == ["c.table", "b.table"]
    assert (page.headers["X-Total-Count"], page.headers["X-Result-Count"]) == ("3", "2")
    rest = client.get(f"{BASE}/artifacts?kind=decision_table&sort=-key&limit=2&offset=2")
    assert [a["key"] for a in rest.json] == ["a.table"]
    assert [a["key"] for a in client.get(f"{BASE}/artifacts?sort=kind").json][-1] == "prices"


@pytest.mark.parametrize("query", ["sort=colour", "kind=spaceship", "limit=0", "limit=1001", "colour=red"])
def test_an_unknown_sort_filter_or_bad_page_is_a_400(client, query):
    response = client.get(f"{BASE}/artifacts?{query}")
    assert response.status_code == 400 and response.json["errors"][0]["parameter"]


def test_validate_reports_issues_without_storing_anything(client):
    response = client.post(f"{BASE}/validate", json=table(kind="spaceship")).json
    assert not response["valid"] and response["errors"][0]["code"] == "unknown_kind"
    assert client.get(f"{BASE}/artifacts").json == []


def test_every_lifecycle_step_is_audited(client, draft):
    save(client, table(title="t2"))
    client.post(url(suffix="/publish"))
    events = client.get("/api/v1/audit?entityType=artifact").json
    assert [e["action"] for e in reversed(events)] == [
        "artifact.draft_created", "artifact.draft_saved", "artifact.published"]
    assert client.get("/api/v1/audit/verify").json == {"intact": True, "firstBrokenEntry": None, "reason": None,
                                                       "checked": int(client.get("/api/v1/audit").headers["X-Total-Count"])}
