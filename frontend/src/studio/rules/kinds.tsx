// The rule-list editors of each kind: which list, what a row is called, which columns summarise it.
import type { EditorProps } from "../editor/types";
import { RuleListEditor, type ListConfig } from "./RuleListEditor";
import { cellText, type Row } from "./rows";

const actions = (row: Row) => ((row.then as { action?: string }[] | undefined) ?? []).map((a) => a.action).join(", ");
const when = (row: Row) => cellText((row.when as { m?: unknown } | undefined)?.m ?? row.when, 90);

export const DURABLE_RULES: ListConfig = {
  list: "rules",
  keyField: "name",
  noun: "rule",
  columns: [
    { key: "name", header: "Name" },
    { key: "priority", header: "Priority" },
    { key: "when", header: "When", text: when },
    { key: "then", header: "Actions", text: actions },
    { key: "description", header: "Description", text: (row) => cellText(row.description, 60) },
  ],
  template: { name: "new-rule", when: { m: {} }, then: [{ action: "notify" }] },
};

export const JEOPARDY: ListConfig = { ...DURABLE_RULES, template: { name: "new-rule", when: { m: { level: "high" } }, then: [{ action: "alert" }] } };
export const FALLOUT: ListConfig = { ...DURABLE_RULES, template: { name: "new-rule", when: { m: { "error.code": "timeout" } }, then: [{ action: "retry", params: { maxAttempts: 3 } }] } };

export const PRICES: ListConfig = {
  list: "prices",
  keyField: "id",
  noun: "price",
  columns: [
    { key: "id", header: "Id" },
    { key: "productOffering", header: "Offering" },
    { key: "priceType", header: "Type", text: (row) => [row.priceType, row.recurringChargePeriod ?? row.unitOfMeasure].filter(Boolean).join(" / ") },
    { key: "amount", header: "Amount", text: (row) => `${cellText(row.amount)}${row.currency ? ` ${row.currency}` : ""}` },
    { key: "condition", header: "Condition", text: (row) => cellText(row.condition, 70) },
  ],
  template: { id: "new-price", productOffering: "", priceType: "oneTime", amount: "0" },
};

export function JeopardyRulesEditor(props: EditorProps) {
  return <RuleListEditor {...props} config={JEOPARDY} />;
}

export function FalloutRulesEditor(props: EditorProps) {
  return <RuleListEditor {...props} config={FALLOUT} />;
}

export function PriceListEditor(props: EditorProps) {
  return <RuleListEditor {...props} config={PRICES} />;
}
