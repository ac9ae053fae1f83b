"""The native OpenAPI document: request shapes declared for the endpoints that read them."""
from __future__ import annotations

from api.native.openapi_requests import QUERY_PARAMETERS, REQUIRED_QUERY, request_bodies


def test_every_declared_request_shape_names_a_real_endpoint(app):
    endpoints = set(app.view_functions)
    stale = (set(request_bodies()) | set(QUERY_PARAMETERS) | set(REQUIRED_QUERY)) - endpoints
    assert not stale, f"openapi_requests names endpoints that no longer exist: {sorted(stale)}"


def test_the_document_carries_bodies_query_parameters_and_error_shapes(client):
    document = client.get("/api/v1/openapi.json").json
    save = document["paths"]["/api/v1/studio/artifacts/{key}/versions/{version}"]["put"]
    body = save["requestBody"]["content"]["application/json"]["schema"]
    assert body["required"] == ["kind", "key", "schemaVersion", "body"]
    assert {p["name"]: p["in"] for p in save["parameters"]} == {"key": "path", "version": "path"}
    assert {"412", "428"} <= set(save["responses"])
    imported = document["paths"]["/api/v1/studio/artifacts/{key}/import"]["post"]
    assert {"text/csv", "application/dmn+xml"} <= set(imported["requestBody"]["content"])
    assert {"200", "201", "413", "415", "422"} <= set(imported["responses"])
    exported = document["paths"]["/api/v1/studio/artifacts/{key}/versions/{version}/export"]["get"]
    assert "text/csv" in exported["responses"]["200"]["content"]
    tasks = document["paths"]["/api/v1/tasks"]["get"]
    assert {"offset", "limit", "state"} <= {p["name"] for p in tasks["parameters"] if p["in"] == "query"}
    diff = document["paths"]["/api/v1/studio/artifacts/{key}/diff"]["get"]
    assert all(p["required"] for p in diff["parameters"] if p["name"] in ("from", "to"))
    problem = tasks["responses"]["422"]["content"]["application/problem+json"]["schema"]
    assert problem["required"] == ["type", "title", "status"]
    assert set(document["paths"]["/api/v1/auth/tokens/{token_id}"]["delete"]["responses"]) >= {"204", "404"}
