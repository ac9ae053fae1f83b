"""``ordo db upgrade`` on a fresh database, then an import and the audit chain checked."""
from sqlalchemy import update

from engine.store.migrate import head_revisions
from engine.store.models import AuditEvent
from tests.conftest import DEMO_PACK


def test_db_upgrade_pack_import_and_audit_verify(cli, runtime):
    assert f"at {head_revisions()[0]}" in cli("db", "upgrade").output
    first = cli("pack", "import", DEMO_PACK, "--activate")
    assert first.exit_code == 0 and first.output.strip() == "pack telco-demo@1 imported, activated"
    assert cli("pack", "import", DEMO_PACK, "--activate").output.strip() == "pack telco-demo@1 imported, already active"
    assert cli("audit", "verify").output.strip() == "audit chain intact"
    with runtime.reading() as session:
        session.execute(update(AuditEvent).where(AuditEvent.id == 2).values(action="forged"))
    broken = cli("audit", "verify")
    assert broken.exit_code == 1 and "entry 2" in broken.output
