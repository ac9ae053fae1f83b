import { DEFAULT_THEME } from "@mantine/core";
import { describe, expect, it } from "vitest";
import { contrast, readableOn } from "./contrast";

describe("readableOn", () => {
  it("keeps a colour that already reads and darkens one that does not", () => {
    expect(readableOn("#1864ab", ["#e7f5ff"])).toBe("#1864ab");
    const green = readableOn("#2b8a3e", ["#ebfbee", "#d3f9d8"]);
    expect(green).not.toBe("#2b8a3e");
    expect(contrast(green, "#d3f9d8")).toBeGreaterThanOrEqual(4.5);
  });

  it("makes every palette's light-variant text read on its tint and hover tint", () => {
    for (const shades of Object.values(DEFAULT_THEME.colors)) {
      const text = readableOn(shades[9], [shades[0], shades[1]]);
      expect(contrast(text, shades[0])).toBeGreaterThanOrEqual(4.5);
      expect(contrast(text, shades[1])).toBeGreaterThanOrEqual(4.5);
    }
  });
});
