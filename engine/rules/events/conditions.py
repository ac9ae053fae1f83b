"""Check a rule's ``when`` condition and translate it to durable-rules' JSON form.

Supported (single event, stateless), where ``field`` is a name or dotted path
(``order.channel``) of the event:

- ``{"field": value}``: equality; ``value`` is a string, number, boolean or null,
  or ``{"$m": "otherField"}`` to compare with another field of the same event;
- ``{"$lt"|"$lte"|"$gt"|"$gte"|"$eq"|"$neq": {"field": value}}`` (``$ne`` is read as ``$neq``);
  the field-first spelling ``{"field": {"$lt": value}}`` means the same;
- ``{"$ex"|"$nex": {"field": 1}}``: the field is present / absent;
- ``{"$mt"|"$imt": {"field": "regex"}}``: the whole string matches, in durable-rules' own
  regular expression dialect (``.``, ``*``, ``+``, ``?``, ``|``, groups, ``[0-9]`` classes;
  no ``^``/``$`` anchors, no ``\\d``); ``$imt`` ignores case. A pattern durable-rules
  refuses is reported as ``engine_rejected`` on the rule's condition;
- ``{"$iany"|"$iall": {"listField": itemCondition}}``: any / every item of a list matches
  ``itemCondition``, a condition in which the field ``$i`` is the item itself;
- ``{"$and": [condition, ...]}``, ``{"$or": [condition, ...]}``.

An object with several keys means all of them (it becomes ``$and``): durable-rules
itself would read only the first key. ``sid`` and names starting with ``$`` are reserved.
"""

from __future__ import annotations

import math

from .errors import RuleError, join_pointer

COMPARISONS = frozenset({"$lt", "$lte", "$gt", "$gte", "$eq", "$neq"})
ALIASES = {"$ne": "$neq"}
PRESENCE = frozenset({"$ex", "$nex"})
PATTERNS = frozenset({"$mt", "$imt"})
ITEMS = frozenset({"$iany", "$iall"})
LOGICAL = frozenset({"$and", "$or"})
FIELD_OPERATORS = COMPARISONS | PATTERNS | frozenset(ALIASES)
ITEM_FIELD = "$i"
RESERVED_FIELDS = frozenset({"sid"})

Translation = tuple[dict | None, list[RuleError]]


def translate_condition(condition: object, pointer: str, in_item: bool = False) -> Translation:
    """Check ``condition`` and return its durable-rules form with every error found."""
    if not isinstance(condition, dict):
        return None, [RuleError(pointer, "invalid_condition", "a condition must be an object")]
    if not condition:
        return None, [RuleError(pointer, "empty_condition", "a condition needs at least one test")]
    if len(condition) > 1:
        parts = [{key: value} for key, value in condition.items()]
        return _combine("$and", parts, pointer, in_item, split=True)
    (key, value), = condition.items()
    return _translate_single(key, value, pointer, in_item)


def _translate_single(key: str, value: object, pointer: str, in_item: bool) -> Translation:
    key_pointer = join_pointer(pointer, key)
    if key in LOGICAL:
        if not isinstance(value, list) or not value:
            return None, [RuleError(key_pointer, "invalid_condition", f"{key} needs a non-empty list")]
        return _combine(key, value, key_pointer, in_item, split=False)
    if key in ITEMS:
        return _per_field(key, value, key_pointer, in_item, _translate_items)
    if key in PRESENCE:
        return _per_field(key, value, key_pointer, in_item, _translate_presence)
    if key in FIELD_OPERATORS:
        return _per_field(key, value, key_pointer, in_item, _translate_comparison)
    if key.startswith("$") and key != ITEM_FIELD:
        return None, [RuleError(key_pointer, "unknown_operator", f"unknown operator {key!r}")]
    return _translate_field_test(key, value, pointer, in_item)


