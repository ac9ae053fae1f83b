"""The official TM Forum v4 CTKs (TMF622, TMF637, TMF620) against a real `ordo serve` + worker, via newman.

Runs in the SQLite pass of `make test` (not marked ``db``: it makes its own database); any failed assertion
fails the test and is listed. Needs Node 20 + npm (`npx -y newman@6`), as `make test` does for the front end.
"""
from __future__ import annotations

import pytest

from tests.conformance.run_ctk import KITS, REQUIRED, Kit, parse_report, run, run_kit

pytestmark = pytest.mark.slow


def test_the_official_ctks_pass_without_a_failed_assertion(tmp_path):
    results = run(list(REQUIRED), tmp_path)
    print("\n".join(result.summary() for result in results))
    assert [r.kit for r in results] == ["TMF622", "TMF637", "TMF620"]
    assert [r.assertions for r in results] == [72, 61, 1097]
    failed = [result.summary() for result in results if not result.passed]
    assert not failed, "\n".join(failed)


def test_the_report_parser_lists_each_failed_assertion():
    report = {"run": {"stats": {"requests": {"total": 2}, "assertions": {"total": 3}},
                      "executions": [
                          {"item": {"name": "/Product"}, "assertions": [
                              {"assertion": "Status code is 200"},
                              {"assertion": "Instance has all mandatory attributes",
                               "error": {"name": "AssertionError", "message": "expected [ 'id' ] to include 'x'"}}]},
                          {"item": {"name": "/Product/404ID"}, "requestError": {"message": "ECONNREFUSED"},
                           "assertions": [{"assertion": "Status code is 404"}]}],
                      "failures": [{"error": {"name": "AssertionError", "message": "dup"}, "source": {"name": "x"}},
                                   {"error": {"name": "SyntaxError", "message": "bad script"},
                                    "source": {"name": "/Product"}}]}}
    result = parse_report("TMF637", report, exit_code=1)
    assert not result.passed
    assert result.failures == [
        "/Product: Instance has all mandatory attributes: expected [ 'id' ] to include 'x'",
        "/Product/404ID: request error ECONNREFUSED",
        "/Product: SyntaxError: bad script"]
    assert "2/3 assertions passed" in result.summary()


def passing_report(assertions: int) -> dict:
    return {"run": {"stats": {"requests": {"total": 1}, "assertions": {"total": assertions}},
                    "executions": [{"item": {"name": "/productOrder"},
                                    "assertions": [{"assertion": f"check {n}"} for n in range(assertions)]}],
                    "failures": []}}


def test_a_kit_that_runs_fewer_or_more_assertions_than_pinned_does_not_pass():
    assert parse_report("TMF622", passing_report(72), expected_assertions=72).passed
    fewer = parse_report("TMF622", passing_report(71), expected_assertions=72)
    assert not fewer.passed and "ran 71 assertions, not the 72" in fewer.summary()
    assert not parse_report("TMF622", passing_report(73), expected_assertions=72).passed


def test_every_required_kit_has_its_assertion_count_pinned():
    assert {name: KITS[name].assertions for name in REQUIRED} == {"TMF622": 72, "TMF637": 61, "TMF620": 1097}


def test_a_run_without_assertions_does_not_pass():
    report = {"run": {"stats": {"requests": {"total": 0}, "assertions": {"total": 0}}, "executions": [],
                      "failures": []}}
    assert not parse_report("TMF622", report).passed


def test_a_missing_kit_is_reported_not_skipped(tmp_path):
    result = run_kit(Kit("TMF622", tmp_path / "absent.json", "Product_Ordering", KITS["TMF622"].base_path),
                     "http://127.0.0.1:9", tmp_path)
    assert not result.passed and "no kit at" in result.error
