"""Issue 15, item 4: a session cookie is worthless once its server-side session has ended (logout, expiry, a new
password or role, "sign out everywhere"), even replayed from a copy."""
import pytest
from click.testing import CliRunner
from sqlalchemy import select

from api.cli import main
from engine.store.models import WebSession

LOGIN, ME, LOGOUT, SESSION = "/api/v1/auth/login", "/api/v1/auth/me", "/api/v1/auth/logout", "/api/v1/auth/session"
MY_SESSIONS = "/api/v1/auth/sessions"
COOKIE = "ordo_session"


@pytest.fixture
def agent(make_user):
    return make_user("agent", "orderAgent", password="s3cret-pass")


def browser(app, username="agent", password="s3cret-pass"):
    """A new test client signed in as ``username``; its CSRF token as ``.csrf``."""
    client = app.test_client()
    answer = client.post(LOGIN, json={"username": username, "password": password})
    assert answer.status_code == 200, answer.json
    client.csrf = answer.json["csrfToken"]
    return client


def copy_of(app, client):
    """Another client replaying ``client``'s cookie, as a thief with a copy of it would."""
    thief = app.test_client()
    thief.set_cookie(COOKIE, client.get_cookie(COOKIE).value)
    return thief


def signed_in(client) -> bool:
    return client.get(ME).status_code == 200


def test_a_copied_cookie_stops_working_at_logout(secure_app, agent):
    client = browser(secure_app)
    thief = copy_of(secure_app, client)
    assert signed_in(thief)
    assert client.post(LOGOUT, headers={"X-CSRF-Token": client.csrf}).status_code == 204
    refused = thief.get(ME)
    assert refused.status_code == 401 and refused.mimetype == "application/problem+json"
    assert "log in again" in refused.json["detail"]
    assert thief.get(SESSION).json == {"signedIn": False, "user": None}
    assert thief.get("/api/v1/tasks").status_code == 401


def test_the_server_ends_a_session_at_its_lifetime_whatever_the_cookie_says(secure_app, agent, clock):
    client = browser(secure_app)
    clock.advance(hours=11, minutes=59)
    assert signed_in(client)
    clock.advance(minutes=2)
    assert client.get(ME).status_code == 401


def test_the_cookie_holds_only_a_random_id_whose_hash_is_stored(secure_app, agent, runtime):
    client = browser(secure_app)
    content = secure_app.session_interface.get_signing_serializer(secure_app).loads(client.get_cookie(COOKIE).value)
    assert set(content) - {"_permanent"} == {"sid", "csrf"}
    with runtime.reading() as session:
        [row] = session.execute(select(WebSession).order_by(WebSession.created_at)).scalars()
    assert row.id != content["sid"] and len(row.id) == 64 and row.revoked_at is None
    assert row.address == "127.0.0.1"


def test_a_signed_cookie_naming_a_user_but_no_session_signs_nobody_in(secure_app, agent, runtime):
    from api.auth.users import find_user

    with runtime.reading() as session:
        user_id = find_user(session, "agent").id
    forged = secure_app.session_interface.get_signing_serializer(secure_app).dumps({"uid": user_id, "csrf": "x"})
    client = secure_app.test_client()
    client.set_cookie(COOKIE, forged)
    assert client.get(ME).status_code == 401
    client.set_cookie(COOKIE, secure_app.session_interface.get_signing_serializer(secure_app)
                      .dumps({"sid": "guessed", "csrf": "x"}))
    assert client.get(ME).status_code == 401


def test_a_user_signs_out_everywhere_with_the_csrf_token(secure_app, agent):
    laptop, phone = browser(secure_app), browser(secure_app)
    assert laptop.delete(MY_SESSIONS).status_code == 403
    ended = laptop.delete(MY_SESSIONS, headers={"X-CSRF-Token": laptop.csrf})
    assert ended.status_code == 200 and ended.json == {"revoked": 2}
    assert not signed_in(laptop) and not signed_in(phone)
    assert secure_app.test_client().get(ME, headers=agent.headers).status_code == 200  # API tokens stay
    assert signed_in(browser(secure_app))


