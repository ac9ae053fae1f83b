"""The runtime's module import graph has no circle.

Built statically from the source (``ast``, nothing is imported): an edge ``a -> b`` for every import in
module ``a`` of a module ``b`` of ``engine.runtime`` (``from engine.runtime.x import y`` is an edge to
``engine.runtime.x.y`` when that is a module, else to ``engine.runtime.x``; relative imports are resolved;
imports in the body of ``if TYPE_CHECKING:`` are left out, those of its ``else`` are not). Every import
counts, at module level or inside a function, class or block: an import hidden in a function must not
close a circle either.

A circle found is named in the failure (``a -> b -> c -> a``). Package ``__init__`` modules import
nothing, so importing a module never runs a sibling through its package.
"""
from __future__ import annotations

import ast
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
RUNTIME = ROOT / "engine" / "runtime"


def module_name(path: Path, root: Path = ROOT) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _statements(tree: ast.Module):
    """Every node of ``tree`` except those only seen by type checkers (the body of ``if TYPE_CHECKING:``)."""
    hidden = {id(inner) for node in ast.walk(tree) if isinstance(node, ast.If) and _is_type_checking(node.test)
              for statement in node.body for inner in ast.walk(statement)}
    return (node for node in ast.walk(tree) if id(node) not in hidden)


def _is_type_checking(test: ast.expr) -> bool:
    return ast.unparse(test) in ("TYPE_CHECKING", "typing.TYPE_CHECKING")


def imports_of(path: Path, modules: set[str], root: Path = ROOT) -> set[str]:
    """The modules of ``modules`` that ``path`` imports."""
    me = module_name(path, root)
    package = me.split(".") if path.name == "__init__.py" else me.split(".")[:-1]
    named = set()
    for node in _statements(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            named.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            target = ".".join(base + (node.module.split(".") if node.module else []))
            named.update(f"{target}.{a.name}" if f"{target}.{a.name}" in modules else target for a in node.names)
    found = set()
    for name in named:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        if name and name != me:
            found.add(name)
    return found


def import_graph(folder: Path = RUNTIME, root: Path = ROOT) -> dict[str, set[str]]:
    paths = {module_name(path, root): path for path in sorted(folder.rglob("*.py"))}
    return {name: imports_of(path, set(paths), root) for name, path in paths.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One circle of ``graph`` as ``[a, b, ..., a]``, or None."""
    state: dict[str, str] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = "open"
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == "open":
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        state[node] = "done"
        stack.pop()
        return None

    for start in sorted(graph):
        if start not in state and (cycle := visit(start)):
            return cycle
    return None


def test_the_runtime_has_no_import_circle():
    graph = import_graph()
    assert len(graph) > 40
    cycle = find_cycle(graph)
    assert cycle is None, "import circle: " + " -> ".join(cycle)


@pytest.mark.parametrize("path", sorted(RUNTIME.rglob("__init__.py")), ids=lambda p: str(p.relative_to(ROOT)))
def test_package_inits_import_nothing(path):
    tree = ast.parse(path.read_text())
    assert not [node for node in ast.walk(tree) if isinstance(node, (ast.Import, ast.ImportFrom))]


def _sample(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, source in files.items():
        path = tmp_path / "engine" / "runtime" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(source))
    return tmp_path


def test_the_checker_names_a_circle_through_a_package_and_a_relative_import(tmp_path):
    root = _sample(tmp_path, {
        "__init__.py": "", "a/__init__.py": "", "b/__init__.py": "",
        "a/one.py": "from engine.runtime.b import two\n",
        "b/two.py": "from ..a.three import helper\n",
        "a/three.py": "from engine.runtime.a import one\n",
    })
    graph = import_graph(root / "engine" / "runtime", root)
    assert find_cycle(graph) == ["engine.runtime.a.one", "engine.runtime.b.two", "engine.runtime.a.three",
                                 "engine.runtime.a.one"]


def test_the_checker_finds_function_level_imports_and_skips_only_type_checking_bodies(tmp_path):
    root = _sample(tmp_path, {
        "__init__.py": "",
        "one.py": "from engine.runtime import two\n",
        "two.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from engine.runtime import three\n"
                  "def later():\n    from engine.runtime import one\n",
        "three.py": "import engine.runtime.two\n",
        "four.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    pass\nelse:\n"
                   "    from engine.runtime import five\n",
        "five.py": "from engine.runtime import four\n",
    })
    graph = import_graph(root / "engine" / "runtime", root)
    assert "engine.runtime.three" not in graph["engine.runtime.two"]
    assert graph["engine.runtime.two"] == {"engine.runtime.one"}
    assert graph["engine.runtime.four"] == {"engine.runtime.five"}
    assert find_cycle(graph) == ["engine.runtime.five", "engine.runtime.four", "engine.runtime.five"]
