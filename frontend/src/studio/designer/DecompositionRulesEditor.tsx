// decomposition_rules: the rule list (when it applies, what line it produces, where, after what) and the preview of a
// sample order through the draft rules and the active pack's catalog.
import type { EditorProps } from "../editor/types";
import { RuleListEditor, type ListConfig } from "../rules/RuleListEditor";
import { cellText, type Row } from "../rules/rows";
import { DecompositionPreview } from "./DecompositionPreview";

const condition = (row: Row) => [row.include !== undefined ? `include ${cellText(row.include, 50)}` : "", row.exclude !== undefined ? `exclude ${cellText(row.exclude, 50)}` : ""]
  .filter(Boolean).join("; ");

export const DECOMPOSITION: ListConfig = {
  list: "rules",
  keyField: "id",
  noun: "rule",
  columns: [
    { key: "id", header: "Id" },
    { key: "productSpecification", header: "For items of", text: (row) => cellText(row.productSpecification ?? "any") },
    { key: "when", header: "When", text: (row) => [cellText(row.actions ?? "add"), condition(row)].filter(Boolean).join(" · ") },
    { key: "specification", header: "Produces" },
    { key: "domain", header: "Domain / system", text: (row) => `${cellText(row.domain)} / ${cellText(row.fulfilmentSystem)}` },
    { key: "dependsOn", header: "After" },
  ],
  template: { id: "new-rule", specification: "", domain: "service", fulfilmentSystem: "" },
};

export default function DecompositionRulesEditor(props: EditorProps) {
  return (
    <RuleListEditor {...props} config={DECOMPOSITION}>
      <DecompositionPreview catalog={null} rules={props.draft.document as Record<string, unknown>} offerings={[]} />
    </RuleListEditor>
  );
}
