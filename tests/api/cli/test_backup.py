"""``ordo backup``: export, verify and restore everything authored, checked against the audit chain."""
import gzip
import json
import shutil

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, select, text
from sqlalchemy.pool import NullPool

from api.cli import main
from engine.runtime.service import Runtime
from engine.store.backup.tables import TABLES, table, to_json
from engine.store.db import normalise_url
from tests.api.cli.test_pack import publish_catalog_version
from tests.conftest import BACKEND, DEMO_PACK

CATALOG = "catalog.telco-demo"


@pytest.fixture
def empty_database(database_url, _migrated_database, _postgresql_reset, tmp_path):
    """``empty_database()``: the URL of a new, migrated, empty database. PostgreSQL: the test database itself,
    emptied (so take what you need from the first one before)."""
    def make() -> str:
        if BACKEND == "postgresql":
            _postgresql_reset.reset()
            return database_url
        path = tmp_path / "restored.db"
        shutil.copy(_migrated_database, path)
        return f"sqlite:///{path}"
    return make


def ordo(url, *args, input=None):
    return CliRunner().invoke(main, ["--database-url", url, *(str(a) for a in args)], input=input)


def dump(url) -> dict:
    """Every row of the backed-up tables, as JSON, in primary key order."""
    engine = create_engine(normalise_url(url), poolclass=NullPool)
    with engine.connect() as connection:
        found = {name: [to_json(name, dict(row), True) for row in connection.execute(
            select(table(name)).order_by(*table(name).primary_key.columns)).mappings()] for name in TABLES}
    engine.dispose()
    return found


def authored(runtime, cli):
    """The demo pack, then a studio change: a new catalog version published into pack 2 and activated, an open
    draft saved once, a group with a member and an event listener that was registered and another removed."""
    from engine.runtime.events.outbox import register_listener, unregister_listener
    from studio import artifacts

    assert cli("pack", "seed", DEMO_PACK).exit_code == 0
    version = publish_catalog_version(runtime, "Fibre 100 (restored)")
    assert cli("pack", "publish", "--from-active", "--pin", f"{CATALOG}={version}", "--title", "t").exit_code == 0
    assert cli("pack", "activate", "telco-demo@2").exit_code == 0
    with runtime.unit_of_work(actor="admin") as uow:
        draft = artifacts.create_draft(uow, key=CATALOG)
        document = json.loads(json.dumps(draft.document))
        document["body"]["productOfferings"][0]["name"] = "work in progress"
        artifacts.save_draft(uow, CATALOG, draft.version, document, draft.revision)
        listener, _ = register_listener(uow, "https://hooks.example.com/ordo", "eventType=ProductOrderStateChangeEvent")
        gone, _ = register_listener(uow, "https://old.example.com/ordo")
    with runtime.unit_of_work(actor="admin") as uow:
        unregister_listener(uow, gone.id)
    assert cli("group", "add", "noc", "--name", "Network operations").exit_code == 0
    assert cli("group", "member", "add", "noc", "admin").exit_code == 0
    return listener


def records(path) -> list[dict]:
    opener = gzip.open if path.read_bytes()[:2] == b"\x1f\x8b" else open
    with opener(path, "rt") as stream:
        return [json.loads(line) for line in stream]


def rewrite(path, lines: list[dict]) -> None:
    counts = {}
    for line in lines:
        if "table" in line:
            counts[line["table"]] = counts.get(line["table"], 0) + 1
    lines[-1] = {"end": {"rows": {**dict.fromkeys(lines[-1]["end"]["rows"], 0), **counts}}}
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))


def rows_of(lines, name) -> list[dict]:
    return [line["row"] for line in lines if line.get("table") == name]


def is_empty(url) -> bool:
    found = dump(url)
    return all(not rows for name, rows in found.items() if name != "audit_head") and \
        [row["last_hash"] for row in found["audit_head"]] in ([], ["0" * 64])


