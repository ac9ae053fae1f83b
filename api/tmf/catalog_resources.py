"""The TMF620 resources Ordo keeps, where each lives (artifact binding, body list, schema) and entry checks.

productOffering and productSpecification are entries of the catalog artifact the active pack binds
(``bindings.catalog``); productOfferingPrice entries are the rows of its price list
(``bindings.pricing.priceList``).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from jsonschema import Draft202012Validator

from engine.kinds.base.issues import pointer
from engine.kinds.base.schema import load_schema

KINDS = Path(__file__).resolve().parents[2] / "engine" / "kinds"
SKIPPED_KEYWORDS = frozenset({"required", "additionalProperties", "unevaluatedProperties"})


@dataclass(frozen=True)
class Resource:
    name: str
    member: str
    schema: Path
    definition: str
    binding: Callable[[dict], object]

    def artifact_key(self, bindings: dict) -> str | None:
        key = self.binding(bindings or {})
        return key if isinstance(key, str) else None


def _price_list(bindings: dict) -> object:
    pricing = bindings.get("pricing")
    return pricing.get("priceList") if isinstance(pricing, dict) else None


RESOURCES = {
    "productOffering": Resource("productOffering", "productOfferings", KINDS / "catalog" / "schema.json",
                                "productOffering", lambda b: b.get("catalog")),
    "productSpecification": Resource("productSpecification", "productSpecifications",
                                     KINDS / "catalog" / "schema.json", "productSpecification",
                                     lambda b: b.get("catalog")),
    "productOfferingPrice": Resource("productOfferingPrice", "prices", KINDS / "price_list" / "schema.json",
                                     "price", _price_list),
}


def _properties(defs: dict, definition: dict) -> set[str]:
    found = set(definition.get("properties", {}))
    if "$ref" in definition:
        found |= _properties(defs, defs[definition["$ref"].rsplit("/", 1)[-1]])
    return found


def entry_problems(resource: Resource, entry: dict, tmf_pointers: dict) -> list[dict]:
    """Attributes the entry's schema does not know and values of the wrong shape, with TMF pointers.

    Completeness (attributes the schema requires, references to other entries) is checked when the draft
    is published, so a draft may be built step by step.
    """
    schema = load_schema(resource.schema)
    defs = schema["$defs"]
    known = _properties(defs, defs[resource.definition])
    problems = [{"pointer": tmf_pointers.get(name, f"/{name}"), "code": "unsupported",
                 "message": f"{resource.name} attribute {name!r} is not kept by Ordo; known: {sorted(known)}"}
                for name in entry if name not in known]
    validator = Draft202012Validator({"$defs": defs, "$ref": f"#/$defs/{resource.definition}"})
    for error in validator.iter_errors(entry):
        if error.validator in SKIPPED_KEYWORDS:
            continue
        path = list(error.absolute_path)
        at = tmf_pointers.get(path[0], f"/{path[0]}") + pointer(*path[1:]) if path else ""
        problems.append({"pointer": at, "code": f"schema.{error.validator}", "message": error.message})
    return problems
