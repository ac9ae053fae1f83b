"""Driving a demo-pack example order through the API the way a person would, and its normalised snapshot.

``DemoOrder`` posts one example from ``rulepacks/telco-demo/examples``, runs the in-process worker and
offers the actions a person takes in the workspace (complete a task from a group's queue, approve an
approval, PATCH missing information, let time pass on the fake clock). Each action records a checkpoint
in ``journal`` (order state and stage, domain order states, what waits for a person or a timer), so the
golden file shows the way to the end as well as the end.

``snapshot()`` is the order at the end with ids replaced by stable names (domain orders by their ref,
tasks by ref and key, products by their order item) and times kept as they are (the FakeClock starts at
2026-01-01T09:00Z and only moves when a scenario advances it). ``check_golden`` compares it with
``golden/<example>.json``; ``ORDO_UPDATE_GOLDEN=1`` rewrites the file instead.
"""
from __future__ import annotations

import difflib
import json
import os
import re
from pathlib import Path

import pytest
from sqlalchemy import select

from engine.clock import iso
from engine.store.models import Contract, Entitlement, Product
from tests.conftest import DEMO_PACK

BASE = "/tmf-api/productOrderingManagement/v4/productOrder"
PRODUCTS = "/tmf-api/productInventory/v4/product"
EXAMPLES = DEMO_PACK / "examples"
GOLDEN = Path(__file__).with_name("golden")
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
OPEN_TASK_STATES = ("waiting", "running")


def if_match(client, order_id: str, headers: dict | None = None) -> dict:
    """``headers`` plus If-Match with the order's current ETag, as a PATCH or DELETE of a productOrder needs."""
    current = client.get(f"{BASE}/{order_id}", headers=headers)
    assert current.status_code == 200, current.json
    return {**(headers or {}), "If-Match": current.headers["ETag"]}


def example(name: str) -> dict:
    return json.loads((EXAMPLES / f"{name}.json").read_text())


