"""The pack's README lists every example and every artifact of the pack (a new file cannot go unmentioned)."""
from __future__ import annotations

import json

from tests.conftest import DEMO_PACK

README = (DEMO_PACK / "README.md").read_text()


def test_every_artifact_has_a_row_in_the_artifacts_table():
    keys = [json.loads((DEMO_PACK / path).read_text())["key"]
            for path in json.loads((DEMO_PACK / "pack.json").read_text())["artifacts"]]
    assert len(keys) >= 27  # the 27 of today, and any added since
    assert [key for key in keys if f"| `{key}` |" not in README] == []


def test_every_example_has_a_row_in_the_examples_table():
    names = sorted(path.name for path in (DEMO_PACK / "examples").glob("*.json"))
    assert len(names) >= 16
    assert [name for name in names if f"| `{name}` |" not in README] == []
