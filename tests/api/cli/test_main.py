"""The root ``ordo`` group (api/cli/__init__.py): the console script finds it, with every command group."""
from importlib.metadata import entry_points

from click.testing import CliRunner

from api.cli import main

COMMANDS = ["audit", "backup", "config", "db", "demo", "group", "import", "order", "pack", "serve", "table", "user", "worker"]


def test_the_console_script_runs_the_root_group_with_every_command():
    assert entry_points(group="console_scripts")["ordo"].load() is main
    assert sorted(main.commands) == COMMANDS
    shown = CliRunner().invoke(main, ["--help"])
    assert shown.exit_code == 0 and all(f"  {name} " in shown.output for name in COMMANDS)
