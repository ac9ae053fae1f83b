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
        "auth.login": _object({"username": NON_BLANK, "password": NON_BLANK}, ("username", "password")),
        "auth.create_token": _object({"name": NON_BLANK}),
        "fallout.force_complete": _object({"reason": NON_BLANK}, ("reason",)),
        "fallout.fix": _object({"params": OBJECT, "lines": {"type": "object", "additionalProperties": OBJECT},
                                "reason": STRING}),
        "fallout.fail_item": _object({"reason": NON_BLANK}, ("reason",)),
        "fallout.cancel_order": _object({"reason": NON_BLANK}, ("reason",)),
        "fallout.bulk_retry": _object({"ids": {"type": "array", "items": STRING, "maxItems": 500}, "type": STRING,
                                       "assignmentGroup": STRING}),
    }


QUERY_PARAMETERS: dict[str, dict[str, dict]] = {
    "native_events.deliveries": {**PAGING, "listenerId": STRING, "eventId": STRING, "outcome": STRING},
    "fallout.list_fallout": {"state": STRING, "type": STRING, "group": STRING, "orderId": STRING},
    "fallout.summary": {"type": STRING, "group": STRING},
    "jeopardy.jeopardy_board": {"level": STRING, "group": STRING, "minAge": STRING},
    "jeopardy.list_alerts": {**PAGING, "orderId": STRING, "taskId": STRING, "level": STRING, "scope": STRING,
                             "group": STRING, "escalatedTo": STRING, "acknowledged": {"type": "boolean"}},
    "stream.stream": {"topic": {"type": "string", "minLength": 1,
                                "description": "order:<id>, queue:<group>, queue:* or artifact:<key>; several "
                                               "comma-separated or repeated"},
                      "since": {"type": "integer", "minimum": 0,
                                "description": "resume after this event id (the Last-Event-ID header wins)"}},
}
REQUIRED_QUERY: dict[str, tuple[str, ...]] = {"stream.stream": ("topic",)}
