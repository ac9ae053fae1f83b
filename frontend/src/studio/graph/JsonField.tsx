// An rjsf field for members without a JSON type (JsonLogic rules, free parameter objects): JSON text that goes
// up when it parses. The server validates what the JSON means.
import { useEffect, useState } from "react";
import { Textarea } from "@mantine/core";
import type { FieldProps } from "@rjsf/utils";

function show(value: unknown): string {
  return value === undefined ? "" : JSON.stringify(value, null, 1);
}

export function JsonField({ formData, onChange, schema, name, fieldPathId, disabled, readonly, rawErrors }: FieldProps) {
  const [text, setText] = useState(show(formData));
  const [bad, setBad] = useState<string | null>(null);
  useEffect(() => {
    // a change from outside (undo, another node) replaces the text unless it is what the text says already
    setText((current) => {
      try { if (JSON.stringify(JSON.parse(current)) === JSON.stringify(formData)) return current; } catch { /* replace */ }
      return show(formData);
    });
  }, [formData]);

  const change = (next: string) => {
    setText(next);
    if (next.trim() === "") { setBad(null); onChange(undefined, fieldPathId.path); return; }
    try {
      const value: unknown = JSON.parse(next);
      setBad(null);
      onChange(value, fieldPathId.path);
    } catch {
      setBad("Not JSON yet: the last valid value is kept");
    }
  };

  const title = typeof schema.title === "string" ? schema.title : name;
  return (
    <Textarea
      className="nokey"
      label={`${title} (JSON)`}
      description={typeof schema.description === "string" ? schema.description : undefined}
      value={text}
      onChange={(event) => change(event.currentTarget.value)}
      disabled={disabled}
      readOnly={readonly}
      autosize
      minRows={1}
      maxRows={12}
      styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)", fontSize: 12 } }}
      error={bad ?? (rawErrors?.length ? rawErrors.join("; ") : undefined)}
      mb="xs"
    />
  );
}