def _combine(operator: str, parts: list, pointer: str, in_item: bool, split: bool) -> Translation:
    translated, errors = [], []
    for index, part in enumerate(parts):
        part_pointer = pointer if split else join_pointer(pointer, index)
        expression, part_errors = translate_condition(part, part_pointer, in_item)
        translated.append(expression)
        errors.extend(part_errors)
    return (None if errors else {operator: translated}), errors


def _per_field(operator: str, tests: object, pointer: str, in_item: bool, translate) -> Translation:
    if not isinstance(tests, dict) or not tests:
        return None, [RuleError(pointer, "invalid_condition", f"{operator} needs an object of field: value")]
    translated, errors = [], []
    for field, operand in tests.items():
        field_pointer = join_pointer(pointer, field)
        field_errors = check_field(field, field_pointer, in_item)
        expression, operand_errors = translate(operator, field, operand, field_pointer, in_item)
        errors.extend(field_errors + operand_errors)
        translated.append(expression)
    if errors:
        return None, errors
    return (translated[0] if len(translated) == 1 else {"$and": translated}), []


def _translate_field_test(field: str, value: object, pointer: str, in_item: bool) -> Translation:
    field_pointer = join_pointer(pointer, field)
    errors = check_field(field, field_pointer, in_item)
    if _is_field_operator_object(value):
        (operator, operand), = value.items()
        expression, operand_errors = _translate_comparison(
            operator, field, operand, join_pointer(field_pointer, operator), in_item)
    else:
        expression, operand_errors = _translate_comparison("$eq", field, value, field_pointer, in_item)
    errors = errors + operand_errors
    return (None if errors else expression), errors


def _is_field_operator_object(value: object) -> bool:
    return isinstance(value, dict) and len(value) == 1 and next(iter(value)) in FIELD_OPERATORS


def _translate_comparison(operator: str, field: str, operand: object, pointer: str, in_item: bool) -> Translation:
    operator = ALIASES.get(operator, operator)
    if operator in PATTERNS and not isinstance(operand, str):
        return None, [RuleError(pointer, "invalid_operand", f"{operator} needs a regular expression string")]
    errors = check_operand(operand, pointer, in_item)
    if errors:
        return None, errors
    if operator == "$eq":
        return {field: operand}, []
    return {operator: {field: operand}}, []


def _translate_presence(operator: str, field: str, operand: object, pointer: str, in_item: bool) -> Translation:
    return {operator: {field: 1}}, []


def _translate_items(operator: str, field: str, operand: object, pointer: str, in_item: bool) -> Translation:
    expression, errors = translate_condition(operand, pointer, in_item=True)
    return (None if errors else {operator: {field: expression}}), errors


def check_field(field: str, pointer: str, in_item: bool = False) -> list[RuleError]:
    """Errors for a field name used in a condition."""
    if in_item and (field == ITEM_FIELD or field.startswith(ITEM_FIELD + ".")):
        return []
    if not field or any(not segment for segment in field.split(".")):
        return [RuleError(pointer, "invalid_field", f"{field!r} is not a field name or dotted path")]
    if field.startswith("$") or field in RESERVED_FIELDS:
        return [RuleError(pointer, "reserved_field", f"{field!r} is reserved by the rules engine")]
    return []


def check_operand(operand: object, pointer: str, in_item: bool = False) -> list[RuleError]:
    """Errors for the value a field is compared with."""
    if isinstance(operand, float) and not math.isfinite(operand):
        return [RuleError(pointer, "invalid_operand", "numbers must be finite")]
    if operand is None or isinstance(operand, str | bool | int | float):
        return []
    if isinstance(operand, dict) and len(operand) == 1 and "$m" in operand:
        reference = operand["$m"]
        if isinstance(reference, str):
            return check_field(reference, join_pointer(pointer, "$m"), in_item)
    return [RuleError(pointer, "invalid_operand",
                      "compare with a string, number, boolean, null or {\"$m\": \"otherField\"}")]
