"""Golden-file tests for the telco demo pack: every example order, driven to its end through the API.

Each test posts one file of ``rulepacks/telco-demo/examples``, does what a person would (complete tasks
from the workspace queues, approve, PATCH missing information, let the fake clock pass a timer or a
retry back-off), asserts the headline facts in plain words, and compares the normalised end state
(with the way there, ``journal``) with ``golden/<example>.json``.

Regenerate after an intended change, then read the diff before committing:
    ORDO_UPDATE_GOLDEN=1 .venv/bin/pytest tests/rulepacks

The tests at the end of this file pin behaviour that was wrong when the goldens were first written
(contract term from the enriched item, released domain orders with the supplied data, item-level
adjustments visible to the approval policy, alterations in cents).
"""
from __future__ import annotations

import pytest

from tests.rulepacks.telco_demo_driver import BASE, DemoOrder, check_golden, example


@pytest.fixture
def place(client, demo_pack, worker, clock, runtime):
    def place(name: str, body: dict | None = None) -> DemoOrder:
        return DemoOrder(client, worker, clock, runtime, name, body)
    return place


def totals(order: dict) -> dict:
    """``{"oneTime": "19.90", "recurring:month": "44.90", ...}`` from the order's pricing."""
    return {t["priceType"] + (f":{t['recurringChargePeriod']}" if t.get("recurringChargePeriod") else ""):
            t["price"]["dutyFreeAmount"]["value"] for t in order["pricing"]["orderTotalPrice"]}


def price_rows(order: dict) -> list[tuple]:
    return [(line["itemId"], line["priceType"], line["amount"], line["provenance"]["artifact"],
             line["provenance"]["row"]) for line in order["pricing"]["lines"]]


def task_states(order: dict, ref_prefix: str) -> dict:
    refs = {d["id"]: d["ref"] for d in order["domainOrders"]}
    return {t["key"]: t["state"] for t in order["tasks"] if refs[t["domainOrderId"]].startswith(ref_prefix)}


# --- unattended ------------------------------------------------------------------------------------


def test_fibre_500_completes_unattended_with_the_matrix_price(place):
    demo = place("fibre-500")
    order = demo.detail()
    assert (order["state"], order["stage"]) == ("completed", "completed")
    # residential north flat: self-install kit 19.90 once, 44.90 a month from the 500M x 24 x north cell
    assert totals(order) == {"oneTime": "19.90", "recurring:month": "44.90"}
    assert price_rows(order) == [("1", "oneTime", "19.90", "prices.eur", "fibre-500-install-self"),
                                 ("1", "recurring", "44.90", "prices.fibre-matrix", "500M-24-north")]
    assert order["approvals"] == []
    fibre = task_states(order, "service:oss-fibre")
    assert fibre["ship-kit"] == "completed"
    assert fibre["install-north"] == fibre["install-south"] == "skipped"
    assert {d["ref"]: d["state"] for d in order["domainOrders"]} == {
        "resource:inventory": "completed", "service:oss-fibre:plan.fibre-service": "completed",
        "product:product-inventory": "completed"}
    assert [(p["productOffering"]["id"], p["status"]) for p in demo.products()] == [("fibre-500", "active")]
    check_golden(demo.snapshot())


def test_fibre_with_router_and_static_ip_reserves_an_address_from_the_residential_pool(place):
    demo = place("fibre-router-static-ip")
    order = demo.detail()
    assert order["state"] == "completed"
    assert totals(order) == {"oneTime": "44.90", "recurring:month": "49.90"}  # + static IP 25.00 / 5.00
    resources = demo.domain_order(order, "resource:inventory")["lines"]
    assert [(line["specification"], line["characteristics"]) for line in resources][2:] == [
        ("res-router", {"model": "wifi6"}),
        ("res-ipv4-address", {"pool": "pool-residential-v4", "prefixLength": 32})]
    assert demo.task(order, "resource:inventory", "reserve")["params"]["quantity"] == 4
    assert sorted(p["productOffering"]["id"] for p in demo.products()) == ["fibre-500", "static-ip"]
    check_golden(demo.snapshot())


