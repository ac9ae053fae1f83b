"""The order's critical path: task durations inside domain orders plus waits across them."""
from datetime import timedelta

FIBRE_CHAIN = (("resource:inv", "reserve"), ("resource:inv", "ship"), ("service:oss-fibre", "design"),
               ("service:oss-fibre", "activate"))


def test_the_path_crosses_from_the_resource_order_into_the_service_order(decompose, item, order):
    length, path = decompose(order(item("1", "fibre-500", bandwidth=1), total=100)).critical_path()
    assert length == timedelta(days=1, hours=3, minutes=30)
    assert path == FIBRE_CHAIN


def test_skipped_tasks_add_nothing_and_an_included_approval_lengthens_the_path(decompose, item, order):
    length, path = decompose(order(item("1", "fibre-500", bandwidth=1), total=50000)).critical_path()
    assert length == timedelta(days=1, hours=6, minutes=30)
    assert ("service:oss-fibre", "approve") in path and ("service:oss-fibre", "design") not in path


def test_a_domain_order_waiting_on_another_extends_the_path(decompose, item, order):
    plan = decompose(order(item("1", "fibre-500", bandwidth=1), item("2", "voip-line", portInNumber="+1")))
    length, path = plan.critical_path()
    assert length == timedelta(days=3, hours=4, minutes=30)
    assert path == FIBRE_CHAIN + (("service:oss-voice:plan.voice", "port"), ("service:oss-voice:plan.voice",
                                                                            "activate"))


def test_a_domain_order_awaiting_information_adds_no_duration(decompose, item, order):
    plan = decompose(order(item("1", "fibre-500", bandwidth=1), item("2", "voip-line")))
    assert plan.critical_path() == (timedelta(days=1, hours=3, minutes=30), FIBRE_CHAIN)


def test_an_order_without_domain_orders_has_an_empty_path(decompose, order):
    assert decompose(order()).critical_path() == (timedelta(0), ())


def test_the_serialised_plan_states_the_path_in_iso_durations(decompose, item, order):
    data = decompose(order(item("1", "fibre-500", bandwidth=1), total=100)).to_dict()
    assert data["criticalPath"]["duration"] == "P1DT3H30M"
    assert data["criticalPath"]["tasks"][0] == {"domainOrder": "resource:inv", "task": "reserve"}
    service = next(d for d in data["domainOrders"] if d["ref"] == "service:oss-fibre")
    assert service["tasks"][2]["retry"] == {"maxAttempts": 3, "backoff": "PT1M", "multiplier": 2.0,
                                            "maxBackoff": None}
    assert service["plan"] == {"key": "plan.service", "version": 1, "boundBy": "domain:service"}
