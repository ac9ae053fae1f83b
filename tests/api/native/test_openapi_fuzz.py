"""Fuzz the native API from its own OpenAPI document (schemathesis, in-process WSGI, bounded and derandomized).

Every operation of ``/api/v1/openapi.json`` gets generated requests -- bodies, query and path parameters that
fit the document (positive) and that do not (negative) -- against the app with the demo pack active and
authentication off (calls act as ``anonymous`` with every permission). No response may be a 5xx; statuses,
content types and problem+json bodies must match the document. Hypothesis runs derandomized with a fixed number
of examples per operation and mode, so a run is repeatable; every failing operation is listed, not only the first.
schemathesis' own pytest plugin is not used (its lazy fixture loader does not work with pytest 9).
"""
from __future__ import annotations

import pytest
import schemathesis
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

pytestmark = pytest.mark.slow
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
