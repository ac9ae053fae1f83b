"""Quantity-driven multiplicity: a bundle sold 500 times is one line of quantity 500 per specification."""


def test_sdwan_bundle_sold_500_times_gives_one_line_of_quantity_500_per_specification(decompose, item, order):
    plan = decompose(order(item("1", "sdwan-pack", quantity=500)))
    sdwan = plan.domain_order("service:oss-sdwan")
    assert [(line.id, line.quantity, line.product_specification) for line in sdwan.lines] == [
        ("1.sdwan", 500, "spec-sdwan-site")]
    assert sdwan.lines[0].characteristics == {"sites": 500}
    cpe = plan.domain_order("resource:inv").lines
    assert [(line.id, line.quantity) for line in cpe] == [("1.cpe", 500)]
    assert sdwan.task("design").params == {"bandwidth": None, "lines": 500}


def test_bundle_quantity_multiplies_into_component_lines(decompose, item, order):
    plan = decompose(order(item("1", "office-pack", quantity=500, bandwidth=100, portInNumber="+1")))
    lines = {line.id: line.quantity for d in plan.domain_orders for line in d.lines}
    assert lines["1.product-voip"] == 1000
    assert lines["1.ont"] == 1000
    assert lines["1.office-voice-number"] == 1


def test_500_site_items_make_one_service_order_with_500_lines(decompose, item, order):
    plan = decompose(order(*[item(str(n), "sdwan-site") for n in range(500)]))
    assert [d.ref for d in plan.domain_orders] == ["resource:inv", "service:oss-sdwan"]
    sdwan = plan.domain_order("service:oss-sdwan")
    assert len(sdwan.lines) == 500 and sdwan.depends_on == ("resource:inv",)
    assert sdwan.lines[499].depends_on == ("499.cpe",)
    assert [t.key for t in sdwan.tasks] == ["design", "approve", "activate"]
    assert sdwan.task("design").params["lines"] == 500


def test_a_zero_quantity_drops_the_line(decompose, item, order):
    plan = decompose(order(item("1", "sdwan-site", quantity=0)))
    assert plan.domain_orders == ()
    dropped = {e.rule: e.decision for e in plan.trace if e.rule in ("sdwan", "cpe")}
    assert dropped == {"sdwan": {"produced": False, "reason": "quantity is 0"},
                       "cpe": {"produced": False, "reason": "quantity is 0"}}
