import { useEffect, useState, type ReactNode } from "react";
import { Badge, Button, Group, Text, TextInput, Tooltip } from "@mantine/core";
import { useHotkeys } from "@mantine/hooks";
import { IconArrowBackUp, IconArrowForwardUp, IconDeviceFloppy, IconHistory, IconRocket, IconPencilPlus } from "@tabler/icons-react";
import { Link } from "react-router";
import { useCan } from "../../shared/auth/session";
import type { ArtifactDraft } from "./useArtifactDraft";
import { useNewDraft, type Publish } from "./usePublish";
import { ErrorNotice } from "../../shared/ui/ErrorNotice";

const STATUS_COLOUR: Record<string, string> = { draft: "yellow", published: "green", retired: "gray" };

/** The editor's top bar: version and state, unsaved marker, undo / redo, save draft, publish, new draft. */
export function DraftToolbar({ draft, publish, extra }: { draft: ArtifactDraft; publish: Publish; extra?: ReactNode }) {
  const server = draft.server;
  const canEdit = useCan("studio.edit");
  const canPublish = useCan("studio.publish");
  const newDraft = useNewDraft(server?.key ?? "");
  useHotkeys([
    ["mod+s", () => draft.dirty && draft.saveDraft()],
    ["mod+z", () => draft.undo()],
    ["mod+shift+z", () => draft.redo()],
    ["mod+y", () => draft.redo()],
  ]);
  if (!server) return null;
  return (
    <Group justify="space-between" mb="sm" wrap="wrap" gap="xs">
      <Group gap="xs">
        {draft.editable && canEdit ? <TitleInput draft={draft} /> : <Text fw={700}>{server.title ?? server.key}</Text>}
        <Badge variant="light">v{server.version}</Badge>
        <Badge color={STATUS_COLOUR[server.status] ?? "gray"} data-testid="version-status">{server.status}</Badge>
        {server.status === "draft" && <Text size="xs" c="dimmed">revision {server.revision}</Text>}
        {draft.dirty && <Badge color="orange" variant="dot" data-testid="dirty">Unsaved changes</Badge>}
      </Group>
      <Group gap="xs">
        {extra}
        <Tooltip label="Undo (Ctrl+Z)"><Button variant="default" size="xs" onClick={draft.undo} disabled={!draft.canUndo} aria-label="Undo"><IconArrowBackUp size={16} /></Button></Tooltip>
        <Tooltip label="Redo (Ctrl+Y)"><Button variant="default" size="xs" onClick={draft.redo} disabled={!draft.canRedo} aria-label="Redo"><IconArrowForwardUp size={16} /></Button></Tooltip>
        <Button component={Link} to={`/studio/artifacts/${encodeURIComponent(server.key)}/history`} variant="default" size="xs" leftSection={<IconHistory size={16} />}>History</Button>
        {draft.editable && canEdit && (
          <Button size="xs" variant="light" leftSection={<IconDeviceFloppy size={16} />} onClick={draft.saveDraft} disabled={!draft.dirty} loading={draft.saving}>
            Save draft
          </Button>
        )}
        {draft.editable && canPublish && (
          <Tooltip label={draft.dirty ? "Save the draft first" : "Validate, compile, run the tests and publish"}>
            <Button size="xs" leftSection={<IconRocket size={16} />} disabled={draft.dirty} loading={publish.isPending} onClick={() => publish.mutate(draft.etag)}>
              Publish
            </Button>
          </Tooltip>
        )}
        {!draft.editable && canEdit && (
          <Button size="xs" variant="light" leftSection={<IconPencilPlus size={16} />} loading={newDraft.isPending} onClick={() => newDraft.mutate()}>
            New draft
          </Button>
        )}
      </Group>
      {publish.error && <PublishProblem error={publish.error} />}
      {newDraft.error && <PublishProblem error={newDraft.error} />}
    </Group>
  );
}

function PublishProblem({ error }: { error: unknown }) {
  return <div style={{ flexBasis: "100%" }}><ErrorNotice error={error} title="Not published" /></div>;
}

/** The draft's title, edited in place: one undo step per edit (committed on blur or Enter). */
function TitleInput({ draft }: { draft: ArtifactDraft }) {
  const current = String((draft.document as { title?: string } | null)?.title ?? "");
  const [text, setText] = useState(current);
  useEffect(() => setText(current), [current]);
  const commit = () => {
    if (text !== current) draft.setDocument((document) => ({ ...(document ?? {}), title: text }));
  };
  return (
    <TextInput aria-label="Title" size="xs" w={280} value={text} placeholder={draft.server?.key}
      onChange={(event) => setText(event.currentTarget.value)} onBlur={commit}
      onKeyDown={(event) => event.key === "Enter" && commit()} />
  );
}
