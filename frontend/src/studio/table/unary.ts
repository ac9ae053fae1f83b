// Typed editing of a DMN simple unary test (an input cell): the builder forms a typed editor shows (one of /
// none of a list of strings, a number comparison or range, a date before / after / between, a boolean) and
// the text they make. Text the builders cannot read stays free expression; the server lints every cell.

export type Test =
  | { mode: "any" }
  | { mode: "oneOf"; values: string[]; negate: boolean }
  | { mode: "compare"; op: "=" | "<" | "<=" | ">" | ">="; value: string }
  | { mode: "range"; low: string; high: string; lowOpen: boolean; highOpen: boolean }
  | { mode: "boolean"; value: boolean }
  | { mode: "free"; text: string };

function quote(s: string): string {
  return `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

function splitList(text: string): string[] | null {
  // "a","b" — quoted strings separated by commas
  const found: string[] = [];
  const re = /\s*"((?:[^"\\]|\\.)*)"\s*(,|$)/gy;
  let m: RegExpExecArray | null;
  let end = 0;
  while ((m = re.exec(text)) !== null) {
    found.push(m[1].replace(/\\(.)/g, "$1"));
    end = re.lastIndex;
    if (m[2] === "") break;
  }
  return end === text.length && found.length > 0 ? found : null;
}

const DATE_OR_NUMBER = String.raw`(-?\d+(?:\.\d+)?|date\("\d{4}-\d{2}-\d{2}"\))`;

/** Read unary test text as a builder form (free when it is none of them). */
export function readTest(text: string): Test {
  const t = text.trim();
  if (t === "" || t === "-") return { mode: "any" };
  if (t === "true" || t === "false") return { mode: "boolean", value: t === "true" };
  const not = /^not\((.*)\)$/s.exec(t);
  const inner = not ? not[1].trim() : t;
  const values = splitList(inner);
  if (values) return { mode: "oneOf", values, negate: Boolean(not) };
  if (not) return { mode: "free", text: t };
  let m = new RegExp(`^(<=|>=|<|>|=)?\\s*${DATE_OR_NUMBER}$`).exec(t);
  if (m) return { mode: "compare", op: (m[1] ?? "=") as "=", value: unwrapDate(m[2]) };
  m = new RegExp(`^([\\[\\]\\(])\\s*${DATE_OR_NUMBER}\\s*\\.\\.\\s*${DATE_OR_NUMBER}\\s*([\\[\\]\\)])$`).exec(t);
  if (m) return { mode: "range", low: unwrapDate(m[2]), high: unwrapDate(m[3]), lowOpen: m[1] !== "[", highOpen: m[4] !== "]" };
  return { mode: "free", text: t };
}

function unwrapDate(value: string): string {
  const m = /^date\("(.*)"\)$/.exec(value);
  return m ? m[1] : value;
}

function literal(value: string, date: boolean): string {
  return date ? `date("${value}")` : value;
}

/** The unary test text of a builder form; `date` writes date("…") literals. */
export function writeTest(test: Test, date = false): string {
  switch (test.mode) {
    case "any":
      return "-";
    case "boolean":
      return String(test.value);
    case "oneOf": {
      const items = test.values.map(quote).join(",");
      if (!items) return "-";
      return test.negate ? `not(${items})` : items;
    }
    case "compare":
      if (test.value.trim() === "") return "-";
      return test.op === "=" ? literal(test.value.trim(), date) : `${test.op} ${literal(test.value.trim(), date)}`;
    case "range":
      return `${test.lowOpen ? "(" : "["}${literal(test.low.trim(), date)}..${literal(test.high.trim(), date)}${test.highOpen ? ")" : "]"}`;
    case "free":
      return test.text.trim() === "" ? "-" : test.text;
  }
}