def test_round_trip_restores_every_authored_row_and_the_chain_and_authoring_goes_on(cli, runtime, tmp_path,
                                                                                     empty_database):
    authored(runtime, cli)
    before = dump(runtime.engine.url.render_as_string(hide_password=False))
    exported = cli("backup", "export", tmp_path / "ordo.backup.gz")
    assert exported.exit_code == 0, exported.output
    head = exported.output.split("audit head: ")[1].split()[0]
    assert head == before["audit_head"][0]["last_hash"]
    assert ordo(runtime.engine.url, "backup", "verify", tmp_path / "ordo.backup.gz", "--head", head).exit_code == 0

    url = empty_database()
    restored = ordo(url, "backup", "restore", tmp_path / "ordo.backup.gz", "--head", head)
    assert restored.exit_code == 0, restored.output
    assert "audit chain intact" in restored.output and "ordo user password" in restored.output
    after = dump(url)
    for name in TABLES:
        if name not in ("audit_events", "audit_head", "users", "api_tokens"):
            assert after[name] == before[name], name
    assert after["users"] == [{**user, "password_hash": None} for user in before["users"]]
    assert before["api_tokens"] and not after["api_tokens"]
    assert after["audit_events"][:-1] == before["audit_events"]
    assert after["audit_events"][-1]["action"] == "backup.restored"
    assert after["audit_events"][-1]["data"]["lastHash"] == head
    assert ordo(url, "audit", "verify").output.strip() == "audit chain intact"

    again = Runtime.connect(url)
    try:
        from studio import artifacts

        with again.unit_of_work(actor="admin") as uow:
            assert artifacts.publish(uow, CATALOG, 3).status == "published"  # the draft restored open
        version = publish_catalog_version(again, "after the restore")
    finally:
        again.engine.dispose()
    assert version == 4
    published = ordo(url, "--as", "admin", "pack", "publish", "--from-active", "--pin", f"{CATALOG}={version}",
                     "--title", "after the restore")
    assert published.output.strip() == "pack telco-demo@3 published", published.output
    assert ordo(url, "--as", "admin", "pack", "activate", "telco-demo@3").exit_code == 0
    assert ordo(url, "audit", "verify").output.strip() == "audit chain intact"
    assert ordo(url, "backup", "export", tmp_path / "again.jsonl").exit_code == 0


def test_restore_refuses_a_database_that_is_not_empty_and_changes_nothing(cli, runtime, tmp_path, database_url):
    authored(runtime, cli)
    assert cli("backup", "export", tmp_path / "b.jsonl").exit_code == 0
    before = dump(database_url)
    refused = ordo(database_url, "backup", "restore", tmp_path / "b.jsonl")
    assert refused.exit_code == 1
    assert "the database is not empty" in refused.output and "nothing restored" in refused.output
    assert "Traceback" not in refused.output
    assert dump(database_url) == before


def test_a_database_with_only_a_user_is_not_empty_either(cli, runtime, tmp_path, database_url, make_user,
                                                         empty_database):
    authored(runtime, cli)
    assert cli("backup", "export", tmp_path / "b.jsonl").exit_code == 0
    url = empty_database()
    assert ordo(url, "user", "add", "someone", "--role", "orderAgent").exit_code == 0
    refused = ordo(url, "backup", "restore", tmp_path / "b.jsonl")
    assert refused.exit_code == 1 and "users" in refused.output and "audit_events" in refused.output


def _published_catalog(lines):
    artifact_id = next(row["id"] for row in rows_of(lines, "artifacts") if row["key"] == CATALOG)
    return next(row for row in rows_of(lines, "artifact_versions")
                if row["artifact_id"] == artifact_id and row["version"] == 1)


def _edit_document(lines):
    _published_catalog(lines)["document"]["body"]["productOfferings"][0]["name"] = "tampered"


def _edit_document_and_its_hash(lines):
    from engine.artifacts import content_hash

    version = _published_catalog(lines)
    version["document"]["body"]["productOfferings"][0]["name"] = "tampered"
    version["content_hash"] = content_hash(version["document"])


