"""The resource bounds of JsonLogic: every constant in one place, and the budget of one evaluation.

A rule is compiled once and evaluated many times; whatever it is, an evaluation must end
soon and small. Without iteration a rule's work is bounded by its own size and its data's,
so only what can multiply it is counted:

- ``MAX_STEPS``: each item an iterating operator (``map``, ``filter``, ``reduce``, ``all``,
  ``some``, ``none``) walks costs one step plus one per node of its body (the most that
  item can evaluate; the body's own iterations are charged when they run). The items are
  charged before the walk starts, so an iteration over too many fails before doing the work
  (for ``all``/``some``/``none``, which may stop early, this is an upper bound). Only a rule
  that iterates gets a budget (a partial over ``evaluate_within``); the others cost nothing more.
- ``MAX_TEXT_LENGTH``: the text ``cat`` produces (checked on the pieces' total before joining).
- ``MAX_LIST_LENGTH``: the lists ``merge``, ``map`` and ``filter`` produce (checked before building them).
- ``MAX_INTEGER_BITS``: an integer product (``*``) larger than this many bits (JavaScript's
  numbers end near 2**1024); checked on the product, which is at most twice that size when
  its operands were products themselves, so repeated squaring stops at once.
- ``MAX_PATH_LENGTH``: the characters of a ``var`` path (at compile time when written in the
  rule, at run time when computed or given to ``missing``); a ``val`` path is a list of keys
  written in the rule, one step each, so the rule's size bounds it.
- ``MAX_DEPTH``: how deeply a rule may nest (checked at compile time, before recursing), and a
  value a rule that iterates returns or turns into text.
- ``MAX_VALUE_SIZE``: the items of lists and objects in the value a rule that iterates returns,
  counted through nesting (an iteration can make a list hold the same big list many times,
  which its caller would otherwise expand when it stores the value); the text of a list is
  bounded by ``MAX_TEXT_LENGTH`` the same way.

Going over a bound raises ``JsonLogicLimitExceeded`` naming the operator's pointer and the
``origin`` given to ``compile`` (at compile time ``JsonLogicError`` with code ``too_deep`` or
``path_too_long``). The run-time bounds but ``MAX_INTEGER_BITS`` and
``MAX_PATH_LENGTH`` are a ``Limits`` that one evaluation may override
(``rule.evaluate(data, Budget(Limits(steps=10)))``); ``rule(data)`` uses ``DEFAULT_LIMITS``.
"""

import threading
from dataclasses import dataclass

from .errors import JsonLogicLimitExceeded

MAX_STEPS = 100_000
MAX_TEXT_LENGTH = 1_000_000
MAX_LIST_LENGTH = 100_000
MAX_INTEGER_BITS = 4_096
MAX_PATH_LENGTH = 1_000
MAX_DEPTH = 100
MAX_VALUE_SIZE = 1_000_000


@dataclass(frozen=True, slots=True)
class Limits:
    """The bounds of one evaluation."""

    steps: int = MAX_STEPS
    text_length: int = MAX_TEXT_LENGTH
    list_length: int = MAX_LIST_LENGTH


DEFAULT_LIMITS = Limits()


class Budget:
    """What one evaluation may still spend; ``steps_used`` says what it spent."""

    __slots__ = ("limits", "steps_left")

    def __init__(self, limits: Limits = DEFAULT_LIMITS) -> None:
        self.limits = limits
        self.steps_left = limits.steps

    @property
    def steps_used(self) -> int:
        """The steps charged so far (beyond the limit when the last charge was refused)."""
        return self.limits.steps - self.steps_left


_local = threading.local()


def active_limits() -> Limits:
    """The limits of the evaluation running on this thread (``DEFAULT_LIMITS`` outside one)."""
    budget = _local.__dict__.get("budget")
    return DEFAULT_LIMITS if budget is None else budget.limits


def step_budget() -> Budget:
    """The budget of the evaluation running on this thread (a fresh one outside any)."""
    budget = _local.__dict__.get("budget")
    return Budget() if budget is None else budget


def evaluate_within(evaluate, budget: Budget | None, origin: str, data):
    """Evaluate a rule's root with ``budget`` (default limits when None) as the thread's budget.

    A rule evaluated inside another one's evaluation (through a caller-supplied operator)
    spends the outer budget. Without a budget given, the thread's spare one is refilled
    (allocating one per evaluation costs more than the rest of this function). The value is
    checked against ``MAX_VALUE_SIZE`` and ``MAX_DEPTH``; an error raised without a place
    (by a coercion) gets the rule's ``origin``.
    """
    state = _local.__dict__
    if state.get("budget") is not None:
        return evaluate(data)
    if budget is None:
        budget = state.get("spare") or state.setdefault("spare", Budget())
        budget.steps_left = MAX_STEPS
    state["budget"] = budget
    try:
        value = evaluate(data)
        if type(value) is list or type(value) is dict:
            check_value_size(value)
        return value
    except JsonLogicLimitExceeded as error:
        if not error.origin:
            error.within(origin)
        raise
    finally:
        state["budget"] = None


def check_value_size(value: list | dict) -> None:
    """Refuse a value holding more than ``MAX_VALUE_SIZE`` items or nesting deeper than ``MAX_DEPTH``."""
    if type(value) is list and len(value) <= MAX_VALUE_SIZE and not any(
            [type(item) is list or type(item) is dict for item in value]):
        return
    pending, count = [(value, 1)], 0
    while pending:
        container, depth = pending.pop()
        if depth > MAX_DEPTH:
            raise JsonLogicLimitExceeded("depth", MAX_DEPTH, "")
        items = container.values() if type(container) is dict else container
        count += len(items)
        if count > MAX_VALUE_SIZE:
            raise JsonLogicLimitExceeded("value_size", MAX_VALUE_SIZE, "")
        pending.extend((item, depth + 1) for item in items if isinstance(item, (list, dict)))
