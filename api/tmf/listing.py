"""The TMF list response: attribute filters, offset/limit, ``fields=`` and the X-Total/Result-Count headers.

A list reads in two steps: the ids of the page (filters on columns, order, offset and limit, all in SQL), then
the representations of just those ids holding just the attributes asked for (``fields=``), so a page never
reads the rows, columns or item payloads it does not show.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from flask import request
from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select

from api.paging import list_response, paging
from api.runtime import runtime
from api.serializers.product_order import select_fields
from api.tmf.filtering import attribute_filters, filtered_page

ALWAYS = frozenset({"id", "href", "@type"})  # what ``fields=`` always keeps
Ids = Select | list[str]  # a page's ids, or a statement selecting every id of a filtered list
Bodies = Callable[[Session, Ids, frozenset[str] | None], Mapping[str, dict]]


@dataclass(frozen=True)
class Listing:
    """How a TMF list reads: ``ids`` selects the visible rows' ids in list order; ``columns`` maps attributes to
    the column holding the same value (those filters run in SQL); ``bodies(session, ids, wanted)`` answers the
    representations of ``ids`` by id, holding at least the ``wanted`` top-level attributes (None: all);
    ``required``: the attributes the resource's schema requires, which ``fields=`` keeps too."""

    ids: Select
    columns: Mapping[str, object]
    bodies: Bodies
    required: frozenset[str] = frozenset()


def list_resources(listing: Listing):
    """The page of the listing the request asks for, with TMF counts and ``fields=`` applied."""
    offset, limit = paging()
    fields = request.args.get("fields")
    filters = attribute_filters(request.args)
    with runtime().reading() as session:
        wanted = wanted_attributes(fields, filters, listing.required)
        bodies, total = filtered_page(session, listing, filters, wanted, offset, limit)
    return list_response([select_fields(body, fields, listing.required) for body in bodies], total)


def wanted_attributes(fields: str | None, filters: Iterable[str],
                      required: frozenset[str] = frozenset()) -> frozenset[str] | None:
    """The top-level attributes a page must read: ``fields=`` plus id, href, @type, the ``required`` ones and
    what filters look at."""
    if not fields:
        return None
    named = {name.strip() for name in fields.split(",") if name.strip()}
    return frozenset(named | ALWAYS | required | {name.split(".", 1)[0] for name in filters})


def row_bodies(model, serialize: Callable[[object], dict], minimal: Callable[[str], dict] | None = None) -> Bodies:
    """``Listing.bodies`` serializing whole ORM rows; with ``minimal(id)`` (the id, href and @type a resource
    of that id always has) a page asking for no more reads no row at all."""
    def bodies(session: Session, ids: Ids, wanted: frozenset[str] | None) -> dict[str, dict]:
        if minimal is not None and wanted is not None and wanted <= ALWAYS:
            return {row_id: minimal(row_id) for row_id in _id_list(session, ids)}
        rows = session.scalars(select(model).where(model.id.in_(ids)))
        return {row.id: serialize(row) for row in rows}
    return bodies


def _id_list(session: Session, ids: Ids) -> list[str]:
    return list(ids) if isinstance(ids, list) else list(session.scalars(ids))
