import { describe, expect, it } from "vitest";
import { bindingPaths, bindingsWithout, groupByStage, lintCounts, parsePackRef, pinChanges, pinnableVersions, stageOf } from "./pins";

const BINDINGS = {
  catalog: "catalog.telco-demo",
  pricing: { priceList: "prices.eur", matrices: ["prices.fibre-matrix", "prices.sdwan-matrix"] },
  orchestration: { "cfs-internet": "plan.fibre-service", "rfs-gpon-access": "plan.fibre-service", product: "plan.product" },
  approval: "approval.policy",
};

describe("stages of pins", () => {
  it("finds every binding path naming an artifact, inside objects and lists", () => {
    expect(bindingPaths(BINDINGS, "plan.fibre-service")).toEqual(["orchestration.cfs-internet", "orchestration.rfs-gpon-access"]);
    expect(bindingPaths(BINDINGS, "prices.sdwan-matrix")).toEqual(["pricing.matrices"]);
    expect(stageOf(BINDINGS, "catalog.telco-demo")).toBe("catalog");
    expect(stageOf(BINDINGS, "enrich.region")).toBe("referenced");
  });

  it("groups pins by stage in pipeline order, referenced ones last", () => {
    const groups = groupByStage({ "plan.product": 1, "enrich.region": 2, "approval.policy": 1, "prices.eur": 3,
      "catalog.telco-demo": 1 }, BINDINGS);
    expect(groups.map((g) => g.stage)).toEqual(["catalog", "pricing", "approval", "orchestration", "referenced"]);
    expect(groups[1].pins).toEqual([{ key: "prices.eur", version: 3, stage: "pricing", boundAs: ["pricing.priceList"] }]);
  });
});

describe("pin changes", () => {
  it("lists added, removed and re-pinned artifacts", () => {
    const changes = pinChanges({ a: 1, b: 2, c: 1 }, { a: 1, b: 3, d: 1 });
    expect(changes).toEqual({ added: { d: 1 }, removed: { c: 1 }, changed: [{ key: "b", from: 2, to: 3 }], empty: false });
    expect(pinChanges({ a: 1 }, { a: 1 }).empty).toBe(true);
  });

  it("offers only published versions, newest first", () => {
    expect(pinnableVersions([{ version: 1, status: "published" }, { version: 2, status: "retired" },
      { version: 3, status: "published" }, { version: 4, status: "draft" }])).toEqual([3, 1]);
  });

  it("drops bindings that name a removed pin, keeping the rest", () => {
    expect(bindingsWithout(BINDINGS, ["prices.fibre-matrix", "approval.policy"])).toEqual({
      catalog: "catalog.telco-demo",
      pricing: { priceList: "prices.eur", matrices: ["prices.sdwan-matrix"] },
      orchestration: BINDINGS.orchestration,
    });
  });
});

describe("small helpers", () => {
  it("counts lint findings by severity and reads pack references", () => {
    expect(lintCounts([{ severity: "error" }, { severity: "info" }, { severity: "info" }])).toEqual({ error: 1, warning: 0, info: 2 });
    expect(parsePackRef("telco-demo@12")).toEqual({ key: "telco-demo", version: 12 });
    expect(parsePackRef("nope")).toBeNull();
  });
});
