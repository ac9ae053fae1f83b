"""Plan instances: task selection by condition, parameters, waits, compensation, retry and the plan trace."""
from datetime import timedelta

from engine.kinds import compile_document


def service(plan):
    return plan.domain_order("service:oss-fibre")


def test_tasks_come_in_dependency_order_with_their_definition(decompose, item, order):
    activate = service(decompose(order(item("1", "fibre-500", bandwidth=500)))).task("activate")
    assert (activate.type, activate.handler, activate.assignment_group) == ("auto", "oss.activate", "noc")
    assert activate.point_of_no_return is True
    assert activate.duration == timedelta(hours=2) and activate.depends_on == ("design", "approve")
    assert activate.retry.max_attempts == 3 and activate.retry.backoff == timedelta(minutes=1)
    assert [t.key for t in service(decompose(order(item("1", "fibre-500", bandwidth=500)))).tasks] == [
        "design", "approve", "activate"]


def test_params_are_evaluated_against_order_item_and_domain_order(decompose, item, order):
    one = service(decompose(order(item("1", "fibre-500", quantity=2, bandwidth=500))))
    assert one.task("design").params == {"bandwidth": 500, "lines": 2}
    assert one.task("activate").params == {"ref": "service:oss-fibre"}
    two = service(decompose(order(item("1", "fibre-500", bandwidth=500), item("2", "fibre-500", bandwidth=100))))
    assert two.task("design").params == {"bandwidth": None, "lines": 2}


def test_a_task_whose_condition_is_false_is_kept_as_skipped(decompose, item, order):
    small = service(decompose(order(item("1", "fibre-500", bandwidth=500), total=100)))
    approve = small.task("approve")
    assert (approve.skipped, approve.condition, approve.params) == (True, False, {})
    assert approve.expected_duration == timedelta(0)
    large = service(decompose(order(item("1", "fibre-500", bandwidth=500), total=50000)))
    assert (large.task("approve").skipped, large.task("approve").condition) == (False, True)
    assert large.task("design").condition is None


def test_skipped_tasks_are_traced(decompose, item, order):
    plan = decompose(order(item("1", "fibre-500", bandwidth=500), total=100))
    skipped = [e for e in plan.trace if e.stage == "plan" and e.decision.get("skipped") is True]
    assert [(e.artifact, e.version, e.rule, e.inputs["domainOrder"]) for e in skipped] == [
        ("plan.service", 1, "approve", "service:oss-fibre")]
    chosen = next(e for e in plan.trace if e.stage == "plan" and e.inputs == {"domainOrder": "service:oss-fibre"}
                  and "state" in e.decision)
    assert chosen.decision["tasks"] == ["design", "activate"] and chosen.decision["skipped"] == ["approve"]


def test_entry_tasks_wait_for_the_domain_orders_before(decompose, item, order):
    tasks = service(decompose(order(item("1", "fibre-500", bandwidth=500), total=100))).tasks
    assert {t.key: t.waits_for for t in tasks} == {"design": ("resource:inv",), "approve": ("resource:inv",),
                                                   "activate": ()}


def test_a_task_after_only_skipped_tasks_waits_too(decompose, artifacts, item, order):
    plan_doc = {"kind": "orchestration_plan", "key": "plan.gated", "schemaVersion": 1, "title": "gated", "body": {
        "tasks": [{"key": "gate", "type": "approval", "role": "r", "condition": False},
                  {"key": "work", "type": "manual", "dependsOn": ["gate"]},
                  {"key": "after", "type": "manual", "dependsOn": ["work"]}]}}
    plans = {**artifacts["plans"], "plan.gated": compile_document(plan_doc, version=4)}
    plan = decompose(order(item("1", "fibre-500", bandwidth=1)), plans=plans,
                     plan_binding={**artifacts["plan_binding"], "service": "plan.gated"})
    tasks = {t.key: t for t in service(plan).tasks}
    assert tasks["work"].waits_for == ("resource:inv",) and tasks["after"].waits_for == ()
    assert service(plan).plan_version == 4


def test_compensation_task_is_planned_with_the_same_context(decompose, item, order):
    compensation = service(decompose(order(item("1", "fibre-500", bandwidth=1)))).task("activate").compensation
    assert (compensation.key, compensation.handler, compensation.params) == (
        "deactivate", "oss.deactivate", {"ref": "service:oss-fibre"})
    assert compensation.depends_on == () and compensation.waits_for == ()
    assert service(decompose(order(item("1", "fibre-500", bandwidth=1)))).task("design").compensation is None


def test_plan_condition_sees_the_domain_order_lines(decompose, item, order):
    plan = decompose(order(item("1", "fibre-500", bandwidth=1), item("2", "sdwan-site")))
    resource = plan.domain_order("resource:inv")
    assert resource.task("ship").skipped is False
    only_cpe = decompose(order(item("2", "sdwan-site"))).domain_order("resource:inv")
    assert only_cpe.task("ship").skipped is True


def test_scheduled_domain_orders_carry_the_planning_time(decompose, item, order):
    plan = decompose(order(item("1", "fibre-500", bandwidth=1)))
    assert plan.planned_at is not None
    assert {d.planned_at for d in plan.domain_orders} == {plan.planned_at}


def test_wait_until_is_evaluated_and_waits_count_in_the_duration(decompose, artifacts, item, order):
    plan_doc = {"kind": "orchestration_plan", "key": "plan.waits", "schemaVersion": 1, "title": "waits", "body": {
        "tasks": [{"key": "cool", "type": "waitUntil", "wait": "PT24H"},
                  {"key": "date", "type": "waitUntil", "until": {"var": "order.requestedStartDate"},
                   "dependsOn": ["cool"]}]}}
    plans = {**artifacts["plans"], "plan.waits": compile_document(plan_doc)}
    plan = decompose(order(item("1", "fibre-500", bandwidth=1), requestedStartDate="2026-04-01T00:00:00Z"),
                     plans=plans, plan_binding={**artifacts["plan_binding"], "service": "plan.waits"})
    tasks = {t.key: t for t in service(plan).tasks}
    assert tasks["date"].until == "2026-04-01T00:00:00Z"
    assert tasks["cool"].expected_duration == timedelta(hours=24)
