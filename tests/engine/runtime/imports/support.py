"""Shared by the import tests: the demo mapping published, a partner CSV written, imports run to the end."""
from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from engine.imports.readers import csv_text
from engine.store.models import Party

ROOT = Path(__file__).resolve().parents[4]
MAPPING = ROOT / "rulepacks" / "telco-demo" / "imports" / "import.acme-fibre.json"
HEADER = ["order_ref", "customer", "product", "qty", "building", "street", "postcode", "city", "note"]
DAY = datetime(2026, 1, 5, tzinfo=UTC)


def publish_mapping(runtime, document: dict | None = None) -> dict:
    """Publish the demo's Acme mapping (or ``document``) in the studio."""
    from studio.artifacts import create_draft, publish

    document = document or json.loads(MAPPING.read_text())
    with runtime.unit_of_work("analyst") as uow:
        draft = create_draft(uow, document)
        publish(uow, document["key"], draft.version)
    return document


def add_customers(runtime, *ids: str) -> None:
    with runtime.unit_of_work("test") as uow:
        uow.session.add_all([Party(id=party, name=party.title(), created_at=DAY) for party in ids])


def line(order: str, product: str = "FIBRE500", customer: str = "cust-1", **cells) -> dict:
    row = dict(order_ref=order, customer=customer, product=product, qty="1", building="flat",
               street="Invalidenstrasse 1", postcode="10115", city="Berlin", note="")
    row.update(cells)
    return row


def write_csv(path: Path, rows: list[dict], header: list[str] = HEADER) -> Path:
    path.write_text(csv_text([header] + [[row.get(name, "") for name in header] for row in rows]))
    return path