def test_an_admin_signs_a_user_out_everywhere(secure_app, agent, make_user, runtime):
    from engine.store.models import AuditEvent

    admin = make_user("ada", "processAdmin")
    laptop, phone, bystander = browser(secure_app), browser(secure_app), browser(secure_app, "ada", admin.password)
    api = secure_app.test_client()
    ended = api.delete("/api/v1/auth/users/agent/sessions", headers=admin.headers)
    assert ended.status_code == 200 and ended.json == {"revoked": 2}
    assert not signed_in(laptop) and not signed_in(phone) and signed_in(bystander)
    assert api.delete("/api/v1/auth/users/agent/sessions", headers=admin.headers).json == {"revoked": 0}
    with runtime.reading() as session:
        audited = session.execute(select(AuditEvent.actor, AuditEvent.data).where(
            AuditEvent.action == "user.signedOut").order_by(AuditEvent.id)).all()
    assert audited[0] == ("ada", {"sessions": 2})


@pytest.mark.parametrize("role", ["orderAgent", "auditor", "fulfillmentManager"])
def test_only_an_admin_may_sign_someone_else_out(secure_app, agent, make_user, role):
    other = make_user("mallory", role)
    laptop = browser(secure_app)
    refused = secure_app.test_client().delete("/api/v1/auth/users/agent/sessions", headers=other.headers)
    assert refused.status_code == 403 and "user.signOut" in refused.json["detail"]
    assert signed_in(laptop)


def test_signing_out_an_unknown_user_or_without_credentials(secure_app, make_user):
    admin, api = make_user("ada", "processAdmin"), secure_app.test_client()
    missing = api.delete("/api/v1/auth/users/ghost/sessions", headers=admin.headers)
    assert missing.status_code == 404 and "ghost" in missing.json["detail"]
    assert api.delete("/api/v1/auth/users/ada/sessions").status_code == 401
    assert api.delete(MY_SESSIONS).status_code == 401


@pytest.fixture
def cli(database_url, monkeypatch):
    monkeypatch.setenv("ORDO_DATABASE_URL", database_url)
    runner = CliRunner()
    return lambda *args, input=None: runner.invoke(main, [str(a) for a in args], input=input)


def test_a_new_password_ends_every_session_of_the_user(secure_app, agent, make_user, cli):
    make_user("other", "orderAgent", password="other-pass")
    laptop, phone, other = browser(secure_app), browser(secure_app), browser(secure_app, "other", "other-pass")
    done = cli("user", "password", "agent", "--password-stdin", input="brand-new-pass\n")
    assert done.exit_code == 0, done.output
    assert not signed_in(laptop) and not signed_in(phone) and signed_in(other)
    assert signed_in(browser(secure_app, password="brand-new-pass"))


def test_a_new_role_ends_every_session_and_the_next_login_has_the_new_role(secure_app, agent, cli):
    laptop = browser(secure_app)
    done = cli("user", "role", "agent", "auditor")
    assert done.exit_code == 0, done.output
    assert not signed_in(laptop)
    again = browser(secure_app)
    assert again.get(ME).json["role"] == "auditor"


@pytest.mark.parametrize("role, message", [("wizard", "unknown role 'wizard'"),
                                           ("customer", "a customer needs a party")])
def test_a_role_change_that_cannot_be_is_refused_and_keeps_the_sessions(secure_app, agent, cli, role, message):
    laptop = browser(secure_app)
    refused = cli("user", "role", "agent", role)
    assert refused.exit_code != 0 and message in refused.output
    assert signed_in(laptop) and laptop.get(ME).json["role"] == "orderAgent"
    assert cli("user", "role", "ghost", "auditor").exit_code != 0
