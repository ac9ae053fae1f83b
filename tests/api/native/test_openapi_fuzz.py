"""Fuzz the native API from its own OpenAPI document (schemathesis, in-process WSGI, bounded and derandomized).

Every operation of ``/api/v1/openapi.json`` gets generated requests -- bodies, query and path parameters that
fit the document (positive) and that do not (negative) -- against the app with the demo pack active and
authentication off (calls act as ``anonymous`` with every permission). No response may be a 5xx; statuses,
content types, problem+json bodies and success bodies (their component schemas, ``$ref`` resolved) must match the
document -- shown on a small app of its own whose one endpoint answers a wrong type. Hypothesis runs derandomized with a fixed number
of examples per operation and mode, so a run is repeatable; every failing operation is listed, not only the first.
schemathesis' own pytest plugin is not used (its lazy fixture loader does not work with pytest 9).
"""
from __future__ import annotations

import json

import pytest
import schemathesis
from flask import Blueprint, Flask, Response, current_app
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from api.contract import Model, endpoint
from api.errors import register_error_handlers
from api.native.openapi import build_openapi

MAX_EXAMPLES = 25
CONFIG = SchemathesisConfig.from_dict({"seed": 620, "generation": {"with-security-parameters": False}})
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
SETTINGS = settings(max_examples=MAX_EXAMPLES, derandomize=True, deadline=None, database=None,
                    suppress_health_check=list(HealthCheck), print_blob=False)


def _fuzz(operation, mode: GenerationMode) -> None:
    @SETTINGS
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case):
        case.call_and_validate(checks=CHECKS)
    run()


@pytest.mark.slow
def test_no_operation_answers_a_server_error_or_breaks_its_document(app, demo_pack):
    app.config.update(STREAM_LIFETIME_SECONDS=0.05, STREAM_HEARTBEAT_SECONDS=0.02, STREAM_POLL_SECONDS=0.01)
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app, config=CONFIG)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 50
    failures = []
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            try:
                _fuzz(operation, mode)
            except Unsatisfiable:
                assert mode is GenerationMode.NEGATIVE, operation.label  # nothing in it can be made invalid
            except (Exception, BaseExceptionGroup) as error:  # every failing operation is reported together
                failures.append(f"{operation.label} ({mode.value}): {error}")
    assert not failures, "\n\n".join(failures)


class Part(Model):
    part_id: str
    size: int


class Box(Model):
    parts: list[Part]


def _boxes() -> Flask:
    """An app whose ``/wrong`` endpoint answers a ``size`` that is not an integer, deep in a referenced schema."""
    app, bp = Flask(__name__), Blueprint("boxes", __name__, url_prefix="/api/v1/boxes")
    register_error_handlers(app)

    @bp.get("/right")
    @endpoint(response=Box)
    def right():
        return Box(parts=[Part(part_id="a", size=1)])

    @bp.get("/wrong")
    @endpoint(response=Box)
    def wrong():
        return Response(json.dumps({"parts": [{"partId": "a", "size": "one"}]}), mimetype="application/json")

    app.register_blueprint(bp)
    app.add_url_rule("/openapi.json", "openapi", lambda: build_openapi(current_app))
    return app


def test_the_checks_catch_a_response_body_that_breaks_its_component_schema():
    schema = schemathesis.openapi.from_wsgi("/openapi.json", _boxes(), config=CONFIG)
    document = schema.raw_schema
    assert document["components"]["schemas"]["Box"]["properties"]["parts"]["items"] == {
        "$ref": "#/components/schemas/Part"}
    operations = {result.ok().path: result.ok() for result in schema.get_all_operations()}
    _fuzz(operations["/api/v1/boxes/right"], GenerationMode.POSITIVE)
    with pytest.raises((Exception, BaseExceptionGroup)) as caught:
        _fuzz(operations["/api/v1/boxes/wrong"], GenerationMode.POSITIVE)
    assert "Response violates schema" in str(caught.value) and '"one" is not of type "integer"' in str(caught.value)
