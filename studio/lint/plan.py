"""Simple checks on orchestration plans."""

from __future__ import annotations

from engine.kinds.orchestration_plan.task_types import TIMED_TYPES

from .finding import LintFinding


def lint_orchestration_plan(body: dict) -> list[LintFinding]:
    """A warning for each working task (auto, manual, work order, approval) without an SLA.

    Jeopardy levels are percentages of the SLA, so such a task can never be in jeopardy.
    """
    findings = []
    for position, task in enumerate(body.get("tasks", [])):
        if isinstance(task, dict) and task.get("type") in TIMED_TYPES and not task.get("sla"):
            key = task.get("key", f"#{position}")
            findings.append(LintFinding(f"/tasks/{position}", "missing_sla", "warning",
                                        f"task {key} has no SLA, so it can never be in jeopardy", [key]))
    return findings
