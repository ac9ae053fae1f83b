"""The runtime's module import graph has no circle.

Built statically from the source (``ast``, nothing is imported): an edge ``a -> b`` for every import in
module ``a`` of a module ``b`` of ``engine.runtime`` (``from engine.runtime.x import y`` is an edge to
``engine.runtime.x.y`` when that is a module, else to ``engine.runtime.x``; relative imports are resolved;
imports under ``if TYPE_CHECKING:`` are left out). Two graphs are checked:

* module-level imports (what runs when a module is imported) must be acyclic;
* all imports, including those inside functions, must be acyclic too: an import hidden in a function
  must not close a circle either.

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


def _statements(tree: ast.Module, module_level: bool):
    """Import statements: at module level (also inside top-level ``if``/``try``), or anywhere."""
    if not module_level:
        yield from (node for node in ast.walk(tree) if not _type_checking_only(tree, node))
        return
    pending = list(tree.body)
    while pending:
        node = pending.pop()
        if isinstance(node, ast.If) and _is_type_checking(node):
            continue
        yield node
        if isinstance(node, (ast.If, ast.Try)):
            pending += node.body + node.orelse + getattr(node, "finalbody", [])
            pending += [statement for handler in getattr(node, "handlers", []) for statement in handler.body]


def _is_type_checking(node: ast.If) -> bool:
    return "TYPE_CHECKING" in ast.unparse(node.test)


def _type_checking_only(tree: ast.Module, target: ast.AST) -> bool:
    return any(isinstance(node, ast.If) and _is_type_checking(node) and target in ast.walk(node)
               for node in tree.body)


def imports_of(path: Path, modules: set[str], module_level: bool, root: Path = ROOT) -> set[str]:
    """The modules of ``modules`` that ``path`` imports."""
    me = module_name(path, root)
    package = me.split(".") if path.name == "__init__.py" else me.split(".")[:-1]
    named = set()
    for node in _statements(ast.parse(path.read_text(), filename=str(path)), module_level):
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


def import_graph(folder: Path = RUNTIME, root: Path = ROOT, module_level: bool = True) -> dict[str, set[str]]:
    paths = {module_name(path, root): path for path in sorted(folder.rglob("*.py"))}
    return {name: imports_of(path, set(paths), module_level, root) for name, path in paths.items()}


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


@pytest.mark.parametrize("module_level", [True, False], ids=["module-level imports", "all imports"])
def test_the_runtime_has_no_import_circle(module_level):
    graph = import_graph(module_level=module_level)
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


def test_the_checker_tells_function_level_imports_apart(tmp_path):
    root = _sample(tmp_path, {
        "__init__.py": "",
        "one.py": "from engine.runtime import two\n",
        "two.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from engine.runtime import three\n"
                  "def later():\n    from engine.runtime import one\n",
        "three.py": "import engine.runtime.two\n",
    })
    folder = root / "engine" / "runtime"
    assert find_cycle(import_graph(folder, root, module_level=True)) is None
    assert find_cycle(import_graph(folder, root, module_level=False)) == [
        "engine.runtime.one", "engine.runtime.two", "engine.runtime.one"]
