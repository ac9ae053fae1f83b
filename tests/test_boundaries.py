"""Import boundaries of DESIGN §1, checked on the source text (AST), not by importing."""
import ast
import functools
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PERSISTENCE = ("store", "runtime")


DYNAMIC = "<computed>"  # an import whose module name is computed at run time: it could be anything


def imported_modules(path: Path) -> set[str]:
    """Top-level packages ``path`` imports: plain and ``from`` imports, relative ones resolved against the
    file's package (``from ..api import x`` in ``engine/a.py`` is ``api``), and dynamic ones
    (``importlib.import_module("flask")``, ``__import__("flask")``; a computed name gives ``DYNAMIC``)."""
    package = _package_of(path)
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            names.update(_from_import(node, package))
        elif isinstance(node, ast.Call) and _is_dynamic_import(node.func):
            names.add(_dynamic_target(node, package))
    return names


def _package_of(path: Path) -> list[str]:
    try:
        return list(path.resolve().relative_to(ROOT).parts[:-1])
    except ValueError:
        return []


def _resolve(module: str, level: int, package: list[str]) -> list[str]:
    base = package[:max(len(package) - (level - 1), 0)] if level else []
    return base + (module.split(".") if module else [])


def _from_import(node: ast.ImportFrom, package: list[str]) -> set[str]:
    target = _resolve(node.module or "", node.level, package)
    if target:
        return {target[0]}
    return {alias.name.split(".")[0] for alias in node.names}


def _is_dynamic_import(func: ast.expr) -> bool:
    if isinstance(func, ast.Name):
        return func.id in ("__import__", "import_module")
    return isinstance(func, ast.Attribute) and func.attr in ("import_module", "__import__")


def _dynamic_target(node: ast.Call, package: list[str]) -> str:
    argument = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg == "name"), None)
    if not (isinstance(argument, ast.Constant) and isinstance(argument.value, str)):
        return DYNAMIC
    name = argument.value
    level = len(name) - len(name.lstrip("."))
    target = _resolve(name[level:], level, package)
    return target[0] if target else DYNAMIC


def python_files(folder: str):
    return sorted((ROOT / folder).rglob("*.py"))


def is_pure_core(path: Path) -> bool:
    parts = path.relative_to(ROOT / "engine").parts
    return parts[0] not in PERSISTENCE


