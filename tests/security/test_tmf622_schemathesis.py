"""Fuzz the TMF622 productOrder API from the official TMF622 v4 and v5 specifications (schemathesis, in-process).

Each productOrder operation of the official documents (``../shared/data/tmf``, or ``ORDO_SHARED_DIR``; v5 pointed at Ordo's one TMF622
endpoint, which accepts v5's names) gets generated requests that fit the document (positive) and that do not
(negative), against the app with the demo pack active and a few orders placed, so the by-id operations reach
real orders. No response may be a 5xx; against v4, every documented response body must validate against its schema
(v5: see its test).
Status codes the official documents do not list (412, 422, 428 ...) are not checked: Ordo answers them on purpose.
Hypothesis runs derandomized with a few examples per operation and mode, so a run is repeatable and short.
"""
from __future__ import annotations

import json

import pytest
import schemathesis
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import response_schema_conformance

from tests.conftest import SHARED
from tests.rulepacks.telco_demo_driver import BASE, example

TMF = SHARED / "data" / "tmf"
PREFIX = "/tmf-api/productOrderingManagement/v4"
MAX_EXAMPLES = 3  # TMF622's ProductOrder schema is large: generating a body costs seconds
CONFIG = SchemathesisConfig.from_dict({"seed": 622, "generation": {"with-security-parameters": False}})
SETTINGS = settings(max_examples=MAX_EXAMPLES, derandomize=True, deadline=None, database=None,
                    suppress_health_check=list(HealthCheck), print_blob=False)


def _v4() -> dict:
    document = json.loads((TMF / "TMF622-ProductOrder-v4.0.0.swagger.json").read_text())
    return {**document, "host": "localhost", "schemes": ["http"], "basePath": PREFIX}


def _v5() -> dict:
    document = yaml.safe_load((TMF / "TMF622-ProductOrdering-v5.0.0.oas.yaml").read_text())
    return {**document, "servers": [{"url": f"http://localhost{PREFIX}"}]}


def _fuzz(operation, mode: GenerationMode, checks: list) -> None:
    @SETTINGS
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case):
        case.call_and_validate(checks=checks)
    run()


def failures_of(document: dict, app, checks: list) -> tuple[int, list[str]]:
    """The number of productOrder operations fuzzed and every (operation, mode) that failed a check."""
    schema = schemathesis.openapi.from_dict(document, config=CONFIG)
    schema.app = app
    operations = [result.ok() for result in schema.get_all_operations()
                  if result.ok().path.startswith("/productOrder")]
    failures = []
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            try:
                _fuzz(operation, mode, checks)
            except Unsatisfiable:
                assert mode is GenerationMode.NEGATIVE, operation.label
            except (Exception, BaseExceptionGroup) as error:  # every failing operation is reported together
                failures.append(f"{operation.label} ({mode.value}): {error}")
    return len(operations), failures


@pytest.fixture
def placed(client, demo_pack, worker):
    for name in ("fibre-500", "gold-loyal-customer"):
        assert client.post(BASE, json=example(name)).status_code == 201
    worker.run_until_idle()


@pytest.mark.slow
def test_the_official_tmf622_v4_spec_finds_no_server_error_and_no_schema_violation(app, placed):
    count, failures = failures_of(_v4(), app, [not_a_server_error, response_schema_conformance])
    assert count == 5
    assert not failures, "\n\n".join(failures)


@pytest.mark.slow
def test_the_official_tmf622_v5_spec_finds_no_server_error(app, placed):
    """v5 requests (its shapes, its hostile values) never break the server. Its responses are not checked against
    v5's schema: Ordo serves the v4 representation, which v5 changed (``externalId`` a list, ``@type`` on every
    entity, ``product`` a Product or a ProductRef), so a v4 order cannot be a v5 one."""
    count, failures = failures_of(_v5(), app, [not_a_server_error])
    assert count == 5
    assert not failures, "\n\n".join(failures)
