"""Strong ETags of TMF resources (a hash of the JSON body as answered, keys sorted) and the conditional requests on them.

A GET of one resource answers ``ETag``; with a matching ``If-None-Match`` it answers 304 without a body. A
guarded write compares ``If-Match`` with the ETag a GET (without ``fields=``) would answer now: 412 when stale,
and 428 without one where the write requires it (api.contract.etag.require_if_match).
"""
from __future__ import annotations

import json

from flask import Response, current_app, request

from api.contract.etag import etag_for_plain, matches_if_none_match, require_if_match

__all__ = ["etag_of_body", "tagged", "require_if_match"]


def _bytes(body) -> bytes:
    return current_app.json.response(body).get_data()


def etag_of_body(body) -> str:
    """The ETag of ``body`` as a GET answers it."""
    return etag_for_plain(json.loads(_bytes(body)))


def tagged(body, status: int = 200, headers: dict | None = None) -> Response:
    """``body`` as JSON with its strong ETag; a GET whose If-None-Match names it answers 304 (no body)."""
    data = _bytes(body)
    etag = etag_for_plain(json.loads(data))
    if request.method in ("GET", "HEAD") and status == 200 and matches_if_none_match(etag):
        return Response(status=304, headers={"ETag": etag})
    response = Response(data, status=status, mimetype="application/json", headers=headers)
    response.headers["ETag"] = etag
    return response

