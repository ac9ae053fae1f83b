import { toggledColumns } from "../../shared/ui/ColumnChooser";
import { describe, expect, it } from "vitest";
import { COLUMN_IDS, DEFAULT_COLUMNS, FIXED_COLUMNS, filterQuery, readColumns, readSavedFilters, removeFilter, saveFilter } from "./listLogic";

describe("orders list columns", () => {
  it("falls back to the defaults and keeps the fixed column", () => {
    expect(readColumns(null)).toEqual(DEFAULT_COLUMNS);
    expect(readColumns("not json")).toEqual(DEFAULT_COLUMNS);
    expect(readColumns('["state","nope"]')).toEqual(["id", "state"]);
  });
  it("toggles in table order and never hides the number", () => {
    expect(toggledColumns(COLUMN_IDS, FIXED_COLUMNS, ["id", "state"], "party")).toEqual(["id", "party", "state"]);
    expect(toggledColumns(COLUMN_IDS, FIXED_COLUMNS, ["id", "state"], "state")).toEqual(["id"]);
    expect(toggledColumns(COLUMN_IDS, FIXED_COLUMNS, ["id"], "id")).toEqual(["id"]);
  });
});

describe("saved filters", () => {
  it("saves the filters and sort without the page, replacing by name", () => {
    const query = filterQuery(new URLSearchParams("state=inProgress&page=3&sort=-orderDate"));
    expect(query).toBe("sort=-orderDate&state=inProgress");
    const saved = saveFilter(saveFilter([], "b", "x=1"), " a ", query);
    expect(saved.map((f) => f.name)).toEqual(["a", "b"]);
    expect(saveFilter(saved, "b", "y=2").find((f) => f.name === "b")?.query).toBe("y=2");
    expect(removeFilter(saved, "a").map((f) => f.name)).toEqual(["b"]);
    expect(saveFilter(saved, "  ", "z")).toBe(saved);
  });
  it("reads only well-formed sets", () => {
    expect(readSavedFilters('[{"name":"a","query":"q"},{"name":1}]')).toEqual([{ name: "a", query: "q" }]);
    expect(readSavedFilters("{")).toEqual([]);
  });
});
