"""Decision table evaluation speed: indexed vs linear scan, FIRST and COLLECT.

A generated table of 1,000 rows x 4 inputs (mostly equality cells, some ranges).
Run: .venv/bin/python bench/decision_table_bench.py
"""

from __future__ import annotations

import random
import sys
import timeit
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from engine.rules.decision_table import compile_table  # noqa: E402

ROWS = 1_000
REGIONS = [f"region{i}" for i in range(20)]
PRODUCTS = [f"product{i}" for i in range(50)]
CHANNELS = ["web", "shop", "partner", "phone"]


def generated_body(rng: random.Random, policy: str) -> dict:
    rules = []
    for row in range(ROWS):
        low = rng.randrange(0, 900, 10)
        rules.append({
            "id": f"r{row}",
            "inputEntries": [
                f'"{rng.choice(REGIONS)}"',
                f'"{rng.choice(PRODUCTS)}"' if rng.random() < 0.9 else "-",
                ",".join(f'"{c}"' for c in rng.sample(CHANNELS, 2)) if rng.random() < 0.7 else "-",
                f"[{low}..{low + 100}]" if rng.random() < 0.5 else f">= {low}",
            ],
            "outputEntries": [rng.choice([0.05, 0.1, 0.15, 0.2])],
        })
    return {
        "hitPolicy": policy,
        "inputs": [{"name": "region", "type": "string"}, {"name": "product", "type": "string"},
                   {"name": "channel", "type": "string"}, {"name": "volume", "type": "number"}],
        "outputs": [{"name": "discount", "type": "number"}],
        "rules": rules,
    }


def contexts(rng: random.Random, count: int) -> list[dict]:
    return [{"region": rng.choice(REGIONS), "product": rng.choice(PRODUCTS), "channel": rng.choice(CHANNELS),
             "volume": rng.randrange(0, 1000)} for _ in range(count)]


def microseconds_per_evaluation(table, samples: list[dict]) -> float:
    def run() -> None:
        for context in samples:
            table.evaluate(context)

    best = min(timeit.repeat(run, number=1, repeat=5))
    return best / len(samples) * 1e6


def main() -> None:
    rng = random.Random(20260101)
    samples = contexts(rng, 2_000)
    print(f"{ROWS} rows x 4 inputs, {len(samples)} contexts, best of 5 runs")
    print(f"{'policy':<10} {'indexed us/eval':>16} {'linear us/eval':>15} {'speed-up':>9} {'compile ms':>11}")
    for policy in ("FIRST", "COLLECT"):
        body = generated_body(rng, policy)
        compile_seconds = min(timeit.repeat(lambda body=body: compile_table(body), number=1, repeat=3))
        indexed, linear = compile_table(body, indexed=True), compile_table(body, indexed=False)
        assert all(indexed.evaluate(c).value == linear.evaluate(c).value for c in samples[:200])
        fast = microseconds_per_evaluation(indexed, samples)
        slow = microseconds_per_evaluation(linear, samples)
        print(f"{policy:<10} {fast:>16.1f} {slow:>15.1f} {slow / fast:>8.1f}x {compile_seconds * 1e3:>11.1f}")


if __name__ == "__main__":
    main()
