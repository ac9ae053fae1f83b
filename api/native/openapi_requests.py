"""What the native endpoints read from the request: JSON bodies and query parameters, by endpoint name.

The OpenAPI document (``api.native.openapi``) adds them to the operations it builds from the routes, so
clients and the fuzzing stage see the shapes the handlers accept.
"""
from __future__ import annotations

STRING = {"type": "string"}
NON_BLANK = {"type": "string", "minLength": 1, "pattern": r"\S"}
OBJECT = {"type": "object"}
PAGING = {"offset": {"type": "integer", "minimum": 0}, "limit": {"type": "integer", "minimum": 1, "maximum": 1000}}


def _object(properties: dict, required: tuple[str, ...] = ()) -> dict:
    schema = {"type": "object", "properties": properties}
    if required:
        schema["required"] = list(required)
    return schema


def request_bodies() -> dict[str, dict]:
    """The JSON body schema of each endpoint that reads one."""
    return {
        "native_revisions.revision_preview": _object({"productOrderItem": {"type": "array", "items": OBJECT}}),
        "workspace.complete": _object({"output": OBJECT}),
        "workspace.reassign": _object({"group": NON_BLANK, "assignee": NON_BLANK}),
        "workspace.note": _object({"text": NON_BLANK}, ("text",)),
        "workspace.end_wait": _object({"reason": NON_BLANK}, ("reason",)),
        "holds.release": _object({"reason": STRING}),
        "workspace.approve": _object({"comment": STRING}),
        "workspace.reject": _object({"comment": STRING}),
    }


QUERY_PARAMETERS: dict[str, dict[str, dict]] = {
    "workspace.task_queue": {**PAGING, "group": STRING, "state": STRING, "assignee": STRING, "type": STRING,
                             "orderId": STRING},
    "workspace.approvals": {"state": STRING, "role": STRING},
    "notifications.list_notifications": {**PAGING, "unread": {"type": "boolean"}, "group": STRING,
                                         "orderId": STRING, "state": STRING},
    "stream.stream": {"topic": {"type": "string", "minLength": 1,
                                "description": "order:<id>, queue:<group>, queue:* or artifact:<key>; several "
                                               "comma-separated or repeated"},
                      "since": {"type": "integer", "minimum": 0,
                                "description": "resume after this event id (the Last-Event-ID header wins)"}},
}
REQUIRED_QUERY: dict[str, tuple[str, ...]] = {"stream.stream": ("topic",)}
