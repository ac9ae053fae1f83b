"""Domain orders: grouping per (domain, fulfilment system, plan), dependencies, plan selection and problems."""
from engine.kinds import compile_document


def refs(plan):
    return [d.ref for d in plan.domain_orders]


def test_lines_of_every_item_are_grouped_per_domain_and_fulfilment_system(decompose, item, order):
    plan = decompose(order(item("1", "fibre-500", bandwidth=1), item("2", "fibre-500", bandwidth=2)))
    assert refs(plan) == ["product:crm", "resource:inv", "service:oss-fibre"]
    service = plan.domain_order("service:oss-fibre")
    assert (service.domain, service.fulfilment_system) == ("service", "oss-fibre")
    assert [line.id for line in service.lines] == ["1.internet", "2.internet"]
    assert service.item_ids == ("1", "2")


def test_rule_dependency_makes_the_service_order_wait_for_the_resource_order(decompose, item, order):
    plan = decompose(order(item("1", "fibre-500", bandwidth=1)))
    assert plan.domain_order("service:oss-fibre").depends_on == ("resource:inv",)
    assert plan.domain_order("resource:inv").depends_on == ()
    assert plan.domain_order("service:oss-fibre").lines[0].depends_on == ("1.ont",)
    entry = next(e for e in plan.trace if e.decision.get("domainOrder") == "service:oss-fibre")
    assert entry.decision["dependsOn"] == {"resource:inv": ["rule internet dependsOn ont"]}


def test_an_excluded_dependency_leaves_no_wait(decompose, item, order):
    plan = decompose(order(item("1", "fibre-500", bandwidth=1, ownEquipment=True)))
    assert plan.domain_order("service:oss-fibre").depends_on == ()
    assert "resource:inv" not in refs(plan)


def test_catalog_requires_links_items_across_the_order(decompose, item, order):
    plan = decompose(order(item("1", "voip-line", portInNumber="+1"), item("2", "fibre-500", bandwidth=1)))
    voice = plan.domain_order("service:oss-voice:plan.voice")
    assert voice.depends_on == ("service:oss-fibre",)
    assert voice.lines[0].depends_on == ("2.internet",)
    assert plan.domain_order("service:oss-voice:plan.voice").task("port").waits_for == ("service:oss-fibre",)


def test_a_specification_binding_wins_over_the_domain_binding(decompose, item, order):
    plan = decompose(order(item("1", "voip-line", portInNumber="+1"), item("2", "fibre-500", bandwidth=1)))
    voice = plan.domain_order("service:oss-voice:plan.voice")
    assert (voice.plan_key, voice.plan_version, voice.bound_by) == ("plan.voice", 1, "specification:cfs-voice")
    fibre = plan.domain_order("service:oss-fibre")
    assert (fibre.plan_key, fibre.bound_by) == ("plan.service", "domain:service")
    assert [t.key for t in voice.tasks] == ["port", "activate"]
    chosen = [e for e in plan.trace if e.stage == "plan" and e.inputs == {"domainOrder": voice.ref}]
    assert chosen[0].artifact == "plan.voice" and chosen[0].decision["boundBy"] == "specification:cfs-voice"


def test_without_a_specification_binding_the_domain_plan_keeps_the_plain_ref(decompose, artifacts, item, order):
    binding = {k: v for k, v in artifacts["plan_binding"].items() if k != "cfs-voice"}
    plan = decompose(order(item("1", "voip-line", portInNumber="+1")), plan_binding=binding)
    assert plan.domain_order("service:oss-voice").plan_key == "plan.service"
    same = {**binding, "cfs-voice": "plan.service"}
    assert "service:oss-voice" in refs(decompose(order(item("1", "voip-line", portInNumber="+1")), plan_binding=same))


def test_a_domain_order_without_a_plan_stays_draft_with_a_problem(decompose, item, order):
    plan = decompose(order(item("1", "fibre-500", bandwidth=1)), plan_binding={"product": "plan.product"})
    service = plan.domain_order("service:oss-fibre")
    assert (service.state, service.tasks, service.plan_key) == ("draft", (), None)
    assert {(p.code, p.ref) for p in plan.problems} == {("no_plan_bound", "service:oss-fibre"),
                                                         ("no_plan_bound", "resource:inv")}
    assert plan.domain_order("product:crm").state == "scheduled"


def test_a_bound_plan_that_was_not_given_is_a_problem(decompose, artifacts, item, order):
    plans = {k: v for k, v in artifacts["plans"].items() if k != "plan.resource"}
    plan = decompose(order(item("1", "fibre-500", bandwidth=1)), plans=plans)
    assert [(p.code, p.ref) for p in plan.problems] == [("plan_not_loaded", "resource:inv")]
    assert plan.domain_order("resource:inv").state == "draft"


def test_domain_orders_waiting_for_each_other_are_reported(decompose, item, order):
    rules = compile_document({"kind": "decomposition_rules", "key": "decompose.cycle", "schemaVersion": 1,
                              "title": "cycle", "body": {"rules": [
                                  {"id": "a", "specification": "cfs-internet", "domain": "service",
                                   "fulfilmentSystem": "s1"},
                                  {"id": "b", "specification": "res-ont", "domain": "resource",
                                   "fulfilmentSystem": "r1", "dependsOn": ["a"]},
                                  {"id": "c", "specification": "spec-fibre", "domain": "service",
                                   "fulfilmentSystem": "s1", "dependsOn": ["b"]}]}})
    plan = decompose(order(item("1", "fibre-500")), rules=rules)
    assert {(p.code, p.ref) for p in plan.problems} == {("dependency_cycle", "service:s1"),
                                                         ("dependency_cycle", "resource:r1")}
    assert plan.critical_path()[0].total_seconds() > 0


def test_refs_do_not_depend_on_other_items(decompose, item, order):
    alone = decompose(order(item("2", "voip-line", portInNumber="+1")))
    mixed = decompose(order(item("1", "fibre-500", bandwidth=1), item("2", "voip-line", portInNumber="+1")))
    assert set(refs(alone)) <= set(refs(mixed))


def test_a_product_requirement_links_each_domain_to_the_required_products_lines(decompose, item, order):
    plan = decompose(order(item("1", "voip-line", portInNumber="+1", newNumber=True),
                           item("2", "fibre-500", bandwidth=1)))
    lines = {line.id: line for d in plan.domain_orders for line in d.lines}
    assert lines["1.product-voip"].depends_on == ("2.product-fibre",)
    assert lines["1.number"].depends_on == ("2.ont",)
    assert plan.domain_order("resource:inv").depends_on == ()


def test_item_relationships_narrow_which_required_lines_are_waited_for(decompose, item, order):
    voip = item("1", "voip-line", portInNumber="+1")
    unrelated = decompose(order(voip, item("2", "fibre-500", bandwidth=1), item("3", "fibre-500", bandwidth=1)))
    voice = "service:oss-voice:plan.voice"
    assert unrelated.domain_order(voice).lines[0].depends_on == ("2.internet", "3.internet")
    voip["productOrderItemRelationship"] = [{"id": "3", "relationshipType": "reliesOn"}]
    related = decompose(order(voip, item("2", "fibre-500", bandwidth=1), item("3", "fibre-500", bandwidth=1)))
    assert related.domain_order(voice).lines[0].depends_on == ("3.internet",)
    entry = next(e for e in related.trace if e.decision.get("domainOrder") == voice)
    assert entry.decision["dependsOn"] == {"service:oss-fibre": ["spec-voip requires spec-fibre",
                                                                 "cfs-voice requires cfs-internet"]}
