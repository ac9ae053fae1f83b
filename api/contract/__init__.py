"""The native API's contract: typed requests and responses that are also its OpenAPI document.

A view declares what it reads and answers with ``@endpoint`` (placed *below* ``@requires`` so the caller is
authorised before the body is read)::

    @bp.get("/tasks")
    @requires("task.read")
    @endpoint(query=TaskQuery, response=list[TaskView], paged=True)
    def task_queue(query: TaskQuery) -> Page[TaskView]: ...

    @bp.put("/artifacts/<key>/versions/<int:version>")
    @requires("studio.edit")
    @endpoint(body=SaveDraft, response=VersionView, etag=True)
    def save_draft(key: str, version: int, body: SaveDraft) -> VersionView: ...

- ``Timestamp`` is a moment on the wire (ISO 8601 UTC with a Z); use it for every date-time member.
- ``Model`` is the base of every request and response type (snake_case in Python, camelCase on the wire).
- ``Query`` / ``ListQuery`` declare query parameters; ``ListQuery`` adds ``offset``, ``limit`` (at most
  ``MAX_LIMIT``) and ``sort`` (a subclass narrows it with ``sort_by(...)``). Unknown parameters answer 400.
- ``body=`` takes a ``Model`` class or a plain JSON Schema dict; the one body parser answers 415 for a content
  type that is not JSON, 400 with line and column for malformed JSON, 422 with JSON pointers for schema errors.
- Every native list answers the same way: a JSON array of the page, ``X-Total-Count`` (all matches) and
  ``X-Result-Count`` (this page); the handler returns ``Page(items, total)``.
- ``etag=True``: the response carries a strong ``ETag`` (a hash of the body); a GET with a matching
  ``If-None-Match`` answers 304. Writes guarded by optimistic locking call ``require_if_match(etag_of(view))``
  with the current representation before changing anything: 428 without ``If-Match``, 412 when stale.
- ``produces=("image/svg+xml", ...)`` for views that answer something other than JSON (they return a Flask
  response themselves); ``consumes=("text/csv", ...)`` for views that read a raw file body themselves.
"""
from api.contract.body import read_body
from api.contract.endpoint import Contract, Page, contract_of, endpoint
from api.contract.etag import etag_of, require_if_match
from api.contract.model import MAX_LIMIT, ListQuery, Model, Query, Timestamp, sort_by

__all__ = ["Contract", "ListQuery", "MAX_LIMIT", "Model", "Page", "Query", "contract_of", "endpoint", "etag_of",
           "read_body", "require_if_match", "sort_by", "Timestamp"]
