"""Web sessions: login sets an HttpOnly SameSite=Lax cookie; changes need the CSRF header; logout ends it."""
import pytest

LOGIN, ME, LOGOUT, TOKENS = "/api/v1/auth/login", "/api/v1/auth/me", "/api/v1/auth/logout", "/api/v1/auth/tokens"


@pytest.fixture
def agent(make_user):
    return make_user("agent", "orderAgent", password="s3cret-pass")


def login(client, username="agent", password="s3cret-pass"):
    return client.post(LOGIN, json={"username": username, "password": password})


def test_login_sets_a_protected_cookie_and_me_tells_who_and_the_csrf_token(secure_client, agent):
    response = login(secure_client)
    assert response.status_code == 200
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("ordo_session=") and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    me = secure_client.get(ME).json
    assert me["username"] == "agent" and me["role"] == "orderAgent" and me["party"] is None
    assert me["csrfToken"] == response.json["csrfToken"] and "order.create" in me["permissions"]
    assert secure_client.get("/api/v1/tasks").status_code == 200


def test_a_change_with_the_cookie_needs_the_csrf_header(secure_client, agent):
    csrf = login(secure_client).json["csrfToken"]
    refused = secure_client.post(TOKENS, json={"name": "x"})
    assert refused.status_code == 403 and "X-CSRF-Token" in refused.json["detail"]
    assert secure_client.post(TOKENS, json={"name": "x"}, headers={"X-CSRF-Token": "forged"}).status_code == 403
    assert secure_client.post(TOKENS, json={"name": "x"}, headers={"X-CSRF-Token": csrf}).status_code == 201


def test_logout_ends_the_session(secure_client, agent):
    csrf = login(secure_client).json["csrfToken"]
    assert secure_client.post(LOGOUT).status_code == 403
    assert secure_client.post(LOGOUT, headers={"X-CSRF-Token": csrf}).status_code == 204
    assert secure_client.get(ME).status_code == 401


def test_wrong_passwords_unknown_users_and_bad_bodies(secure_client, agent):
    assert login(secure_client, password="wrong-pass").status_code == 401
    assert login(secure_client, username="nobody").status_code == 401
    missing = secure_client.post(LOGIN, json={"username": "agent"})
    assert missing.status_code == 422 and missing.json["errors"][0]["pointer"] == "/password"
    assert secure_client.post(LOGIN, data="nope", content_type="application/json").status_code == 400
    assert secure_client.get(ME).status_code == 401


def test_a_disabled_users_session_stops_working(secure_client, runtime, agent):
    from api.auth.users import find_user

    login(secure_client)
    with runtime.unit_of_work(actor="test") as uow:
        find_user(uow.session, "agent").active = False
    assert secure_client.get(ME).status_code == 401
    assert secure_client.get(ME, headers=agent.headers).status_code == 401
    assert login(secure_client).status_code == 401


def test_me_without_auth_required_and_without_credentials_is_401(client):
    assert client.get(ME).status_code == 401


def test_the_session_state_answers_200_signed_out_and_in(secure_client, agent):
    SESSION = "/api/v1/auth/session"
    assert secure_client.get(SESSION).json == {"signedIn": False, "user": None}
    csrf = login(secure_client).json["csrfToken"]
    state = secure_client.get(SESSION).json
    assert state["signedIn"] is True and state["user"]["username"] == "agent"
    assert state["user"]["csrfToken"] == csrf
    secure_client.post(LOGOUT, headers={"X-CSRF-Token": csrf})
    assert secure_client.get(SESSION).json["signedIn"] is False
