"""Login rate limit: 5 failures per username and address in 15 minutes, then 429 until the window passes."""
from sqlalchemy import func, select

from engine.store.models import LoginLimit

LOGIN = "/api/v1/auth/login"


def attempt(client, password, username="agent"):
    return client.post(LOGIN, json={"username": username, "password": password})


def test_the_sixth_attempt_is_refused_until_the_window_has_passed(secure_client, make_user, clock):
    make_user("agent", "orderAgent", password="right-pass")
    assert [attempt(secure_client, "wrong-pass").status_code for _ in range(5)] == [401] * 5
    limited = attempt(secure_client, "right-pass")
    assert limited.status_code == 429 and limited.mimetype == "application/problem+json"
    assert 0 < int(limited.headers["Retry-After"]) <= 15 * 60
    clock.advance(minutes=14)
    assert attempt(secure_client, "right-pass").status_code == 429
    clock.advance(minutes=1, seconds=1)
    assert attempt(secure_client, "right-pass").status_code == 200


def test_the_limit_is_per_username_and_a_success_resets_it(secure_client, make_user):
    make_user("agent", "orderAgent", password="right-pass")
    make_user("other", "orderAgent", password="right-pass")
    for _ in range(4):
        attempt(secure_client, "wrong-pass")
    assert attempt(secure_client, "right-pass").status_code == 200
    assert [attempt(secure_client, "wrong-pass").status_code for _ in range(5)] == [401] * 5
    assert attempt(secure_client, "right-pass").status_code == 429
    assert attempt(secure_client, "right-pass", username="other").status_code == 200


def test_unknown_usernames_are_limited_too(secure_client):
    assert [attempt(secure_client, "x-password", "ghost").status_code for _ in range(6)] == [401] * 5 + [429]


def test_the_count_is_shared_by_every_app_on_the_database(secure_app, database_url, clock, make_user):
    from api.app import create_app

    make_user("agent", "orderAgent", password="right-pass")
    other = create_app({"TESTING": True, "DATABASE_URL": database_url}, clock=clock)
    try:
        for client in (secure_app.test_client(), other.test_client()) * 2 + (secure_app.test_client(),):
            assert attempt(client, "wrong-pass").status_code == 401
        assert attempt(other.test_client(), "right-pass").status_code == 429
    finally:
        other.extensions["ordo"].engine.dispose()


def test_a_username_longer_than_stored_is_refused_without_counting(secure_client, runtime):
    refused = attempt(secure_client, "x-password", "u" * 121)
    assert refused.status_code == 422 and refused.json["errors"][0]["pointer"] == "/username"
    assert "x-password" not in refused.get_data(as_text=True)
    with runtime.reading() as session:
        assert session.scalar(select(func.count()).select_from(LoginLimit)) == 0
