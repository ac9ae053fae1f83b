"""Bearer API tokens: shown once, used, listed, revoked, stored only as a hash."""
from sqlalchemy import select

from api.auth.tokens import digest
from engine.store.models import ApiToken, AuditEvent

TOKENS = "/api/v1/auth/tokens"


def test_a_token_is_shown_once_works_and_stops_working_when_revoked(secure_client, make_user):
    owner = make_user("integrator", "integration")
    created = secure_client.post(TOKENS, json={"name": "billing"}, headers=owner.headers)
    assert created.status_code == 201
    token, token_id = created.json["token"], created.json["id"]
    assert token.startswith("ordo_") and created.json["name"] == "billing" and token.startswith(created.json["prefix"])
    bearer = {"Authorization": f"Bearer {token}"}
    me = secure_client.get("/api/v1/auth/me", headers=bearer).json
    assert me["username"] == "integrator" and me["role"] == "integration" and me["csrfToken"] is None
    listed = secure_client.get(TOKENS, headers=bearer).json
    assert {t["name"] for t in listed} == {"api", "billing"} and all("token" not in t for t in listed)
    assert secure_client.delete(f"{TOKENS}/{token_id}", headers=owner.headers).status_code == 204
    revoked = secure_client.get("/api/v1/auth/me", headers=bearer)
    assert revoked.status_code == 401 and "revoked" in revoked.json["detail"]
    after = {t["id"]: t["revokedAt"] for t in secure_client.get(TOKENS, headers=owner.headers).json}
    assert after[token_id] == "2026-01-01T09:00:00.000Z" and list(after.values()).count(None) == 1


def test_only_the_hash_is_stored(secure_client, runtime, make_user):
    owner = make_user("integrator", "integration")
    token = secure_client.post(TOKENS, json={}, headers=owner.headers).json["token"]
    with runtime.reading() as session:
        rows = session.execute(select(ApiToken)).scalars().all()
        stored = [(r.token_hash, r.prefix, r.name, r.id) for r in rows]
        audit = [str(e.data) for e in session.execute(select(AuditEvent)).scalars()]
    assert digest(token) in {row[0] for row in stored}
    assert not any(token in value for row in stored for value in row)
    assert not any(token in entry or owner.token in entry for entry in audit)


def test_a_user_cannot_revoke_another_users_token(secure_client, make_user):
    alice, bob = make_user("alice", "orderAgent"), make_user("bob", "orderAgent")
    token_id = secure_client.post(TOKENS, json={}, headers=bob.headers).json["id"]
    assert secure_client.delete(f"{TOKENS}/{token_id}", headers=alice.headers).status_code == 404
    assert secure_client.get("/api/v1/auth/me", headers=bob.headers).status_code == 200


def test_bad_token_requests_get_clear_errors(secure_client, make_user):
    owner = make_user("integrator", "integration")
    assert secure_client.post(TOKENS, json={"name": ""}, headers=owner.headers).status_code == 422
    assert secure_client.post(TOKENS, data="[1]", content_type="application/json",
                              headers=owner.headers).status_code == 422
    assert secure_client.post(TOKENS, data="{", content_type="application/json",
                              headers=owner.headers).status_code == 400
    assert secure_client.post(TOKENS, data="name=x", content_type="text/plain",
                              headers=owner.headers).status_code == 415
    assert secure_client.get(TOKENS, headers={"Authorization": "Bearer ordo_nope"}).status_code == 401


def test_audit_entries_name_the_authenticated_user(secure_client, runtime, make_user):
    owner = make_user("integrator", "integration")
    secure_client.post(TOKENS, json={"name": "x"}, headers=owner.headers)
    with runtime.reading() as session:
        last = session.execute(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(1)).scalar_one()
    assert (last.action, last.actor) == ("token.created", "integrator")


def test_the_token_list_pages_sorts_and_filters_revoked(secure_client, make_user):
    owner = make_user("integrator", "integration")
    for name in ("zulu", "alpha"):
        secure_client.post(TOKENS, json={"name": name}, headers=owner.headers)
    alpha = secure_client.get(f"{TOKENS}?sort=name&limit=1", headers=owner.headers)
    assert alpha.headers["X-Total-Count"] == "3" and [t["name"] for t in alpha.json] == ["alpha"]
    assert set(alpha.json[0]) == {"id", "name", "prefix", "createdAt", "revokedAt"}
    secure_client.delete(f"{TOKENS}/{alpha.json[0]['id']}", headers=owner.headers)
    revoked = secure_client.get(f"{TOKENS}?revoked=true", headers=owner.headers)
    assert [t["name"] for t in revoked.json] == ["alpha"] and revoked.headers["X-Total-Count"] == "1"
    assert secure_client.get(f"{TOKENS}?revoked=false", headers=owner.headers).headers["X-Total-Count"] == "2"
    assert secure_client.get(f"{TOKENS}?sort=prefix", headers=owner.headers).status_code == 400
    assert secure_client.get(TOKENS).status_code == 401
