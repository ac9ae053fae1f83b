"""The native OpenAPI document: valid OpenAPI 3.1 built without a database, request shapes, authentication,
problem+json errors, the committed copy (api/openapi.json) and which endpoints are on the contract."""
from __future__ import annotations

import json

import pytest
from flask import Blueprint, Flask
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.exceptions import Unresolvable
from referencing.jsonschema import DRAFT202012
from schemathesis.specs.openapi.definitions import OPENAPI_31

from api.app import build_app
from api.contract import Model, contract_of, endpoint
from api.native.openapi import COMMITTED, build_openapi, committed_document, main, operation_id
from api.permissions import PERMISSIONS, PUBLIC


def test_the_document_carries_bodies_query_parameters_and_error_shapes(client):
    document = client.get("/api/v1/openapi.json").json
    save = document["paths"]["/api/v1/studio/artifacts/{key}/versions/{version}"]["put"]
    body = save["requestBody"]["content"]["application/json"]["schema"]
    assert body["required"] == ["kind", "key", "schemaVersion", "body"]
    assert {p["name"]: p["in"] for p in save["parameters"]} == {"key": "path", "version": "path", "If-Match": "header"}
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
    assert tasks["responses"]["422"] == {"$ref": "#/components/responses/UnprocessableContent"}
    problem = document["components"]["responses"]["UnprocessableContent"]["content"]["application/problem+json"]
    assert problem["schema"] == {"$ref": "#/components/schemas/ProblemDetails"}
    assert set(document["paths"]["/api/v1/auth/tokens/{token_id}"]["delete"]["responses"]) >= {"204", "404"}


@pytest.fixture(scope="module")
def built():
    """The app's route table, not connected to any database (the database URL points nowhere)."""
    return build_app({"TESTING": True, "DATABASE_URL": "postgresql://nobody@127.0.0.1:9/nowhere"})


@pytest.fixture(scope="module")
def document(built):
    return build_openapi(built)


def _operations(document):
    return [(path, method, operation) for path, operations in document["paths"].items()
            for method, operation in operations.items()]


def _schemas(document):
    yield from document["components"]["schemas"].values()
    for _, _, operation in _operations(document):
        yield from (parameter["schema"] for parameter in operation.get("parameters", ()))
        for answer in [operation.get("requestBody", {}), *operation["responses"].values()]:
            yield from (media["schema"] for media in answer.get("content", {}).values())
            yield from (header["schema"] for header in answer.get("headers", {}).values())


def _refs(node):
    if isinstance(node, dict):
        if isinstance(node.get("$ref"), str):
            yield node["$ref"]
        for value in node.values():
            yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def test_the_document_is_valid_openapi_3_1(document):
    problems = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
                for e in Draft202012Validator(OPENAPI_31).iter_errors(document)]
    assert not problems, "\n".join(problems[:20])
    for schema in _schemas(document):
        Draft202012Validator.check_schema(schema)
    resolver = Registry().with_resource("", Resource.from_contents(document, DRAFT202012)).resolver()
    for ref in set(_refs(document)):
        assert ref.startswith("#/"), ref
        resolver.lookup(ref)  # raises when nothing is there


def test_the_validator_is_not_a_rubber_stamp(document):
    broken = {**document, "paths": {"/api/v1/x": {"get": {"responses": {"200": {"content": []}}}}}}
    assert list(Draft202012Validator(OPENAPI_31).iter_errors(broken))
    with pytest.raises(Unresolvable):
        Registry().with_resource("", Resource.from_contents(document, DRAFT202012)).resolver().lookup(
            "#/components/schemas/NoSuchThing")


def test_operation_ids_are_unique_and_named_after_blueprint_and_view(built, document):
    ids = [operation["operationId"] for _, _, operation in _operations(document)]
    assert len(ids) == len(set(ids))
    endpoints = {e.replace(".", "_") for e in built.view_functions}
    assert all(i in endpoints or i.rsplit("_", 1)[0] in endpoints for i in ids)
    assert document["paths"]["/api/v1/health"]["get"]["operationId"] == "native_health_health"
    assert operation_id("a.view", "get", {"GET", "PUT", "HEAD"}) == "a_view_get"


def test_every_operation_has_its_blueprint_tag_and_a_declared_permission(built, document):
    declared = {tag["name"] for tag in document["tags"]}
    for path, method, operation in _operations(document):
        assert operation["tags"][0] in built.blueprints and operation["tags"][0] in declared, path
        assert operation["x-permission"] in PERMISSIONS, (path, method)
    retry = document["paths"]["/api/v1/fallout/{record_id}/retry"]["post"]
    assert retry["tags"] == ["fallout"] and retry["x-permission"] == "fallout.work"
    assert "fallout.work" in retry["description"]


