"""Microseconds per evaluation of a typical order condition: ours vs panzi-json-logic vs hand-written.

Then one line per classic operator shape (and per json-logic-engine extension), ours only,
so that a change to the compiler can be compared before/after: run this script against
the old and the new package back to back (``PYTHONPATH=<old checkout>`` for the old one);
an extension the package does not know prints ``n/a``.

Run: .venv/bin/python bench/jsonlogic_bench.py
"""

import timeit
from decimal import Decimal

from json_logic import jsonLogic

from engine.rules.jsonlogic import JsonLogicError, compile

RULE = {
    "and": [
        {">=": [{"var": "order.total"}, 100]},
        {"in": [{"var": "customer.segment"}, ["gold", "platinum"]]},
    ]
}
DATA = {"order": {"total": 150}, "customer": {"segment": "gold"}}
DECIMAL_DATA = {"order": {"total": Decimal("150.00")}, "customer": {"segment": "gold"}}
ITERATIONS = 200_000
REPEATS = 7
SHAPE_ITERATIONS = 50_000
SHAPE_DATA = {"a": 7, "b": 5, "s": "gold", "xs": [1, 2, 3, 4, 5], "order": {"total": Decimal("150.00")}}
CLASSIC_SHAPES = {
    "var + >= constant": {">=": [{"var": "order.total"}, 100]},
    "between <": {"<": [0, {"var": "a"}, 10]},
    "- of two": {"-": [{"var": "a"}, {"var": "b"}]},
    "+ of three": {"+": [{"var": "a"}, {"var": "b"}, 1]},
    "== text": {"==": [{"var": "s"}, "gold"]},
    "or of three": {"or": [{"var": "zz"}, False, {"var": "a"}]},
    "if/else": {"if": [{">": [{"var": "a"}, 5]}, "big", "small"]},
    "map * 2": {"map": [{"var": "xs"}, {"*": [{"var": ""}, 2]}]},
    "reduce +": {"reduce": [{"var": "xs"}, {"+": [{"var": "current"}, {"var": "accumulator"}]}, 0]},
    "cat of two": {"cat": [{"var": "s"}, "-x"]},
    "merge of two": {"merge": [{"var": "xs"}, [6]]},
    "some > 3": {"some": [{"var": "xs"}, {">": [{"var": ""}, 3]}]},
}
EXTENSION_SHAPES = {
    "val path": {"val": ["order", "total"]},
    "?? default": {"??": [{"val": "zz"}, 0]},
    "> chain of three": {">": [10, {"var": "a"}, {"var": "b"}]},
    "- of four": {"-": [{"var": "a"}, 1, 2, 3]},
    "try / by zero": {"try": [{"/": [{"var": "a"}, 0]}, 0]},
    "map with [[1], index]": {"map": [{"var": "xs"}, {"+": [{"val": []}, {"val": [[1], "index"]}]}]},
}


def hand_written(data: dict) -> bool:
    """The floor: the same check as plain Python."""
    return data["order"]["total"] >= 100 and data["customer"]["segment"] in ("gold", "platinum")


def best_microseconds(function, iterations: int, data: dict = DATA) -> float:
    """Best of REPEATS runs, in microseconds per call."""
    runs = timeit.repeat("function(data)", globals={"function": function, "data": data},
                         number=iterations, repeat=REPEATS)
    return min(runs) / iterations * 1e6


def main() -> None:
    compiled = compile(RULE)
    candidates = {
        "ordo (compiled once)": (compiled, ITERATIONS),
        "panzi-json-logic": (lambda data: jsonLogic(RULE, data), ITERATIONS // 10),
        "hand-written Python": (hand_written, ITERATIONS),
    }
    for name, (function, _) in candidates.items():
        assert function(DATA) is True, name
    figures = {name: best_microseconds(function, n) for name, (function, n) in candidates.items()}
    print(f"{'implementation':<24} {'us/eval':>10}")
    for name, micros in figures.items():
        print(f"{name:<24} {micros:>10.3f}")
    ratio = figures["ordo (compiled once)"] / figures["hand-written Python"]
    print(f"ratio ours/floor: {ratio:.2f}x (target <= 5x: {'met' if ratio <= 5 else 'NOT met'})")
    assert compiled(DECIMAL_DATA) is True
    print(f"{'ordo, Decimal total':<24} {best_microseconds(compiled, ITERATIONS, DECIMAL_DATA):>10.3f}"
          "  (for information)")
    print_shapes("classic shape", CLASSIC_SHAPES)
    print_shapes("extension", EXTENSION_SHAPES)


def print_shapes(title: str, shapes: dict) -> None:
    """Ours only: µs per evaluation of each rule shape against SHAPE_DATA (n/a if unknown)."""
    print(f"\n{title:<24} {'us/eval':>10}")
    for name, rule in shapes.items():
        try:
            compiled = compile(rule)
        except JsonLogicError:
            print(f"{name:<24} {'n/a':>10}")
            continue
        print(f"{name:<24} {best_microseconds(compiled, SHAPE_ITERATIONS, SHAPE_DATA):>10.3f}")


if __name__ == "__main__":
    main()
