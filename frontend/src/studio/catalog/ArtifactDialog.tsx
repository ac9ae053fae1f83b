// The New and Duplicate dialogs: a kind (New) or a source version (Duplicate), then a key and a title.
import { useState } from "react";
import { Button, Group, Modal, Select, Stack, TextInput } from "@mantine/core";
import { ErrorNotice } from "../../shared/ui/ErrorNotice";
import { loadVersion, useKinds } from "../shared/queries";
import { type Artifact, copyKey, duplicateDocument, keyProblem, newDocument } from "./catalogLogic";
import { useCreateArtifact } from "./useCatalogActions";

export type DialogMode = { mode: "new"; kind: string | null } | { mode: "duplicate"; source: Artifact };

export function ArtifactDialog({ state, onClose }: { state: DialogMode; onClose: () => void }) {
  const kinds = useKinds();
  const create = useCreateArtifact();
  const source = state.mode === "duplicate" ? state.source : null;
  const [kind, setKind] = useState<string | null>(state.mode === "new" ? state.kind : source!.kind);
  const [version, setVersion] = useState<string | null>(source?.latest ? String(source.latest.version) : null);
  const [key, setKey] = useState(source ? copyKey(source.key, () => false) : "");
  const [title, setTitle] = useState(source?.title ? `${source.title} (copy)` : "");
  const [touched, setTouched] = useState(false);
  const problem = keyProblem(key, () => false);

  const submit = () => {
    setTouched(true);
    if (problem || !kind) return;
    create.mutate(async () => {
      if (source && version) {
        const { data } = await loadVersion(source.key, Number(version));
        return duplicateDocument(data.document as Record<string, unknown>, key, title);
      }
      const examples = kinds.data?.kinds.find((k) => k.name === kind)?.examples ?? [];
      return newDocument(kind, key, title, examples);
    }, { onSuccess: onClose });
  };

  return (
    <Modal opened onClose={onClose} title={source ? `Duplicate ${source.key}` : "New artifact"}>
      <form onSubmit={(event) => { event.preventDefault(); submit(); }}>
        <Stack gap="sm">
          {source ? (
            <Select label="From version" data={source.versions.map((v) => ({ value: String(v.version), label: `v${v.version} (${v.status})` }))}
              value={version} onChange={setVersion} allowDeselect={false} />
          ) : (
            <Select label="Kind" required data={(kinds.data?.kinds ?? []).map((k) => ({ value: k.name, label: k.title }))}
              value={kind} onChange={setKind} error={touched && !kind ? "Choose a kind" : undefined} searchable />
          )}
          <TextInput label="Key" required value={key} onChange={(event) => setKey(event.currentTarget.value)}
            description="Stable identifier, e.g. pricing.bandwidth-discount" error={touched ? problem : undefined} data-autofocus />
          <TextInput label="Title" value={title} onChange={(event) => setTitle(event.currentTarget.value)} />
          {create.error && <ErrorNotice error={create.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>Cancel</Button>
            <Button type="submit" loading={create.isPending}>{source ? "Duplicate" : "Create"}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
