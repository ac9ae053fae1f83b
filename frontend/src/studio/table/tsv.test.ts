import { describe, expect, it } from "vitest";
import { formatTsv, parseTsv } from "./tsv";

describe("TSV", () => {
  it("reads Excel's clipboard: CRLF rows, a trailing line break, empty cells", () => {
    expect(parseTsv("a\tb\r\n\tc\r\n")).toEqual([["a", "b"], ["", "c"]]);
  });
  it("reads quoted cells with tabs, line breaks and doubled quotes", () => {
    expect(parseTsv('"x\ty"\t"line1\nline2"\t"say ""hi"""\n1\t2\t3')).toEqual([["x\ty", "line1\nline2", 'say "hi"'], ["1", "2", "3"]]);
  });
  it("keeps a unary test that starts with a quote but is not one quoted cell", () => {
    expect(parseTsv('"gold","silver"\t> 5')).toEqual([['"gold","silver"', "> 5"]]);
  });
  it("keeps a DMN string literal in quotes as typed", () => {
    expect(parseTsv('"gold"\t"x"\n')).toEqual([['"gold"', '"x"']]);
  });
  it("round-trips what it writes", () => {
    const rows = [['"gold","silver"', "[1..49]", ""], ["a\tb", "x\ny", "-"], ['"gold"', 'not("a")', ""]];
    expect(parseTsv(formatTsv(rows))).toEqual(rows);
  });
  it("quotes only cells that need it", () => {
    expect(formatTsv([["> 5", "north"], ['"a"', ""]])).toBe('> 5\tnorth\r\n"""a"""\t');
  });
  it("reads nothing from empty text and one empty cell from a line break", () => {
    expect(parseTsv("")).toEqual([]);
    expect(parseTsv("\n")).toEqual([[""]]);
  });
});