class DemoOrder:
    """One example order in flight; every method goes through the public API except the final read of
    contracts, entitlements and product parents, which no endpoint shows."""

    def __init__(self, client, worker, clock, runtime, name: str, body: dict | None = None):
        self.client, self.worker, self.clock, self.runtime, self.name = client, worker, clock, runtime, name
        response = client.post(BASE, json=body if body is not None else example(name))
        assert response.status_code == 201, response.json
        self.id = response.json["id"]
        self.journal: list[dict] = []
        self.run("posted")

    # -- what a person does -------------------------------------------------------------------------

    def run(self, step: str) -> dict:
        """Let the worker run every due job, then record a checkpoint named ``step``."""
        self.worker.run_until_idle()
        order = self.detail()
        self.journal.append(self._checkpoint(step, order))
        return order

    def queue(self, **filters) -> list[dict]:
        """Open tasks of this order from the workspace queue (``group=``, ``type=``)."""
        query = "&".join(f"{k}={v}" for k, v in {**filters, "orderId": self.id}.items())
        return self.client.get(f"/api/v1/tasks?{query}").json

    def work(self, task: dict, output: dict) -> dict:
        """Claim and complete a waiting task as its group would, then run what it released."""
        assert task["state"] == "waiting", task
        assert self.client.post(f"/api/v1/tasks/{task['id']}/claim").status_code == 200
        done = self.client.post(f"/api/v1/tasks/{task['id']}/complete", json={"output": output})
        assert done.status_code == 200 and done.json["state"] == "completed", done.json
        return self.run(f"completed task {task['key']}")

    def pending_approvals(self) -> list[dict]:
        return [a for a in self.client.get("/api/v1/approvals").json if a["orderId"] == self.id]

    def approve(self, approval: dict, comment: str) -> dict:
        response = self.client.post(f"/api/v1/approvals/{approval['id']}/approve", json={"comment": comment})
        assert response.status_code == 200 and response.json["state"] == "approved", response.json
        return self.run(f"approved {approval['role']}")

    def patch(self, patch: dict, step: str) -> dict:
        response = self.client.patch(f"{BASE}/{self.id}", json=patch, headers=if_match(self.client, self.id))
        assert response.status_code == 200, response.json
        return self.run(step)

    def open_fallout(self) -> list[dict]:
        """This order's open fallout records, as a fallout agent lists them."""
        return self.client.get(f"/api/v1/fallout?orderId={self.id}").json

    def fix(self, record: dict, body: dict) -> dict:
        """Correct the data of a fallout record's task and resume it (``POST /api/v1/fallout/{id}/fix``)."""
        fixed = self.client.post(f"/api/v1/fallout/{record['id']}/fix", json=body)
        assert fixed.status_code == 200 and fixed.json["resolution"] == "retried", fixed.json
        return self.run(f"fixed fallout {record['type']}")

    def advance(self, **delta) -> dict:
        self.clock.advance(**delta)
        return self.run("clock +" + ", ".join(f"{v} {k}" for k, v in delta.items()))

    # -- reading ------------------------------------------------------------------------------------

    def detail(self) -> dict:
        """The order detail, each domain order with its lines (``/domain-orders/{id}/lines``)."""
        order = self.client.get(f"/api/v1/orders/{self.id}").json
        for domain_order in order["domainOrders"]:
            lines = self.client.get(f"/api/v1/orders/{self.id}/domain-orders/{domain_order['id']}/lines?limit=1000")
            assert lines.status_code == 200 and lines.headers["X-Total-Count"] == str(len(lines.json)), lines.json
            domain_order["lines"] = lines.json
        return order

    def tmf(self) -> dict:
        return self.client.get(f"{BASE}/{self.id}").json

    def trace(self) -> list[dict]:
        return self.client.get(f"/api/v1/orders/{self.id}/trace?limit=1000").json

    def products(self) -> list[dict]:
        found = self.client.get(f"{PRODUCTS}?limit=1000").json
        mine = [p for p in found if p["productOrderItem"][0]["productOrderId"] == self.id]
        return sorted(mine, key=lambda p: p["productOrderItem"][0]["orderItemId"])

    @staticmethod
    def domain_order(order: dict, ref_prefix: str) -> dict:
        found = [d for d in order["domainOrders"] if d["ref"].startswith(ref_prefix)]
        assert len(found) == 1, [d["ref"] for d in order["domainOrders"]]
        return found[0]

    @staticmethod
    def task(order: dict, ref_prefix: str, key: str) -> dict:
        refs = {d["id"]: d["ref"] for d in order["domainOrders"]}
        found = [t for t in order["tasks"] if t["key"] == key and refs[t["domainOrderId"]].startswith(ref_prefix)]
        assert len(found) == 1, (ref_prefix, key)
        return found[0]

    def _checkpoint(self, step: str, order: dict) -> dict:
        refs = {d["id"]: d["ref"] for d in order["domainOrders"]}
        return {
            "step": step, "at": iso(self.clock.now()), "state": order["state"], "stage": order["stage"],
            "domainOrders": {d["ref"]: d["state"] for d in order["domainOrders"]},
            "open": sorted(f"{refs[t['domainOrderId']]} / {t['key']} ({t['type']}, {t['state']})"
                           for t in order["tasks"] if t["state"] in OPEN_TASK_STATES),
            "pendingApprovals": [a["role"] for a in order["approvals"] if a["state"] == "pending"],
        }

    # -- the snapshot -------------------------------------------------------------------------------

    def snapshot(self) -> dict:
        order, tmf = self.detail(), self.tmf()
        refs = {d["id"]: d["ref"] for d in order["domainOrders"]}
        items = {i["id"]: i for i in tmf["productOrderItem"]}
        snapshot = {
            "example": f"{self.name}.json",
            "journal": self.journal,
            "order": {
                "state": order["state"], "stage": order["stage"], "stateReason": order["stateReason"],
                "revision": order["revision"], "orderDate": order["orderDate"],
                "completionDate": order["completionDate"], "missingInformation": order["missingInformation"],
                "items": order["items"], "notes": [n["text"] for n in tmf.get("note", [])],
            },
            "prices": None if not order["pricing"] else {
                "orderTotalPrice": tmf.get("orderTotalPrice"),
                "items": {item_id: {key: items[item_id].get(key) for key in ("itemPrice", "itemTotalPrice")}
                          for item_id in sorted(items)},
                "lines": order["pricing"]["lines"],
                "adjustments": order["pricing"]["adjustments"],
            },
            "approvals": [{key: a[key] for key in ("role", "reason", "state", "decidedBy", "comment", "createdAt",
                                                   "decidedAt")} for a in order["approvals"]],
            "domainOrders": sorted(({
                "ref": d["ref"], "domain": d["domain"], "fulfilmentSystem": d["fulfilmentSystem"],
                "state": d["state"], "dependsOn": d["dependsOn"], "plan": d["plan"], "planVersion": d["planVersion"],
                "missing": d["missing"], "lines": d["lines"]} for d in order["domainOrders"]),
                key=lambda d: d["ref"]),
            "tasks": sorted(({
                "domainOrder": refs[t["domainOrderId"]], "key": t["key"], "type": t["type"], "state": t["state"],
                "assignmentGroup": t["assignmentGroup"], "role": t["role"], "pointOfNoReturn": t["pointOfNoReturn"],
                "dependsOn": t["dependsOn"], "waitsFor": t["waitsFor"], "attempt": t["attempt"],
                "notes": [n["text"] for n in t["notes"]], "completedAt": t["completedAt"]} for t in order["tasks"]),
                key=lambda t: (t["domainOrder"], t["key"])),
            **self._inventory(),
            "trace": [{key: e[key] for key in ("stage", "artifact", "version", "rule", "decision")}
                      for e in self.trace()],
        }
        text = json.dumps(snapshot)
        assert not UUID.search(text), f"an id is left in the snapshot: {UUID.search(text).group()}"
        return snapshot

    def _inventory(self) -> dict:
        """Products as TMF637 shows them, plus their parent, contracts and entitlements from the database."""
        shown = {p["id"]: p for p in self.products()}
        with self.runtime.reading() as session:
            rows = session.execute(select(Product).where(Product.order_id == self.id)).scalars().all()
            item_of = {p.id: p.order_item_id for p in rows}
            parents = {p.id: item_of.get(p.parent_id) for p in rows}
            contracts = session.execute(select(Contract).where(Contract.order_id == self.id)).scalars().all()
            entitlements = session.execute(select(Entitlement).where(
                Entitlement.contract_id.in_([c.id for c in contracts]))).scalars().all()
            contract_rows = sorted(({
                "product": f"item {item_of[c.product_id]}", "termMonths": c.term_months, "status": c.status,
                "startDate": iso(c.start_date), "endDate": iso(c.end_date),
                "renewalNoticeDate": iso(c.renewal_notice_date),
                "entitlements": sorted((e.specification_id, e.name, e.status) for e in entitlements
                                       if e.contract_id == c.id)} for c in contracts), key=lambda c: c["product"])
        products = [{
            "orderItem": p["productOrderItem"][0]["orderItemId"], "offering": p["productOffering"]["id"],
            "name": p["name"], "status": p["status"], "startDate": p["startDate"],
            # by name: a revised order's products take their characteristics from the enriched item, whose
            # key order is the database's (PostgreSQL JSONB does not keep it)
            "characteristics": sorted(p["productCharacteristic"], key=lambda c: c["name"]),
            "parent": None if parents[p["id"]] is None else f"item {parents[p['id']]}",
            "productPrice": [f"{price['priceType']} {price['price']['dutyFreeAmount']['value']} "
                             f"({price['provenance']['artifact']} {price['provenance']['row']})"
                             for price in p["productPrice"]]} for p in shown.values()]
        return {"products": products, "contracts": [{**c, "entitlements": [list(e) for e in c["entitlements"]]}
                                                    for c in contract_rows]}


def check_golden(snapshot: dict) -> None:
    """Compare with ``golden/<example>.json`` (a readable diff on failure); ``ORDO_UPDATE_GOLDEN=1`` writes it."""
    path = GOLDEN / snapshot["example"]
    text = json.dumps(snapshot, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    if os.environ.get("ORDO_UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(text)
        return
    if not path.exists():
        pytest.fail(f"no golden file {path.name}: run with ORDO_UPDATE_GOLDEN=1, read it, commit it")
    expected = path.read_text()
    if text != expected:
        diff = difflib.unified_diff(expected.splitlines(), text.splitlines(), f"golden/{path.name}", "actual",
                                    lineterm="", n=2)
        pytest.fail("the order differs from its golden file (ORDO_UPDATE_GOLDEN=1 rewrites it after review):\n"
                    + "\n".join(list(diff)[:200]))
