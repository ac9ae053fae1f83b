"""TMF630 attribute filtering for list endpoints: ``?attr=value`` on any attribute the serializer emits.

Every query parameter other than the paging / selection ones is a filter: ``state=completed``,
``orderDate=2026-01-01T09:00:00.000Z``, ``productOffering.id=fibre-500`` (a dotted path; through a list, any
element may match). A value matches a string attribute by equality, a number by numeric equality and a boolean
as ``true`` / ``false``. Filters on an attribute the representation lacks match nothing (an empty list, not an
error). Filters that map to a column narrow the query in SQL; the others are applied to the serialized
representation, after which the list is paged.
"""
from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import func, select
from sqlalchemy.orm import Session

RESERVED = frozenset({"fields", "offset", "limit", "sort", "expand", "depth"})
_MISSING = object()


def attribute_filters(args: Mapping[str, str]) -> dict[str, str]:
    return {name: value for name, value in args.items() if name not in RESERVED and name}


def matches(body, path: str, expected: str) -> bool:
    """Whether the attribute at dotted ``path`` of ``body`` equals ``expected`` (any element of a list)."""
    return _matches(body, path.split("."), expected)


def _matches(value, parts: list[str], expected: str) -> bool:
    if isinstance(value, list):
        return any(_matches(element, parts, expected) for element in value)
    if not parts:
        return _equal(value, expected)
    if not isinstance(value, dict):
        return False
    found = value.get(parts[0], _MISSING)
    return found is not _MISSING and _matches(found, parts[1:], expected)


def matching(bodies, filters: Mapping[str, str]) -> list[dict]:
    """The representations that match every filter."""
    return [body for body in bodies if all(matches(body, name, value) for name, value in filters.items())]


def _equal(value, expected: str) -> bool:
    if isinstance(value, bool):
        return expected.lower() == str(value).lower()
    if isinstance(value, int | float):
        try:
            return float(expected) == float(value)
        except ValueError:
            return False
    if isinstance(value, str):
        return value == expected
    return False


def filtered_page(session: Session, listing, filters: dict[str, str], wanted: frozenset[str] | None,
                  offset: int, limit: int) -> tuple[list[dict], int]:
    """One page of representations matching every filter, and the total number of matches.

    ``listing`` (api.tmf.listing.Listing) selects the ids in list order; filters on its ``columns`` narrow
    that in SQL, and only the page's ids are read. Filters on any other attribute are applied to the
    representations of every row (holding the ``wanted`` attributes), after which the list is paged.
    """
    columns = listing.columns
    statement = listing.ids.where(*[columns[name] == value for name, value in filters.items() if name in columns])
    remaining = {name: value for name, value in filters.items() if name not in columns}
    if not remaining:
        total = session.scalar(select(func.count()).select_from(statement.order_by(None).subquery()))
        ids = list(session.scalars(statement.offset(offset).limit(limit)))
        found = listing.bodies(session, ids, wanted) if ids else {}
        return [found[row_id] for row_id in ids if row_id in found], total
    ids = list(session.scalars(statement))
    found = listing.bodies(session, statement.order_by(None), wanted)
    bodies = matching((found[row_id] for row_id in ids if row_id in found), remaining)
    return bodies[offset:offset + limit], len(bodies)
