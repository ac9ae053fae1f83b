"""Losing the database: the API answers 503 with ``Retry-After`` (never 500, no internals) and recovers by itself
once the database is back; the worker logs, backs off and goes on instead of dying."""
from contextlib import contextmanager

import pytest
from sqlalchemy import create_engine, event, exc, func, make_url, select, text
from sqlalchemy.pool import NullPool

from api.app import create_app
from engine.runtime.jobs.registry import job_handler
from engine.runtime.jobs.worker import Worker
from engine.store.db import normalise_url
from engine.store.migrate import upgrade
from engine.store.models import CustomerOrder, Job
from tests.engine.runtime.orders.pipeline.conftest import (  # noqa: F401
    BASE,
    fibre_order,
    install_pack,
    reserve_port_handler,
)

ORDERS, HEALTH = "/api/v1/orders", "/api/v1/health"
TMF_ORDERS = "/tmf-api/productOrderingManagement/v4/productOrder"
KIND = "test.databaseLoss"
INTERNALS = ("simulated", "OperationalError", "sqlite", "psycopg", "SELECT", "terminat", "connection")


@contextmanager
def unreachable(engine):
    """Every new connection of ``engine`` fails as a refused one would; pooled ones are dropped."""
    def refuse(dialect, _record, _args, _params):
        raise dialect.loaded_dbapi.OperationalError("connection refused (simulated outage)")
    event.listen(engine, "do_connect", refuse)
    engine.dispose()
    try:
        yield
    finally:
        event.remove(engine, "do_connect", refuse)


def assert_unavailable(response, tmf: bool = False):
    assert response.status_code == 503, response.get_data(as_text=True)
    assert response.headers["Retry-After"] == "5"
    text_ = response.get_data(as_text=True)
    assert not any(word in text_ for word in INTERNALS), text_
    if tmf:
        assert response.json["@type"] == "Error" and response.json["code"] == "503"
    else:
        assert response.mimetype == "application/problem+json" and "unavailable" in response.json["detail"]


def orders_stored(runtime) -> int:
    with runtime.session_factory() as session:
        return session.scalar(select(func.count()).select_from(CustomerOrder))


def test_an_outage_is_a_503_with_retry_after_and_the_api_recovers_by_itself(app, client, runtime,
                                                                            install_pack):  # noqa: F811
    install_pack()
    with unreachable(app.extensions["ordo"].engine):
        assert_unavailable(client.get(ORDERS))
        assert_unavailable(client.get(TMF_ORDERS), tmf=True)
        assert_unavailable(client.post(BASE, json=fibre_order()), tmf=True)
        down = client.get(HEALTH)
        assert (down.status_code, down.json, down.headers["Retry-After"]) == (503, {"status": "down"}, "5")
    assert client.get(HEALTH).json["status"] == "ok"
    assert client.get(ORDERS).status_code == 200
    assert orders_stored(runtime) == 0
    assert client.post(BASE, json=fibre_order()).status_code == 201


def test_a_token_caller_gets_a_503_not_a_500_while_the_database_is_gone(secure_app, secure_client, make_user):
    user = make_user("agent", "orderAgent")
    with unreachable(secure_app.extensions["ordo"].engine):
        assert_unavailable(secure_client.get(ORDERS, headers=user.headers))
        assert secure_client.get(HEALTH).json == {"status": "down"}
    assert secure_client.get(ORDERS, headers=user.headers).status_code == 200


class FlakySessions:
    """A session factory whose first ``failures`` calls fail as an unreachable database does."""

    def __init__(self, factory, failures: int, worker_stop):
        self.factory, self.failures, self.calls, self.worker_stop = factory, failures, 0, worker_stop

    def __call__(self):
        self.calls += 1
        if self.calls > 200:  # a safety net: the test fails instead of spinning forever
            self.worker_stop()
        if self.failures:
            self.failures -= 1
            dbapi = self.factory.kw["bind"].dialect.loaded_dbapi
            raise exc.OperationalError(None, None, dbapi.OperationalError("connection refused (simulated)"))
        return self.factory()


RAN: list = []
WORKERS: list[Worker] = []


