"""Whole-pack checks: every key a binding or an artifact names exists and has the right kind."""
from __future__ import annotations

from .base.issues import Issue, pointer
from .registry import KIND_SPECS
from .stages import CHANGE_ACTIONS, DOMAINS, PACK_STAGES


def validate_references(documents: dict[str, dict], bindings: dict) -> list[Issue]:
    """Issues of a pack: bindings (``artifact`` None, pointers under ``/bindings``) and the
    references inside each artifact (``artifact`` = its key, pointers from its root)."""
    issues = _binding_issues(documents, bindings)
    catalog = documents.get(bindings.get("catalog")) if isinstance(bindings.get("catalog"), str) else None
    ids = _catalog_ids(catalog)
    for key, document in documents.items():
        issues += _artifact_issues(key, document, documents, ids)
    issues += _orchestration_key_issues(bindings.get("orchestration"), ids)
    return issues


def _binding_issues(documents: dict, bindings: dict) -> list[Issue]:
    if not isinstance(bindings, dict):
        return [Issue("/bindings", "invalid_binding", "bindings must be an object")]
    issues = [Issue("/bindings", "missing_binding", f"the pack must bind stage {name!r}")
              for name, stage in PACK_STAGES.items() if stage.required and name not in bindings]
    for name, value in bindings.items():
        stage = PACK_STAGES.get(name)
        if stage is None:
            issues.append(Issue(pointer("bindings", name), "unknown_stage", f"there is no stage {name!r}"))
            continue
        for at, key, kind, outputs in _bound_keys(stage, value, pointer("bindings", name), issues):
            issues += _check_key(documents, key, (kind,), at, None)
            issues += _output_issues(documents.get(key), key, outputs, kind)
    return issues


def _bound_keys(stage, value, at: str, issues: list[Issue]):
    if stage.shape == "key":
        return _one_key(value, at, stage.kinds[0], stage.outputs, issues)
    if not isinstance(value, dict):
        issues.append(Issue(at, "invalid_binding", f"stage {stage.name!r} binds an object"))
        return []
    if stage.shape == "map":
        return [entry for member, key in value.items()
                for entry in _one_key(key, f"{at}{pointer(member)}", stage.kinds[0], (), issues)]
    return _slot_keys(stage, value, at, issues)


def _slot_keys(stage, value: dict, at: str, issues: list[Issue]):
    found = []
    for member in value:
        if member not in stage.slots:
            issues.append(Issue(f"{at}{pointer(member)}", "unknown_slot", f"stage {stage.name!r} has no {member!r}"))
    for member, slot in stage.slots.items():
        if member not in value:
            if slot.required:
                issues.append(Issue(at, "missing_binding", f"stage {stage.name!r} needs {member!r}"))
            continue
        where = f"{at}{pointer(member)}"
        if slot.many and not isinstance(value[member], list):
            issues.append(Issue(where, "invalid_binding", f"{member!r} is a list of artifact keys"))
            continue
        keys = value[member] if slot.many else [value[member]]
        for i, key in enumerate(keys):
            found += _one_key(key, f"{where}/{i}" if slot.many else where, slot.kind, slot.outputs, issues)
    return found


def _one_key(key, at: str, kind: str, outputs: tuple, issues: list[Issue]):
    if not isinstance(key, str):
        issues.append(Issue(at, "invalid_binding", "an artifact key (text) is expected"))
        return []
    return [(at, key, kind, outputs)]


def _check_key(documents: dict, key: str, kinds: tuple, at: str, artifact: str | None) -> list[Issue]:
    document = documents.get(key)
    if document is None:
        return [Issue(at, "missing_artifact", f"{key!r} is not in the pack", artifact)]
    if document.get("kind") not in kinds:
        return [Issue(at, "wrong_kind", f"{key!r} is a {document.get('kind')}, expected {' or '.join(kinds)}",
                      artifact)]
    return []


def _output_issues(document: dict | None, key: str, outputs: tuple, kind: str) -> list[Issue]:
    if not outputs or document is None or document.get("kind") != kind:
        return []
    names = {output.get("name") for output in (document.get("body") or {}).get("outputs", [])
             if isinstance(output, dict)}
    return [Issue("/body/outputs", "missing_output", f"the stage reads output {name!r}, which the table lacks", key)
            for name in outputs if name not in names]


def _artifact_issues(key: str, document: dict, documents: dict, ids: dict | None) -> list[Issue]:
    kind = KIND_SPECS.get(document.get("kind"))
    body = document.get("body")
    if kind is None or not isinstance(body, dict):
        return []
    issues = []
    for reference in _safely(kind.references, body):
        issues += _check_key(documents, reference.key, reference.kinds, reference.at, key)
    if ids is not None:
        for reference in _safely(kind.catalog_references, body):
            if reference.id not in ids[reference.what]:
                issues.append(Issue(reference.at, f"unknown_{reference.what}",
                                    f"{reference.id!r} is not a {reference.what} of the bound catalog", key))
    return issues


def _safely(collect, body: dict) -> list:
    try:
        return collect(body)
    except (AttributeError, KeyError, TypeError):  # a body that failed its schema: validate_document reports it
        return []


def _catalog_ids(catalog: dict | None) -> dict | None:
    if catalog is None or catalog.get("kind") != "catalog" or not isinstance(catalog.get("body"), dict):
        return None
    body = catalog["body"]
    members = ("productSpecifications", "serviceSpecifications", "resourceSpecifications")
    specifications = {spec.get("id") for member in members for spec in body.get(member, []) if isinstance(spec, dict)}
    offerings = {offering.get("id") for offering in body.get("productOfferings", []) if isinstance(offering, dict)}
    return {"offering": offerings, "specification": specifications}


def _orchestration_key_issues(mapping: object, ids: dict | None) -> list[Issue]:
    if not isinstance(mapping, dict) or ids is None:
        return []
    issues = []
    for member in mapping:
        target, _, action = member.partition("@")
        if action and action not in CHANGE_ACTIONS:
            issues.append(Issue(pointer("bindings", "orchestration", member), "unknown_action",
                                f"{action!r} is not a change action ({', '.join(CHANGE_ACTIONS)})"))
        elif target not in DOMAINS and target not in ids["specification"]:
            issues.append(Issue(pointer("bindings", "orchestration", member), "unknown_specification",
                                f"{target!r} is neither a domain ({', '.join(DOMAINS)}) nor a specification of "
                                "the catalog"))
    return issues
