"""Fixtures of the API and CLI tests."""
import pytest
from click.testing import CliRunner

from api.cli import main


@pytest.fixture
def cli(database_url, monkeypatch, make_user):
    """The CLI acting as a process admin (--as admin)."""
    monkeypatch.setenv("ORDO_DATABASE_URL", database_url)
    make_user("admin", "processAdmin")
    runner = CliRunner()
    return lambda *args: runner.invoke(main, ["--as", "admin", *(str(a) for a in args)])
