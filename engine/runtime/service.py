"""The runtime's entry point for callers (API, CLI, tests): transactions with time and actor."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from engine.clock import Clock, SystemClock
from engine.runtime.context import UnitOfWork
from engine.store.db import READ_ONLY, make_engine, make_session_factory


@dataclass
class Runtime:
    engine: Engine
    session_factory: sessionmaker[Session]
    clock: Clock

    @classmethod
    def connect(cls, url: str | None = None, clock: Clock | None = None, *, replayable: bool = False) -> Runtime:
        engine = make_engine(url, replayable=replayable)
        return cls(engine, make_session_factory(engine), clock or SystemClock())

    @contextmanager
    def unit_of_work(self, actor: str) -> Iterator[UnitOfWork]:
        """One transaction: everything done through the yielded unit commits together or not at all."""
        with self.session_factory() as session, session.begin():
            yield UnitOfWork(session, self.clock.now(), actor)

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A transaction that only reads (on SQLite it does not wait for, or block, the writer)."""
        with self.session_factory() as session, session.begin():
            session.connection(execution_options={READ_ONLY: True})
            yield session
