"""``@endpoint``: a view's declared request and response types, applied at run time and read by the OpenAPI
document (``api.native.openapi``)."""
from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, wraps
from typing import Any, Generic, TypeVar

from flask import Response, request
from pydantic import BaseModel, TypeAdapter, ValidationError

from api.contract.body import pydantic_problems, read_body
from api.contract.etag import etag_for_plain, matches_if_none_match
from api.contract.model import Query
from api.errors import ApiError

T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list and how many items match in all."""

    items: list[T]
    total: int


@dataclass(frozen=True)
class Contract:
    """What a view reads and answers; ``response=None`` means 204 No Content."""

    body: type[BaseModel] | dict | None = None
    query: type[Query] | None = None
    response: Any = None
    status: int = 200
    etag: bool = False
    paged: bool = False
    produces: tuple[str, ...] = ()
    consumes: tuple[str, ...] = ()
    other_statuses: tuple[int, ...] = ()


@cache
def _adapter(type_: Any) -> TypeAdapter:
    return TypeAdapter(type_)


def to_plain(value: Any, type_: Any = None) -> Any:
    """``value`` as the JSON data the endpoint answers (camelCase members, ISO dates)."""
    return _adapter(type_ if type_ is not None else Any).dump_python(value, mode="json", by_alias=True)


def read_query(model: type[Query]) -> Query:
    """The query string validated against ``model``: 400 naming each bad or unknown parameter."""
    try:
        return model.model_validate(request.args.to_dict())
    except ValidationError as error:
        raise ApiError(400, "Bad Request", "the query parameters do not match this endpoint",
                       pydantic_problems(error, where="parameter")) from error


def endpoint(*, body: type[BaseModel] | dict | None = None, query: type[Query] | None = None,
             response: Any = None, status: int = 200, etag: bool = False, paged: bool = False,
             produces: tuple[str, ...] = (), consumes: tuple[str, ...] = (),
             other_statuses: tuple[int, ...] = ()) -> Callable:
    """Declare and apply a view's contract; the view gets ``body=`` and ``query=`` keyword arguments when
    declared and returns a response object, a ``Page`` (when ``paged``), ``(value, status)``, or a Flask
    ``Response`` (for ``produces`` other media types). ``consumes`` names the media types of a raw (non-JSON)
    body the view reads itself (a file upload); the OpenAPI document declares it. ``other_statuses`` are further
    success statuses the view may answer with the same response type (e.g. 200 beside 201: "already there")."""
    contract = Contract(body, query, response, status, etag, paged, produces, consumes, other_statuses)

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def run(*args, **kwargs):
            if query is not None:
                kwargs["query"] = read_query(query)
            if body is not None:
                kwargs["body"] = read_body(body)
            return _respond(contract, view(*args, **kwargs))
        run.contract = contract
        return run
    return decorate


def contract_of(view: Callable) -> Contract | None:
    return getattr(view, "contract", None)


def _respond(contract: Contract, result: Any) -> Response:
    if isinstance(result, Response):
        return result
    status, headers = contract.status, {}
    if isinstance(result, tuple):
        result, status, *rest = result
        headers = dict(rest[0]) if rest else {}
    if contract.response is None:
        return Response(status=204 if status == 200 else status, headers=headers)
    if contract.paged:
        if not isinstance(result, Page):
            raise TypeError("a paged endpoint returns Page(items, total)")
        headers.update({"X-Total-Count": str(result.total), "X-Result-Count": str(len(result.items))})
        result = result.items
    plain = to_plain(result, contract.response)
    payload = json.dumps(plain, ensure_ascii=False, separators=(",", ":")).encode()
    if contract.etag:
        tag = etag_for_plain(plain)
        headers["ETag"] = tag
        if request.method in ("GET", "HEAD") and matches_if_none_match(tag):
            return Response(status=304, headers={"ETag": tag})
    return Response(payload, status=status, headers=headers, mimetype="application/json")