def _drop_a_version(lines):
    lines.remove(next(line for line in lines if line.get("row") is _published_catalog(lines)))


def _edit_an_audit_entry(lines):
    rows_of(lines, "audit_events")[3]["actor"] = "mallory"


def _drop_the_last_audit_entries(lines):
    for line in [line for line in lines if line.get("table") == "audit_events"][-2:]:
        lines.remove(line)


def _edit_pack_bindings(lines):
    pack = rows_of(lines, "rule_packs")[0]
    pack["bindings"] = {**pack["bindings"], "extra": "x"}


def _add_a_member(lines):
    at = next(i for i, line in enumerate(lines) if line.get("table") == "group_members")
    lines.insert(at, {"table": "group_members", "row": {"group_key": "noc", "username": "admin2",
                                                        "added_at": "2026-01-01T00:00:00+00:00"}})


def _edit_a_listener(lines):
    next(row for row in rows_of(lines, "event_listeners") if row["deleted_at"] is None)["callback"] = \
        "https://evil.example.com/"


def _give_a_user_another_role(lines):
    next(row for row in rows_of(lines, "users") if row["username"] == "admin")["role"] = "customer"


def _give_a_user_a_password(lines):
    next(row for row in rows_of(lines, "users") if row["username"] == "admin")["password_hash"] = "scrypt:known"


@pytest.mark.parametrize("tamper, message", [
    (_edit_document, f"artifact {CATALOG}@1: document_hash is"),
    (_edit_document_and_its_hash, f"artifact {CATALOG}@1: content_hash is"),
    (_drop_a_version, f"artifact {CATALOG}@1: the audit chain records it, the backup does not hold it"),
    (_edit_an_audit_entry, "audit entry 4 ("),
    (_drop_the_last_audit_entries, "the audit head does not match the last entry"),
    (_edit_pack_bindings, "rule pack telco-demo@1: pinned content hash is"),
    (_add_a_member, "group member noc/admin2: in the backup, but no audit entry records it"),
    (_edit_a_listener, "callback is 'https://evil.example.com/' in the backup"),
    (_give_a_user_another_role, "user admin: role is 'customer' in the backup, the audit chain says 'processAdmin'"),
    (_give_a_user_a_password, "user admin: has a password hash, in a backup that says it holds no credentials"),
], ids=lambda value: getattr(value, "__name__", "")[1:])
def test_a_tampered_backup_is_refused_naming_what_does_not_match_and_nothing_is_written(
        cli, runtime, tmp_path, empty_database, tamper, message):
    authored(runtime, cli)
    path = tmp_path / "b.jsonl"
    assert cli("backup", "export", path).exit_code == 0
    lines = records(path)
    tamper(lines)
    rewrite(path, lines)
    checked = ordo(runtime.engine.url, "backup", "verify", path)
    assert checked.exit_code == 1 and message in checked.output, checked.output
    url = empty_database()
    refused = ordo(url, "backup", "restore", path)
    assert refused.exit_code == 1 and message in refused.output, refused.output
    assert "nothing restored" in refused.output and "Traceback" not in refused.output
    assert is_empty(url)


