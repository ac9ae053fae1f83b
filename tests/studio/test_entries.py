"""Entry-level draft edits: a draft is opened when needed, published versions never change, locks hold."""
from __future__ import annotations

import pytest

from studio import entries
from studio.artifacts import find_version, save_draft
from studio.errors import Conflict, NotFound

KEY = "catalog.telco-demo"


def test_edits_open_one_draft_and_leave_the_published_version_alone(runtime, demo_pack):
    with runtime.unit_of_work(actor="ada") as uow:
        published = dict(find_version(uow.session, KEY, 1).document)
        draft, _ = entries.add_entry(uow, KEY, "productSpecifications", {"id": "spec-new", "name": "New"})
        same, changed = entries.change_entry(uow, KEY, "productSpecifications", "spec-new",
                                             lambda e: {**e, "name": "Renamed"})
        entries.remove_entry(uow, KEY, "productOfferings", "adsl-legacy")
    assert draft.version == same.version == 2 and changed == {"id": "spec-new", "name": "Renamed"}
    with runtime.reading() as session:
        assert find_version(session, KEY, 1).document == published
        current = entries.open_draft(session, KEY)
        assert [e["id"] for e in entries.entries(current, "productSpecifications")][-1] == "spec-new"
        assert "adsl-legacy" not in [e["id"] for e in entries.entries(current, "productOfferings")]
        assert set(entries.last_changes(session, "productSpecifications", ["spec-new", "spec-fibre-access"])) == {
            "spec-new"}


def test_a_stale_revision_an_unknown_entry_and_a_broken_draft_are_refused(runtime, demo_pack):
    with runtime.unit_of_work(actor="ada") as uow:
        draft, _ = entries.add_entry(uow, KEY, "productSpecifications", {"id": "spec-new", "name": "New"})
        revision = draft.revision
    with runtime.unit_of_work(actor="bob") as uow, pytest.raises(Conflict, match="revision"):
        entries.remove_entry(uow, KEY, "productSpecifications", "spec-new", revision=revision - 1)
    with runtime.unit_of_work(actor="bob") as uow, pytest.raises(NotFound):
        entries.remove_entry(uow, KEY, "productSpecifications", "nope")
    with runtime.unit_of_work(actor="bob") as uow:
        document = dict(draft.document, body={**draft.document["body"], "productOfferings": "oops"})
        save_draft(uow, KEY, draft.version, document, revision)
    with runtime.unit_of_work(actor="bob") as uow, pytest.raises(Conflict, match="no list"):
        entries.add_entry(uow, KEY, "productOfferings", {"id": "x", "name": "x"})
