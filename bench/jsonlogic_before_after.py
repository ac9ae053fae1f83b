"""µs per evaluation of each rule shape, this checkout's JsonLogic package against another one.

Both packages are loaded into one process and timed alternately, which one goes first
swapping every round (best of many short rounds), so a busy machine slows both alike. Give the other checkout's root, e.g. one
made with ``git archive <commit> engine | tar -x -C /tmp/old``:

    .venv/bin/python bench/jsonlogic_before_after.py /tmp/old
"""

import importlib.util
import sys
import timeit
from pathlib import Path

from jsonlogic_bench import CLASSIC_SHAPES, EXTENSION_SHAPES, RULE, SHAPE_DATA

import engine.rules.jsonlogic as current

ROUNDS = 40
NUMBER = 5_000


def load_other(root: Path):
    """Import ``<root>/engine/rules/jsonlogic`` under another name."""
    package = root / "engine" / "rules" / "jsonlogic"
    spec = importlib.util.spec_from_file_location("other_jsonlogic", package / "__init__.py",
                                                  submodule_search_locations=[str(package)])
    module = importlib.util.module_from_spec(spec)
    sys.modules["other_jsonlogic"] = module
    spec.loader.exec_module(module)
    return module


def compiled_or_none(package, rule):
    try:
        return package.compile(rule)
    except package.JsonLogicError:
        return None


def alternate_best(first, second, data) -> tuple[float, float]:
    """Best µs per call of each, measured in alternating rounds."""
    best = [float("inf"), float("inf")]
    for round_number in range(ROUNDS):
        order = ((0, first), (1, second)) if round_number % 2 else ((1, second), (0, first))
        for slot, function in order:
            if function is None:
                continue
            seconds = timeit.timeit(lambda function=function: function(data), number=NUMBER)
            best[slot] = min(best[slot], seconds / NUMBER * 1e6)
    return best[0], best[1]


def main() -> None:
    other = load_other(Path(sys.argv[1]))
    shapes = {"the order condition": RULE, **CLASSIC_SHAPES, **EXTENSION_SHAPES}
    data = {**SHAPE_DATA, "customer": {"segment": "gold"}}
    print(f"{'shape':<24} {'other':>9} {'this':>9} {'this/other':>11}")
    for name, rule in shapes.items():
        old, new = compiled_or_none(other, rule), compiled_or_none(current, rule)
        old_us, new_us = alternate_best(old, new, data)
        ratio = f"{new_us / old_us:.2f}" if old is not None else "new"
        old_text = f"{old_us:.3f}" if old is not None else "n/a"
        print(f"{name:<24} {old_text:>9} {new_us:>9.3f} {ratio:>11}")


if __name__ == "__main__":
    main()
