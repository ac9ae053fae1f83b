"""Which done work is undone, in which order, and when the point of no return is passed."""
from dataclasses import dataclass, field

import pytest

from engine.lifecycle.compensation import needs_undo, past_point_of_no_return, plan_undo


@dataclass
class T:
    key: str
    state: str = "completed"
    depends_on: list = field(default_factory=list)
    compensation: str | None = "undo"
    point_of_no_return: bool = False
    assignee: str | None = None
    compensates: str | None = None

    @property
    def spec(self):
        return {"compensation": {"key": self.compensation} if self.compensation else None,
                "compensates": {"key": self.compensates} if self.compensates else None}


def test_compensations_run_in_reverse_dependency_order_through_tasks_without_one():
    tasks = [T("reserve"), T("allocate", depends_on=["reserve"], compensation=None),
             T("activate", depends_on=["allocate"]), T("notify", depends_on=["activate"], state="pending")]
    plans = plan_undo(tasks)
    assert [(p.key, p.depends_on) for p in plans] == [("undo:activate", ()), ("undo:reserve", ("undo:activate",))]


def test_only_done_or_running_work_with_a_compensation_is_undone_and_never_a_compensation_itself():
    tasks = [T("a"), T("b", state="running"), T("c", state="waiting"), T("d", state="skipped"),
             T("e", compensation=None), T("undo:a", compensates="a")]
    assert [t.key for t in tasks if needs_undo(t)] == ["a", "b"]
    assert [p.key for p in plan_undo(tasks, suffix="@r2", only={"b"})] == ["undo:b@r2"]


@pytest.mark.parametrize("state,assignee,passed", [
    ("pending", None, False), ("waiting", None, False), ("waiting", "tech-7", True), ("running", None, True),
    ("completed", None, True), ("cancelled", None, False)])
def test_the_point_of_no_return_is_passed_once_the_work_is_taken_up(state, assignee, passed):
    assert past_point_of_no_return(T("install", state=state, point_of_no_return=True, assignee=assignee)) is passed
    assert not past_point_of_no_return(T("install", state=state, assignee=assignee))
