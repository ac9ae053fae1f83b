"""The durable-rules engine that event rulesets are registered with and matched in.

This talks to durable-rules' C engine (``durable_rules_engine``, the binding that
``durable.engine.Ruleset`` wraps) directly: matching only needs to know which rules fired,
so none of ``durable.engine``'s Python action machinery runs, which halves the cost per event.
The engine is not thread-safe, so every call into it goes through one process-wide lock.
Each match asserts the event as a fact in a fresh session (a fact, unlike an event, is seen
by every rule it matches), reads the rules that fired and deletes the session: nothing stays.
Every ruleset also holds a catch-all rule, so every fact is handled: deleting the session
of a fact no rule handled frees uninitialised memory inside durable-rules (a crash).
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import threading
from functools import cache

import durable_rules_engine

from .event_values import encode_event

ENGINE_LOCK = threading.Lock()
"""Serialises every call into durable-rules, across all registries."""

SESSION_GUARD = {"$nex": {"$s": 1}}
"""Keeps the session's own state document from matching presence tests such as ``$nex``."""

CATCH_ALL = "all"
"""A rule every event matches: durable-rules crashes deleting the session of an unmatched fact."""



class EngineRejected(Exception):
    """durable-rules refused a ruleset; ``positions`` are the rules it refuses on their own."""

    def __init__(self, message: str, positions: list[int]):
        super().__init__(message)
        self.positions = positions


def rule_id(position: int) -> str:
    """The name durable-rules knows the rule at ``position`` by."""
    return f"r{position}"


def positions_of(rule_names: dict) -> set[int]:
    """The rule positions back from durable-rules names, without the catch-all rule."""
    return {int(name[1:]) for name in rule_names if name != CATCH_ALL}


class DurableRegistry:
    """Registers rulesets with durable-rules and matches events against them."""

    def __init__(self):
        self._lock = ENGINE_LOCK
        self._digests: dict[str, str] = {}
        self._handles: dict[str, int] = {}
        self._session_numbers = itertools.count(1)

    def register(self, name: str, conditions: list[dict]) -> str:
        """Register one durable condition per rule under ``name``, idempotently.

        Registering the same conditions under the same name again reuses the registration.
        Different conditions under a name already taken (a draft simulated twice) get the
        name ``name#<digest>``. Returns the name the ruleset is registered under.
        """
        digest = _digest(conditions)
        with self._lock:
            for candidate in (name, f"{name}#{digest[:16]}"):
                registered = self._digests.get(candidate)
                if registered == digest:
                    return candidate
                if registered is None:
                    self._handles[candidate] = _create(candidate, conditions)
                    self._digests[candidate] = digest
                    return candidate
        raise RuntimeError(f"cannot register {name}: digest collision")

    def match(self, name: str, event: dict) -> list[int]:
        """Positions of the rules of ruleset ``name`` that ``event`` matches, ascending."""
        sid = self.new_session_id()
        fact = encode_event(event, sid)
        with self._lock:
            handle = self._handles[name]
            try:
                return sorted(_fired_rules(handle, fact))
            finally:
                with contextlib.suppress(durable_rules_engine.error):
                    durable_rules_engine.delete_state(handle, sid)

    def new_session_id(self) -> str:
        """A session id never used before by this registry."""
        return f"event-{next(self._session_numbers)}"

    def session_exists(self, name: str, sid: str) -> bool:
        """Whether durable-rules still holds state for session ``sid`` of ruleset ``name``."""
        with self._lock:
            try:
                durable_rules_engine.get_state(self._handles[name], sid)
            except durable_rules_engine.error:
                return False
            return True


def _fired_rules(handle: int, fact: str) -> set[int]:
    _, state_handle = durable_rules_engine.assert_fact(handle, fact)
    started = durable_rules_engine.start_action_for_state(handle, state_handle)
    message = started[1] if started else None
    fired = set()
    while message:
        fired.update(positions_of(json.loads(message)))
        message = durable_rules_engine.complete_and_start_action(handle, state_handle)
    return fired


def _create(name: str, conditions: list[dict]) -> int:
    try:
        return durable_rules_engine.create_ruleset(name, json.dumps(_definition(conditions), ensure_ascii=False))
    except durable_rules_engine.error as error:
        raise EngineRejected(str(error), _refused_positions(conditions)) from error


def _refused_positions(conditions: list[dict]) -> list[int]:
    refused = []
    for position, condition in enumerate(conditions):
        try:
            probe = durable_rules_engine.create_ruleset("probe", json.dumps(_definition([condition])))
        except durable_rules_engine.error:
            refused.append(position)
        else:
            durable_rules_engine.delete_ruleset(probe)
    return refused


def _definition(conditions: list[dict]) -> dict:
    rules = {rule_id(position): {"all": [{"m": {"$and": [SESSION_GUARD, condition]}}]}
             for position, condition in enumerate(conditions)}
    return {**rules, CATCH_ALL: {"all": [{"m": SESSION_GUARD}]}}


def _digest(conditions: list[dict]) -> str:
    canonical = json.dumps(conditions, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@cache
def default_registry() -> DurableRegistry:
    """The process-wide registry ``compile_ruleset`` uses unless given another."""
    return DurableRegistry()
