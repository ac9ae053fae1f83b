"""What evaluating an event decides: plain data, never performed here."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ActionDecision:
    """One action a matching rule decided, with its parameters."""

    rule_name: str
    action: str
    params: dict = field(default_factory=dict)