def test_a_rewritten_chain_is_caught_only_with_the_head_noted_at_export(cli, runtime, tmp_path, empty_database):
    """Whoever edits a published version, its recorded hash and then re-hashes the whole chain makes a file
    consistent in itself: only the head printed by the export tells it apart."""
    from engine.artifacts import content_hash
    from engine.store.audit import GENESIS, entry_hash

    authored(runtime, cli)
    path = tmp_path / "b.jsonl"
    exported = cli("backup", "export", path)
    head = exported.output.split("audit head: ")[1].split()[0]
    lines = records(path)
    version = _published_catalog(lines)
    version["document"]["body"]["productOfferings"][0]["name"] = "tampered"
    version["content_hash"] = content_hash(version["document"])
    last = GENESIS
    from datetime import datetime

    for entry in rows_of(lines, "audit_events"):
        if entry["action"] == "artifact.published" and entry["entity_id"] == f"{CATALOG}@1":
            entry["data"]["contentHash"] = version["content_hash"]
        entry["prev_hash"] = last
        entry["hash"] = last = entry_hash(last, datetime.fromisoformat(entry["at"]), entry["actor"], entry["action"],
                                          entry["entity_type"], entry["entity_id"], entry["data"])
    rows_of(lines, "audit_head")[0]["last_hash"] = last
    rewrite(path, lines)
    # the pack's content hash covers the catalog's: the pack entry would need rewriting too
    assert "rule pack telco-demo@1" in ordo(runtime.engine.url, "backup", "verify", path).output
    refused = ordo(empty_database(), "backup", "restore", path, "--head", head)
    assert refused.exit_code == 1 and f"not in the expected {head}" in refused.output


