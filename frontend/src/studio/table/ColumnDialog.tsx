// A column's header: name, label, where the value comes from (path or JsonLogic expression), type, allowed
// values and (outputs) the default; remove the column. Matrix dimensions: name, title, path, type, values.
import { useState } from "react";
import { Button, Group, Modal, Select, Stack, Textarea, TextInput } from "@mantine/core";
import { parseAllowed, type ColumnSpec } from "./columns";
import { literalText, parseLiteral, type ColumnType } from "./model";

interface Props {
  matrix: boolean;
  side: "input" | "output";
  spec: ColumnSpec;
  editable: boolean;
  canRemove: boolean;
  onSave: (spec: ColumnSpec) => void;
  onRemove: () => void;
  onClose: () => void;
}

export function ColumnDialog(props: Props) {
  const { matrix, side, spec, editable, canRemove, onSave, onRemove, onClose } = props;
  const [name, setName] = useState(String(spec.name ?? ""));
  const [label, setLabel] = useState(String((matrix ? spec.title : spec.label) ?? ""));
  const [path, setPath] = useState(String(spec.path ?? ""));
  const [expression, setExpression] = useState(spec.expression === undefined ? "" : JSON.stringify(spec.expression));
  const [type, setType] = useState(String(spec.type ?? (matrix ? "string" : "any")));
  const values = (matrix ? spec.values : spec.allowedValues) as unknown[] | undefined;
  const [allowed, setAllowed] = useState((values ?? []).map(literalText).join("\n"));
  const [fallback, setFallback] = useState(spec.default === undefined ? "" : literalText(spec.default));
  const [error, setError] = useState<string | null>(null);

  const save = () => {
    let parsedExpression: unknown;
    if (expression.trim()) {
      try { parsedExpression = JSON.parse(expression); } catch { setError("The expression is not JSON (JsonLogic)"); return; }
    }
    const list = parseAllowed(allowed, type);
    const next: ColumnSpec = matrix
      ? { name: name.trim(), title: label, path, expression: parsedExpression, type, values: list }
      : { name: name.trim(), label, type, allowedValues: list,
        ...(side === "input" ? { path, expression: parsedExpression } : { default: fallback.trim() ? parseLiteral(fallback, type as ColumnType) : undefined }) };
    onSave(next);
  };

  const types = matrix ? ["string", "number"] : ["string", "number", "boolean", "date", "any"];
  return (
    <Modal opened onClose={onClose} title={`${matrix ? "Dimension" : side === "input" ? "Input" : "Output"} column`} size="lg">
      <Stack gap="xs">
        <TextInput label="Name" required value={name} disabled={!editable} onChange={(e) => setName(e.currentTarget.value)} data-autofocus />
        <TextInput label={matrix ? "Title" : "Label"} value={label} disabled={!editable} onChange={(e) => setLabel(e.currentTarget.value)} />
        {(side === "input" || matrix) && (
          <>
            <TextInput label="Path" description="Dotted path into the context (default: the name)" value={path} disabled={!editable}
              onChange={(e) => setPath(e.currentTarget.value)} />
            <Textarea label="Expression (JsonLogic)" description="Instead of a path" value={expression} disabled={!editable} autosize minRows={1}
              ff="monospace" onChange={(e) => setExpression(e.currentTarget.value)} />
          </>
        )}
        <Select label="Type" data={types} value={type} disabled={!editable} allowDeselect={false} onChange={(v) => v && setType(v)} />
        <Textarea label={matrix ? "Values" : "Allowed values"} description="One per line" value={allowed} disabled={!editable}
          autosize minRows={2} onChange={(e) => setAllowed(e.currentTarget.value)} />
        {!matrix && side === "output" && (
          <TextInput label="Default" description="The result when no rule matches (the default row)" value={fallback} disabled={!editable}
            onChange={(e) => setFallback(e.currentTarget.value)} />
        )}
        {error && <TextInput error={error} readOnly value="" styles={{ input: { display: "none" } }} />}
        <Group justify="space-between">
          <Button color="red" variant="subtle" disabled={!editable || !canRemove} onClick={onRemove}>Remove column</Button>
          <Group>
            <Button variant="default" onClick={onClose}>Cancel</Button>
            <Button onClick={save} disabled={!editable || !name.trim()}>Apply</Button>
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}
