// The typed editor of the selected cell, above the grid (like a spreadsheet's formula bar): string lists
// (one of / none of), number comparisons and ranges, dates, booleans, output literals from the allowed values,
// or the free expression. It writes the model's own text; the server lints it.
import { useEffect, useState } from "react";
import { Checkbox, Group, SegmentedControl, Select, TagsInput, Text, TextInput } from "@mantine/core";
import type { GridColumn } from "./model";
import { readTest, writeTest, type Test } from "./unary";

interface Props {
  column: GridColumn;
  rule: number;
  text: string;
  editable: boolean;
  /** Unary tests (decision table inputs) rather than literals. */
  unary: boolean;
  onText: (text: string) => void;
}

export function CellBar({ column, rule, text, editable, unary, onText }: Props) {
  return (
    <Group gap="xs" wrap="nowrap" align="flex-end" data-testid="cell-bar" p={4}
      style={{ borderBlockEnd: "1px solid var(--mantine-color-default-border)" }}>
      <Text size="sm" fw={600} w={200} truncate title={`${column.name} (${column.side}, ${column.type})`}>
        Rule {rule + 1} · {column.name}
        <Text span size="xs" c="var(--ordo-muted)"> {column.side} · {column.type}</Text>
      </Text>
      {unary && column.side === "input"
        ? <TestEditor key={`${rule}:${column.key}`} column={column} text={text} editable={editable} onText={onText} />
        : <LiteralEditor key={`${rule}:${column.key}`} column={column} text={text} editable={editable} onText={onText} />}
    </Group>
  );
}

/** A text box that commits on Enter or leaving it. */
function FreeText({ label, text, editable, onText, width = 320 }: { label: string; text: string; editable: boolean; onText: (t: string) => void; width?: number }) {
  const [value, setValue] = useState(text);
  useEffect(() => setValue(text), [text]);
  const commit = () => { if (value !== text) onText(value); };
  return (
    <TextInput size="xs" label={label} w={width} value={value} disabled={!editable} ff="monospace"
      onChange={(e) => setValue(e.currentTarget.value)} onBlur={commit}
      onKeyDown={(e) => { if (e.key === "Enter") commit(); if (e.key === "Escape") setValue(text); }} />
  );
}

const MODES: Record<string, { value: Test["mode"] | "none"; label: string }[]> = {
  string: [{ value: "any", label: "any (-)" }, { value: "oneOf", label: "one of" }, { value: "none", label: "none of" }, { value: "free", label: "expression" }],
  number: [{ value: "any", label: "any (-)" }, { value: "compare", label: "comparison" }, { value: "range", label: "range" }, { value: "free", label: "expression" }],
  date: [{ value: "any", label: "any (-)" }, { value: "compare", label: "before / after / on" }, { value: "range", label: "between" }, { value: "free", label: "expression" }],
  boolean: [{ value: "any", label: "any (-)" }, { value: "boolean", label: "true / false" }, { value: "free", label: "expression" }],
  any: [{ value: "any", label: "any (-)" }, { value: "oneOf", label: "one of" }, { value: "compare", label: "comparison" }, { value: "range", label: "range" }, { value: "free", label: "expression" }],
};

function blank(mode: string, previous: Test): Test {
  switch (mode) {
    case "oneOf": return { mode: "oneOf", values: [], negate: false };
    case "none": return { mode: "oneOf", values: [], negate: true };
    case "compare": return { mode: "compare", op: ">=", value: "" };
    case "range": return { mode: "range", low: "", high: "", lowOpen: false, highOpen: false };
    case "boolean": return { mode: "boolean", value: true };
    case "free": return { mode: "free", text: previous.mode === "free" ? previous.text : "" };
    default: return { mode: "any" };
  }
}

