"""What every stage of the order pipeline works with."""
from __future__ import annotations

from dataclasses import dataclass, field

from engine.lifecycle.trace import TraceEntry
from engine.runtime.context import UnitOfWork
from engine.runtime.orders.persistence import record_trace
from engine.runtime.packs import PackView
from engine.states import Stage
from engine.store.models import CustomerOrder


@dataclass
class StageContext:
    uow: UnitOfWork
    order: CustomerOrder
    pack: PackView
    handed_over: dict = field(default_factory=dict)
    kept: dict = field(default_factory=dict)

    @property
    def now(self):
        return self.uow.now

    def trace(self, entries: list[TraceEntry]) -> None:
        record_trace(self.uow, self.order.id, entries)

    def hand_over(self, stage: Stage, rows) -> None:
        """Give ``stage``, when it runs next in this run, rows it would read again (all of them, as it would)."""
        self.handed_over[stage] = rows

    def take_over(self, stage: Stage):
        """The rows the previous stage of this run handed to ``stage``, or None (read them)."""
        return self.handed_over.pop(stage, None)

    def keep(self, key: str, load):
        """What ``load()`` returned the first time this run asked for ``key``: rows that the run keeps up to date
        itself as it adds to them (the order's products by item id)."""
        if key not in self.kept:
            self.kept[key] = load()
        return self.kept[key]

    def move_to(self, stage: Stage) -> bool:
        """Go on to ``stage`` in the same run; returns True so a stage can ``return ctx.move_to(...)``."""
        self.order.stage, self.order.updated_at = stage, self.now
        return True
