// "Fix data and resume": a field per scalar param of the failed task and per characteristic of its domain order's
// lines; only what changed is sent, as the merge-patches POST /fallout/{id}/fix takes, then the task runs again.
import { useState } from "react";
import { Button, Checkbox, Fieldset, NumberInput, Stack, Text, TextInput } from "@mantine/core";
import type { Schemas } from "../../shared/api/client";
import { ApiError } from "../../shared/api/problem";

type Scalar = string | number | boolean | null;
type Call = Schemas["FailingCall"];
type Fix = Schemas["FalloutFix"];

const isScalar = (value: unknown): value is Scalar =>
  value === null || ["string", "number", "boolean"].includes(typeof value);

/** The merge-patches of what differs from the original values (null when nothing does). */
export function fixBody(call: Call, params: Record<string, Scalar>, lines: Record<string, Record<string, Scalar>>, reason: string): Fix | null {
  const changedParams = Object.fromEntries(Object.entries(params).filter(([k, v]) => call.params[k] !== v));
  const changedLines: Record<string, Record<string, Scalar>> = {};
  for (const line of call.lines) {
    const id = String(line.id);
    const original = (line.characteristics ?? {}) as Record<string, unknown>;
    const changed = Object.fromEntries(Object.entries(lines[id] ?? {}).filter(([k, v]) => original[k] !== v));
    if (Object.keys(changed).length) changedLines[id] = changed;
  }
  if (!Object.keys(changedParams).length && !Object.keys(changedLines).length) return null;
  return {
    params: Object.keys(changedParams).length ? changedParams : null,
    lines: Object.keys(changedLines).length ? changedLines : null,
    reason: reason.trim() || null,
  };
}

function Field({ label, value, original, onChange, error }: { label: string; value: Scalar; original: unknown; onChange: (v: Scalar) => void; error?: string }) {
  if (typeof original === "boolean") return <Checkbox label={label} checked={Boolean(value)} onChange={(e) => onChange(e.currentTarget.checked)} />;
  if (typeof original === "number") return <NumberInput label={label} value={value as number} onChange={(v) => onChange(typeof v === "number" ? v : Number(v))} error={error} />;
  return <TextInput label={label} value={value === null ? "" : String(value)} onChange={(e) => onChange(e.currentTarget.value)} error={error} />;
}

export function FixForm({ call, onSubmit, pending, error }: { call: Call; onSubmit: (body: Fix) => void; pending: boolean; error: unknown }) {
  const scalarParams = Object.entries(call.params).filter(([, v]) => isScalar(v)) as [string, Scalar][];
  const [params, setParams] = useState<Record<string, Scalar>>(Object.fromEntries(scalarParams));
  const [lines, setLines] = useState<Record<string, Record<string, Scalar>>>(Object.fromEntries(call.lines.map((line) => [
    String(line.id), Object.fromEntries(Object.entries((line.characteristics ?? {}) as Record<string, unknown>).filter(([, v]) => isScalar(v))) as Record<string, Scalar>,
  ])));
  const [reason, setReason] = useState("");
  const [nothing, setNothing] = useState(false);
  const pointed = error instanceof ApiError ? error.byPointer : {};
  const at = (pointer: string) => pointed[pointer]?.join("; ");

  const submit = () => {
    const body = fixBody(call, params, lines, reason);
    setNothing(body === null);
    if (body) onSubmit(body);
  };

  return (
    <Stack gap="sm">
      <Fieldset legend={`Task ${call.taskKey} params`}>
        <Stack gap="xs">
          {scalarParams.length === 0 && <Text size="sm" c="dimmed">The task has no simple params to correct.</Text>}
          {scalarParams.map(([name, original]) => (
            <Field key={name} label={`Param ${name}`} value={params[name]} original={original} error={at(`/params/${name}`)}
              onChange={(v) => setParams((p) => ({ ...p, [name]: v }))} />
          ))}
        </Stack>
      </Fieldset>
      {call.lines.map((line) => {
        const id = String(line.id);
        const values = lines[id] ?? {};
        const originals = (line.characteristics ?? {}) as Record<string, unknown>;
        return (
          <Fieldset key={id} legend={`Line ${id}${line.specification ? ` (${line.specification})` : ""}`}>
            <Stack gap="xs">
              {Object.keys(values).length === 0 && <Text size="sm" c="dimmed">No characteristics.</Text>}
              {Object.keys(values).map((name) => (
                <Field key={name} label={`Line ${id} ${name}`} value={values[name]} original={originals[name]} error={at(`/lines/${id}`)}
                  onChange={(v) => setLines((all) => ({ ...all, [id]: { ...all[id], [name]: v } }))} />
              ))}
            </Stack>
          </Fieldset>
        );
      })}
      <TextInput label="Reason for the fix" value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
      {nothing && <Text c="orange.9" size="sm" role="status">Change a value first: nothing differs from what the task sent.</Text>}
      <Button onClick={submit} loading={pending} w="fit-content">Fix and resume</Button>
    </Stack>
  );
}
