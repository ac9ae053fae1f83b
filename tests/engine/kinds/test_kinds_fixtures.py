"""Every fixture artifact is valid, compiles, and its own tests pass; a broken expectation fails."""
import pytest

from engine.kinds import KIND_NAMES, compile_document, run_document_tests, validate_document

NAMES = KIND_NAMES


@pytest.mark.parametrize("name", NAMES)
def test_fixture_is_valid_and_its_tests_pass(fixture_document, name):
    document = fixture_document(name)
    assert document["kind"] == name
    assert validate_document(document) == []
    results = run_document_tests(document, compile_document(document))
    assert results and all(result.passed for result in results), [r for r in results if not r.passed]


@pytest.mark.parametrize("name", NAMES)
def test_a_wrong_expectation_fails_with_the_actual_outcome(fixture_document, name):
    document = fixture_document(name)
    document["tests"][0]["expect"] = {"noSuchMember": 1}
    first = run_document_tests(document)[0]
    assert not first.passed and first.actual is not None and first.expected == {"noSuchMember": 1}
