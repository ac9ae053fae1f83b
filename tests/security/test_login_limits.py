"""Issue 15, item 5: a login costs the same whether the username exists or not, and the login limit holds
against parallel attempts (a real HTTP server, many threads at once), per username and per address."""
import json
import threading
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from argon2 import PasswordHasher

from api.auth import rate_limit
from tests.api.live import serve

LOGIN = "/api/v1/auth/login"
PARALLEL = 40


def attempt(client, username, password="wrong-pass", address="127.0.0.1"):
    return client.post(LOGIN, json={"username": username, "password": password},
                       environ_base={"REMOTE_ADDR": address})


@pytest.fixture
def hashed(monkeypatch):
    """The passwords Argon2 verified, in order (thread-safe): the work a login costs."""
    verified, lock, real = [], threading.Lock(), PasswordHasher.verify

    def spy(self, stored, password):
        with lock:
            verified.append(password)
        return real(self, stored, password)
    monkeypatch.setattr(PasswordHasher, "verify", spy)
    return verified


def test_an_unknown_or_disabled_user_costs_a_password_check_as_a_known_one(secure_client, make_user, runtime,
                                                                          hashed):
    from api.auth.users import find_user

    make_user("agent", "orderAgent", password="right-pass")
    make_user("gone", "orderAgent", password="right-pass")
    with runtime.unit_of_work(actor="test") as uow:
        find_user(uow.session, "gone").active = False
    answers = [attempt(secure_client, name, "guess-pass") for name in ("agent", "ghost", "gone")]
    assert [a.status_code for a in answers] == [401, 401, 401]
    assert len({a.json["detail"] for a in answers}) == 1
    assert hashed == ["guess-pass"] * 3


def test_the_limit_is_also_per_address_across_usernames(secure_client, make_user, monkeypatch):
    monkeypatch.setattr(rate_limit, "MAX_ADDRESS_FAILURES", 3)
    make_user("agent", "orderAgent", password="right-pass")
    assert [attempt(secure_client, name).status_code for name in ("ann", "bob", "cid")] == [401] * 3
    refused = attempt(secure_client, "agent", "right-pass")
    assert refused.status_code == 429 and 0 < int(refused.headers["Retry-After"]) <= 15 * 60
    assert attempt(secure_client, "agent", "right-pass", address="10.0.0.2").status_code == 200


def test_right_passwords_do_not_use_up_the_address_limit(secure_client, make_user, monkeypatch):
    monkeypatch.setattr(rate_limit, "MAX_ADDRESS_FAILURES", 3)
    make_user("agent", "orderAgent", password="right-pass")
    assert [attempt(secure_client, "agent", "right-pass").status_code for _ in range(6)] == [200] * 6
    assert [attempt(secure_client, "ann").status_code for _ in range(4)] == [401] * 3 + [429]


def test_a_refused_attempt_never_reaches_the_password_check(secure_client, make_user, hashed):
    make_user("agent", "orderAgent", password="right-pass")
    for _ in range(rate_limit.MAX_FAILURES):
        attempt(secure_client, "agent")
    hashed.clear()
    assert attempt(secure_client, "agent", "right-pass").status_code == 429
    assert hashed == []


def post_all(base: str, bodies: list[dict]) -> list[int]:
    """POST every body to the login at once (one thread each, released together); their statuses."""
    start = threading.Barrier(len(bodies))

    def post(body: dict) -> int:
        request = urllib.request.Request(base + LOGIN, data=json.dumps(body).encode(), method="POST",
                                         headers={"Content-Type": "application/json"})
        start.wait(timeout=30)
        try:
            with urllib.request.urlopen(request, timeout=60) as answer:
                return answer.status
        except urllib.error.HTTPError as error:
            return error.code

    with ThreadPoolExecutor(len(bodies)) as pool:
        return list(pool.map(post, bodies))


@pytest.fixture
def live(secure_app, runtime):
    yield from serve(secure_app, runtime)


def test_parallel_attempts_on_one_user_pass_at_most_the_limit(live, make_user, hashed):
    make_user("agent", "orderAgent", password="right-pass")
    statuses = post_all(live, [{"username": "agent", "password": f"wrong-{n}"} for n in range(PARALLEL)])
    assert sorted(set(statuses)) == [401, 429]
    assert statuses.count(401) == rate_limit.MAX_FAILURES
    assert len(hashed) == rate_limit.MAX_FAILURES


def test_parallel_attempts_across_usernames_pass_at_most_the_address_limit(live, hashed, monkeypatch):
    monkeypatch.setattr(rate_limit, "MAX_ADDRESS_FAILURES", 10)
    statuses = post_all(live, [{"username": f"user{n}", "password": "wrong-pass"} for n in range(PARALLEL)])
    assert statuses.count(401) == 10 and statuses.count(429) == PARALLEL - 10
    assert len(hashed) == 10

