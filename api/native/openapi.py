"""The OpenAPI document of the native API (grows with each endpoint)."""

_problem = {"description": "problem+json", "content": {"application/problem+json": {"schema": {"type": "object"}}}}

OPENAPI = {
    "openapi": "3.1.0",
    "info": {"title": "Ordo native API", "version": "0.1.0",
             "description": "Studio, workspace and admin endpoints. TM Forum APIs live under /tmf-api/."},
    "paths": {
        "/api/v1/health": {"get": {"summary": "Liveness, database kind and the active rule pack",
                                   "responses": {"200": {"description": "ok"}}}},
        "/api/v1/orders/{id}": {"get": {
            "summary": "Order detail for the workspace: state, stage, items, domain orders, tasks",
            "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
            "responses": {"200": {"description": "the order"}, "404": _problem}}},
        "/api/v1/orders/{id}/trace": {"get": {
            "summary": "Trace entries of an order: stage, artifact, version, rule, inputs, decision",
            "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
            "responses": {"200": {"description": "trace entries"}, "404": _problem}}},
    },
}
