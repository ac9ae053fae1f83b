"""A guarded state machine: every transition is checked, an illegal one raises."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum


class IllegalTransition(Exception):
    """Raised when a state change is not allowed by the machine."""

    def __init__(self, machine: str, current: str, target: str):
        self.machine, self.current, self.target = machine, current, target
        super().__init__(f"{machine}: illegal transition {current} -> {target}")


class StateMachine:
    """Allowed transitions between the members of one state enum."""

    def __init__(self, name: str, states: type[StrEnum], transitions: Mapping[str, Iterable[str]],
                 finals: Iterable[str] = ()):
        self.name = name
        self.states = states
        self.transitions = {states(src): frozenset(states(t) for t in targets)
                            for src, targets in transitions.items()}
        self.finals = frozenset(states(s) for s in finals)

    def can(self, current: str, target: str) -> bool:
        return self.states(target) in self.transitions.get(self.states(current), ())

    def check(self, current: str, target: str) -> StrEnum:
        """Return the target state if ``current -> target`` is allowed, else raise IllegalTransition."""
        if not self.can(current, target):
            raise IllegalTransition(self.name, str(current), str(target))
        return self.states(target)

    def is_final(self, state: str) -> bool:
        return self.states(state) in self.finals
