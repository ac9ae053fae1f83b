"""Property test: our compiled rules agree with panzi-json-logic on generated rules and data.

The generated rules are well formed and draw on the operators and values where the two
libraries implement the same (json-logic-js) semantics. Left out, and why:

- ``log``: panzi prints to stdout; nothing to compare beyond the returned value.
- Booleans as numbers (``===``/``in``/``+`` with true/false): panzi uses Python ``==``
  (``True == 1``) and ``Number()`` for ``+``, where json-logic-js uses strict equality and
  ``parseFloat`` (NaN).
- null in the data and as an operand: json-logic-js returns a stored null from ``var``
  rather than the default, and ``cat``/``+`` treat null as ""/NaN; panzi differs on all three.
- The empty string and text like "12px" as numbers: panzi yields NaN, JavaScript 0 and 12.
- ``%`` with negative operands: panzi uses Python's floored modulo, JavaScript truncates.
- ``/`` by zero: panzi raises ZeroDivisionError, JavaScript gives Infinity/NaN.
- Floats inside ``cat``/``in``-text: panzi formats with ``%.15g``, JavaScript with the
  shortest round-trip digits.
- ``reduce`` with a computed initial value: panzi does not evaluate it.
"""

import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from json_logic import jsonLogic

from engine.rules.jsonlogic import apply

WORDS = ["a", "b", "ab", "ba", "x y", "hello", "1", "-2", "2.5", " 3 "]
INT_KEYS = ["a", "b", "n.a", "xs.0", "xs.1"]
ALL_KEYS = [*INT_KEYS, "s", "n.s", "zz", "words.0"]

small_ints = st.integers(-20, 20)
quarter_floats = st.integers(-40, 40).map(lambda k: k / 4)
words = st.sampled_from(WORDS)

data_strategy = st.fixed_dictionaries(
    {"xs": st.lists(small_ints, max_size=5), "words": st.lists(words, max_size=4)},
    optional={
        "a": small_ints,
        "b": small_ints,
        "c": quarter_floats,
        "s": words,
        "n": st.fixed_dictionaries({}, optional={"a": small_ints, "s": words}),
    },
)


def _int_var():
    return st.tuples(st.sampled_from(INT_KEYS), small_ints).map(lambda pair: {"var": list(pair)})


def _number_leaves():
    return st.one_of(
        small_ints,
        quarter_floats,
        st.sampled_from(["1", "-2", "2.5", " 3 "]),
        _int_var(),
        st.tuples(small_ints.map(lambda k: k / 2)).map(lambda t: {"var": ["c", t[0]]}),
    )


def _simple_booleans():
    return st.one_of(
        st.booleans(),
        st.tuples(st.sampled_from(["<", "<=", ">", ">=", "==", "!="]), _number_leaves(), _number_leaves())
        .map(lambda t: {t[0]: [t[1], t[2]]}),
    )


def _number_compounds(inner):
    pairs = st.lists(inner, min_size=2, max_size=2)
    return st.one_of(
        st.lists(inner, min_size=1, max_size=3).map(lambda args: {"+": args}),
        pairs.map(lambda args: {"*": args}),
        pairs.map(lambda args: {"-": args}),
        inner.map(lambda arg: {"-": [arg]}),
        st.lists(inner, min_size=1, max_size=3).map(lambda args: {"max": args}),
        st.lists(inner, min_size=1, max_size=3).map(lambda args: {"min": args}),
        st.tuples(inner, st.integers(1, 5) | st.integers(-5, -1)).map(lambda t: {"/": list(t)}),
        st.tuples(st.integers(0, 50), st.integers(1, 7)).map(lambda t: {"%": list(t)}),
        st.tuples(_simple_booleans(), inner, inner).map(lambda t: {"if": list(t)}),
        st.just({"reduce": [{"var": "xs"}, {"+": [{"var": "current"}, {"var": "accumulator"}]}, 0]}),
    )


numbers = st.recursive(_number_leaves(), _number_compounds, max_leaves=6)


def _comparable_text_compounds(inner):
    cat_piece = inner | small_ints | _int_var()
    return st.one_of(
        st.lists(cat_piece, min_size=1, max_size=3).map(lambda args: {"cat": args}),
        st.tuples(_simple_booleans(), inner, inner).map(lambda t: {"?:": list(t)}),
    )


