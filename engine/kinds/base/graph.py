"""Dependency graphs of named nodes: unknown references, duplicates and cycles, then a stable order."""
from __future__ import annotations

from dataclasses import dataclass

from .issues import Issues


@dataclass(frozen=True)
class Node:
    """A node ``id`` found at pointer ``at``, depending on ``(id, pointer)`` pairs."""

    id: str
    at: str
    depends_on: tuple[tuple[str, str], ...]


def check_unique(nodes: list[Node], issues: Issues, code: str = "duplicate_id") -> None:
    """Report every node whose id was already used."""
    seen: set[str] = set()
    for node in nodes:
        if node.id in seen:
            issues.add(node.at, code, f"{node.id!r} is defined more than once")
        seen.add(node.id)


def topological_order(nodes: list[Node], issues: Issues) -> list[str]:
    """Node ids with dependencies first (ties keep list order); reports unknown ids and cycles."""
    known = {node.id for node in nodes}
    edges = {}
    for node in nodes:
        for dependency, at in node.depends_on:
            if dependency not in known:
                issues.add(at, "unknown_reference", f"{node.id!r} depends on {dependency!r}, which does not exist")
        edges.setdefault(node.id, [d for d, _ in node.depends_on if d in known])
    order, done = [], set()
    for _ in range(len(edges)):
        ready = [n for n in edges if n not in done and all(d in done for d in edges[n])]
        if not ready:
            break
        order.append(ready[0])
        done.add(ready[0])
    _report_cycles(nodes, edges, done, issues)
    return order


def _report_cycles(nodes: list[Node], edges: dict, done: set, issues: Issues) -> None:
    reported: set[str] = set()
    first_at = {}
    for node in nodes:
        first_at.setdefault(node.id, node.at)
    for start in edges:
        if start in done or start in reported:
            continue
        cycle = _find_cycle(start, edges, done)
        if cycle and not reported & set(cycle):
            reported.update(cycle)
            issues.add(first_at[cycle[0]], "cycle", "dependency cycle: " + " -> ".join(cycle + [cycle[0]]))


def _find_cycle(start: str, edges: dict, done: set) -> list[str] | None:
    path, position, current = [], {}, start
    while current not in position:
        position[current] = len(path)
        path.append(current)
        following = [d for d in edges[current] if d not in done]
        if not following:
            return None
        current = following[0]
    return path[position[current]:]
