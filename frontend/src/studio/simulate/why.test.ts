import { describe, expect, it } from "vitest";
import {
  characteristicsOf, compareSimulations, decisionText, formatDuration, offeringsOf, orderFromForm, parseOrder,
  provenanceHref, selectionParam, stagesOf, timelineOf, totalsOf, typedValue, type Simulation, type SimDomainOrder,
} from "./why";

const task = (key: string, duration: number, dependsOn: string[] = [], state = "completed") =>
  ({ key, name: key, type: "auto", state, dependsOn, duration });

describe("stages and provenance", () => {
  it("groups the trace by stage in pipeline order", () => {
    const stages = stagesOf([
      { stage: "price", artifact: "prices.eur", version: 1, rule: "r1" },
      { stage: "enrich", artifact: "enrich.telco", version: 1, rule: "region" },
      { stage: "zzz", artifact: null, version: null, rule: null },
      { stage: "price", artifact: "prices.eur", version: 1, rule: "r2" },
    ]);
    expect(stages.map((s) => [s.stage, s.entries.length])).toEqual([["enrich", 1], ["price", 2], ["zzz", 1]]);
  });

  it("links a table row with ?row= and a flow or plan node with ?node=", () => {
    expect(selectionParam("price_list", "price", "fibre-500-mrc")).toBe("row");
    expect(selectionParam("enrichment_flow", "enrich", "region")).toBe("node");
    expect(selectionParam(undefined, "plan", "install-north")).toBe("node");
    expect(selectionParam(undefined, "approve", "auto")).toBe("row");
    expect(selectionParam("orchestration_plan", "plan", "domain:product")).toBeNull();
    expect(selectionParam("catalog", "capture", "item-valid")).toBeNull();
    expect(provenanceHref("prices.eur", 3, "row", "a b")).toBe("/studio/artifacts/prices.eur/versions/3?row=a%20b");
    expect(provenanceHref("catalog.x", 1, null, "item-valid")).toBe("/studio/artifacts/catalog.x/versions/1");
  });

  it("says what a decision was in a few words", () => {
    expect(decisionText({ outcome: "priced", amount: "19.90", currency: "EUR" })).toBe("priced 19.90 EUR");
    expect(decisionText({ outcome: "skipped", reason: "replaced" })).toBe("skipped: replaced");
    expect(decisionText({ decision: "autoApprove" })).toBe("autoApprove");
    expect(decisionText({ skipped: true, reason: "condition is false" })).toBe("skipped: condition is false");
    expect(decisionText({ state: "scheduled", tasks: ["a", "b"], skipped: [] })).toBe("scheduled (2 tasks)");
    expect(decisionText({ domainOrder: "product:inv", dependsOn: { "service:x": ["rule"] }, missing: [] }))
      .toBe("domain order product:inv after service:x");
  });
});

describe("the projected plan", () => {
  it("starts a task after its dependencies and a domain order after the ones it depends on", () => {
    const orders: SimDomainOrder[] = [
      { ref: "product", domain: "product", state: "completed", dependsOn: ["service"], tasks: [task("billing", 60)] },
      { ref: "service", domain: "service", state: "completed", dependsOn: [], tasks: [
        task("olt", 600), task("kit", 3600), task("install", 86400, [], "skipped"),
        task("installed", 0, ["kit", "install"]), task("activate", 300, ["olt", "installed"]),
      ] },
    ];
    const rows = timelineOf(orders);
    const at = Object.fromEntries(rows.map((r) => [r.key, [r.start, r.end]]));
    expect(at).toEqual({ olt: [0, 600], kit: [0, 3600], installed: [3600, 3600], activate: [3600, 3900], billing: [3900, 3960] });
    expect(rows.find((r) => r.key === "installed")!.dependsOn).toEqual(["kit"]);
    expect(formatDuration(3900)).toBe("1h 5m");
    expect(formatDuration(2 * 86400 + 7200 + 5)).toBe("2d 2h");
  });
});

