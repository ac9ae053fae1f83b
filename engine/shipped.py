"""The folders Ordo ships beside its Python packages: the database migrations, the demo rule pack and the built
front end.

In a source checkout they are the repository's own folders (``migrations/``, ``rulepacks/``, ``frontend/dist/``).
A wheel carries copies under ``engine/_shipped/`` (``setup.py`` puts them there when it builds one), so an
installed Ordo finds them without a checkout.
"""
from __future__ import annotations

from pathlib import Path

SOURCE_ROOT = Path(__file__).resolve().parents[1]
IN_WHEEL = Path(__file__).resolve().parent / "_shipped"
IN_SOURCE = {"migrations": "migrations", "rulepacks": "rulepacks", "frontend": "frontend/dist"}
"""Each shipped folder's name in the wheel and its place in the source checkout (setup.py copies the same)."""


def shipped(name: str) -> Path:
    """The shipped folder ``name`` (one of IN_SOURCE): the wheel's copy when Ordo is installed from one, else the
    source checkout's folder."""
    if name not in IN_SOURCE:
        raise KeyError(f"{name} is not a shipped folder: one of {', '.join(IN_SOURCE)}")
    copy = IN_WHEEL / name
    return copy if copy.is_dir() else SOURCE_ROOT / IN_SOURCE[name]


def demo_pack() -> Path:
    """The demo rule pack's folder (telco-demo)."""
    return shipped("rulepacks") / "telco-demo"