@pytest.mark.parametrize("damage, message", [
    (lambda path: path.write_bytes(path.read_bytes()[:len(path.read_bytes()) // 2]),
     "not JSON (Unterminated string"),
    (lambda path: path.write_text("\n".join(path.read_text().splitlines()[:-1]) + "\n"),
     "the file ends without its closing line: it is truncated"),
    (lambda path: path.write_text(path.read_text().replace('"version":1', '"version":2', 1)),
     "backup format version 2 is not supported; this Ordo reads version 1"),
    (lambda path: path.write_text('{"key": "telco-demo"}\n'), "not an Ordo backup"),
    (lambda path: path.write_text(""), "the file is empty"),
    (lambda path: path.write_text(path.read_text().replace('"table":"artifacts","row":{"id":1,',
                                                          '"table":"artifacts","row":{"id":"one",', 1)),
     "artifacts.id: expected int, not str"),
], ids=["cut-mid-line", "no-closing-line", "unknown-version", "not-a-backup", "empty", "wrong-type"])
def test_a_damaged_file_gets_a_clear_error_and_no_traceback(cli, runtime, tmp_path, empty_database, damage, message):
    authored(runtime, cli)
    path = tmp_path / "b.jsonl"
    assert cli("backup", "export", path).exit_code == 0
    damage(path)
    url = empty_database()
    refused = ordo(url, "backup", "restore", path)
    assert refused.exit_code == 1 and message in refused.output, refused.output
    assert "Traceback" not in refused.output and isinstance(refused.exception, SystemExit)
    assert is_empty(url)


def test_a_truncated_gzip_file_gets_a_clear_error(cli, runtime, tmp_path, empty_database):
    authored(runtime, cli)
    path = tmp_path / "b.jsonl.gz"
    assert cli("backup", "export", path).exit_code == 0
    path.write_bytes(path.read_bytes()[:-40])
    refused = ordo(empty_database(), "backup", "restore", path)
    assert refused.exit_code == 1 and "damaged or truncated" in refused.output, refused.output


def test_export_refuses_a_broken_chain_and_writes_no_file(cli, runtime, tmp_path, database_url):
    authored(runtime, cli)
    with runtime.engine.begin() as connection:
        connection.execute(text("UPDATE audit_events SET actor = 'mallory' WHERE id = 2"))
    refused = cli("backup", "export", tmp_path / "b.jsonl")
    assert refused.exit_code == 1 and "audit chain is broken at entry 2" in refused.output
    assert not list(tmp_path.glob("b.jsonl*"))


def test_export_into_a_missing_folder_says_so(cli, tmp_path):
    refused = cli("backup", "export", tmp_path / "nowhere" / "b.jsonl")
    assert refused.exit_code == 1 and "cannot write" in refused.output and "No such file" in refused.output


def test_export_keeps_an_existing_file_unless_forced(cli, runtime, tmp_path):
    (tmp_path / "b.jsonl").write_text("keep me")
    refused = cli("backup", "export", tmp_path / "b.jsonl")
    assert refused.exit_code == 1 and "--force" in refused.output
    assert (tmp_path / "b.jsonl").read_text() == "keep me"
    assert cli("backup", "export", tmp_path / "b.jsonl", "--force").exit_code == 0


def test_without_the_flag_no_password_or_token_hash_is_exported_but_the_listener_secrets_are(
        cli, runtime, tmp_path, make_user):
    listener = authored(runtime, cli)
    alice = make_user("alice", "orderAgent")
    path = tmp_path / "b.jsonl"
    exported = cli("backup", "export", path)
    assert exported.exit_code == 0 and "keep it secret" in exported.output
    content, lines = path.read_text(), records(path)
    assert lines[0]["credentials"] is False and "api_tokens" not in lines[0]["tables"]
    assert all(row["password_hash"] is None for row in rows_of(lines, "users"))
    assert '"api_tokens"' not in content and "token_hash" not in content and alice.token[:12] not in content
    with runtime.reading() as session:
        from engine.store.models import EventListener, User

        hashes = list(session.execute(select(User.password_hash)).scalars())
        assert listener.secret in content and session.get(EventListener, listener.id).secret == listener.secret
    assert all(stored and stored not in content for stored in hashes)
    assert oct(path.stat().st_mode & 0o777) == "0o600"


def test_with_credentials_users_sign_in_and_tokens_work_after_the_restore(cli, runtime, tmp_path, make_user,
                                                                          empty_database):
    from api.auth.passwords import verify_password
    from api.auth.tokens import user_for_token
    from api.auth.users import find_user

    authored(runtime, cli)
    alice = make_user("alice", "orderAgent", password="alices secret pw")
    path = tmp_path / "b.jsonl"
    assert cli("backup", "export", path, "--with-credentials").exit_code == 0
    lines = records(path)
    assert lines[0]["credentials"] is True and len(rows_of(lines, "api_tokens")) == 2
    url = empty_database()
    restored = ordo(url, "backup", "restore", path)
    assert restored.exit_code == 0 and "ordo user password" not in restored.output
    again = Runtime.connect(url)
    try:
        with again.reading() as session:
            assert verify_password(find_user(session, "alice").password_hash, "alices secret pw")
            assert user_for_token(session, alice.token).username == "alice"
    finally:
        again.engine.dispose()


def test_restored_tokens_must_match_the_chain(cli, runtime, tmp_path, make_user, empty_database):
    authored(runtime, cli)
    make_user("alice", "orderAgent")
    path = tmp_path / "b.jsonl"
    assert cli("backup", "export", path, "--with-credentials").exit_code == 0
    lines = records(path)
    rows_of(lines, "api_tokens")[0]["revoked_at"] = None
    rows_of(lines, "api_tokens")[1]["name"] = "renamed"
    rewrite(path, lines)
    refused = ordo(empty_database(), "backup", "restore", path)
    assert refused.exit_code == 1 and "API token" in refused.output and "name is 'renamed'" in refused.output


def test_orders_are_not_restored_but_their_audit_entries_are(cli, runtime, tmp_path, client, demo_pack, worker,
                                                             empty_database):
    """The chain also records what happened to orders; a backup keeps those entries (the chain is whole) and
    leaves the orders to a database backup."""
    from tests.rulepacks.telco_demo_driver import BASE, example

    assert client.post(BASE, json=example("fibre-500")).status_code == 201
    worker.run_until_idle()
    path = tmp_path / "b.jsonl"
    assert cli("backup", "export", path).exit_code == 0
    content = path.read_text()
    assert "order.captured" in content and '"table":"customer_orders"' not in content
    url = empty_database()
    restored = ordo(url, "backup", "restore", path)
    assert restored.exit_code == 0, restored.output
    engine = create_engine(normalise_url(url), poolclass=NullPool)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM customer_orders")).scalar() == 0
        assert connection.execute(text("SELECT count(*) FROM audit_events WHERE action = 'order.captured'")).scalar() == 1
    engine.dispose()
    assert ordo(url, "audit", "verify").exit_code == 0
