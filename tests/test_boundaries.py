"""Import boundaries of DESIGN §1, checked on the source text (AST), not by importing."""
import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PERSISTENCE = ("store", "runtime")


def imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def python_files(folder: str):
    return sorted((ROOT / folder).rglob("*.py"))


def is_pure_core(path: Path) -> bool:
    parts = path.relative_to(ROOT / "engine").parts
    return parts[0] not in PERSISTENCE


@pytest.mark.parametrize("path", [p for p in python_files("engine") if is_pure_core(p)],
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_pure_engine_core_imports_neither_flask_nor_sqlalchemy(path):
    assert not imported_modules(path) & {"flask", "sqlalchemy", "alembic", "werkzeug"}


@pytest.mark.parametrize("path", python_files("engine"), ids=lambda p: str(p.relative_to(ROOT)))
def test_engine_never_imports_studio_or_api(path):
    assert not imported_modules(path) & {"studio", "api"}


@pytest.mark.parametrize("path", python_files("studio"), ids=lambda p: str(p.relative_to(ROOT)))
def test_studio_never_imports_api_or_flask(path):
    assert not imported_modules(path) & {"api", "flask"}


def test_the_checker_sees_a_forbidden_import(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("from sqlalchemy.orm import Session\nimport flask\n")
    assert imported_modules(sample) == {"sqlalchemy", "flask"}


def test_the_pure_core_is_not_empty():
    assert len([p for p in python_files("engine") if is_pure_core(p)]) >= 10