def test_gold_loyal_customer_gets_the_installation_waived_and_both_discounts(place):
    demo = place("gold-loyal-customer")
    order = demo.detail()
    assert order["state"] == "completed"
    # 59.90 (1G x 36 x north) - gold 10 % (5.99, under the 15 EUR cap) - loyalty 7 years capped at 5 = 48.91
    assert totals(order) == {"oneTime": "0.00", "recurring:month": "48.91"}
    monthly = next(t for t in order["pricing"]["items"]["1"]["itemTotalPrice"] if t["priceType"] == "recurring")
    assert [(a["provenance"]["row"], a["price"]["dutyFreeAmount"]["value"]) for a in monthly["priceAlteration"]] \
        == [("gold", "-5.99"), ("loyalty", "-5.00")]
    one_time = next(t for t in order["pricing"]["items"]["1"]["itemTotalPrice"] if t["priceType"] == "oneTime")
    assert [a["provenance"]["row"] for a in one_time["priceAlteration"]] == ["install-waived-36"]
    contract = next(e for e in demo.trace() if e["rule"] == "contract-term")
    assert contract["decision"] == {"termMonths": 36, "entitlements": ["cfs-internet"]}
    check_golden(demo.snapshot())


def test_iot_fleet_of_2000_sims_completes_after_the_hss_retry_back_off(place):
    demo = place("iot-2000-sims")
    order = demo.detail()
    # the HSS provisioning failed once (simulated transient error); attempt 2 is due 5 s later
    hss = demo.task(order, "service:iot-platform", "provision-hss")
    assert (order["state"], hss["state"], hss["attempt"]) == ("inProgress", "running", 2)
    assert hss["notes"][0]["text"] == "attempt 1 failed: simulated transient failure on attempt 1"
    order = demo.advance(seconds=4)
    assert order["state"] == "inProgress"  # the back-off is not over yet
    order = demo.advance(seconds=1)
    assert order["state"] == "completed"
    # 2,000 SIMs: 2.00 per card once, 2.20 per SIM a month (volume tier from 1,000), data 0.50 per GB
    assert totals(order) == {"oneTime": "4000.00", "recurring:month": "4400.00"}  # usage is a rate, not totalled
    assert price_rows(order)[2] == ("1", "usage", "0.50", "prices.eur", "iot-data-gb")
    assert order["approvals"] == []  # 2,000 SIMs and 4,400 a month are below every threshold
    lines = {line["specification"]: line["quantity"] for d in order["domainOrders"] for line in d["lines"]}
    assert lines == {"res-sim-card": 2000, "rfs-iot-subscription": 2000, "cfs-iot-connectivity": 1,
                     "spec-iot-sim": 2000}
    assert demo.task(order, "service:iot-platform", "notify-customer")["state"] == "skipped"  # no webhook
    check_golden(demo.snapshot())


# --- people in the loop ----------------------------------------------------------------------------


def test_an_iot_fleet_with_a_mistyped_apn_falls_out_and_completes_once_the_agent_fixes_the_apn(place):
    demo = place("iot-apn-unknown")
    order = demo.advance(seconds=5)  # the HSS retry back-off; then the PCRF refuses the APN at once
    apply_plan = demo.task(order, "service:iot-platform", "apply-plan")
    assert (order["state"], apply_plan["state"], apply_plan["attempt"]) == ("inProgress", "failed", 1)  # no retry
    assert apply_plan["params"]["apn"] == "trackline-iot.example"  # from the item, by the plan's JsonLogic
    [record] = demo.open_fallout()
    assert (record["type"], record["priority"], record["assignmentGroup"], record["taskId"]) == (
        "provisioningFailure", 1, "noc-business", apply_plan["id"])
    assert record["error"] == "rejected: apn 'trackline-iot.example' is not known to the system"
    assert demo.task(order, "service:iot-platform", "activate-sims")["state"] == "pending"

    order = demo.fix(record, {"params": {"apn": "trackline.iot.example"},
                              "lines": {"1.iot-connectivity": {"apn": "trackline.iot.example"}},
                              "reason": "APN mistyped at capture"})
    assert order["state"] == "completed" and demo.open_fallout() == []
    apply_plan = demo.task(order, "service:iot-platform", "apply-plan")
    assert (apply_plan["state"], apply_plan["attempt"], apply_plan["params"]["apn"]) == (
        "completed", 2, "trackline.iot.example")
    connectivity = [line for line in demo.domain_order(order, "service:iot-platform")["lines"]
                    if line["specification"] == "cfs-iot-connectivity"]
    assert connectivity[0]["characteristics"] == {"dataPlan": "iot-100MB", "apn": "trackline.iot.example"}
    assert [(p["productOffering"]["id"], p["status"]) for p in demo.products()] == [("iot-sim-fleet", "active")]
    # the fix reaches the order item the line comes from, so the order and its product carry the corrected APN
    [product] = demo.products()
    assert {c["name"]: c["value"] for c in product["productCharacteristic"]}["apn"] == "trackline.iot.example"
    [item] = demo.client.get(f"{BASE}/{demo.id}").json["productOrderItem"]
    assert {c["name"]: c["value"] for c in item["product"]["productCharacteristic"]}["apn"] == \
        "trackline.iot.example"
    check_golden(demo.snapshot())