# Never the empty string, so these may meet numbers in comparisons (see the module docstring).
comparable_texts = st.recursive(
    words | st.sampled_from(["s", "n.s", "words.0"]).map(lambda key: {"var": [key, "zz"]}),
    _comparable_text_compounds,
    max_leaves=5,
)


def _substrings(inner):
    bound = st.integers(-8, 8)
    return st.one_of(
        st.tuples(inner, bound).map(lambda t: {"substr": list(t)}),
        st.tuples(inner, bound, bound).map(lambda t: {"substr": list(t)}),
        st.lists(inner, min_size=1, max_size=3).map(lambda args: {"cat": args}),
    )


texts = st.recursive(comparable_texts, _substrings, max_leaves=4)


def _item_predicate():
    return st.tuples(st.sampled_from(["<", ">=", "==", "!="]), small_ints).map(
        lambda t: {t[0]: [{"var": ""}, t[1]]}
    )


def _boolean_leaves():
    relation = st.sampled_from(["<", "<=", ">", ">=", "==", "!=", "===", "!=="])
    scalar = numbers | comparable_texts
    return st.one_of(
        st.booleans(),
        st.tuples(relation, numbers, numbers).map(lambda t: {t[0]: [t[1], t[2]]}),
        st.tuples(relation, scalar, scalar).map(lambda t: {t[0]: [t[1], t[2]]}),
        st.tuples(st.sampled_from(["<", "<="]), numbers, numbers, numbers).map(lambda t: {t[0]: list(t[1:])}),
        st.tuples(texts, st.lists(words, max_size=4)).map(lambda t: {"in": list(t)}),
        st.tuples(texts | small_ints, texts).map(lambda t: {"in": list(t)}),
        st.tuples(st.sampled_from(["all", "some", "none"]), _item_predicate()).map(
            lambda t: {t[0]: [{"var": "xs"}, t[1]]}
        ),
    )


def _list_expressions():
    keys = st.lists(st.sampled_from(ALL_KEYS), max_size=4)
    return st.one_of(
        keys.map(lambda k: {"missing": k}),
        st.tuples(st.integers(0, 3), keys).map(lambda t: {"missing_some": list(t)}),
        _item_predicate().map(lambda test: {"filter": [{"var": "xs"}, test]}),
        numbers.map(lambda expr: {"map": [{"var": "xs"}, {"+": [{"var": ""}, expr]}]}),
        st.lists(st.lists(small_ints, max_size=2) | small_ints, max_size=3).map(lambda args: {"merge": args}),
        st.lists(numbers, max_size=3),
    )


def _logic_compounds(inner):
    operands = st.lists(inner, min_size=1, max_size=3)
    return st.one_of(
        operands.map(lambda args: {"and": args}),
        operands.map(lambda args: {"or": args}),
        inner.map(lambda arg: {"!": [arg]}),
        inner.map(lambda arg: {"!!": [arg]}),
        st.lists(inner, min_size=0, max_size=5).map(lambda args: {"if": args}),
    )


rules = st.recursive(
    _boolean_leaves() | numbers | texts | _list_expressions(),
    _logic_compounds,
    max_leaves=8,
)


def same_json(actual, expected) -> bool:
    """JSON equality: numbers by value (2 == 2.0, NaN == NaN), booleans apart from numbers."""
    if isinstance(expected, bool) or isinstance(actual, bool):
        return type(actual) is type(expected) and actual == expected
    if isinstance(expected, (int, float)) and isinstance(actual, (int, float)):
        return actual == expected or (math.isnan(actual) and math.isnan(expected))
    if isinstance(expected, list) and isinstance(actual, list):
        return len(actual) == len(expected) and all(map(same_json, actual, expected))
    return type(actual) is type(expected) and actual == expected


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rule=rules, data=data_strategy)
def test_agrees_with_panzi_json_logic(rule, data):
    expected = jsonLogic(rule, data)
    assert same_json(apply(rule, data), expected)


def test_same_json_tells_booleans_from_numbers():
    assert not same_json(True, 1)
    assert same_json(2, 2.0)
    assert not same_json([1, 2], [1])
