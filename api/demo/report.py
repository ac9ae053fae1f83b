"""What the demo prints: a heading and progress lines per order as it plays, and the final table."""
from __future__ import annotations

from collections.abc import Callable

from api.demo.play import Outcome

INDENT = " " * 8


def heading(position: int, total: int, example: str, expected: str) -> str:
    return f"[{position:>2}/{total}] {example} (expected: {expected})"


def progress(echo: Callable[[str], None]) -> Callable[[str], None]:
    """``say`` for one order: each of its events on an indented line."""
    return lambda text: echo(f"{INDENT}{text}")


def verdict(outcome: Outcome) -> str:
    mark = "ok" if outcome.ok else "NOT AS EXPECTED"
    line = f"{INDENT}-> {outcome.state or 'not captured'} in {outcome.seconds:.1f}s: {mark}"
    return line + (f" ({outcome.problem})" if outcome.problem else "")


def table(outcomes: list[Outcome]) -> str:
    """The final table: order, scenario, end state, expected state, and whether they match."""
    rows = [("order", "scenario", "end state", "expected", "")] + [
        (o.order_id or "-", o.example, o.state or "-", o.expected, "ok" if o.ok else "FAILED") for o in outcomes]
    widths = [max(len(row[column]) for row in rows) for column in range(5)]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * width for width in widths[:4]))
    failed = [o for o in outcomes if not o.ok]
    lines.append(f"{len(outcomes) - len(failed)} of {len(outcomes)} examples ended as expected" +
                 (f"; not: {', '.join(o.example for o in failed)}" if failed else ""))
    return "\n".join(lines)