def test_fibre_voip_port_in_finishes_after_the_field_work_order_and_the_donor_wait(place):
    demo = place("fibre-voip-port-in")
    order = demo.detail()
    assert order["state"] == "inProgress"
    # fibre 100M + VoIP: technician 99.00 + port-in 15.00; 31.90 + 9.90 - 3.00 fibre + voice bundle
    assert totals(order) == {"oneTime": "114.00", "recurring:month": "38.80"}
    assert ("2", "usage", "0.09", "prices.eur", "voip-intl-minute") in price_rows(order)
    # a house in the south: the technician work order waits in field-south and is the point of no return
    queue = demo.queue(group="field-south")
    assert [(t["key"], t["type"], t["pointOfNoReturn"], t["params"]) for t in queue] == [
        ("install-south", "workOrder", True, {"postcode": "80331"})]
    assert demo.domain_order(order, "service:voice-platform")["state"] == "scheduled"  # voice waits for fibre
    order = demo.work(queue[0], {"technician": "T-7", "ontSerial": "ONT-0001"})
    # fibre and voice are done; the porting waits one day for the donor operator
    donor = demo.task(order, "service:number-portability", "await-donor")
    assert (donor["state"], donor["dueAt"]) == ("waiting", "2026-01-02T09:00:00.000Z")
    assert demo.domain_order(order, "service:voice-platform")["state"] == "completed"
    order = demo.advance(hours=23)
    assert demo.task(order, "service:number-portability", "await-donor")["state"] == "waiting"
    order = demo.advance(hours=1)
    assert order["state"] == "completed" and order["completionDate"] == "2026-01-02T09:00:00.000Z"
    assert demo.task(order, "service:number-portability", "cutover")["pointOfNoReturn"]
    voip = next(p for p in demo.products() if p["productOffering"]["id"] == "voip-line")
    assert {"name": "portInNumber", "value": "+49891234567"} in voip["productCharacteristic"]
    check_golden(demo.snapshot())


def test_staggered_port_in_without_the_number_waits_only_in_number_porting_until_the_patch(place):
    demo = place("fibre-voip-port-in-number-missing")
    order = demo.detail()
    # everything that does not need the number went ahead; only number porting waits for information
    assert (order["state"], order["stage"]) == ("inProgress", "fulfilling")
    assert {d["ref"]: d["state"] for d in order["domainOrders"]} == {
        "resource:inventory": "completed", "service:oss-fibre:plan.fibre-service": "completed",
        "service:voice-platform:plan.voice": "completed",
        "service:number-portability:plan.number-porting": "awaitingInformation",
        "product:product-inventory": "scheduled"}  # the product waits for the porting
    porting = demo.domain_order(order, "service:number-portability")
    assert porting["missing"] == [{"itemId": "2", "specification": "rfs-number-porting",
                                   "characteristic": "portInNumber"}]
    assert task_states(order, "service:number-portability") == {}  # no tasks until the number is known
    # existing ONT on the wall: no ONT is reserved, self install
    assert [line["specification"] for line in demo.domain_order(order, "resource:inventory")["lines"]] == [
        "res-olt-port", "res-router", "res-phone-number"]
    assert totals(order) == {"oneTime": "34.90", "recurring:month": "51.80"}  # 44.90 + 9.90 - 3.00 bundle

    order = demo.patch({"productOrderItem": [{"id": "2", "product": {"productCharacteristic": [
        {"name": "portInNumber", "value": "+493012345678"}]}}]}, "PATCH portInNumber")
    assert (order["state"], order["revision"]) == ("inProgress", 2)
    porting = demo.domain_order(order, "service:number-portability")
    assert (porting["state"], porting["missing"]) == ("inProgress", None)
    assert task_states(order, "service:number-portability") == {
        "submit-port": "completed", "await-donor": "waiting", "cutover": "pending", "ported": "pending"}
    order = demo.advance(days=1)
    assert order["state"] == "completed"
    assert {d["state"] for d in order["domainOrders"]} == {"completed"}
    voip = next(p for p in demo.products() if p["productOffering"]["id"] == "voip-line")
    assert {"name": "portInNumber", "value": "+493012345678"} in voip["productCharacteristic"]
    check_golden(demo.snapshot())


