"""What changed between two rule pack versions: pins, bindings, and each changed artifact's semantic diff."""
from __future__ import annotations

from engine.store.models import RulePack


def _pins(pack: RulePack) -> dict[str, tuple[int, dict]]:
    return {pin.artifact_version.artifact.key: (pin.artifact_version.version, pin.artifact_version.document)
            for pin in pack.pins}


def diff_packs(old: RulePack, new: RulePack) -> dict:
    """Plain-data comparison of two pack versions (artifact changes use studio.diff when it knows the kind)."""
    from studio.diff import diff_documents

    before, after = _pins(old), _pins(new)
    changed = []
    for key in sorted(before.keys() & after.keys()):
        (old_version, old_doc), (new_version, new_doc) = before[key], after[key]
        if old_version != new_version:
            changed.append({"artifact": key, "from": old_version, "to": new_version,
                            "diff": diff_documents(old_doc, new_doc).to_dict()})
    return {
        "from": f"{old.key}@{old.version}", "to": f"{new.key}@{new.version}",
        "added": {key: after[key][0] for key in sorted(after.keys() - before.keys())},
        "removed": {key: before[key][0] for key in sorted(before.keys() - after.keys())},
        "changed": changed,
        "bindingsChanged": old.bindings != new.bindings,
        "bindings": {"from": old.bindings, "to": new.bindings} if old.bindings != new.bindings else None,
    }
