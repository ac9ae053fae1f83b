"""Assignment groups in the engine: membership, the groups a pack's plans name, staffing them."""
import copy

import pytest
from sqlalchemy import func, select

from engine.errors import Conflict, Forbidden, Invalid, NotFound
from engine.lifecycle.fallout import DEFAULT_FALLOUT
from engine.runtime.tasks.groups import (
    Caller,
    add_member,
    check_member,
    create_group,
    fallout_groups,
    groups_of,
    members_of,
    plan_groups,
    remove_member,
    staff_groups,
)
from engine.store.models import AssignmentGroup, AuditEvent, GroupMember
from tests.engine.runtime.orders.pipeline.conftest import install_pack, reserve_port_handler  # noqa: F401  (fixtures)
from tests.engine.runtime.orders.pipeline.test_pipeline_fallout import RULES


@pytest.fixture
def users(make_user):
    return [make_user(name, "fulfillmentAgent").username for name in ("ann", "ben")]


def test_groups_of_follows_membership_changes(runtime, users):
    with runtime.unit_of_work(actor="admin") as uow:
        create_group(uow, "field-north", "Field north")
        create_group(uow, "field-south")
        assert add_member(uow, "field-north", "ann") and add_member(uow, "field-south", "ann")
        assert add_member(uow, "field-north", "ann") is False
    with runtime.reading() as session:
        assert groups_of(session, "ann") == {"field-north", "field-south"}
        assert groups_of(session, "ben") == set() and groups_of(session, "nobody") == set()
    with runtime.unit_of_work(actor="admin") as uow:
        remove_member(uow, "field-south", "ann")
    with runtime.reading() as session:
        assert groups_of(session, "ann") == {"field-north"} and members_of(session, "field-north") == ["ann"]


def test_bad_groups_and_members_are_refused(runtime, users):
    with runtime.unit_of_work(actor="admin") as uow:
        create_group(uow, "field-north")
    cases = [(lambda uow: create_group(uow, "field-north"), Conflict, "already exists"),
             (lambda uow: create_group(uow, "bad key!"), Invalid, "group key"),
             (lambda uow: create_group(uow, "ok", " "), Invalid, "group name"),
             (lambda uow: add_member(uow, "nowhere", "ann"), NotFound, "no assignment group 'nowhere'"),
             (lambda uow: add_member(uow, "field-north", "ghost"), NotFound, "no user 'ghost'"),
             (lambda uow: remove_member(uow, "field-north", "ben"), NotFound, "not a member")]
    for action, error, message in cases:
        with pytest.raises(error, match=message), runtime.unit_of_work(actor="admin") as uow:
            action(uow)
    with runtime.reading() as session:
        assert members_of(session, "field-north") == []


def test_only_members_unrestricted_callers_or_ungrouped_tasks_pass_the_membership_check(runtime, users):
    with runtime.unit_of_work(actor="admin") as uow:
        create_group(uow, "field-north")
        add_member(uow, "field-north", "ann")
    with runtime.reading() as session:
        check_member(session, Caller("ann", "fulfillmentAgent"), "field-north", "claim")
        check_member(session, Caller("ben", "fulfillmentAgent"), None, "claim")
        check_member(session, Caller("boss", "fulfillmentManager", manager=True), "field-north", "claim")
        check_member(session, Caller("anonymous"), "field-north", "claim")
        with pytest.raises(Forbidden, match="ben is not a member of assignment group 'field-north'"):
            check_member(session, Caller("ben", "fulfillmentAgent"), "field-north", "claim")


def test_the_demo_packs_plan_groups_are_created_and_staffed_once(runtime, demo_pack, users):
    with runtime.reading() as session:
        named = plan_groups(session)
    assert named == {"field-north", "field-south", "field-dispatch", "sdwan-deployment", "field-rapid-response"}
    with runtime.unit_of_work(actor="admin") as uow:
        added = staff_groups(uow, named, ["ann", "ben"])
    assert len(added) == 2 * len(named)
    with runtime.unit_of_work(actor="admin") as uow:
        assert staff_groups(uow, named, ["ann", "ben"]) == []
    with runtime.reading() as session:
        assert groups_of(session, "ben") == named


def test_fallout_groups_are_the_default_the_rules_groups_and_what_their_references_can_be(
        runtime, install_pack):  # noqa: F811
    def rules_naming_groups(documents, bindings):
        rules = copy.deepcopy(RULES)
        rules["body"]["rules"] += [
            {"name": "by-system", "when": {"m": {"errorType": "system"}}, "then": [
                {"action": "createFallout", "params": {"type": "provisioning", "priority": 3, "assignmentGroup": {
                    "$m": "domainOrder.fulfilmentSystem"}}},
                {"action": "escalate", "params": {"to": "noc-leads@example.com"}}]},
            {"name": "by-task", "when": {"m": {"errorType": "task"}}, "then": [
                {"action": "createFallout", "params": {"type": "provisioning", "priority": 3, "assignmentGroup": {
                    "$m": "task.assignmentGroup"}}}, {"action": "reassign", "params": {"assignmentGroup": "tier-2"}}]},
            {"name": "unknowable", "when": {"m": {"errorType": "other"}}, "then": [
                {"action": "createFallout", "params": {"type": "provisioning", "priority": 3, "assignmentGroup": {
                    "$m": "order.category"}}}]}]
        documents.append(rules)
        bindings["fallout"] = rules["key"]
    install_pack(rules_naming_groups)
    with runtime.reading() as session:
        assert fallout_groups(session) == {"fallout", "inventory-team", "tier-2", "oss-fibre", "inv-ports", "crm",
                                           "field-north"}


def test_without_fallout_rules_every_record_is_the_default_groups(runtime, install_pack):  # noqa: F811
    install_pack()
    with runtime.reading() as session:
        assert fallout_groups(session) == {DEFAULT_FALLOUT["assignmentGroup"]} == {"fallout"}


def _unseen(session, model):
    """The session's look-up misses rows of ``model``, as in a transaction that began before another committed."""
    real_get = session.get
    return lambda cls, key, *a, **k: None if cls is model else real_get(cls, key, *a, **k)


def test_a_group_or_membership_made_at_the_same_moment_elsewhere_is_a_conflict_or_a_no_op(
        runtime, users, monkeypatch):
    with runtime.unit_of_work(actor="admin") as uow:
        create_group(uow, "field-north")
        assert add_member(uow, "field-north", "ann")
    with runtime.unit_of_work(actor="admin") as uow:
        monkeypatch.setattr(uow.session, "get", _unseen(uow.session, GroupMember))
        assert add_member(uow, "field-north", "ann") is False  # the primary key decided, no IntegrityError
        assert add_member(uow, "field-north", "ben") is True  # the unit of work goes on after the savepoint
    with runtime.unit_of_work(actor="admin") as uow:
        monkeypatch.setattr(uow.session, "get", _unseen(uow.session, AssignmentGroup))
        with pytest.raises(Conflict, match="already exists"):
            create_group(uow, "field-north")
    with runtime.reading() as session:
        assert members_of(session, "field-north") == ["ann", "ben"]
        added = session.scalar(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.action == "group.memberAdded"))
        assert added == 2
