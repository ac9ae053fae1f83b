"""The JsonLogic package never evaluates text as code and stays free of web/database imports."""

import re
from pathlib import Path

import engine.rules.jsonlogic as package

SOURCES = sorted(Path(package.__file__).parent.glob("*.py"))
FORBIDDEN_CALL = re.compile(r"\b(eval|exec)\s*\(|\bbuiltins\.compile\b|__import__\s*\(")
FORBIDDEN_IMPORT = re.compile(r"^\s*(from|import)\s+(flask|sqlalchemy|studio|api)\b", re.MULTILINE)


def test_sources_were_found():
    assert len(SOURCES) > 5


def test_no_eval_or_exec_in_the_package():
    offenders = [path.name for path in SOURCES if FORBIDDEN_CALL.search(path.read_text(encoding="utf-8"))]
    assert offenders == []


def test_no_flask_sqlalchemy_studio_or_api_imports():
    offenders = [path.name for path in SOURCES if FORBIDDEN_IMPORT.search(path.read_text(encoding="utf-8"))]
    assert offenders == []