def test_sdwan_12_sites_is_auto_approved_and_finishes_after_scheduling_and_the_field_work_order(place):
    demo = place("sdwan-12-sites")
    order = demo.detail()
    assert order["state"] == "inProgress" and order["approvals"] == []
    # 12 x 259.00 (500M standard) = 3,108.00; gold 10 % capped at 15 per item; multi-site 5 % on the order
    assert totals(order) == {"oneTime": "3000.00", "recurring:month": "2938.35"}
    assert [(a["name"], a["level"], a["amount"]) for a in order["pricing"]["adjustments"]] == [
        ("Gold segment 10 %", "item", "-15.00"), ("Multi-site 5 %", "order", "-154.65")]
    schedule = demo.queue(group="sdwan-deployment")
    assert [(t["key"], t["type"]) for t in schedule] == [("schedule", "manual")]
    assert demo.queue(group="field-south") == []  # the work order waits for the schedule
    order = demo.work(schedule[0], {"installWindow": "2026-02-02/2026-02-13"})
    field = demo.queue(group="field-south")
    assert [(t["key"], t["params"], t["pointOfNoReturn"]) for t in field] == [("install-south", {"sites": 12}, True)]
    order = demo.work(field[0], {"sitesInstalled": 12})
    assert order["state"] == "completed"
    assert demo.task(order, "service:sdwan-orchestrator", "noc-acceptance")["state"] == "skipped"  # standard tier
    quantities = {line["specification"]: line["quantity"] for d in order["domainOrders"] for line in d["lines"]}
    assert set(quantities.values()) == {12}
    check_golden(demo.snapshot())


def test_sdwan_500_sites_decomposes_and_completes_after_approval(place):
    demo = place("sdwan-500-sites")
    order = demo.detail()
    # more than 100 sites: an orderApprover signs off before decomposition
    assert (order["state"], order["stage"], order["domainOrders"]) == ("acknowledged", "awaitingApproval", [])
    assert totals(order) == {"oneTime": "125000.00", "recurring:month": "109926.20"}  # 500 x 239.00 - 15 - 8 %
    approvals = demo.pending_approvals()
    assert [(a["role"], a["reason"]) for a in approvals] == [
        ("orderApprover", "More than 100 SD-WAN sites: capacity and field-service plan need sign-off")]
    order = demo.approve(approvals[0], "field plan agreed with ACME")
    assert order["state"] == "inProgress"
    # one line per specification carrying the quantity, not 500 lines
    lines = [line for d in order["domainOrders"] for line in d["lines"]]
    assert len(order["domainOrders"]) == 5 and len(lines) == 9
    assert {line["specification"]: line["quantity"] for line in lines} == {
        "res-sdwan-cpe": 500, "res-olt-port": 500, "res-ont": 500, "rfs-site-installation": 500,
        "rfs-gpon-access": 500, "cfs-internet": 500, "rfs-sdwan-overlay": 500, "cfs-sdwan-managed": 500,
        "spec-sdwan-site": 500}
    assert demo.task(order, "resource:inventory", "reserve")["params"]["quantity"] == 1500

    order = demo.work(demo.queue(group="sdwan-deployment")[0], {"installWindow": "2026-03-02/2026-06-26"})
    field = demo.queue(group="field-north")
    assert [(t["key"], t["params"]) for t in field] == [("install-north", {"sites": 500})]
    order = demo.work(field[0], {"sitesInstalled": 500})
    # premium tier: the NOC acceptance is an approval task for a fulfillmentManager (no queue group)
    noc = demo.queue(type="approval")
    assert [(t["key"], t["role"], t["assignmentGroup"]) for t in noc] == [
        ("noc-acceptance", "fulfillmentManager", None)]
    assert order["state"] == "inProgress"
    order = demo.work(noc[0], {"accepted": True})
    assert order["state"] == "completed"
    assert [(p["productOffering"]["id"], p["status"]) for p in demo.products()] == [("sdwan-site", "active")]
    check_golden(demo.snapshot())


