// Tab-separated text as Excel and other spreadsheets put it on the clipboard: one line per row, tabs between
// cells; a cell holding a tab, a line break or a quote is wrapped in quotes with its quotes doubled.

/** Rows of cells as TSV (Excel-compatible); no trailing line break. */
export function formatTsv(rows: string[][]): string {
  return rows.map((row) => row.map(formatCell).join("\t")).join("\r\n");
}

function formatCell(text: string): string {
  return /[\t\r\n"]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * TSV text as rows of cells. Quoted cells may hold tabs, line breaks and doubled quotes; a cell that starts
 * with a quote but is not one quoted cell (`"gold","silver"`), or whose quotes were not needed (`"gold"`, a DMN
 * string literal), is kept as typed. A final line break ends the
 * last row rather than starting an empty one.
 */
export function parseTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  const n = text.length;
  if (n === 0) return [];
  for (;;) {
    let cell = "";
    if (text[i] === '"') {
      const quoted = readQuoted(text, i);
      if (quoted) {
        cell = quoted.value;
        i = quoted.end;
      } else {
        const end = nextBreak(text, i);
        cell = text.slice(i, end);
        i = end;
      }
    } else {
      const end = nextBreak(text, i);
      cell = text.slice(i, end);
      i = end;
    }
    row.push(cell);
    if (i >= n) {
      rows.push(row);
      break;
    }
    if (text[i] === "\t") {
      i += 1;
      continue;
    }
    // a line break: \r\n, \n or \r
    i += text[i] === "\r" && text[i + 1] === "\n" ? 2 : 1;
    rows.push(row);
    row = [];
    if (i >= n) break;
  }
  return rows;
}

function nextBreak(text: string, from: number): number {
  for (let j = from; j < text.length; j += 1) {
    const c = text[j];
    if (c === "\t" || c === "\n" || c === "\r") return j;
  }
  return text.length;
}

/** A quoted cell from `start` (a quote) if it closes right before a tab, a line break or the end. */
function readQuoted(text: string, start: number): { value: string; end: number } | null {
  let value = "";
  let j = start + 1;
  while (j < text.length) {
    const c = text[j];
    if (c === '"') {
      if (text[j + 1] === '"') {
        value += '"';
        j += 2;
        continue;
      }
      const after = text[j + 1];
      if (after !== undefined && after !== "\t" && after !== "\n" && after !== "\r") return null;
      // "gold" alone is the DMN string literal, not a quoted cell: only quoting that was needed is undone
      return /[\t\r\n"]/.test(value) ? { value, end: j + 1 } : null;
    }
    value += c;
    j += 1;
  }
  return null;
}
