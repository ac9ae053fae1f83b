"""The demo users' tokens: minted in the database the CLI uses, revoked after, never an empty database made."""
from __future__ import annotations

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from api.cli import main
from api.demo.tokens import NoTokens, mint, revoke
from engine.store.models import ApiToken, AuditEvent


@pytest.fixture
def database(database_url, monkeypatch):
    monkeypatch.setenv("ORDO_DATABASE_URL", database_url)
    return database_url


def test_tokens_are_minted_for_the_demo_users_and_revoked_after(database, runtime):
    assert CliRunner().invoke(main, ["user", "demo"]).exit_code == 0
    tokens = mint(["orderAgent", "fulfillmentManager", "nobody"], {"orderApprover": "given"})
    assert set(tokens.tokens) == {"orderAgent", "fulfillmentManager", "orderApprover"}
    assert set(tokens.minted) == {"orderAgent", "fulfillmentManager"}  # a given token is not the demo's to revoke
    revoke(tokens)
    with runtime.reading() as session:
        rows = session.scalars(select(ApiToken).where(ApiToken.id.in_(tokens.minted.values()))).all()
        assert [(row.name, row.revoked_at is not None) for row in rows] == [("ordo demo", True)] * 2
        actions = session.scalars(select(AuditEvent.action).where(AuditEvent.actor == "demo")).all()
        assert sorted(actions) == ["token.created"] * 2 + ["token.revoked"] * 2


def test_without_demo_users_the_demo_says_how_to_make_them(database):
    with pytest.raises(NoTokens, match="no demo users in .*: run `ordo user demo`"):
        mint(["orderAgent"], {})


def test_a_missing_sqlite_database_is_named_not_created(tmp_path, monkeypatch):
    missing = tmp_path / "var" / "ordo.db"
    monkeypatch.setenv("ORDO_DATABASE_URL", f"sqlite:///{missing}")
    with pytest.raises(NoTokens, match=f"no Ordo database at {missing}"):
        mint(["orderAgent"], {})
    assert not missing.parent.exists()
