import { describe, expect, it } from "vitest";
import { asUtc, diffable, logQuery, orderedPair, withPrevious } from "./logic";

describe("logQuery", () => {
  it("keeps known filters, drops blanks and unknown names, reads local times as UTC", () => {
    expect(logQuery({ actor: " ada ", action: "", bogus: "x", atFrom: "2026-12-06T13:05" }, 50, 25, "-at"))
      .toEqual({ offset: 50, limit: 25, actor: "ada", atFrom: "2026-12-06T13:05:00Z", sort: "-at" });
  });
  it("passes a positive idFrom as a number", () => {
    expect(logQuery({ idFrom: "42" }, 0, 10, "id")).toEqual({ offset: 0, limit: 10, idFrom: 42, sort: "id" });
    expect(logQuery({ idFrom: "x" }, 0, 10, null)).toEqual({ offset: 0, limit: 10 });
  });
  it("ignores a sort the server does not have", () => {
    expect(logQuery({}, 0, 10, "actor")).toEqual({ offset: 0, limit: 10 });
  });
});

describe("asUtc", () => {
  it("leaves a full ISO moment alone", () => {
    expect(asUtc("2026-12-06T13:05:00+01:00")).toBe("2026-12-06T13:05:00+01:00");
    expect(asUtc("2026-12-06T13:05:30")).toBe("2026-12-06T13:05:30Z");
  });
});

describe("withPrevious", () => {
  const rows = [3, 2, 1].map((version) => ({ key: "p", version, activatedAt: `t${version}` }));
  it("pairs each row of the page with the next older one, the extra row only as a previous", () => {
    const pairs = withPrevious(rows, 2);
    expect(pairs.map((p) => [p.row.version, p.previous?.version])).toEqual([[3, 2], [2, 1]]);
    expect(withPrevious(rows, 3)[2].previous).toBeNull();
  });
  it("diffs only versions of one pack that differ", () => {
    expect(diffable(rows[0], rows[1])).toBe(true);
    expect(diffable(rows[0], { ...rows[1], key: "q" })).toBe(false);
    expect(diffable(rows[0], rows[0])).toBe(false);
    expect(diffable(rows[0], null)).toBe(false);
  });
});

describe("orderedPair", () => {
  it("orders two distinct versions", () => {
    expect(orderedPair(3, 1)).toEqual([1, 3]);
    expect(orderedPair(2, 2)).toBeNull();
    expect(orderedPair(null, 2)).toBeNull();
  });
});
