from datetime import timedelta

from engine.kinds import compile_document, run_document_tests, validate_document


def codes(document):
    return [(issue.pointer, issue.code) for issue in validate_document(document)]


def test_unknown_task_type_is_reported(fixture_document):
    document = fixture_document("orchestration_plan")
    document["body"]["tasks"][2]["type"] = "carrierPigeon"
    assert codes(document) == [("/body/tasks/2/type", "unknown_task_type")]


def test_type_specific_members_are_required(fixture_document):
    document = fixture_document("orchestration_plan")
    del document["body"]["tasks"][0]["handler"]
    del document["body"]["tasks"][1]["role"]
    document["body"]["tasks"][3]["until"] = {"var": "order.requestedStartDate"}
    assert codes(document) == [("/body/tasks/0", "schema.required"), ("/body/tasks/1", "schema.required"),
                               ("/body/tasks/3", "schema.oneOf")]


def test_dag_compensation_durations_and_expressions(fixture_document):
    document = fixture_document("orchestration_plan")
    tasks = document["body"]["tasks"]
    tasks[0]["dependsOn"] = ["ready"]
    tasks[1]["compensation"] = "reserve"
    tasks[2]["sla"] = "P5X"
    tasks[4]["params"] = {"x": {"nope": []}}
    tasks[5]["dependsOn"] = ["activate", "ghost"]
    document["body"]["compensationTasks"][0]["dependsOn"] = ["reserve"]
    assert sorted(codes(document)) == sorted([
        ("/body/tasks/5/dependsOn/1", "unknown_reference"),
        ("/body/tasks/0/key", "cycle"),
        ("/body/tasks/1/compensation", "unknown_compensation"),
        ("/body/tasks/2/sla", "invalid_duration"),
        ("/body/tasks/4/params/x", "jsonlogic.unknown_operator"),
        ("/body/compensationTasks/0/dependsOn", "invalid_dependency")])


def test_keys_are_unique_across_tasks_and_compensations(fixture_document):
    document = fixture_document("orchestration_plan")
    document["body"]["compensationTasks"][0]["key"] = "install"
    assert codes(document) == [("/body/compensationTasks/0/key", "duplicate_id"),
                               ("/body/tasks/0/compensation", "unknown_compensation")]


def test_compiled_plan_exposes_tasks_ready_to_run(fixture_document):
    plan = compile_document(fixture_document("orchestration_plan"))
    reserve = plan.task("reserve")
    assert reserve.parameters({"item": {"place": {"id": "site-9"}}}) == {"site": "site-9"}
    assert [reserve.retry.delay_after(n) for n in (1, 2, 3)] == [timedelta(minutes=1), timedelta(minutes=2), None]
    assert plan.task("install").point_of_no_return and plan.task("install").sla == timedelta(days=5)
    assert plan.task("release").handler == "inventory.release_port"
    assert plan.handlers == {"inventory.reserve_port", "simulator.run", "inventory.release_port"}


def test_a_plan_test_sees_the_parameters_of_the_included_tasks(fixture_document):
    document = fixture_document("orchestration_plan")
    document["tests"] = [
        {"name": "the site goes to the port reservation", "input": {"item": {"place": {"id": "site-9"}}},
         "expect": {"params": {"reserve": {"site": "site-9"}}}},
        {"name": "a wrong site fails", "input": {"item": {"place": {"id": "site-9"}}},
         "expect": {"params": {"reserve": {"site": "site-1"}}}}]
    right, wrong = run_document_tests(document)
    assert right.passed and right.actual["params"] == {"reserve": {"site": "site-9"}}  # tasks without params left out
    assert not wrong.passed
