"""Circuit breakers per external system, stored so every worker sees the same state.

An auto task's system is its domain order's ``fulfilment_system`` (else its handler's name). Before the
handler runs, ``admit`` asks the system's breaker: while it is open the task is put ``onHold`` instead
(a ``held_tasks`` row says by which system). Failures that say the system itself is in trouble
(timeouts, unreachable, 5xx: ``classify`` gives "transient") count; a success resets the count. After
the cool-down the ``breaker.probe`` job lets one held task through (half-open); its success closes the
breaker and ``breaker.release`` queues every held task of the system back into its order.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from engine.clock import iso
from engine.errors import Invalid, NotFound
from engine.lifecycle.circuit_breaker import CLOSED, HALF_OPEN, OPEN, Breaker
from engine.lifecycle.fallout import classify
from engine.runtime.context import UnitOfWork
from engine.settings import variable
from engine.states import TASK, TaskState
from engine.store.models import DomainOrder, HeldTask, SystemBreaker, Task

PROBE, RELEASE, RELEASE_TASK = "breaker.probe", "breaker.release", "task.release"
DEFAULT_THRESHOLD, DEFAULT_COOL_DOWN_SECONDS = 5, 60


def defaults() -> tuple[int, int]:
    """(threshold, cool-down seconds) for new breakers: ``ORDO_BREAKER_THRESHOLD``, ``ORDO_BREAKER_COOL_DOWN``."""
    return (int(variable("ORDO_BREAKER_THRESHOLD") or DEFAULT_THRESHOLD),
            int(variable("ORDO_BREAKER_COOL_DOWN") or DEFAULT_COOL_DOWN_SECONDS))


def system_of(session: Session, task: Task) -> str:
    """The external system a task calls: its domain order's fulfilment system, else its handler."""
    domain_order = session.get(DomainOrder, task.domain_order_id)
    return (domain_order.fulfilment_system if domain_order else None) or str(task.handler)


def counts(error: str) -> bool:
    """Does this failure say the system is in trouble (rather than the order's data)?"""
    return classify(error) == "transient"


def _row(session: Session, system: str, *, lock: bool = False, create: bool = False, now=None, actor=""
         ) -> SystemBreaker | None:
    if create:
        threshold, cool_down = defaults()
        insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
        session.execute(insert(SystemBreaker).values(
            system=system, state=CLOSED, failures=0, threshold=threshold, cool_down_seconds=cool_down,
            forced_down=False, updated_by=actor, updated_at=now).on_conflict_do_nothing(index_elements=["system"]))
    seen, locked = _cache(session)
    if not lock:
        if system not in seen:
            seen[system] = session.get(SystemBreaker, system)
        return seen[system]
    if system in locked:
        return seen[system]
    seen[system] = session.get(SystemBreaker, system, with_for_update=True, populate_existing=True)
    if seen[system] is not None:
        locked.add(system)
    return seen[system]


def read_all(session: Session, systems) -> None:
    """Read the breakers of ``systems`` not yet read in this transaction, in one query (absent ones too), so
    ``admit`` and ``record`` find them without a query each."""
    seen, _ = _cache(session)
    wanted = sorted({system for system in systems if system not in seen})
    if not wanted:
        return
    rows = {row.system: row for row in session.execute(select(SystemBreaker).where(
        SystemBreaker.system.in_(wanted))).scalars()}
    seen.update({system: rows.get(system) for system in wanted})


def _cache(session: Session) -> tuple[dict, set]:
    """Breaker rows this transaction has read (absent ones too) and those it holds locked."""
    transaction = session.get_transaction()
    cached = session.info.get("breakers")
    if cached is None or cached[0] is not transaction:
        cached = session.info["breakers"] = (transaction, {}, set())
    return cached[1], cached[2]


def _breaker(row: SystemBreaker) -> Breaker:
    return Breaker(row.system, row.state, row.failures, row.opened_at, row.threshold,
                   timedelta(seconds=row.cool_down_seconds))