const sim = (over: Partial<Simulation>): Simulation => ({
  pack: "p@1", state: "completed", accepted: true, domainOrders: [], trace: [],
  pricing: { orderTotalPrice: [{ priceType: "recurring", recurringChargePeriod: "month", price: { dutyFreeAmount: { unit: "EUR", value: "44.90" } } }] },
  ...over,
});

describe("old versus new", () => {
  it("reports the totals and the decisions that moved, nothing that stayed", () => {
    const before = sim({ trace: [{ stage: "price", artifact: "m", version: 1, rule: "500M", decision: { outcome: "priced", amount: "44.90", currency: "EUR" } },
      { stage: "approve", artifact: "a", version: 1, rule: "auto", decision: { decision: "autoApprove" } }] });
    const after = sim({
      pricing: { orderTotalPrice: [{ priceType: "recurring", recurringChargePeriod: "month", price: { dutyFreeAmount: { unit: "EUR", value: "39.90" } } }] },
      trace: [{ stage: "price", artifact: "m", version: 2, rule: "500M", decision: { outcome: "priced", amount: "39.90", currency: "EUR" } },
        { stage: "approve", artifact: "a", version: 1, rule: "auto", decision: { decision: "autoApprove" } }] });
    expect(totalsOf(after.pricing)).toEqual({ "recurring/month": "39.90 EUR" });
    expect(compareSimulations(before, after)).toEqual([
      { what: "total recurring/month", before: "44.90 EUR", after: "39.90 EUR" },
      { what: "price · m · 500M", before: "priced 44.90 EUR (v1)", after: "priced 39.90 EUR (v2)" },
    ]);
    expect(compareSimulations(before, before)).toEqual([]);
  });
});

const CATALOG = {
  productOfferings: [{ id: "fibre-500", name: "Fibre 500", productSpecification: { id: "spec-fibre" } },
    { id: "old", name: "Old", isSellable: false }],
  productSpecifications: [{ id: "spec-fibre", productSpecCharacteristic: [
    { name: "term", valueType: "integer", characteristicValueSpecification: [{ value: 12 }, { value: 24, isDefault: true }] },
    { name: "ownRouter", valueType: "boolean", characteristicValueSpecification: [{ value: false }, { value: true }] }] }],
};

describe("an order from the form", () => {
  it("offers sellable offerings and their specification's characteristics", () => {
    expect(offeringsOf(CATALOG)).toEqual([{ id: "fibre-500", name: "Fibre 500", specification: "spec-fibre" }]);
    const specs = characteristicsOf(CATALOG, "fibre-500");
    expect(specs.map((s) => [s.name, s.values, s.defaultValue])).toEqual([["term", [12, 24], 24], ["ownRouter", [false, true], undefined]]);
    expect(typedValue(specs[0], "36")).toBe(36);
    expect(typedValue(specs[1], "true")).toBe(true);
  });

  it("builds a TMF622 order and reads pasted JSON", () => {
    const order = orderFromForm({ offering: { id: "fibre-500", name: "Fibre 500", specification: "spec-fibre" }, quantity: 1,
      action: "add", characteristics: { term: 24, bandwidth: "" }, postcode: "10115" });
    expect(order).toEqual({ productOrderItem: [{ id: "1", action: "add", quantity: 1,
      productOffering: { id: "fibre-500", name: "Fibre 500" },
      product: { productCharacteristic: [{ name: "term", value: 24 }],
        place: [{ role: "installationAddress", "@type": "GeographicAddress", postcode: "10115", country: "DE" }] } }] });
    expect(parseOrder("{")).toHaveProperty("error");
    expect(parseOrder("{}")).toEqual({ error: "a ProductOrder needs a productOrderItem list" });
    expect(parseOrder('{"productOrderItem": []}')).toEqual({ order: { productOrderItem: [] } });
  });
});
