"""The checks an imported order passes before it is captured: the same as a single order's (the TMF622 shape,
the ordering party, and what the capture stage would reject), reported by row and column."""
from __future__ import annotations

import uuid

from sqlalchemy import select

from engine.imports.units import Unit
from engine.kinds.import_mapping import MappedOrder, RowProblem
from engine.lifecycle.capture import Rejection
from engine.lifecycle.order_shape import shape_problems
from engine.runtime.context import UnitOfWork
from engine.runtime.orders.pipeline.capture import capture_rejections
from engine.runtime.orders.pipeline.context import StageContext
from engine.runtime.packs import PackView
from engine.store.models import CustomerOrder, Party


def order_problems(uow: UnitOfWork, view: PackView, order: MappedOrder) -> tuple[list[RowProblem], str | None]:
    """Every reason ``order`` cannot be captured (by row and column), and its ordering party."""
    shape = shape_problems(order.payload)
    if shape:
        return [located(order, p["pointer"], f"not a valid TMF622 order: {p['message']}") for p in shape], None
    party, problems = _party(uow, order)
    if problems:
        return problems, None
    candidate = CustomerOrder(id=f"import-{uuid.uuid4()}", party_id=party, payload=order.payload)
    rejections = capture_rejections(StageContext(uow, candidate, view))
    return [_rejection(order, rejection) for rejection in rejections], party


def located(order: MappedOrder, pointer: str | None, message: str) -> RowProblem:
    """A problem at ``pointer`` in the order, on the row and column it came from."""
    row, column = order.locate(pointer)
    where = f"row {row}" + (f", column {column!r}" if column else "")
    return RowProblem(row, column, f"{where}: {message}")


def _party(uow: UnitOfWork, order: MappedOrder) -> tuple[str | None, list[RowProblem]]:
    """The customer party the order names (it must exist: an import never makes up a customer)."""
    for position, party in enumerate(order.payload.get("relatedParty") or []):
        if isinstance(party, dict) and str(party.get("role", "")).lower() == "customer" and party.get("id"):
            known = _known_party(uow, str(party["id"]))
            if known is None:
                return None, [located(order, f"/relatedParty/{position}/id",
                                      f"no customer party {str(party['id'])[:60]!r} is known to Ordo")]
            return known, []
    return None, []


def _known_party(uow: UnitOfWork, party_id: str) -> str | None:
    """The party if it exists, remembered for the rest of the unit of work (a chunk names the same few often)."""
    known = uow.session.info.setdefault("import.parties", {})
    if party_id not in known:
        known[party_id] = uow.session.scalar(select(Party.id).where(Party.id == party_id))
    return known[party_id]


def _rejection(order: MappedOrder, rejection: Rejection) -> RowProblem:
    pointer = rejection.pointer
    if pointer is None and rejection.item_id is not None:
        items = order.payload.get("productOrderItem") or []
        position = next((i for i, item in enumerate(items) if str(item.get("id")) == rejection.item_id), None)
        pointer = f"/productOrderItem/{position}" if position is not None else None
    return located(order, pointer, rejection.message)


def reject_rows(unit: Unit, problems: list[RowProblem]) -> list[RowProblem]:
    """The problems, plus one for each row of the unit that has none of its own (it goes with its order)."""
    own = {problem.row for problem in problems}
    first = min(own) if own else unit.first_row
    extra = [RowProblem(row.number, None, f"row {row.number}: rejected with its order (see row {first})")
             for row in unit.rows if row.number not in own]
    return sorted(problems + extra, key=lambda problem: problem.row)
