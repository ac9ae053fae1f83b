"""``ordo user``: add, token, list, demo."""
import pytest
from click.testing import CliRunner

from api.cli import main
from api.roles import ROLES


@pytest.fixture
def cli(database_url, monkeypatch):
    monkeypatch.setenv("ORDO_DATABASE_URL", database_url)
    runner = CliRunner()
    return lambda *args, input=None: runner.invoke(main, [str(a) for a in args], input=input)


def login(client, username, password):
    return client.post("/api/v1/auth/login", json={"username": username, "password": password})


def test_add_prints_a_password_once_and_list_shows_the_user(cli, secure_client):
    added = cli("user", "add", "alice", "--role", "orderAgent")
    assert added.exit_code == 0, added.output
    password = added.output.splitlines()[-1].removeprefix("password: ")
    assert login(secure_client, "alice", password).status_code == 200
    listed = cli("user", "list").output
    assert "alice\torderAgent\t-\tactive\t0 token(s)" in listed and password not in listed


def test_add_reads_the_password_from_stdin_and_makes_a_customers_party(cli, secure_client, runtime):
    from engine.store.models import Party

    added = cli("user", "add", "carol", "--role", "customer", "--party", "cust-9", "--password-stdin",
                input="long enough pw\n")
    assert added.exit_code == 0 and "password" not in added.output and "party cust-9" in added.output
    assert login(secure_client, "carol", "long enough pw").json["party"] == "cust-9"
    with runtime.reading() as session:
        assert session.get(Party, "cust-9").kind == "customer"


@pytest.mark.parametrize("args, message", [
    (("--role", "wizard"), "unknown role 'wizard'"),
    (("--role", "customer"), "a customer needs a party"),
    (("--role", "auditor", "--party", "p1"), "only customers belong to a party"),
    (("--role", "auditor", "--password-stdin"), "at least 8 characters"),
])
def test_add_refuses_bad_input_with_a_message(cli, args, message):
    result = cli("user", "add", "dave", *args, input="short\n")
    assert result.exit_code != 0 and message in result.output


def test_add_refuses_a_taken_username(cli):
    cli("user", "add", "alice", "--role", "auditor")
    again = cli("user", "add", "alice", "--role", "auditor")
    assert again.exit_code != 0 and "already exists" in again.output


def test_token_prints_a_working_token(cli, secure_client):
    cli("user", "add", "robot", "--role", "integration")
    token = cli("user", "token", "robot", "--name", "ci")
    assert token.exit_code == 0 and token.output.startswith("ordo_")
    me = secure_client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {token.output.strip()}"})
    assert me.json["username"] == "robot"
    assert "robot\tintegration\t-\tactive\t1 token(s)" in cli("user", "list").output
    missing = cli("user", "token", "nobody")
    assert missing.exit_code != 0 and "no user 'nobody'" in missing.output


def test_demo_creates_one_user_per_role_once(cli, secure_client):
    first = cli("user", "demo")
    assert first.exit_code == 0
    lines = dict(line.split("\t") for line in first.output.splitlines() if "\t" in line)
    assert set(lines) == set(ROLES) and f"{len(ROLES)} demo user(s) created, 0 already there" in first.output
    me = login(secure_client, "customer", lines["customer"]).json
    assert (me["role"], me["party"]) == ("customer", "cust-0042")
    again = cli("user", "demo")
    assert again.output.strip() == f"0 demo user(s) created, {len(ROLES)} already there"


def test_password_sets_a_new_one_that_signs_in_and_the_old_one_no_longer_does(cli, secure_client):
    old = cli("user", "add", "dora", "--role", "processAdmin").output.splitlines()[-1].removeprefix("password: ")
    changed = cli("user", "password", "dora")
    assert changed.exit_code == 0, changed.output
    new = changed.output.splitlines()[-1].removeprefix("password: ")
    assert new != old
    assert login(secure_client, "dora", old).status_code == 401
    assert login(secure_client, "dora", new).status_code == 200
    assert cli("user", "password", "dora", "--password-stdin", input="chosen pass phrase\n").exit_code == 0
    assert login(secure_client, "dora", "chosen pass phrase").status_code == 200
    missing = cli("user", "password", "nobody")
    assert missing.exit_code != 0 and "no user 'nobody'" in missing.output
