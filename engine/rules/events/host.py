"""The durable-rules host that event rulesets are registered with and matched in.

durable-rules keeps sessions (``sid``) with their facts inside its C engine and its Python
host is not thread-safe, so every call into it goes through one process-wide lock. Each match asserts the
event as a fact in a fresh session (a fact, unlike an event, is seen by every rule it
matches), collects the rules that fired and deletes the session: nothing stays behind.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import threading
from functools import cache

import durable_rules_engine
from durable.engine import Host, MessageNotHandledException

ENGINE_LOCK = threading.Lock()
"""Serialises every call into durable-rules, across all registries."""

SESSION_GUARD = {"$nex": {"$s": 1}}
"""Keeps the session's own state document from matching presence tests such as ``$nex``."""


class _SynchronousHost(Host):
    """A durable-rules host without its background dispatch timers: actions run inside the call."""

    def _run(self):
        return None


def rule_id(position: int) -> str:
    """The name durable-rules knows the rule at ``position`` by."""
    return f"r{position}"


class DurableRegistry:
    """Registers rulesets with one durable-rules host and matches facts against them."""

    def __init__(self):
        self._host = _SynchronousHost()
        self._lock = ENGINE_LOCK
        self._digests: dict[str, str] = {}
        self._fired: list[int] = []
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
                    self._host.register_rulesets({candidate: self._definition(conditions)})
                    self._digests[candidate] = digest
                    return candidate
        raise RuntimeError(f"cannot register {name}: digest collision")

    def match(self, name: str, fact: dict) -> list[int]:
        """Positions of the rules of ruleset ``name`` that ``fact`` matches, ascending."""
        with self._lock:
            sid = self.new_session_id()
            self._fired = []
            try:
                self._host.assert_fact(name, {**fact, "sid": sid})
            except MessageNotHandledException:
                pass
            finally:
                with contextlib.suppress(durable_rules_engine.error):
                    self._host.delete_state(name, sid)
            return sorted(set(self._fired))

    def new_session_id(self) -> str:
        """A session id never used before in this process."""
        return f"event-{next(self._session_numbers)}"

    def session_exists(self, name: str, sid: str) -> bool:
        """Whether durable-rules still holds state for session ``sid`` of ruleset ``name``."""
        with self._lock:
            try:
                self._host.get_state(name, sid)
            except durable_rules_engine.error:
                return False
            return True

    def _definition(self, conditions: list[dict]) -> dict:
        return {
            rule_id(position): {"all": [{"m": {"$and": [SESSION_GUARD, condition]}}],
                                "run": self._recorder(position)}
            for position, condition in enumerate(conditions)
        }

    def _recorder(self, position: int):
        def record(closure):
            self._fired.append(position)
        return record


def _digest(conditions: list[dict]) -> str:
    canonical = json.dumps(conditions, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@cache
def default_registry() -> DurableRegistry:
    """The process-wide registry ``compile_ruleset`` uses unless given another."""
    return DurableRegistry()