def _store(uow: UnitOfWork, row: SystemBreaker, breaker: Breaker, by: str = "breaker") -> None:
    previous = row.state
    row.state, row.failures, row.opened_at = breaker.state, breaker.failures, breaker.opened_at
    row.updated_by, row.updated_at = uow.actor, uow.now
    if breaker.state != HALF_OPEN:
        row.probe_task_id = None
    if breaker.state == OPEN and (previous != OPEN or by == "operator"):
        uow.audit("system.down", "system", row.system, {"failures": row.failures, "by": by})
        if not row.forced_down:
            uow.enqueue(PROBE, {"system": row.system}, key=f"{PROBE}:{row.system}:{iso(row.opened_at)}",
                        run_at=row.opened_at + timedelta(seconds=row.cool_down_seconds))
    elif breaker.state == CLOSED and (previous != CLOSED or by == "operator"):
        uow.audit("system.up", "system", row.system, {"by": by})
        uow.enqueue(RELEASE, {"system": row.system}, key=f"{RELEASE}:{row.system}:{iso(uow.now)}")


def _probe_due(row: SystemBreaker, now: datetime) -> bool:
    """Open past its cool-down, or half-open with a probe that has not answered within one."""
    since = row.opened_at if row.state == OPEN else row.updated_at
    return row.state in (OPEN, HALF_OPEN) and not row.forced_down and since is not None \
        and now >= since + timedelta(seconds=row.cool_down_seconds)


def admit(uow: UnitOfWork, task: Task, system: str) -> bool:
    """May the task's handler call ``system`` now? An open breaker past its cool-down makes this task the probe."""
    row = _row(uow.session, system)
    if row is None or row.state == CLOSED:
        return True
    if row.state == HALF_OPEN and row.probe_task_id == task.id:
        return True
    if not _probe_due(row, uow.now):
        return False
    row = _row(uow.session, system, lock=True)
    if not _probe_due(row, uow.now):
        return row.state == CLOSED
    row.state, row.probe_task_id, row.updated_by, row.updated_at = HALF_OPEN, task.id, uow.actor, uow.now
    uow.audit("system.probe", "system", system, {"taskId": task.id})
    return True


def hold(uow: UnitOfWork, task: Task, system: str) -> None:
    """Put a running auto task on hold (its attempt number stays used: each run gets a job of its own)."""
    task.state = TASK.check(task.state, TaskState.ON_HOLD)
    task.notes = [*task.notes, {"at": iso(uow.now), "text": f"held: system {system} is down"}]
    uow.session.add(HeldTask(task_id=task.id, order_id=task.order_id, system=system, held_at=uow.now))
    uow.audit("task.held", "task", task.id, {"orderId": task.order_id, "system": system})


def record(uow: UnitOfWork, system: str, error: str | None) -> bool:
    """Count a handler's outcome: a success resets the breaker, a failure of the system counts.

    True when the failure leaves the breaker open: the task waits for the system instead of retrying."""
    if error is not None and not counts(error):
        return False
    row = _row(uow.session, system)
    if error is None and (row is None or (row.state == CLOSED and row.failures == 0)):
        return False
    row = _row(uow.session, system, lock=True, create=True, now=uow.now, actor=uow.actor)
    breaker = _breaker(row)
    _store(uow, row, breaker.succeeded() if error is None else breaker.failed(uow.now))
    return row.state == OPEN


def mark_down(uow: UnitOfWork, system: str) -> SystemBreaker:
    """An operator says the system is down: hold its tasks until it is marked up (no probes)."""
    _check_key(system)
    row = _row(uow.session, system, lock=True, create=True, now=uow.now, actor=uow.actor)
    row.forced_down = True
    _store(uow, row, Breaker(system, OPEN, row.failures, uow.now, row.threshold), by="operator")
    return row


def mark_up(uow: UnitOfWork, system: str) -> SystemBreaker:
    """An operator says the system is up: close the breaker and release every held task."""
    row = _row(uow.session, system, lock=True)
    if row is None:
        raise NotFound(f"no breaker for system {system!r}")
    row.forced_down = False
    _store(uow, row, _breaker(row).marked_up(), by="operator")
    return row


def _check_key(system: str) -> None:
    if not system.strip() or len(system) > 120:
        raise Invalid("a system key is 1 to 120 characters", system=system)


def held_tasks(session: Session, system: str, limit: int | None = None) -> list[HeldTask]:
    query = select(HeldTask).where(HeldTask.system == system).order_by(HeldTask.held_at, HeldTask.task_id)
    return list(session.execute(query.limit(limit) if limit else query).scalars())
