// S1: the artifact catalog — every artifact with its draft, published and active-pack state, lint counts and
// last editor; filters, sort and paging in the URL; column choice in localStorage; New, Duplicate, Discard draft.
import { useEffect, useMemo, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { ActionIcon, Button, Group, Modal, Select, Stack, Text, TextInput, Tooltip } from "@mantine/core";
import { useDebouncedValue, useLocalStorage } from "@mantine/hooks";
import { IconCopy, IconHistory, IconPlus, IconSearch, IconTrash } from "@tabler/icons-react";
import { Link, useNavigate } from "react-router";
import { api, type QueryOf } from "../../shared/api/client";
import { totalCount, unwrap } from "../../shared/api/problem";
import { useCan } from "../../shared/auth/session";
import { ColumnChooser } from "../../shared/ui/ColumnChooser";
import { DataList, type Column } from "../../shared/ui/DataList";
import { ErrorNotice } from "../../shared/ui/ErrorNotice";
import { PageHeader } from "../../shared/ui/PageHeader";
import { useListParams } from "../../shared/url/useListParams";
import { studioKeys, useKinds } from "../shared/queries";
import { editorPath } from "../shared/usePublish";
import { ArtifactDialog, type DialogMode } from "./ArtifactDialog";
import {
  type Artifact, COLUMN_IDS, historyPath, COLUMN_LABELS, COLUMNS_STORAGE_KEY, type ColumnId, FIXED_COLUMNS, openVersion, readColumns,
} from "./catalogLogic";
import { useDiscardDraft } from "./useCatalogActions";
import { Tag } from "../history/Tag";

type ListQuery = QueryOf<"/api/v1/studio/artifacts">;

const STATES = [
  { value: "draft", label: "Has a draft" },
  { value: "published", label: "Published" },
  { value: "retired", label: "Retired" },
  { value: "active", label: "In active pack" },
];

const TIME = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });

function shortTime(iso: string): string {
  return TIME.format(new Date(iso));
}

interface RowActions {
  canEdit: boolean;
  onDuplicate: (a: Artifact) => void;
  onDiscard: (a: Artifact) => void;
}

function columns(kindTitle: (name: string) => string, actions: RowActions): Record<ColumnId, Column<Artifact>> {
  const stop = (event: React.MouseEvent | React.KeyboardEvent) => event.stopPropagation();
  return {
    key: { key: "key", header: "Key", sortKey: "key", render: (a) => <code>{a.key}</code>, width: "minmax(160px, 1.2fr)" },
    title: { key: "title", header: "Title", sortKey: "title", render: (a) => <Text span size="sm" truncate="end" maw={210} display="block" title={a.title ?? undefined}>{a.title ?? ""}</Text>, width: "minmax(120px, 1.4fr)" },
    kind: { key: "kind", header: "Kind", sortKey: "kind", render: (a) => <Text span size="xs" title={kindTitle(a.kind)}>{a.kind}</Text>, width: "132px" },
    draft: { key: "draft", header: "Draft", width: "72px", render: (a) => a.draftVersion != null
      ? <Tag color="yellow" variant="light" title={`revision ${a.draftRevision}`}>v{a.draftVersion}</Tag> : null },
    published: { key: "published", header: "Published", width: "84px", render: (a) => a.publishedVersion != null
      ? <Tag color="green" variant="light">v{a.publishedVersion}</Tag> : <Text size="xs" c="dimmed">never</Text> },
    active: { key: "active", header: "Active", width: "84px", render: (a) => a.inActivePack
      ? <Tag color="blue" variant="light">v{a.activeVersion}</Tag> : <Text size="xs" c="dimmed">no</Text> },
    lint: { key: "lint", header: "Lint", width: "72px", render: (a) => (
      <Group gap={4} wrap="nowrap" aria-label={`${a.lint.errors} errors, ${a.lint.warnings} warnings`}>
        {a.lint.errors > 0 && <Tag color="red" size="sm" title="errors">{a.lint.errors}</Tag>}
        {a.lint.warnings > 0 && <Tag color="orange" size="sm" title="warnings">{a.lint.warnings}</Tag>}
        {a.lint.errors === 0 && a.lint.warnings === 0 && <Text size="xs" c="dimmed">clean</Text>}
      </Group>) },
    editor: { key: "editor", header: "Last editor", width: "minmax(84px, 0.6fr)", render: (a) => a.lastEditor ?? "" },
    updated: { key: "updated", header: "Updated", sortKey: "updated", width: "104px",
      render: (a) => a.updatedAt ? <Text span size="xs" title={new Date(a.updatedAt).toLocaleString()}>{shortTime(a.updatedAt)}</Text> : "" },
    actions: { key: "actions", header: "Actions", width: "96px", render: (a) => (
      <Group gap={2} wrap="nowrap" onClick={stop} onKeyDown={stop}>
        <Tooltip label="History and compare">
          <ActionIcon component={Link} to={historyPath(a.key)} variant="subtle" aria-label={`History of ${a.key}`}><IconHistory size={16} /></ActionIcon>
        </Tooltip>
        {actions.canEdit && a.latest && (
          <Tooltip label="Duplicate">
            <ActionIcon variant="subtle" aria-label={`Duplicate ${a.key}`} onClick={() => actions.onDuplicate(a)}><IconCopy size={16} /></ActionIcon>
          </Tooltip>
        )}
        {actions.canEdit && a.draftVersion != null && (
          <Tooltip label="Discard draft">
            <ActionIcon variant="subtle" color="red" aria-label={`Discard draft of ${a.key}`} onClick={() => actions.onDiscard(a)}><IconTrash size={16} /></ActionIcon>
          </Tooltip>
        )}
      </Group>) },
  };
}

