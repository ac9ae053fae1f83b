"""The artifact catalog (S1) and history (S7) reads: list state per artifact, filters, restore as a new draft."""
import pytest

import api.read.artifacts as artifact_reads

BASE = "/api/v1/studio"


def listing(client, **query):
    response = client.get(f"{BASE}/artifacts", query_string={"limit": 1000, **query})
    assert response.status_code == 200, response.json
    return {a["key"]: a for a in response.json}


def etag(client, key, version):
    return client.get(f"{BASE}/artifacts/{key}/versions/{version}").headers["ETag"]


def test_every_demo_artifact_is_published_and_pinned_by_the_active_pack(client, demo_pack):
    rows = listing(client)
    assert len(rows) == 27
    for row in rows.values():
        assert (row["publishedVersion"], row["draftVersion"], row["activeVersion"], row["inActivePack"]) == \
            (1, None, 1, True), row["key"]
    approval = rows["approval.policy"]
    assert approval["title"] == approval["latest"]["title"] and approval["title"]
    assert approval["lastEditor"] == "test" and approval["updatedAt"]


def test_lint_counts_are_those_of_the_newest_version_and_zero_for_kinds_without_lint(client, demo_pack):
    rows = listing(client)
    plan = client.get(f"{BASE}/artifacts/plan.iot/versions/1/lint").json["findings"]
    assert rows["plan.iot"]["lint"] == {"errors": sum(f["severity"] == "error" for f in plan),
                                        "warnings": sum(f["severity"] == "warning" for f in plan)}
    assert rows["catalog.telco-demo"]["lint"] == {"errors": 0, "warnings": 0}
    document = client.post(f"{BASE}/artifacts/approval.policy/drafts").json["document"]
    rules = document["body"]["rules"]
    rules.append({**rules[0], "id": "copy-of-first"})  # a duplicate row: FIRST makes it unreachable
    saved = client.put(f"{BASE}/artifacts/approval.policy/versions/2", json=document,
                       headers={"If-Match": etag(client, "approval.policy", 2)})
    assert saved.status_code == 200, saved.json
    findings = client.get(f"{BASE}/artifacts/approval.policy/versions/2/lint").json["findings"]
    assert findings
    counts = listing(client)["approval.policy"]["lint"]
    assert counts == {"errors": sum(f["severity"] == "error" for f in findings),
                      "warnings": sum(f["severity"] == "warning" for f in findings)}
    assert counts["errors"] + counts["warnings"] > 0


def test_a_list_call_lints_only_documents_it_has_not_linted_before(client, demo_pack, monkeypatch):
    calls = []
    real = artifact_reads.lint_document
    monkeypatch.setattr(artifact_reads, "lint_document", lambda document: calls.append(document["key"]) or
                        real(document))
    artifact_reads._LINT_CACHE.clear()
    listing(client)
    first = len(calls)
    assert first > 0 and "catalog.telco-demo" not in calls  # kinds without lint rules are never read
    listing(client)
    assert len(calls) == first


def test_an_open_draft_shows_with_its_editor_and_the_state_filter_finds_it(client, demo_pack):
    client.post(f"{BASE}/artifacts/prices.eur/drafts")
    row = listing(client)["prices.eur"]
    assert (row["draftVersion"], row["draftRevision"], row["publishedVersion"], row["activeVersion"]) == (2, 1, 1, 1)
    assert row["latest"]["status"] == "draft" and row["lastEditor"] == "anonymous"
    assert list(listing(client, state="draft")) == ["prices.eur"]
    assert "prices.eur" not in listing(client, state="published")
    assert client.delete(f"{BASE}/artifacts/prices.eur/versions/2",
                         headers={"If-Match": etag(client, "prices.eur", 2)}).status_code == 204
    assert listing(client)["prices.eur"]["draftVersion"] is None


def test_a_new_artifact_is_not_in_the_active_pack(client, demo_pack):
    example = client.get(f"{BASE}/artifacts/fallout.default/versions/1").json["document"]
    created = client.post(f"{BASE}/artifacts", json={**example, "key": "fallout.copy", "title": "A copy"})
    assert created.status_code == 201, created.json
    row = listing(client)["fallout.copy"]
    assert (row["inActivePack"], row["activeVersion"], row["publishedVersion"], row["draftVersion"]) == \
        (False, None, None, 1)
    assert "fallout.copy" not in listing(client, state="active")
    assert len(listing(client, state="active")) == 27


@pytest.mark.parametrize("q, expected", [("PLAN.IOT", {"plan.iot"}), ("100%", set()), ("a_b", set())])
def test_q_matches_key_any_case_and_treats_wildcards_literally(client, demo_pack, q, expected):
    assert set(listing(client, q=q)) == expected


def test_q_matches_the_newest_title(client, demo_pack):
    title = listing(client)["jeopardy.sla"]["title"]
    found = listing(client, q=title[2:-2].upper())
    assert "jeopardy.sla" in found
    assert all(title[2:-2].lower() in (r["title"] or "").lower() or title[2:-2].lower() in k for k, r in found.items())


def test_sort_by_title_and_the_total_follows_the_filter(client, demo_pack):
    response = client.get(f"{BASE}/artifacts", query_string={"kind": "orchestration_plan", "sort": "-title",
                                                             "limit": 3})
    titles = [a["title"] for a in response.json]
    assert titles == sorted(titles, reverse=True) and len(titles) == 3
    everyone = listing(client, kind="orchestration_plan")
    assert int(response.headers["X-Total-Count"]) == len(everyone) > 3


def publish_title(client, key, title):
    draft = client.post(f"{BASE}/artifacts/{key}/drafts").json
    document = {**draft["document"], "title": title}
    version = draft["version"]
    assert client.put(f"{BASE}/artifacts/{key}/versions/{version}", json=document,
                      headers={"If-Match": etag(client, key, version)}).status_code == 200
    assert client.post(f"{BASE}/artifacts/{key}/versions/{version}/publish").status_code == 200
    return version


def test_restore_opens_a_new_draft_with_an_old_versions_document_and_audits_it(client, demo_pack):
    original = client.get(f"{BASE}/artifacts/jeopardy.sla/versions/1").json["document"]
    assert publish_title(client, "jeopardy.sla", "Renamed") == 2
    restored = client.post(f"{BASE}/artifacts/jeopardy.sla/drafts", json={"from": 1})
    assert restored.status_code == 201, restored.json
    assert (restored.json["version"], restored.json["status"]) == (3, "draft")
    assert restored.json["document"] == original
    diff = client.get(f"{BASE}/artifacts/jeopardy.sla/diff", query_string={"from": 2, "to": 3}).json
    assert [(c["pointer"], c["old"], c["new"]) for c in diff["changes"]] == [("/title", "Renamed", original["title"])]
    audit = client.get("/api/v1/audit", query_string={"entityType": "artifact", "entityId": "jeopardy.sla@3"})
    assert audit.status_code == 200
    assert any(e["action"] == "artifact.draft_created" and e["data"] == {"from": 1} for e in audit.json)


def test_restore_of_a_missing_version_is_404_and_with_a_draft_open_409(client, demo_pack):
    assert client.post(f"{BASE}/artifacts/jeopardy.sla/drafts", json={"from": 7}).status_code == 404
    assert client.post(f"{BASE}/artifacts/jeopardy.sla/drafts", json={"from": 0}).status_code == 422
    assert client.post(f"{BASE}/artifacts/jeopardy.sla/drafts").status_code == 201
    assert client.post(f"{BASE}/artifacts/jeopardy.sla/drafts", json={"from": 1}).status_code == 409