function TestEditor({ column, text, editable, onText }: { column: GridColumn; text: string; editable: boolean; onText: (t: string) => void }) {
  const date = column.type === "date";
  const [test, setTest] = useState<Test>(() => readTest(text));
  // a change from elsewhere (the grid, undo) is read again; the text this form just wrote is not
  useEffect(() => setTest((current) => (writeTest(current, date) === text ? current : readTest(text))), [text, date]);
  const apply = (next: Test) => {
    setTest(next);
    const written = writeTest(next, date);
    const complete = !(next.mode === "compare" && !next.value) && !(next.mode === "range" && (!next.low || !next.high))
      && !(next.mode === "oneOf" && next.values.length === 0) && next.mode !== "free";
    if (complete && written !== text) onText(written);
  };
  const modeValue = test.mode === "oneOf" && test.negate ? "none" : test.mode;
  const modes = MODES[column.type] ?? MODES.any;
  const allowed = (column.allowedValues ?? []).map(String);
  const inputType = date ? "date" : "text";
  return (
    <Group gap="xs" align="flex-end" wrap="nowrap">
      <Select size="xs" label="Test" w={150} data={modes} value={modeValue} disabled={!editable} allowDeselect={false}
        onChange={(mode) => mode && apply(blank(mode, test))} />
      {test.mode === "oneOf" && (
        <TagsInput size="xs" label={test.negate ? "None of" : "One of"} w={340} data={allowed} value={test.values} disabled={!editable}
          onChange={(values) => apply({ ...test, values })} />
      )}
      {test.mode === "compare" && (
        <>
          <Select size="xs" label="Operator" w={90} disabled={!editable} allowDeselect={false}
            data={date ? [{ value: "<", label: "before" }, { value: "=", label: "on" }, { value: ">", label: "after" }, { value: "<=", label: "<=" }, { value: ">=", label: ">=" }]
              : ["=", "<", "<=", ">", ">="]}
            value={test.op} onChange={(op) => op && apply({ ...test, op: op as "=" })} />
          <TextInput size="xs" label="Value" type={inputType} w={150} value={test.value} disabled={!editable}
            onChange={(e) => apply({ ...test, value: e.currentTarget.value })} />
        </>
      )}
      {test.mode === "range" && (
        <>
          <TextInput size="xs" label="From" type={inputType} w={130} value={test.low} disabled={!editable}
            onChange={(e) => apply({ ...test, low: e.currentTarget.value })} />
          <Checkbox size="xs" label="incl." checked={!test.lowOpen} disabled={!editable} mb={6}
            onChange={(e) => apply({ ...test, lowOpen: !e.currentTarget.checked })} />
          <TextInput size="xs" label="To" type={inputType} w={130} value={test.high} disabled={!editable}
            onChange={(e) => apply({ ...test, high: e.currentTarget.value })} />
          <Checkbox size="xs" label="incl." checked={!test.highOpen} disabled={!editable} mb={6}
            onChange={(e) => apply({ ...test, highOpen: !e.currentTarget.checked })} />
        </>
      )}
      {test.mode === "boolean" && (
        <SegmentedControl size="xs" data={["true", "false"]} value={String(test.value)} disabled={!editable}
          onChange={(v) => apply({ mode: "boolean", value: v === "true" })} />
      )}
      <FreeText label="Unary test" text={text} editable={editable} onText={onText} width={test.mode === "free" || test.mode === "any" ? 360 : 220} />
    </Group>
  );
}

function LiteralEditor({ column, text, editable, onText }: { column: GridColumn; text: string; editable: boolean; onText: (t: string) => void }) {
  const allowed = (column.allowedValues ?? []).map((v) => (v === null ? "" : String(v)));
  if (column.type === "boolean") {
    return (
      <SegmentedControl size="xs" data={[{ value: "", label: "(none)" }, { value: "true", label: "true" }, { value: "false", label: "false" }]}
        value={text === "true" || text === "false" ? text : ""} disabled={!editable} onChange={onText} />
    );
  }
  return (
    <Group gap="xs" align="flex-end" wrap="nowrap">
      {allowed.length > 0 && (
        <Select size="xs" label="Allowed value" w={200} data={[...new Set(allowed.filter(Boolean))]} value={allowed.includes(text) ? text : null}
          disabled={!editable} clearable onChange={(v) => onText(v ?? "")} />
      )}
      <FreeText label={column.side === "annotation" ? "Annotation" : "Value"} text={text} editable={editable} onText={onText}
        width={column.side === "annotation" ? 420 : 260} />
    </Group>
  );
}
