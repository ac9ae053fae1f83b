"""The fixed registry of actions an event rule may decide, with their parameters."""

from __future__ import annotations

from dataclasses import dataclass

from .conditions import check_field
from .errors import RuleError, join_pointer

JEOPARDY_LEVELS = ("low", "medium", "high", "critical")


@dataclass(frozen=True)
class ParamSpec:
    """One parameter of an action: its JSON type, whether it is required, its bounds."""

    name: str
    type: str
    required: bool = False
    minimum: int | None = None
    choices: tuple[str, ...] | None = None
    description: str = ""


@dataclass(frozen=True)
class ActionSpec:
    """A registered action name and the parameters it accepts."""

    name: str
    description: str
    params: tuple[ParamSpec, ...] = ()

    def param(self, name: str) -> ParamSpec | None:
        """The spec of parameter ``name``, or None when the action has no such parameter."""
        return next((p for p in self.params if p.name == name), None)


def _reason(required: bool = False) -> ParamSpec:
    return ParamSpec("reason", "string", required, description="Why, for the trace and the agent")


ACTIONS: dict[str, ActionSpec] = {
    spec.name: spec
    for spec in (
        ActionSpec("retry", "Retry the failed task after a back-off", (
            ParamSpec("backoffSeconds", "integer", True, minimum=0),
            ParamSpec("maxAttempts", "integer", minimum=1),
        )),
        ActionSpec("createFallout", "Open a fallout record for a fallout agent", (
            ParamSpec("type", "string", True),
            ParamSpec("priority", "integer", True, minimum=1),
            ParamSpec("assignmentGroup", "string", True),
            ParamSpec("description", "string"),
        )),
        ActionSpec("raiseJeopardy", "Raise the jeopardy level of the task", (
            ParamSpec("level", "string", True, choices=JEOPARDY_LEVELS),
            _reason(),
        )),
        ActionSpec("alert", "Send a jeopardy alert (TMF622 JeopardyAlert event) for this change", (
            ParamSpec("name", "string"),
            ParamSpec("jeopardyType", "string"),
            ParamSpec("message", "string"),
        )),
        ActionSpec("notify", "Send a notification", (
            ParamSpec("to", "string", True, description="Role, group or address"),
            ParamSpec("template", "string"),
            ParamSpec("message", "string"),
        )),
        ActionSpec("escalate", "Escalate to a manager or group (raise the priority, tell them)", (
            ParamSpec("to", "string", True),
            _reason(),
        )),
        ActionSpec("reassign", "Move the task (jeopardy) or the fallout record to another assignment group", (
            ParamSpec("assignmentGroup", "string", True),
        )),
        ActionSpec("hold", "Put the task on hold", (
            _reason(),
            ParamSpec("durationSeconds", "integer", minimum=0),
        )),
        ActionSpec("failItem", "Fail the order item", (_reason(),)),
        ActionSpec("forceComplete", "Complete the task without doing it", (_reason(True),)),
        ActionSpec("resume", "Record the failure and let the order go on (the task completes with the failure "
                             "noted)", (_reason(),)),
    )
}


def _has_type(value: object, json_type: str) -> bool:
    if json_type == "string":
        return isinstance(value, str)
    if json_type == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    raise ValueError(f"unsupported parameter type {json_type}")


def field_reference(value: object) -> str | None:
    """The event field a parameter value ``{"$m": "field"}`` refers to, or None for a literal."""
    if isinstance(value, dict) and len(value) == 1 and isinstance(value.get("$m"), str):
        return value["$m"]
    return None


def resolve_params(params: dict, event: dict) -> dict:
    """``params`` with every field reference replaced by the event's value (None when absent)."""
    return {name: _field_value(event, reference) if (reference := field_reference(value)) is not None else value
            for name, value in params.items()}


def _field_value(event: dict, path: str) -> object:
    value = event
    for segment in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(segment)
    return value


def _param_errors(spec: ParamSpec, value: object, pointer: str) -> list[RuleError]:
    reference = field_reference(value)
    if reference is not None:
        return check_field(reference, join_pointer(pointer, "$m"))
    if not _has_type(value, spec.type):
        return [RuleError(pointer, "invalid_param", f"{spec.name} must be a {spec.type}")]
    if spec.minimum is not None and value < spec.minimum:
        return [RuleError(pointer, "invalid_param", f"{spec.name} must be at least {spec.minimum}")]
    if spec.choices is not None and value not in spec.choices:
        allowed = ", ".join(spec.choices)
        return [RuleError(pointer, "invalid_param", f"{spec.name} must be one of {allowed}")]
    return []


def check_action(action: object, params: dict, pointer: str) -> list[RuleError]:
    """Errors for one ``then`` entry (``pointer`` points at the entry itself)."""
    spec = ACTIONS.get(action) if isinstance(action, str) else None
    if spec is None:
        known = ", ".join(ACTIONS)
        return [RuleError(join_pointer(pointer, "action"), "unknown_action",
                          f"unknown action {action!r}; known actions: {known}")]
    params_pointer = join_pointer(pointer, "params")
    errors = []
    for name, value in params.items():
        param = spec.param(name)
        if param is None:
            errors.append(RuleError(join_pointer(params_pointer, name), "unknown_param",
                                    f"action {spec.name} has no parameter {name!r}"))
        else:
            errors.extend(_param_errors(param, value, join_pointer(params_pointer, name)))
    for param in spec.params:
        if param.required and param.name not in params:
            errors.append(RuleError(params_pointer, "missing_param",
                                    f"action {spec.name} requires parameter {param.name!r}"))
    return errors
