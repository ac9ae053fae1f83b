// S2a: test the table: a form built from its inputs (typed), run through this version (the draft as saved)
// or the published one (POST .../simulate); the output, and the matched rows highlighted in the grid.
import { useMemo, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { Alert, Autocomplete, Badge, Button, Code, Group, Paper, Select, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { api } from "../../shared/api/client";
import { unwrap } from "../../shared/api/problem";
import { ErrorNotice } from "../../shared/ui/ErrorNotice";
import type { Body } from "./model";
import { buildInput, matchesOf, testFields, type Matches } from "./testInput";

interface Props {
  artifactKey: string;
  version: number;
  status: string;
  kind: string;
  body: Body;
  dirty: boolean;
  onSave: () => void;
  onMatches: (matches: Matches | null) => void;
}

interface Answer {
  output: unknown;
  error?: string | null;
  trace?: Record<string, unknown> | null;
  version: number;
}

export function TestPanel({ artifactKey, version, status, kind, body, dirty, onSave, onMatches }: Props) {
  const fields = useMemo(() => testFields(kind, body), [kind, body]);
  const [values, setValues] = useState<Record<string, string>>({});
  const [extra, setExtra] = useState("{}");
  const [target, setTarget] = useState<string>("this");
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [running, setRunning] = useState(false);
  const versions = useQuery({
    queryKey: ["studio", "artifact", artifactKey, "versions"],
    queryFn: async () => unwrap(await api.GET("/api/v1/studio/artifacts/{key}/versions", { params: { path: { key: artifactKey } } })),
  });
  const published = (versions.data ?? []).filter((v) => v.status === "published").map((v) => v.version);
  const latestPublished = published.length ? Math.max(...published) : null;
  const runVersion = target === "published" && latestPublished !== null ? latestPublished : version;

  const run = async () => {
    let context: Record<string, unknown> = {};
    try {
      const parsed: unknown = JSON.parse(extra.trim() || "{}");
      if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) context = parsed as Record<string, unknown>;
    } catch {
      setFailure(new Error("The extra context is not a JSON object"));
      return;
    }
    setRunning(true);
    setFailure(null);
    try {
      const input = buildInput(kind, fields, values, context);
      const result = unwrap(await api.POST("/api/v1/studio/artifacts/{key}/versions/{version}/simulate", {
        params: { path: { key: artifactKey, version: runVersion } }, body: { input },
      }));
      const next = { output: result.output, error: result.error, trace: result.trace, version: runVersion };
      setAnswer(next);
      onMatches(runVersion === version ? matchesOf(kind, body, result.output, result.trace) : null);
    } catch (error) {
      setFailure(error);
      setAnswer(null);
      onMatches(null);
    } finally {
      setRunning(false);
    }
  };

  const computed = fields.filter((f) => f.computed);
  return (
    <Paper withBorder p="xs" component="section" aria-label="Test panel" data-testid="test-panel">
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={600} size="sm">Test</Text>
          <Select size="xs" w={220} aria-label="Run against" allowDeselect={false} value={target} onChange={(v) => v && setTarget(v)}
            data={[{ value: "this", label: `This version (v${version}, ${status})` },
              ...(latestPublished !== null && latestPublished !== version ? [{ value: "published", label: `Published (v${latestPublished})` }] : [])]} />
        </Group>
        {dirty && runVersion === version && (
          <Alert color="yellow" p="xs">
            <Group justify="space-between" gap="xs">
              <Text size="xs">Unsaved changes are not tested: the server runs the saved draft.</Text>
              <Button size="compact-xs" onClick={onSave}>Save now</Button>
            </Group>
          </Alert>
        )}
        {fields.map((field) => field.computed ? null : field.options.length ? (
          <Autocomplete key={field.name} size="xs" label={field.label} description={field.path ?? undefined} data={field.options}
            value={values[field.name] ?? ""} onChange={(v) => setValues((s) => ({ ...s, [field.name]: v }))} />
        ) : field.type === "boolean" ? (
          <Select key={field.name} size="xs" label={field.label} description={field.path ?? undefined} data={["true", "false"]} clearable
            value={values[field.name] || null} onChange={(v) => setValues((s) => ({ ...s, [field.name]: v ?? "" }))} />
        ) : (
          <TextInput key={field.name} size="xs" label={field.label} description={field.path ?? undefined}
            type={field.type === "date" ? "date" : field.type === "number" ? "number" : "text"} inputMode={field.type === "number" ? "decimal" : undefined}
            value={values[field.name] ?? ""} onChange={(e) => { const v = e.currentTarget.value; setValues((s) => ({ ...s, [field.name]: v })); }} />
        ))}
        <Textarea size="xs" label="More context (JSON)" ff="monospace" autosize minRows={1} maxRows={6} value={extra}
          description={computed.length ? `Computed inputs read it: ${computed.map((f) => f.name).join(", ")}` : undefined}
          onChange={(e) => setExtra(e.currentTarget.value)} />
        <Button size="xs" color="blue.8" onClick={run} loading={running}>Run test</Button>
        {failure != null && <ErrorNotice error={failure} title="Test not run" />}
        {answer && (
          <Stack gap={4} data-testid="test-result">
            <Text size="xs" c="var(--ordo-muted)">v{answer.version}</Text>
            {answer.error && <Alert color="red" p="xs">{answer.error}</Alert>}
            <Code block data-testid="test-output">{JSON.stringify(answer.output, null, 2)}</Code>
            {Array.isArray(answer.trace?.matched) && (
              <Group gap={4}>
                <Text size="xs">Matched:</Text>
                {(answer.trace.matched as { ruleId: string; row: number }[]).map((m) => (
                  <Badge key={m.ruleId} size="xs" variant="light" data-testid="matched-rule">rule {m.row + 1} ({m.ruleId})</Badge>
                ))}
                {(answer.trace.matched as unknown[]).length === 0 && <Text size="xs" c="var(--ordo-muted)">no rule{answer.trace.defaultUsed ? " (default used)" : ""}</Text>}
              </Group>
            )}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
