"""Hand-written facts the telco demo golden files must hold, checked on the committed files.

``ORDO_UPDATE_GOLDEN=1`` rewrites the goldens from whatever the code does; these facts (written from the
pack's catalog, decomposition rules and README, not copied from a run) make a regenerated golden that lost
a domain order, a system, a dependency or a line fail. Order state, domain orders as
``ref -> (state, refs it waits for, [specification x quantity])``.
"""
from __future__ import annotations

import json

import pytest

from tests.rulepacks.telco_demo_driver import GOLDEN

RESOURCE, PRODUCT = "resource:inventory", "product:product-inventory"
FIBRE, VOICE = "service:oss-fibre:plan.fibre-service", "service:voice-platform:plan.voice"
PORTING = "service:number-portability:plan.number-porting"
FIELD, SDWAN = "service:field-service:plan.sdwan-site", "service:sdwan-orchestrator:plan.sdwan-service"
IOT = "service:iot-platform:plan.iot"
FIBRE_RESOURCES = ["res-olt-port x1", "res-ont x1", "res-router x1"]
FIBRE_SERVICES = ["rfs-gpon-access x1", "rfs-cpe-config x1", "cfs-internet x1"]


def sdwan(sites: int) -> dict:
    def lines(*specs):
        return [f"{spec} x{sites}" for spec in specs]
    return {RESOURCE: ("completed", set(), lines("res-sdwan-cpe", "res-olt-port", "res-ont")),
            FIELD: ("completed", {RESOURCE}, lines("rfs-site-installation")),
            FIBRE: ("completed", {RESOURCE}, lines("rfs-gpon-access", "cfs-internet")),
            SDWAN: ("completed", {FIELD, FIBRE}, lines("rfs-sdwan-overlay", "cfs-sdwan-managed")),
            PRODUCT: ("completed", {SDWAN}, lines("spec-sdwan-site"))}


def port_in(resources: list[str]) -> dict:
    return {RESOURCE: ("completed", set(), resources),
            FIBRE: ("completed", {RESOURCE}, FIBRE_SERVICES),
            VOICE: ("completed", {RESOURCE, FIBRE}, ["rfs-sip-trunk x1", "cfs-voice x1"]),
            PORTING: ("completed", {VOICE, FIBRE}, ["rfs-number-porting x1"]),
            PRODUCT: ("completed", {FIBRE, VOICE, PORTING}, ["spec-fibre-access x1", "spec-voip x1"])}


def change(action: str, with_resource: bool) -> dict:
    found = {f"service:oss-fibre@{action}": ("completed", set(), ["cfs-internet x1"]),
             f"{PRODUCT}@{action}": ("completed", {f"service:oss-fibre@{action}"}, ["spec-fibre-access x1"])}
    if with_resource:  # a disconnect releases the OLT port after the service is gone
        found[f"{RESOURCE}@{action}"] = ("completed", {f"service:oss-fibre@{action}"}, ["res-olt-port x1"])
    return found


FIBRE_500 = {RESOURCE: ("completed", set(), FIBRE_RESOURCES), FIBRE: ("completed", {RESOURCE}, FIBRE_SERVICES),
             PRODUCT: ("completed", {FIBRE}, ["spec-fibre-access x1"])}

FACTS = {
    "fibre-500": ("completed", FIBRE_500),
    "gold-loyal-customer": ("completed", FIBRE_500),
    "fibre-router-static-ip": ("completed", {
        RESOURCE: ("completed", set(), FIBRE_RESOURCES + ["res-ipv4-address x1"]),
        FIBRE: ("completed", {RESOURCE}, FIBRE_SERVICES),
        PRODUCT: ("completed", {FIBRE, RESOURCE}, ["spec-fibre-access x1", "spec-static-ip x1"])}),
    "fibre-voip-port-in": ("completed", port_in(FIBRE_RESOURCES + ["res-phone-number x1"])),
    # an ONT already on the wall: none is reserved
    "fibre-voip-port-in-number-missing": ("completed", port_in(["res-olt-port x1", "res-router x1",
                                                                "res-phone-number x1"])),
    "iot-2000-sims": ("completed", {
        RESOURCE: ("completed", set(), ["res-sim-card x2000"]),
        IOT: ("completed", {RESOURCE}, ["rfs-iot-subscription x2000", "cfs-iot-connectivity x1"]),
        PRODUCT: ("completed", {IOT}, ["spec-iot-sim x2000"])}),
    # the fallout agent corrected the APN on the connectivity line: still one line of each, completed
    "iot-apn-unknown": ("completed", {
        RESOURCE: ("completed", set(), ["res-sim-card x50"]),
        IOT: ("completed", {RESOURCE}, ["rfs-iot-subscription x50", "cfs-iot-connectivity x1"]),
        PRODUCT: ("completed", {IOT}, ["spec-iot-sim x50"])}),
    "sdwan-12-sites": ("completed", sdwan(12)),
    "sdwan-500-sites": ("completed", sdwan(500)),
    # the cancellation came after the point of no return: refused, the order completes
    "fibre-cancel-after-install": ("completed", FIBRE_500),
    "fibre-cancel-before-install": ("cancelled", {ref: ("cancelled", *rest[1:]) for ref, rest in FIBRE_500.items()}),
    "fibre-500-disconnect": ("completed", change("delete", True)),
    "fibre-500-suspend": ("completed", change("suspend", False)),
    "fibre-500-resume": ("completed", change("resume", False)),
    "fibre-500-modify-term": ("completed", change("modify", False)),
    "unknown-offering": ("rejected", {}),
}


def facts_of(golden: dict) -> tuple[str, dict]:
    return golden["order"]["state"], {
        d["ref"]: (d["state"], set(d["dependsOn"]), [f"{line['specification']} x{line['quantity']}"
                                                     for line in d["lines"]])
        for d in golden["domainOrders"]}


@pytest.mark.parametrize("example", sorted(FACTS))
def test_the_golden_file_holds_the_hand_written_facts(example):
    assert facts_of(json.loads((GOLDEN / f"{example}.json").read_text())) == FACTS[example]


def test_the_revised_order_keeps_the_cancelled_four_sites_and_completes_six():
    golden = json.loads((GOLDEN / "sdwan-revised-in-flight.json").read_text())
    by_state = {(d["ref"], d["state"]): {line["quantity"] for line in d["lines"]} for d in golden["domainOrders"]}
    assert by_state == {**{(ref, "cancelled"): {4} for ref in sdwan(4)}, **{(ref, "completed"): {6} for ref in sdwan(6)}}


def test_every_golden_file_has_facts():
    assert {path.stem for path in GOLDEN.glob("*.json")} == set(FACTS) | {"sdwan-revised-in-flight"}


def test_the_facts_check_fails_on_a_golden_that_lost_a_dependency():
    golden = json.loads((GOLDEN / "sdwan-12-sites.json").read_text())
    next(d for d in golden["domainOrders"] if d["ref"] == SDWAN)["dependsOn"].remove(FIELD)
    assert facts_of(golden) != FACTS["sdwan-12-sites"]
