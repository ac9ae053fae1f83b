"""Every rule pack shipped in rulepacks/ is valid, and every artifact's own tests pass."""
from pathlib import Path

import pytest

from studio.packs import check_source, read_pack_folder
from tests.conftest import ROOT

PACKS = sorted(p.parent for p in (ROOT / "rulepacks").glob("*/pack.json"))


def test_there_is_at_least_the_demo_pack():
    assert "telco-demo" in {p.name for p in PACKS}


@pytest.mark.parametrize("folder", PACKS, ids=lambda p: p.name)
def test_shipped_pack_is_valid_and_its_artifact_tests_pass(folder: Path):
    source = read_pack_folder(folder)
    issues, failures = check_source(source)
    assert issues == []
    assert [(f.artifact, f.test, f.message) for f in failures] == []
    assert sum(len(d.get("tests", [])) for d in source.artifacts) > 0
