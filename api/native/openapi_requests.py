"""What the native endpoints read from the request: JSON bodies and query parameters, by endpoint name.

The OpenAPI document (``api.native.openapi``) adds them to the operations it builds from the routes, so
clients and the fuzzing stage see the shapes the handlers accept.
"""
from __future__ import annotations

from engine.kinds.base.schema import load_schema
from engine.kinds.documents import ENVELOPE_SCHEMA

STRING = {"type": "string"}
NON_BLANK = {"type": "string", "minLength": 1, "pattern": r"\S"}
OBJECT = {"type": "object"}
PAGING = {"offset": {"type": "integer", "minimum": 0}, "limit": {"type": "integer", "minimum": 1, "maximum": 1000}}


def _object(properties: dict, required: tuple[str, ...] = ()) -> dict:
    schema = {"type": "object", "properties": properties}
    if required:
        schema["required"] = list(required)
    return schema


def _envelope() -> dict:
    schema = dict(load_schema(ENVELOPE_SCHEMA))
    schema.pop("$schema", None)
    schema.pop("$id", None)
    return schema


def request_bodies() -> dict[str, dict]:
    """The JSON body schema of each endpoint that reads one."""
    envelope = _envelope()
    return {
        "studio_artifacts.create_artifact": envelope,
        "studio_artifacts.validate": envelope,
        "studio_artifacts.save_draft": _object({"revision": {"type": "integer", "minimum": 1},
                                                "document": envelope}, ("revision", "document")),
        "studio_packs.create_pack": _object({"key": NON_BLANK, "title": STRING, "bindings": OBJECT,
                                             "pins": {"type": "object",
                                                      "additionalProperties": {"type": "integer", "minimum": 1}}},
                                            ("key", "pins")),
        "studio_packs.derive_pack": _object({"from": {"oneOf": [{"const": "active"},
                                                                {"type": "integer", "minimum": 1}]},
                                             "title": NON_BLANK,
                                             "pins": {"type": "object",
                                                      "additionalProperties": {"type": "integer", "minimum": 1}}},
                                            ("title",)),
        "studio_services.simulate": _object({"input": {}}, ("input",)),
        "studio_services.simulate_pack": _object({"productOrderItem": {"type": "array", "items": OBJECT}},
                                                 ("productOrderItem",)),
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
    "audit.list_events": {**PAGING, "entityType": STRING, "entityId": STRING, "actor": STRING, "action": STRING,
                          "orderId": STRING},
    "workspace.task_queue": {**PAGING, "group": STRING, "state": STRING, "assignee": STRING, "type": STRING,
                             "orderId": STRING},
    "workspace.approvals": {"state": STRING, "role": STRING},
    "studio_artifacts.list_artifacts": {"kind": STRING},
    "notifications.list_notifications": {**PAGING, "unread": {"type": "boolean"}, "group": STRING,
                                         "orderId": STRING, "state": STRING},
    "studio_services.diff": {"from": {"type": "integer", "minimum": 1}, "to": {"type": "integer", "minimum": 1}},
    "studio_services.pack_diff": {"from": {"type": "integer", "minimum": 1}, "to": {"type": "integer", "minimum": 1}},
}
REQUIRED_QUERY = {"studio_services.diff": ("from", "to"), "studio_services.pack_diff": ("from", "to")}
