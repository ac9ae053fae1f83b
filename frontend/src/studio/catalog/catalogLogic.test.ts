import { toggledColumns } from "../../shared/ui/ColumnChooser";
import { describe, expect, it } from "vitest";
import { COLUMN_IDS, FIXED_COLUMNS, copyKey, duplicateDocument, keyProblem, newDocument, readColumns } from "./catalogLogic";

describe("column choice", () => {
  it("shows every column when nothing (or garbage) is stored", () => {
    expect(readColumns(null)).toEqual([...COLUMN_IDS]);
    expect(readColumns("{not json")).toEqual([...COLUMN_IDS]);
    expect(readColumns('"key"')).toEqual([...COLUMN_IDS]);
  });
  it("keeps the catalog's order, drops unknown ids and always keeps key and actions", () => {
    expect(readColumns('["lint","nope","title"]')).toEqual(["key", "title", "lint", "actions"]);
  });
  it("toggles a column but never a fixed one", () => {
    const visible = readColumns('["title"]');
    expect(toggledColumns(COLUMN_IDS, FIXED_COLUMNS, visible, "kind")).toEqual(["key", "title", "kind", "actions"]);
    expect(toggledColumns(COLUMN_IDS, FIXED_COLUMNS, visible, "title")).toEqual(["key", "actions"]);
    expect(toggledColumns(COLUMN_IDS, FIXED_COLUMNS, visible, "key")).toBe(visible);
  });
});

describe("new and duplicate documents", () => {
  const example = { kind: "fallout_rules", key: "fallout.default", schemaVersion: 1, title: "Default", body: { rules: [1] }, ui: { x: 1 } };
  it("starts a new artifact from the kind's example, renamed and without layout", () => {
    const doc = newDocument("fallout_rules", "fallout.mine", "Mine", [example]);
    expect(doc).toEqual({ kind: "fallout_rules", key: "fallout.mine", schemaVersion: 1, title: "Mine", body: { rules: [1] } });
    expect(example.key).toBe("fallout.default");
  });
  it("starts from an empty body when the kind has no example, and drops an empty title", () => {
    expect(newDocument("price_list", "p", " ", [example])).toEqual({ kind: "price_list", key: "p", schemaVersion: 1, body: {} });
    expect(newDocument("fallout_rules", "f", "", [example])).not.toHaveProperty("title");
  });
  it("duplicates a version's document under a new key, keeping its layout in a separate copy", () => {
    const doc = duplicateDocument(example, "fallout.copy", "Copy");
    expect(doc).toMatchObject({ key: "fallout.copy", title: "Copy", body: { rules: [1] }, ui: { x: 1 } });
    expect(doc.ui).not.toBe(example.ui);
  });
  it("suggests a free copy key", () => {
    const taken = new Set(["a-copy", "a-copy-2"]);
    expect(copyKey("a", (k) => taken.has(k))).toBe("a-copy-3");
    expect(copyKey("b", () => false)).toBe("b-copy");
  });
  it("checks a key", () => {
    expect(keyProblem("", () => false)).toMatch(/required/);
    expect(keyProblem("has space", () => false)).toMatch(/Letters/);
    expect(keyProblem("taken.key", (k) => k === "taken.key")).toMatch(/exists/);
    expect(keyProblem("ok.key-1", () => false)).toBeNull();
  });
});
