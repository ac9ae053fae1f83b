// "New decision table": a key and a title; the server creates version 1 (a draft) with one input, one output
// and no rules, and the grid opens on it.
import { useState } from "react";
import { useNavigate } from "react-router";
import { Button, Paper, Stack, TextInput } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { PageHeader } from "../../shared/ui/PageHeader";
import { ErrorNotice } from "../../shared/ui/ErrorNotice";
import { studioKeys } from "../shared/queries";
import { createDecisionTable, editorPath } from "./newTable";

export default function NewTablePage() {
  const navigate = useNavigate();
  const client = useQueryClient();
  const [key, setKey] = useState("");
  const [title, setTitle] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const valid = /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(key);

  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      const made = await createDecisionTable({ key, title });
      void client.invalidateQueries({ queryKey: studioKeys.artifacts() });
      navigate(editorPath(made.data.key, made.data.version));
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack maw={520}>
      <PageHeader title="New decision table" />
      <Paper withBorder p="md" component="form" onSubmit={(event) => { event.preventDefault(); if (valid) void create(); }}>
        <Stack gap="sm">
          <TextInput label="Key" required description="Stable identifier, e.g. pricing.bandwidth-discount" value={key}
            error={key && !valid ? "Letters, digits, dot, dash and underscore; starts with a letter or digit" : undefined}
            onChange={(e) => setKey(e.currentTarget.value.trim())} />
          <TextInput label="Title" value={title} onChange={(e) => setTitle(e.currentTarget.value)} />
          {error != null && <ErrorNotice error={error} title="Not created" />}
          <Button type="submit" disabled={!valid} loading={busy}>Create</Button>
        </Stack>
      </Paper>
    </Stack>
  );
}
