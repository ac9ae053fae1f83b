"""Lint findings against brute force: evaluate every elementary input with the engine."""
from decimal import Decimal
from itertools import combinations

from hypothesis import given, settings
from hypothesis import strategies as st

from engine.rules.decision_table import compile_table
from studio.lint import lint_decision_table

SEGMENTS = ["a", "b", "c"]
NUMBERS = [Decimal(x) / 2 for x in range(-2, 15)]
SEGMENT_CELLS = ["-", '"a"', '"a","b"', 'not("b")', 'not("a","c")', '"c"']
BOUND = st.integers(0, 6)


@st.composite
def number_cells(draw):
    low, high = sorted((draw(BOUND), draw(BOUND)))
    choices = ["-", f"< {low}", f"<= {low}", f"> {high}", f">= {high}", f"[{low}..{high}]",
               f"({low}..{high}]", f"[{low}..{high})", f"{low}", f"not({low})", f"not(> {high})",
               f"{low},{high}", "null", f"< {low}, > {high}"]
    return draw(st.sampled_from(choices))


def rows():
    row = st.tuples(st.sampled_from(SEGMENT_CELLS), number_cells(), st.integers(0, 1))
    return st.lists(row, min_size=1, max_size=5)


def body(policy, drawn):
    return {"hitPolicy": policy,
            "inputs": [{"name": "segment", "type": "string", "allowedValues": SEGMENTS},
                       {"name": "n", "type": "number"}],
            "outputs": [{"name": "out", "type": "number"}],
            "rules": [{"id": f"r{i}", "inputEntries": [s, n], "outputEntries": [o]}
                      for i, (s, n, o) in enumerate(drawn, start=1)]}


def matches(drawn, segments=(*SEGMENTS, None), numbers=(*NUMBERS, None)):
    table = compile_table(body("RULE ORDER", drawn))
    for segment in segments:
        for number in numbers:
            yield table.evaluate({"segment": segment, "n": number}).matched_rule_ids


@settings(max_examples=150, deadline=None)
@given(rows())
def test_unique_overlaps_are_exactly_the_co_matching_pairs(drawn):
    expected = set()
    for matched in matches(drawn):
        expected |= set(combinations(matched, 2))
    found = {tuple(f.rules) for f in lint_decision_table(body("UNIQUE", drawn)) if f.code == "overlap"}
    assert found == expected


@settings(max_examples=150, deadline=None)
@given(rows())
def test_first_unreachable_rows_are_exactly_those_never_first(drawn):
    firsts = {matched[0] for matched in matches(drawn) if matched}
    findings = lint_decision_table(body("FIRST", drawn))
    flagged = {f.rules[0] for f in findings if f.code in ("unreachable", "never_matches")}
    assert flagged == {f"r{i}" for i in range(1, len(drawn) + 1)} - firsts


@settings(max_examples=150, deadline=None)
@given(rows())
def test_uncovered_is_reported_exactly_when_a_non_null_input_matches_nothing(drawn):
    findings = lint_decision_table(body("COLLECT", drawn))
    gap = any(not matched for matched in matches(drawn, SEGMENTS, NUMBERS))
    if any(f.code == "coverage_not_checked" for f in findings):
        return
    assert any(f.code == "uncovered" for f in findings) == gap
