"""``ordo table``: decision tables imported from and exported to files."""
import json

from tests.conftest import DEMO_PACK, ROOT

TABLE = json.loads((ROOT / "tests" / "engine" / "kinds" / "fixtures" / "decision_table.json").read_text())


def test_table_import_publish_pack_publish_activate_diff_and_rollback(cli, tmp_path):
    cli("pack", "import", DEMO_PACK, "--activate")
    csv_file = tmp_path / "catalog-extra.csv"
    from engine.rules.spreadsheet import export_csv
    csv_file.write_text(export_csv(TABLE["body"]))
    imported = cli("table", "import", csv_file, "--key", "approval.csv", "--publish")
    assert imported.exit_code == 0 and "approval.csv@1 published" in imported.output
    assert cli("table", "export", "approval.csv@1", tmp_path / "back.dmn").exit_code == 0
    from engine.rules.dmn import import_dmn
    assert import_dmn((tmp_path / "back.dmn").read_text())[0][2]["rules"] == TABLE["body"]["rules"]
    again = cli("table", "import", csv_file, "--key", "approval.csv")
    assert "approval.csv@2 draft" in again.output
    assert cli("pack", "publish", "telco-demo", "--title", "same").output.strip() == \
        "pack telco-demo@1 already has this content: nothing published"
    assert cli("pack", "activate", "telco-demo@1").output.strip() == "pack telco-demo@1 was already active"
    assert cli("pack", "rollback").exit_code == 1
    assert json.loads(cli("pack", "diff", "telco-demo@1", "telco-demo@1").output)["changed"] == []


def test_table_import_of_a_broken_file_says_where(cli, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("nonsense\n")
    result = cli("table", "import", bad, "--key", "x")
    assert result.exit_code == 1 and "bad.csv" in result.output
