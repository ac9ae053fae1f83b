"""JSON text for the database (``engine.store.types.dumps``): what it writes, through orjson or not."""
import json
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from engine.store.types import dumps


def test_decimals_become_strings_and_datetimes_iso_8601():
    value = {"price": Decimal("39.90"), "at": datetime(2026, 12, 6, 20, 0, tzinfo=UTC), "day": date(2026, 12, 6),
             "name": "Glasfaser Zürich", "lines": [1, 2.5, None, True]}
    assert json.loads(dumps(value)) == {"price": "39.90", "at": "2026-12-06T20:00:00+00:00", "day": "2026-12-06",
                                        "name": "Glasfaser Zürich", "lines": [1, 2.5, None, True]}


def test_what_orjson_refuses_is_still_written():
    assert json.loads(dumps({"big": 2**70, 7: "integer key"})) == {"big": 2**70, "7": "integer key"}


def test_a_value_that_is_not_json_is_refused():
    with pytest.raises(TypeError):
        dumps({"set": {1, 2}})