export default function CatalogPage() {
  const { params, update, offset } = useListParams(100);
  const kinds = useKinds();
  const navigate = useNavigate();
  const canEdit = useCan("studio.edit");
  const discard = useDiscardDraft();
  const [dialog, setDialog] = useState<DialogMode | null>(null);
  const [discarding, setDiscarding] = useState<Artifact | null>(null);
  const [search, setSearch] = useState(params.filters.q ?? "");
  const [debounced] = useDebouncedValue(search, 300);
  const [stored, setStored] = useLocalStorage<string | null>({ key: COLUMNS_STORAGE_KEY, defaultValue: null, serialize: (v) => v ?? "", deserialize: (v) => v ?? null });
  const visible = readColumns(stored);

  useEffect(() => {
    if ((params.filters.q ?? "") !== debounced) update({ filters: { q: debounced || null } });
  }, [debounced]); // eslint-disable-line react-hooks/exhaustive-deps -- only a typed change moves the URL

  const list = useQuery({
    queryKey: [...studioKeys.artifacts(), params],
    queryFn: async () => {
      const answer = await api.GET("/api/v1/studio/artifacts", { params: { query: {
        offset, limit: params.pageSize, sort: (params.sort ?? undefined) as ListQuery["sort"],
        kind: (params.filters.kind || undefined) as ListQuery["kind"],
        state: (params.filters.state || undefined) as ListQuery["state"],
        q: params.filters.q || undefined,
      } } });
      const items = unwrap(answer);
      return { items, total: totalCount(answer.response, items.length) };
    },
    placeholderData: (previous) => previous,
  });

  const kindTitle = useMemo(() => {
    const titles = new Map((kinds.data?.kinds ?? []).map((k) => [k.name, k.title]));
    return (name: string) => titles.get(name) ?? name;
  }, [kinds.data]);
  const all = columns(kindTitle, { canEdit, onDuplicate: (source) => setDialog({ mode: "duplicate", source }), onDiscard: setDiscarding });
  const shown = visible.map((id) => all[id]);

  return (
    <>
      <PageHeader title="Artifacts" description="Every rule artifact of the studio with its draft, published and active-pack state."
        actions={canEdit && (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setDialog({ mode: "new", kind: params.filters.kind ?? null })}>New artifact</Button>
        )} />
      <Group mb="sm" gap="sm" align="flex-end">
        <TextInput label="Search" placeholder="Key or title contains" leftSection={<IconSearch size={14} />} w={240}
          value={search} onChange={(event) => setSearch(event.currentTarget.value)} />
        <Select label="Kind" placeholder="All kinds" clearable w={220} value={params.filters.kind ?? null}
          data={(kinds.data?.kinds ?? []).map((k) => ({ value: k.name, label: k.title }))}
          onChange={(kind) => update({ filters: { kind } })} />
        <Select label="State" placeholder="Any state" clearable w={170} value={params.filters.state ?? null} data={STATES}
          onChange={(state) => update({ filters: { state } })} />
        <ColumnChooser columns={COLUMN_IDS} labels={COLUMN_LABELS} fixed={FIXED_COLUMNS} shown={visible}
          onChange={(next) => setStored(JSON.stringify(next))} />
      </Group>
      {list.error && <ErrorNotice error={list.error} />}
      {discard.error && <ErrorNotice error={discard.error} title="The draft was not discarded" />}
      <DataList label="Artifacts" columns={shown} rows={list.data?.items ?? []} rowKey={(a) => a.key}
        total={list.data?.total ?? 0} page={params.page} pageSize={params.pageSize} loading={list.isPending}
        onPage={(page) => update({ page })} onPageSize={(pageSize) => update({ pageSize })}
        sort={params.sort} onSort={(sort) => update({ sort })} empty="No artifact matches these filters."
        onOpen={(a) => { const version = openVersion(a); if (version != null) navigate(editorPath(a.key, version)); }} />
      {dialog && <ArtifactDialog state={dialog} onClose={() => setDialog(null)} />}
      <Modal opened={discarding !== null} onClose={() => setDiscarding(null)} title="Discard the draft?">
        {discarding && (
          <Stack>
            <Text size="sm">
              Version {discarding.draftVersion} of <code>{discarding.key}</code> (revision {discarding.draftRevision}) and every change
              saved in it will be deleted. Published versions stay as they are.
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setDiscarding(null)}>Keep it</Button>
              <Button color="red" loading={discard.isPending}
                onClick={() => discard.mutate({ key: discarding.key, version: discarding.draftVersion! }, { onSettled: () => setDiscarding(null) })}>
                Discard draft
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </>
  );
}
