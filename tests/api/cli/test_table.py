import json
import shutil

from click.testing import CliRunner

from api.cli import main
from tests.conftest import DEMO_PACK, ROOT

TABLE = json.loads((ROOT / "tests" / "engine" / "kinds" / "fixtures" / "decision_table.json").read_text())


def test_pack_validate_and_test_need_no_database(tmp_path):
    runner = CliRunner()
    ok = runner.invoke(main, ["pack", "validate", str(DEMO_PACK)])
    assert ok.exit_code == 0 and "valid" in ok.output
    broken = shutil.copytree(DEMO_PACK, tmp_path / "pack")
    document = json.loads((broken / "artifacts" / "catalog.json").read_text())
    document["body"]["productOfferings"][0]["isSellable"] = "yes"
    (broken / "artifacts" / "catalog.json").write_text(json.dumps(document))
    bad = runner.invoke(main, ["pack", "validate", str(broken)])
    assert bad.exit_code == 1 and "/body/productOfferings/0/isSellable" in bad.output
    tested = runner.invoke(main, ["pack", "test", str(DEMO_PACK)])
    assert tested.exit_code == 0 and tested.output.strip().endswith("0 failed")


def test_export_then_reimport_gives_the_same_pack(cli, tmp_path):
    cli("pack", "import", DEMO_PACK, "--activate")
    exported = cli("pack", "export", "telco-demo@1", tmp_path / "out")
    assert exported.exit_code == 0, exported.output
    shipped = json.loads((DEMO_PACK / "pack.json").read_text())
    assert json.loads((tmp_path / "out" / "pack.json").read_text())["bindings"] == shipped["bindings"]
    assert cli("pack", "import", tmp_path / "out").output.strip() == "pack telco-demo@1 imported"


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