def test_an_unknown_offering_is_rejected_with_its_reason(place):
    demo = place("unknown-offering")
    order = demo.detail()
    assert (order["state"], order["stage"]) == ("rejected", "rejected")
    assert order["stateReason"] == "item 1: product offering 'fibre-10g' is not in the catalog"
    assert [n["text"] for n in demo.tmf()["note"]] == [
        "Rejected: item 1: product offering 'fibre-10g' is not in the catalog"]
    assert order["pricing"] is None and order["domainOrders"] == [] and demo.products() == []
    check_golden(demo.snapshot())


def test_voip_without_fibre_is_refused_at_capture_with_the_reason(client, demo_pack, runtime):
    response = client.post(BASE, json=example("voip-without-fibre"))
    assert response.status_code == 422 and response.json["@type"] == "Error"
    reason = ("item 1: 'voip-line' requires 'spec-fibre-access' (fibre-100 / fibre-500 / fibre-1g): the order adds "
              "none and the customer holds none (/productOrderItem/0/productOffering/id)")
    assert response.json["message"] == f"the order breaks 1 product relationship(s) of the catalog: {reason}"
    assert response.json["details"] == [{"pointer": "/productOrderItem/0/productOffering/id",
                                         "code": "required_offering_missing", "message": reason}]
    assert client.get(BASE).json == []  # nothing was stored


def test_voip_without_fibre_is_accepted_once_the_customer_holds_a_fibre(place, make_user):
    make_user("noah", "customer", "cust-0077")
    fibre = example("fibre-500")
    fibre["relatedParty"] = example("voip-without-fibre")["relatedParty"]
    assert place("fibre-500", fibre).detail()["state"] == "completed"
    voip = place("voip-without-fibre")
    assert voip.detail()["state"] == "completed"
    assert [p["productOffering"]["id"] for p in voip.products()] == ["voip-line"]


# --- what looked wrong when the goldens were written -----------------------------------------------


def test_the_contract_term_is_the_term_the_order_was_priced_on(place):
    demo = place("fibre-500")
    assert demo.detail()["pricing"]["lines"][1]["provenance"]["row"] == "500M-24-north"
    assert demo.snapshot()["contracts"][0]["termMonths"] == 24


def test_a_released_domain_order_carries_the_supplied_number(place):
    demo = place("fibre-voip-port-in-number-missing")
    order = demo.patch({"productOrderItem": [{"id": "2", "product": {"productCharacteristic": [
        {"name": "portInNumber", "value": "+493012345678"}]}}]}, "PATCH portInNumber")
    line = demo.domain_order(order, "service:number-portability")["lines"][0]
    assert (line["characteristics"]["portInNumber"], line["awaiting"]) == ("+493012345678", [])


def test_a_negotiated_discount_needs_an_order_manager(place):
    body = example("fibre-500")
    body["productOrderItem"][0]["itemPrice"] = [{
        "priceType": "recurring", "price": {"dutyFreeAmount": {"unit": "EUR", "value": 35.92}},
        "priceAlteration": [{"name": "sales deal", "priceType": "recurring", "percentage": 20,
                             "price": {"percentage": 20}}]}]
    order = place("fibre-500", body).detail()
    assert [a["provenance"]["row"] for a in order["pricing"]["adjustments"]] == ["negotiated"]
    assert [(a["role"], a["state"]) for a in order["approvals"]] == [("orderManager", "pending")]


def test_every_alteration_is_an_amount_in_cents(place):
    order = place("gold-loyal-customer").detail()
    values = [a["price"]["dutyFreeAmount"]["value"] for t in order["pricing"]["items"]["1"]["itemTotalPrice"]
              for a in t.get("priceAlteration", [])]
    assert values == ["-19.90", "-5.99", "-5.00"]
