// The selected step / task in a form: its type chosen with a Select outside the form, then an rjsf form from
// that type's schema. Form data stays local and goes up debounced (one undo entry per pause in typing);
// problems whose pointer is under the item show at their field.
import { useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import Form from "@rjsf/mantine";
import type { ErrorSchema, RJSFSchema, UiSchema } from "@rjsf/utils";
import { Button, Group, Select, Stack, Text, Title } from "@mantine/core";
import { IconTrash } from "@tabler/icons-react";
import { validator } from "../forms/validator";
import { errorSchema } from "../forms/FormEditor";
import type { EditorProblem } from "../shared/problems";
import { idOf, retype, stableJson, type GraphSpec, type Item, type Json } from "./model";
import { commonMembers, jsonUiSchema, typeSchema } from "./schema";
import { JsonField } from "./JsonField";

const FIELDS = { json: JsonField };
const DEBOUNCE_MS = 300;
/** The form never writes the schema's defaults into the item: only what the user types changes the document. */
export const DEFAULTS = { emptyObjectFields: "skipDefaults", arrayMinItems: { populate: "never" } } as const;

export interface PanelProps {
  spec: GraphSpec;
  item: Item;
  index: number;
  bodySchema: Json;
  editable: boolean;
  problems: EditorProblem[];
  typeLabels: Record<string, string>;
  summary?: ReactNode;
  onCommit: (id: string, next: Item) => void;
  onDelete: (id: string) => void;
}

export function PropertiesPanel({ spec, item, index, bodySchema, editable, problems, typeLabels, summary, onCommit, onDelete }: PanelProps) {
  const id = idOf(item, spec);
  const type = String(item.type ?? "");
  const schema = useMemo(() => typeSchema(bodySchema, spec, type), [bodySchema, spec, type]);
  const uiSchema = useMemo<UiSchema>(() => ({ ...jsonUiSchema(schema, "json"), "ui:submitButtonOptions": { norender: true } }), [schema]);
  const common = useMemo(() => commonMembers(bodySchema, spec), [bodySchema, spec]);
  const [formData, setFormData] = useState<Json>(() => formOf(item));
  const pending = useRef<{ timer: ReturnType<typeof setTimeout>; id: string; next: Item } | null>(null);
  const itemJson = stableJson(item);

  // another item selected, or this one changed from outside (undo, wiring): show it
  useEffect(() => {
    if (pending.current && pending.current.id === id) return;
    setFormData(formOf(item));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [itemJson, id]);

  // flush a pending edit when the panel closes or switches items
  useEffect(() => () => flush(), [id]); // eslint-disable-line react-hooks/exhaustive-deps

  function flush() {
    const waiting = pending.current;
    if (!waiting) return;
    clearTimeout(waiting.timer);
    pending.current = null;
    onCommit(waiting.id, waiting.next);
  }

  const change = (data: Json) => {
    setFormData(data);
    if (!editable) return;
    const next: Item = { ...data, type, ...(item.dependsOn ? { dependsOn: item.dependsOn } : {}) };
    if (pending.current) clearTimeout(pending.current.timer);
    if (stableJson(next) === stableJson(item)) { pending.current = null; return; } // nothing to undo
    pending.current = { id, next, timer: setTimeout(flush, DEBOUNCE_MS) };
  };

  const changeType = (nextType: string | null) => {
    if (!nextType || nextType === type) return;
    flush();
    onCommit(id, retype(item, spec, nextType, common));
  };

  const prefix = `/body/${spec.list}/${index}`;
  const extraErrors = useMemo(() => errorSchema(problems, prefix), [problems, prefix]);
  const own = problems.filter((problem) => problem.pointer === prefix);
  const noun = spec.noun[0].toUpperCase() + spec.noun.slice(1);

  return (
    <Stack gap="xs" className="nokey" aria-label={`${noun} properties`} role="region">
      <Group justify="space-between" wrap="nowrap">
        <Title order={4} style={{ overflowWrap: "anywhere" }}>{noun} {id}</Title>
        {editable && (
          <Button size="xs" variant="subtle" color="red" leftSection={<IconTrash size={14} />} onClick={() => onDelete(id)}>
            Delete {spec.noun}
          </Button>
        )}
      </Group>
      <Select
        label={`${noun} type`}
        data={spec.types.map((value) => ({ value, label: typeLabels[value] ?? value }))}
        value={type}
        onChange={changeType}
        disabled={!editable}
        allowDeselect={false}
        comboboxProps={{ withinPortal: true }}
      />
      {own.map((problem, n) => <Text key={n} size="sm" c="red">{problem.message}</Text>)}
      {summary}
      <Form
        key={type}
        schema={schema as RJSFSchema}
        uiSchema={uiSchema}
        fields={FIELDS}
        formData={formData}
        validator={validator}
        disabled={!editable}
        noHtml5Validate
        showErrorList={false}
        experimental_defaultFormStateBehavior={DEFAULTS}
        extraErrors={extraErrors as ErrorSchema}
        onChange={(event) => change((event.formData ?? {}) as Json)}
      />
    </Stack>
  );
}

function formOf(item: Item): Json {
  const rest: Json = { ...item };
  delete rest.type;
  delete rest.dependsOn;
  return rest;
}
