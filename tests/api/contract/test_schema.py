"""Named component schemas: one name per model, ``<Model>Input`` where a model reads differently than it writes."""
from __future__ import annotations

from decimal import Decimal

import pytest

from api.contract import Model
from api.contract.schema import Components


class Price(Model):
    amount: Decimal


class Line(Model):
    price: Price
    note: str | None = None


class Plain(Model):
    name: str


def test_a_model_read_and_written_differently_gets_an_input_schema_of_its_own():
    components = Components()
    assert components.schema(Line, "serialization") == {"$ref": "#/components/schemas/Line"}
    assert components.schema(list[Line], "validation") == {
        "type": "array", "items": {"$ref": "#/components/schemas/LineInput"}}
    schemas = components.schemas
    assert set(schemas) == {"Line", "LineInput", "Price", "PriceInput"}
    assert schemas["Price"]["properties"]["amount"]["type"] == "string"
    assert {"type": "number"} in schemas["PriceInput"]["properties"]["amount"]["anyOf"]
    assert schemas["LineInput"]["properties"]["price"] == {"$ref": "#/components/schemas/PriceInput"}
    assert schemas["Line"]["properties"]["price"] == {"$ref": "#/components/schemas/Price"}


def test_a_model_read_as_it_is_written_keeps_one_name():
    components = Components()
    assert components.schema(Plain, "validation") == components.schema(Plain, "serialization")
    assert set(components.schemas) == {"Plain"}


def test_two_different_models_of_one_name_are_refused():
    components = Components()
    components.schema(Plain, "serialization")
    other = type("Plain", (Model,), {"__annotations__": {"size": int}})
    with pytest.raises(ValueError, match="rename one"):
        components.schema(other, "serialization")
