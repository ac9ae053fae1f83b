import copy
import json
from pathlib import Path

import pytest

FIXTURES = Path(__file__).with_name("fixtures")


@pytest.fixture
def fixture_document():
    """A fresh copy of a fixture artifact by file stem (``catalog``, ``price_list`` …)."""
    cache = {}

    def load(name: str) -> dict:
        if name not in cache:
            cache[name] = json.loads((FIXTURES / f"{name}.json").read_text())
        return copy.deepcopy(cache[name])
    return load