@pytest.mark.parametrize("path", [p for p in python_files("engine") if is_pure_core(p)],
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_pure_engine_core_imports_neither_flask_nor_sqlalchemy(path):
    assert not imported_modules(path) & {"flask", "sqlalchemy", "alembic", "werkzeug", DYNAMIC}


@pytest.mark.parametrize("path", python_files("engine"), ids=lambda p: str(p.relative_to(ROOT)))
def test_engine_never_imports_studio_or_api(path):
    assert not imported_modules(path) & {"studio", "api", DYNAMIC}


@pytest.mark.parametrize("path", python_files("studio"), ids=lambda p: str(p.relative_to(ROOT)))
def test_studio_never_imports_api_or_flask(path):
    assert not imported_modules(path) & {"api", "flask", DYNAMIC}


def test_the_checker_sees_a_forbidden_import(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("from sqlalchemy.orm import Session\nimport flask\n")
    assert imported_modules(sample) == {"sqlalchemy", "flask"}


def sample_in(folder: str, source: str, tmp_path: Path, monkeypatch) -> Path:
    """``source`` as a module of ``folder`` (e.g. ``engine/lifecycle``) under a stand-in project root."""
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    path = tmp_path / folder / "sample.py"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(source))
    return path


@pytest.mark.parametrize(("folder", "source", "found"), [
    ("engine", "from ..api import roles\n", {"api"}),
    ("engine/lifecycle", "from ...studio.lint import table\n", {"studio"}),
    ("studio", "from .. import api\n", {"api"}),
    ("engine/lifecycle", "from ..rules import jsonlogic\nfrom . import trace\n", {"engine"}),
    ("engine", "import importlib\nflask = importlib.import_module('flask')\n", {"importlib", "flask"}),
    ("engine", "from importlib import import_module\nimport_module('sqlalchemy.orm')\n", {"importlib", "sqlalchemy"}),
    ("engine", "orm = __import__('sqlalchemy.orm')\n", {"sqlalchemy"}),
    ("engine", "import importlib\nimportlib.import_module('..api', __package__)\n", {"importlib", "api"}),
    ("engine/rules", "import importlib\nimportlib.import_module('..kinds', __package__)\n", {"importlib", "engine"}),
    ("engine", "import importlib\nname = 'fla' + 'sk'\nimportlib.import_module(name)\n", {"importlib", DYNAMIC}),
])
def test_the_checker_sees_relative_and_dynamic_imports(folder, source, found, tmp_path, monkeypatch):
    assert imported_modules(sample_in(folder, source, tmp_path, monkeypatch)) == found


def test_the_pure_core_is_not_empty():
    assert len([p for p in python_files("engine") if is_pure_core(p)]) >= 10


# The runtime's parts (engine/runtime): its folders and the few modules beside them.
RUNTIME = ROOT / "engine" / "runtime"
RUNTIME_PARTS = {
    "jobs": "the job queue, job handlers by kind, periodic jobs, the worker",
    "orders": "order use cases: capture, the stage pipeline, approvals, revisions, cancellation, inventory",
    "tasks": "tasks: starting and ending them, auto-task handlers, workspace, groups, holds, waits, breakers",
    "fallout": "failed and stuck work: the fallout rules, agents' actions, the watchdog",
    "jeopardy": "late work: assessment, the scan, the rules' actions, alerts",
    "events": "what goes out: TMF events, notifications, e-mail",
    "imports": "bulk imports of orders from files: staging, chunks, rejects",
}
RUNTIME_MODULES = {"__init__.py", "context.py", "service.py", "packs.py"}
RUNTIME_INFRASTRUCTURE = ("engine.runtime.context", "engine.runtime.service", "engine.runtime.packs",
                          "engine.runtime.jobs.queue", "engine.runtime.jobs.registry",
                          "engine.runtime.jobs.periodic", "engine.runtime.jobs.periodic_status")
USE_CASES = tuple(f"engine.runtime.{part}" for part in ("orders", "tasks", "fallout", "jeopardy", "events"))


def runtime_imports(path: Path) -> set[str]:
    """The ``engine.runtime`` modules ``path`` imports (dotted), at any level."""
    from tests.engine.runtime.test_layout import module_name
    return _runtime_graph()[module_name(path)]


@functools.cache
def _runtime_graph() -> dict[str, set[str]]:
    from tests.engine.runtime.test_layout import import_graph
    return import_graph()


def runtime_module(name: str) -> Path:
    path = ROOT / Path(*name.split("."))
    return path.with_suffix(".py") if path.with_suffix(".py").exists() else path / "__init__.py"


def test_the_runtime_is_its_parts_and_nothing_flat_beside_them():
    folders = {p.name for p in RUNTIME.iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert folders == set(RUNTIME_PARTS)
    assert {p.name for p in RUNTIME.glob("*.py")} == RUNTIME_MODULES


@pytest.mark.parametrize("name", RUNTIME_INFRASTRUCTURE)
def test_runtime_infrastructure_imports_no_use_case(name):
    assert not {m for m in runtime_imports(runtime_module(name)) if m.startswith(USE_CASES)}


@pytest.mark.parametrize("path", sorted(RUNTIME.rglob("*.py")), ids=lambda p: str(p.relative_to(ROOT)))
def test_job_handlers_are_reached_only_through_the_builtin_registration(path):
    """Only ``jobs.builtin`` imports the job handlers, only the worker imports ``jobs.builtin``."""
    imported = runtime_imports(path)
    if path != RUNTIME / "jobs" / "builtin.py":
        assert not {m for m in imported if m.startswith("engine.runtime.jobs.handlers.")}
    if path != RUNTIME / "jobs" / "worker.py":
        assert not imported & {"engine.runtime.jobs.builtin", "engine.runtime.jobs.worker"}


@pytest.mark.parametrize("path", sorted((RUNTIME / "events").rglob("*.py")) + sorted(
    (RUNTIME / "tasks" / "handlers").rglob("*.py")), ids=lambda p: str(p.relative_to(ROOT)))
def test_events_and_auto_task_handlers_import_no_fallout_jeopardy_or_job_handler(path):
    """What goes out, and what an auto task does, know nothing of fallout, jeopardy or the job handlers."""
    banned = ("engine.runtime.fallout", "engine.runtime.jeopardy", "engine.runtime.jobs.handlers")
    assert not {m for m in runtime_imports(path) if m.startswith(banned)}
