import { describe, expect, it } from "vitest";
import { navFor } from "./nav";

const labels = (permissions: string[]) => navFor(permissions).map((entry) => entry.label);

describe("the navigation", () => {
  it("shows an entry whose route needs two permissions only to a role holding both", () => {
    expect(labels(["domainOrder.read", "approval.read"])).not.toContain("Order capture");
    expect(labels(["order.create"])).not.toContain("Order capture");
    expect(labels(["domainOrder.read", "order.create"])).toContain("Order capture");
  });

  it("shows the entries without a permission to everyone", () => {
    expect(labels([])).toEqual(["Home"]);
  });
});
