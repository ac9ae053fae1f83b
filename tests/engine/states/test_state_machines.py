import pytest

from engine.states import (
    DOMAIN_ORDER,
    PRODUCT,
    PRODUCT_ORDER,
    TASK,
    IllegalTransition,
    ProductOrderState,
    ProductStatus,
    normalise_status,
)

S = ProductOrderState


@pytest.mark.parametrize("current,target", [
    (S.ACKNOWLEDGED, S.IN_PROGRESS), (S.ACKNOWLEDGED, S.REJECTED), (S.ACKNOWLEDGED, S.PENDING),
    (S.PENDING, S.ACKNOWLEDGED), (S.IN_PROGRESS, S.COMPLETED), (S.IN_PROGRESS, S.PARTIAL),
    (S.IN_PROGRESS, S.ASSESSING_CANCELLATION), (S.ASSESSING_CANCELLATION, S.PENDING_CANCELLATION),
    (S.ASSESSING_CANCELLATION, S.IN_PROGRESS), (S.PENDING_CANCELLATION, S.CANCELLED), (S.HELD, S.CANCELLED),
])
def test_tmf622_transitions_allowed(current, target):
    assert PRODUCT_ORDER.check(current, target) == target


@pytest.mark.parametrize("current,target", [
    (S.ACKNOWLEDGED, S.COMPLETED), (S.COMPLETED, S.IN_PROGRESS), (S.REJECTED, S.ACKNOWLEDGED),
    (S.IN_PROGRESS, S.CANCELLED), (S.CANCELLED, S.IN_PROGRESS), (S.PENDING, S.IN_PROGRESS),
])
def test_tmf622_illegal_transitions_raise(current, target):
    with pytest.raises(IllegalTransition) as raised:
        PRODUCT_ORDER.check(current, target)
    assert raised.value.current == current and raised.value.target == target


def test_final_states_have_no_way_out():
    for final in PRODUCT_ORDER.finals:
        assert all(not PRODUCT_ORDER.can(final, target) for target in S)


def test_unknown_state_name_is_rejected():
    with pytest.raises(ValueError):
        PRODUCT_ORDER.check("inprogress", "completed")


def test_product_status_normalises_the_spec_typo():
    assert normalise_status("aborted ") is ProductStatus.ABORTED
    assert PRODUCT.can("active", "suspended") and PRODUCT.can("suspended", "active")
    assert not PRODUCT.can("terminated", "active")


def test_task_and_domain_order_machines_guard_their_transitions():
    assert TASK.can("ready", "running") and not TASK.can("completed", "running")
    assert DOMAIN_ORDER.can("awaitingInformation", "scheduled") and not DOMAIN_ORDER.can("completed", "inProgress")
