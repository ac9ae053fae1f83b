"""The outputs a person's task expects, as a JSON Schema: the workspace renders it as the completion form and
the server checks a completion's ``output`` against it (422 with a pointer per problem).

A task whose plan definition carries ``outputs`` (a JSON Schema object) expects exactly that; otherwise the
schema of its type applies (a manual task reports its outcome and what was done, a work order the visit).
The type schemas name no required field and admit further properties, so an output that only adds data
is accepted; what they name must have its declared type and values. Approval tasks are decided through the
approvals inbox and have no output form.
"""
from __future__ import annotations

from typing import Any

from jsonschema import Draft202012Validator

from engine.errors import Invalid
from engine.kinds.base.issues import pointer
from engine.kinds.orchestration_plan.task_types import TaskType
from engine.store.models import Task

_NOTES = {"title": "What was done", "type": "string", "maxLength": 4000}

TYPE_OUTPUTS: dict[str, dict[str, Any]] = {
    TaskType.MANUAL: {
        "type": "object", "title": "Task outputs",
        "properties": {
            "outcome": {"title": "Outcome", "type": "string", "enum": ["done", "notNeeded"],
                        "description": "done: the work is done; notNeeded: nothing had to be done"},
            "summary": _NOTES,
            "reference": {"title": "Reference (ticket, call, e-mail)", "type": "string", "maxLength": 200},
            "installWindow": {"title": "Agreed window (start/end dates)", "type": "string", "maxLength": 60},
        },
    },
    TaskType.WORK_ORDER: {
        "type": "object", "title": "Visit report",
        "properties": {
            "outcome": {"title": "Outcome", "type": "string", "enum": ["completed", "partiallyCompleted"]},
            "technician": {"title": "Technician", "type": "string", "maxLength": 120},
            "completedOn": {"title": "Completed on", "type": "string", "format": "date"},
            "ontSerial": {"title": "ONT serial", "type": "string", "maxLength": 60},
            "sitesInstalled": {"title": "Sites installed", "type": "integer", "minimum": 0},
            "summary": _NOTES,
        },
    },
}


def output_schema(task: Task) -> dict[str, Any] | None:
    """The JSON Schema of the output ``task`` expects, or None when people do not complete it with a form."""
    declared = (task.spec or {}).get("outputs")
    if isinstance(declared, dict):
        return declared
    return TYPE_OUTPUTS.get(task.type)


def check_output(task: Task, output: dict[str, Any]) -> None:
    """422 naming every problem of ``output`` (pointers under ``/output``) against the task's output schema."""
    schema = output_schema(task)
    if schema is None:
        return
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    problems = [{"pointer": pointer("output", *error.absolute_path), "code": f"schema.{error.validator}",
                 "message": error.message}
                for error in sorted(validator.iter_errors(output), key=lambda e: list(map(str, e.absolute_path)))]
    if problems:
        raise Invalid(f"the output of task {task.key!r} does not match the outputs it expects", errors=problems)