def test_authentication_is_a_bearer_token_or_the_session_cookie_with_the_csrf_header(document):
    schemes = document["components"]["securitySchemes"]
    assert schemes["bearer"] == {**schemes["bearer"], "type": "http", "scheme": "bearer"}
    assert (schemes["session"]["in"], schemes["session"]["name"]) == ("cookie", "ordo_session")
    assert (schemes["csrf"]["in"], schemes["csrf"]["name"]) == ("header", "X-CSRF-Token")
    assert document["security"] == [{"bearer": []}, {"session": []}]
    for path, method, operation in _operations(document):
        if operation["x-permission"] in PUBLIC:
            assert operation["security"] == [], path
        elif method == "get":
            assert "security" not in operation, path
        else:
            assert operation["security"] == [{"bearer": []}, {"session": [], "csrf": []}], (path, method)


def test_every_error_answer_is_problem_json(document):
    problem = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/ProblemDetails"}}}
    assert all(response["content"] == problem for response in document["components"]["responses"].values())
    for path, method, operation in _operations(document):
        errors = {status: answer for status, answer in operation["responses"].items() if status >= "400"}
        assert {"400", "401", "403", "404", "422"} <= set(errors), (path, method)
        assert all(answer["$ref"].startswith("#/components/responses/") for answer in errors.values())
        if "requestBody" in operation:
            assert "415" in errors, (path, method)
    assert document["components"]["schemas"]["ProblemDetails"]["required"] == ["type", "title", "status"]


def test_the_committed_document_is_the_one_the_code_builds():
    committed = COMMITTED.read_text(encoding="utf-8") if COMMITTED.exists() else ""
    assert committed == committed_document(), (
        f"{COMMITTED.relative_to(COMMITTED.parents[1])} is not the document the routes and contracts build: "
        "run `make openapi` and commit it")


def test_the_command_writes_the_document_without_a_database(tmp_path, monkeypatch):
    monkeypatch.setenv("ORDO_DATABASE_URL", "postgresql://nobody@127.0.0.1:9/nowhere")
    main(["--out", str(tmp_path / "openapi.json")])
    written = json.loads((tmp_path / "openapi.json").read_text(encoding="utf-8"))
    assert written["openapi"] == "3.1.0" and "/api/v1/health" in written["paths"]


def test_every_native_endpoint_declares_its_contract(built):
    missing = sorted(rule.endpoint for rule in built.url_map.iter_rules()
                     if rule.rule.startswith("/api/v1") and contract_of(built.view_functions[rule.endpoint]) is None)
    assert not missing, f"{len(missing)} /api/v1 endpoints have no @endpoint contract: {missing}"



def test_etag_endpoints_describe_their_conditional_requests(document):
    tagged = [(path, method, operation) for path, method, operation in _operations(document)
              if any("ETag" in answer.get("headers", {}) for answer in operation["responses"].values())]
    assert tagged, "no endpoint sends an ETag (api/native/groups.py does)"
    for path, method, operation in tagged:
        headers = {p["name"] for p in operation.get("parameters", ()) if p["in"] == "header"}
        if method == "get":
            assert "304" in operation["responses"] and "If-None-Match" in headers, path
        else:
            assert {"412", "428"} <= set(operation["responses"]) and "If-Match" in headers, (path, method)


def test_the_served_document_is_the_committed_one(client):
    served = client.get("/api/v1/openapi.json")
    assert served.status_code == 200 and served.json == json.loads(COMMITTED.read_text(encoding="utf-8"))


class Receipt(Model):
    rows: int


def test_a_raw_upload_and_further_success_statuses_are_described():
    app, bp = Flask(__name__), Blueprint("uploads", __name__, url_prefix="/api/v1")

    @bp.post("/uploads")
    @endpoint(consumes=("text/csv",), response=Receipt, status=201, other_statuses=(200,))
    def upload():
        """Take a CSV file."""

    app.register_blueprint(bp)
    operation = build_openapi(app)["paths"]["/api/v1/uploads"]["post"]
    assert operation["requestBody"] == {"required": True, "content": {
        "text/csv": {"schema": {"type": "string", "format": "binary"}}}}
    assert {"200", "201", "413", "415"} <= set(operation["responses"])
    assert operation["responses"]["200"] == operation["responses"]["201"]
