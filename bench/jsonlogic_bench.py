"""Microseconds per evaluation of a typical order condition: ours vs panzi-json-logic vs hand-written.

Run: .venv/bin/python bench/jsonlogic_bench.py
"""

import timeit
from decimal import Decimal

from json_logic import jsonLogic

from engine.rules.jsonlogic import compile

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


if __name__ == "__main__":
    main()