@job_handler(KIND)
def _record_and_stop(uow, payload):
    """The test job: note that it ran, then stop the worker running it."""
    RAN.append(payload["n"])
    WORKERS[-1].request_stop()


def test_the_worker_survives_an_outage_and_runs_the_job_once_the_database_is_back(runtime, clock, caplog):
    with runtime.unit_of_work(actor="test") as uow:
        uow.enqueue(KIND, {"n": 1})
    RAN.clear()
    worker = Worker(runtime.session_factory, clock, worker_id="w-loss", poll_interval=0, max_outage_wait=0,
                    kinds=[KIND])
    WORKERS.append(worker)
    flaky = FlakySessions(runtime.session_factory, failures=5, worker_stop=worker.request_stop)
    worker.session_factory = flaky
    caplog.set_level("WARNING", logger="ordo.worker")
    worker.run_forever(install_signals=False)
    assert RAN == [1] and flaky.calls < 200
    assert sum("the database is unavailable" in r.getMessage() for r in caplog.records) == 5
    with runtime.session_factory() as session:
        assert session.execute(select(Job.state).where(Job.kind == KIND)).scalars().all() == ["done"]


def test_the_outage_wait_grows_and_is_capped():
    worker = Worker(None, poll_interval=0.5, max_outage_wait=30)
    assert [worker.outage_wait(n) for n in (1, 2, 3, 6, 7, 20)] == [1, 2, 4, 30, 30, 30]


# ---- PostgreSQL for real: the database refuses connections and its sessions are terminated ----

@pytest.fixture
def blockable_database(database_url):
    """A migrated PostgreSQL database of its own, which the test may close to connections."""
    if make_url(database_url).get_backend_name() != "postgresql":
        pytest.skip("a real outage is staged on PostgreSQL")
    name = f"{make_url(database_url).database}_loss"
    admin = create_engine(normalise_url(database_url), isolation_level="AUTOCOMMIT", poolclass=NullPool)

    def block(closed: bool):
        with admin.connect() as connection:
            connection.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS {"false" if closed else "true"}'))
            if closed:
                connection.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                        "WHERE datname = :name"), {"name": name})

    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(database_url).set(database=name).render_as_string(hide_password=False)
    migrating = create_engine(normalise_url(url), poolclass=NullPool)
    upgrade(migrating)
    migrating.dispose()
    yield url, block
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def test_postgresql_closed_to_connections_gives_503_and_the_app_recovers_without_restart(blockable_database, clock,
                                                                                         make_user):
    url, block = blockable_database
    app = create_app({"TESTING": True, "DATABASE_URL": url, "AUTH_REQUIRED": False}, clock=clock)
    client = app.test_client()
    try:
        assert client.get(ORDERS).status_code == 200 and client.get(HEALTH).json["status"] == "ok"
        block(True)
        assert_unavailable(client.get(ORDERS))
        assert_unavailable(client.get(TMF_ORDERS), tmf=True)
        assert client.get(HEALTH).status_code == 503 and client.get(HEALTH).json == {"status": "down"}
        block(False)
        assert client.get(HEALTH).json["status"] == "ok" and client.get(HEALTH).json["database"] == "postgresql"
        assert client.get(ORDERS).status_code == 200
    finally:
        app.extensions["ordo"].engine.dispose()


def test_a_worker_on_postgresql_survives_the_database_closing_and_goes_on(blockable_database, clock):
    from engine.runtime.service import Runtime

    url, block = blockable_database
    ordo = Runtime.connect(url, clock)
    try:
        worker = Worker(ordo.session_factory, clock, worker_id="w-pg", poll_interval=0, max_outage_wait=0,
                        kinds=[KIND])
        WORKERS.append(worker)
        RAN.clear()
        with ordo.unit_of_work(actor="test") as uow:
            uow.enqueue(KIND, {"n": 2})
        block(True)
        outages = []
        original = worker.outage_wait

        def reopen_after_three(n):
            outages.append(n)
            if n == 3:
                block(False)
            return original(n)
        worker.outage_wait = reopen_after_three
        worker.run_forever(install_signals=False)
        assert RAN == [2] and outages == [1, 2, 3]
    finally:
        ordo.engine.dispose()
