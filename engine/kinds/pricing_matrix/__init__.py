"""The ``pricing_matrix`` kind: a multi-dimensional price lookup (bandwidth x term x region …).

Body (``schema.json``)::

    {"productOfferings": ["fibre-500"], "currency": "EUR", "priceType": "recurring",
     "recurringChargePeriod": "month",
     "dimensions": [{"name": "bandwidth", "type": "number", "path": "item.characteristics.bandwidth",
                     "values": [100, 500]},
                    {"name": "region", "expression": {JsonLogic}, "values": ["north", "south"]}],
     "cells": [{"id": "c1", "key": [100, "north"], "amount": "30.00"}],
     "default": "99.00", "requireComplete": false}

Dimension values are compared as Decimal for number dimensions (``"100"`` equals ``100``)
and as text otherwise. Every cell key has one value per dimension, each one of its values.

Test: input is ``{dimension name: value}`` (or ``{"context": {...}}`` to read the dimensions
from a context); actual ``{"amount", "currency", "cell"}``, ``{"amount": null}`` with no price.
"""
from __future__ import annotations

from pathlib import Path

from ..base.kind import CatalogReference, Kind, KindTestError
from .compiler import compile_pricing_matrix
from .model import CompiledPricingMatrix, Dimension, MatrixPrice

__all__ = ["KIND", "CompiledPricingMatrix", "Dimension", "MatrixPrice", "compile_pricing_matrix"]


def run_pricing_matrix_test(matrix: CompiledPricingMatrix, given: object, resolve=None) -> dict:
    """The looked-up price for the input's dimension values (or context)."""
    if not isinstance(given, dict):
        raise KindTestError("a pricing matrix test input is an object of dimension values")
    names = {d.name for d in matrix.dimensions}
    found = matrix.price(given["context"]) if "context" in given and "context" not in names else matrix.lookup(given)
    if found is None:
        return {"amount": None}
    return {"amount": found.amount, "currency": found.currency, "cell": found.source.row}


def pricing_matrix_references(body: dict) -> list[CatalogReference]:
    """Every offering id the matrix says it prices."""
    return [CatalogReference(f"/body/productOfferings/{i}", offering, "offering")
            for i, offering in enumerate(body.get("productOfferings", []))]


KIND = Kind("pricing_matrix", Path(__file__).with_name("schema.json"), compile_pricing_matrix,
            run_pricing_matrix_test, catalog_references=pricing_matrix_references)
