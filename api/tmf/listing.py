"""The TMF list response: attribute filters, offset/limit, ``fields=`` and the X-Total/Result-Count headers."""
from __future__ import annotations

from collections.abc import Callable, Mapping

from flask import request
from sqlalchemy.sql import Select

from api.paging import list_response, paging
from api.runtime import runtime
from api.serializers.product_order import select_fields
from api.tmf.filtering import attribute_filters, filtered_page


def list_resources(statement: Select, serialize: Callable[[object], dict], columns: Mapping[str, object]):
    """The page of ``statement``'s rows the request asks for, serialized and with TMF counts."""
    offset, limit = paging()
    with runtime().reading() as session:
        bodies, total = filtered_page(session, statement, serialize, attribute_filters(request.args), columns,
                                      offset, limit)
    fields = request.args.get("fields")
    return list_response([select_fields(body, fields) for body in bodies], total)
