"""Task types are declared once (``engine.kinds.orchestration_plan.task_types``): the plan schema, the runtime
that starts tasks and Studio's graphs all know exactly those."""
import json
from pathlib import Path

from engine.kinds import KIND_NAMES
from engine.kinds.orchestration_plan.task_types import HUMAN_TYPES, MEANING, TIMED_TYPES, TaskType
from engine.runtime.tasks.starting import STARTS
from studio.graphs.orchestration_plan import TASK_SHAPES

SCHEMA = Path(__file__).resolve().parents[3] / "engine" / "kinds" / "orchestration_plan" / "schema.json"


def test_the_plan_schema_allows_exactly_the_declared_task_types():
    task = json.loads(SCHEMA.read_text())["$defs"]["task"]
    assert task["properties"]["type"]["enum"] == [t.value for t in TaskType]


def test_every_task_type_has_a_meaning_a_start_and_a_shape():
    assert set(MEANING) == set(STARTS) == set(TASK_SHAPES) == set(TaskType)
    assert HUMAN_TYPES < set(TIMED_TYPES) and TaskType.AUTO in TIMED_TYPES
    assert TaskType.MILESTONE not in TIMED_TYPES and TaskType.WAIT_UNTIL not in HUMAN_TYPES


def test_the_kind_names_are_one_ordered_list():
    assert KIND_NAMES[0] == "catalog" and len(KIND_NAMES) == len(set(KIND_NAMES)) == 10
