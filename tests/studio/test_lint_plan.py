from studio.lint import lint_document


def test_plan_tasks_without_sla_are_flagged_but_milestones_and_waits_are_not():
    plan = {"kind": "orchestration_plan", "body": {"tasks": [
        {"key": "reserve", "type": "auto", "handler": "inventory.reserve", "sla": "PT1H"},
        {"key": "install", "type": "workOrder"},
        {"key": "cooling", "type": "waitUntil", "wait": "PT1H"},
        {"key": "ready", "type": "milestone"}]}}
    findings = lint_document(plan)
    assert [(f.pointer, f.code, f.severity, f.rules) for f in findings] == [
        ("/body/tasks/1", "missing_sla", "warning", ["install"])]


def test_plan_with_every_sla_is_clean():
    plan = {"kind": "orchestration_plan", "body": {"tasks": [
        {"key": "approve", "type": "approval", "role": "orderApprover", "sla": "P1D"}]}}
    assert lint_document(plan) == []
