"""``ordo import``: a partner's CSV imported from the command line with progress, the rejects written out,
fixed and imported again; a dry run creates nothing; a re-run after a crash resumes the unfinished import."""
from __future__ import annotations

import csv

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select, text

from api.cli import main
from engine.runtime.imports import service
from engine.store.models import CustomerOrder, OrderImport
from tests.engine.runtime.imports.support import HEADER, add_customers, line, publish_mapping, write_csv

pytestmark = pytest.mark.db


@pytest.fixture
def agent_cli(database_url, monkeypatch, make_user, runtime, demo_pack, tmp_path):
    monkeypatch.setenv("ORDO_DATABASE_URL", database_url)
    monkeypatch.setenv("ORDO_HOME", str(tmp_path / "home"))
    make_user("agent", "orderAgent")
    make_user("tech", "fulfillmentAgent")
    publish_mapping(runtime)
    add_customers(runtime, "cust-1")
    runner = CliRunner()
    return lambda *args, user="agent": runner.invoke(main, ["--as", user, "import", *(str(a) for a in args)])


def count(runtime, model) -> int:
    with runtime.reading() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_an_agent_imports_fixes_the_rejects_and_imports_them_again(agent_cli, runtime, tmp_path):
    path = write_csv(tmp_path / "acme.csv", [line("A-1"), line("A-2", product="FIBER9"), line("A-3")])
    rejects = tmp_path / "rejects.csv"
    first = agent_cli(path, "--mapping", "import.acme-fibre", "--rejects", rejects)
    assert first.exit_code == 2, first.output
    assert "created 2, already imported 0, rejected 1 orders (1 rows)" in first.output
    rows = list(csv.DictReader(rejects.open(encoding="utf-8-sig")))
    assert [r["order_ref"] for r in rows] == ["A-2"] and "FIBER9" in rows[0]["error"]
    rows[0]["product"] = "FIBRE1G"
    write_csv(rejects, rows, HEADER + ["error"])
    second = agent_cli(rejects, "--mapping", "import.acme-fibre")
    assert second.exit_code == 0, second.output
    assert "created 1," in second.output
    assert count(runtime, CustomerOrder) == 3


def test_a_dry_run_creates_nothing(agent_cli, runtime, tmp_path):
    result = agent_cli(write_csv(tmp_path / "acme.csv", [line("D-1"), line("D-2")]), "--mapping",
                       "import.acme-fibre", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "would create 2" in result.output
    assert count(runtime, CustomerOrder) == 0


def test_running_it_again_resumes_the_unfinished_import_of_the_same_file(agent_cli, runtime, tmp_path, monkeypatch):
    path = write_csv(tmp_path / "acme.csv", [line(f"R-{n}") for n in range(5)])
    monkeypatch.setattr(service, "CHUNK_ORDERS", 2)
    real, calls = service.run_chunk, []

    def crash_after_first_chunk(uow, import_id, max_orders=2):
        calls.append(import_id)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(uow, import_id, max_orders)
    monkeypatch.setattr("engine.runtime.jobs.handlers.imports.run_chunk", crash_after_first_chunk)
    interrupted = agent_cli(path, "--mapping", "import.acme-fibre")
    assert interrupted.exit_code != 0
    assert count(runtime, CustomerOrder) == 2
    with runtime.unit_of_work("test") as uow:  # the crashed run's lease lapses
        uow.session.execute(text("UPDATE jobs SET leased_until = NULL, state = 'queued' WHERE state = 'leased'"))
    monkeypatch.setattr("engine.runtime.jobs.handlers.imports.run_chunk", real)
    resumed = agent_cli(path, "--mapping", "import.acme-fibre")
    assert resumed.exit_code == 0, resumed.output
    assert "resuming import" in resumed.output and "created 5," in resumed.output
    assert count(runtime, CustomerOrder) == 5 and count(runtime, OrderImport) == 1


def test_a_role_without_imports_is_refused(agent_cli, tmp_path):
    result = agent_cli(write_csv(tmp_path / "a.csv", [line("X-1")]), "--mapping", "import.acme-fibre", user="tech")
    assert result.exit_code == 1 and "lacks the permission order.import" in result.output
