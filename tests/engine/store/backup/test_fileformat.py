"""The backup file without a database: header, rows, closing line, gzip, and rows that do not fit."""
import gzip
import json

import pytest

from engine.store.backup import BackupError
from engine.store.backup.fileformat import read_backup, writing
from engine.store.backup.tables import from_json, included

HEADER = {"format": "ordo-backup", "version": 1, "credentials": False}
GROUP = {"key": "noc", "name": "Network operations", "created_at": "2026-01-01T10:00:00+00:00"}


def write(path, lines):
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))


def rows(path):
    header, found = read_backup(path)
    return header, list(found)


def test_a_whole_file_gives_its_rows_with_their_types(tmp_path):
    write(tmp_path / "b", [HEADER, {"table": "assignment_groups", "row": GROUP},
                           {"end": {"rows": {"assignment_groups": 1}}}])
    header, found = rows(tmp_path / "b")
    assert header.credentials is False and "api_tokens" not in header.tables
    [(name, row, where)] = found
    assert (name, where, row["created_at"].isoformat()) == ("assignment_groups", "line 2", "2026-01-01T10:00:00+00:00")


def test_gzip_is_written_by_the_name_and_read_by_its_content(tmp_path):
    with writing(tmp_path / "b.gz") as out:
        out.write((json.dumps(HEADER) + "\n" + json.dumps({"end": {"rows": {}}}) + "\n").encode())
    assert gzip.decompress((tmp_path / "b.gz").read_bytes()).startswith(b'{"format"')
    (tmp_path / "plain").write_bytes((tmp_path / "b.gz").read_bytes())
    assert rows(tmp_path / "plain")[1] == []
    assert not list(tmp_path.glob("*.partial"))


def test_a_failed_write_leaves_no_file(tmp_path):
    with pytest.raises(RuntimeError), writing(tmp_path / "b") as out:
        out.write(b"half")
        raise RuntimeError("disk full")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("lines, message", [
    ([HEADER, {"table": "assignment_groups", "row": GROUP}], "ends without its closing line"),
    ([HEADER, {"table": "assignment_groups", "row": GROUP}, {"end": {"rows": {"assignment_groups": 2}}}],
     "assignment_groups: 1 rows, the closing line says 2"),
    ([HEADER, {"table": "orders", "row": {}}, {"end": {"rows": {}}}], "unknown table 'orders'"),
    ([HEADER, {"table": "api_tokens", "row": {}}], "only in a backup with credentials"),
    ([HEADER, {"table": "group_members", "row": {"group_key": "noc", "username": "u", "added_at": GROUP["created_at"]}},
      {"table": "assignment_groups", "row": GROUP}],
     "rows of assignment_groups must come before those of group_members"),
    ([HEADER, {"end": {"rows": {}}}, {"table": "assignment_groups", "row": GROUP}], "nothing may follow"),
    ([{**HEADER, "credentials": "yes"}], "\"credentials\" must be true or false"),
    ([{**HEADER, "version": 2}], "version 2 is not supported"),
])
def test_a_file_that_departs_from_the_format_says_where(tmp_path, lines, message):
    write(tmp_path / "b", lines)
    with pytest.raises(BackupError, match=message):
        rows(tmp_path / "b")


@pytest.mark.parametrize("row, message", [
    ({**GROUP, "created_at": "2026-01-01T10:00:00"}, "created_at: expected an ISO 8601 time with its offset"),
    ({**GROUP, "created_at": 5}, "created_at: expected an ISO 8601 time"),
    ({**GROUP, "name": None}, "assignment_groups.name is missing"),
    ({**GROUP, "name": 7}, "name: expected str, not int"),
    ({**GROUP, "key": "x" * 121}, "key: longer than 120 characters"),
    ({**GROUP, "colour": "red"}, "assignment_groups has no column colour"),
    ("not a row", "a row must be a JSON object"),
])
def test_a_row_that_does_not_fit_its_table_is_named(row, message):
    with pytest.raises(BackupError, match=message):
        from_json("assignment_groups", row, "line 9")


def test_booleans_and_integers_are_not_mixed_up():
    with pytest.raises(BackupError, match="expected bool, not int"):
        from_json("users", {"id": "u", "username": "u", "role": "r", "active": 1,
                            "created_at": "2026-01-01T00:00:00+00:00"}, "line 3")
    assert included(True)[:3] == ("parties", "users", "api_tokens")
