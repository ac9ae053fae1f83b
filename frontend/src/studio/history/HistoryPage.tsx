// S7: an artifact's versions (author, time, status, changes against the version before), pick two to compare,
// restore an old version as a new draft (POST .../drafts {from}; audited as any draft).
import { useState } from "react";
import { useMutation, useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, Anchor, Button, Checkbox, Group, Loader, Stack, Table, Text } from "@mantine/core";
import { IconArrowsDiff, IconRestore } from "@tabler/icons-react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { notifications } from "@mantine/notifications";
import { api } from "../../shared/api/client";
import { unwrap, unwrapWithEtag } from "../../shared/api/problem";
import { useCan } from "../../shared/auth/session";
import { ErrorNotice } from "../../shared/ui/ErrorNotice";
import { PageHeader } from "../../shared/ui/PageHeader";
import { studioKeys } from "../shared/queries";
import { editorPath } from "../shared/usePublish";
import { CompareView } from "./CompareView";
import { changeCounts, togglePick, type Diff } from "./historyLogic";
import { Tag } from "./Tag";

const STATUS_COLOUR: Record<string, string> = { draft: "yellow", published: "green", retired: "gray" };
const COUNTED = 50;
const TIME = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

export default function HistoryPage() {
  const key = useParams().key ?? "";
  const [search, setSearch] = useSearchParams();
  const navigate = useNavigate();
  const client = useQueryClient();
  const canEdit = useCan("studio.edit");
  const from = Number(search.get("from")) || null;
  const to = Number(search.get("to")) || null;
  const [chosen, setChosen] = useState<number[]>(() => [from, to].filter((v): v is number => v !== null));

  const versions = useQuery({
    queryKey: [...studioKeys.artifact(key), "versions"],
    queryFn: async () => unwrap(await api.GET("/api/v1/studio/artifacts/{key}/versions", {
      params: { path: { key }, query: { limit: 1000, sort: "-version" } } })),
  });
  const list = versions.data ?? [];
  const numbers = list.map((v) => v.version);
  const counted = list.slice(0, COUNTED);
  const previousOf = (version: number) => numbers.find((v) => v < version);
  const counts = useQueries({
    queries: counted.map((v) => {
      const previous = previousOf(v.version);
      return {
        queryKey: [...studioKeys.artifact(key), "diff", previous ?? 0, v.version],
        queryFn: async (): Promise<Diff> => unwrap(await api.GET("/api/v1/studio/artifacts/{key}/diff", {
          params: { path: { key }, query: { from: previous!, to: v.version } } })),
        enabled: previous !== undefined,
        staleTime: 60_000,
      };
    }),
  });
  const draft = list.find((v) => v.status === "draft");

  const restore = useMutation({
    mutationFn: async (version: number) => unwrapWithEtag(await api.POST("/api/v1/studio/artifacts/{key}/drafts", {
      params: { path: { key } }, body: { from: version } })),
    onSuccess: (created, version) => {
      void client.invalidateQueries({ queryKey: studioKeys.artifacts() });
      void client.invalidateQueries({ queryKey: studioKeys.artifact(key) });
      notifications.show({ color: "green", title: "Restored as a draft", message: `Version ${created.data.version} is a draft with the content of version ${version}.` });
      navigate(editorPath(key, created.data.version));
    },
  });

  const pick = (version: number) => setChosen((current) => togglePick(current, version));
  const compare = () => {
    if (chosen.length !== 2) return;
    setSearch({ from: String(chosen[0]), to: String(chosen[1]) });
  };
  const kind = list[0]?.kind ?? "";

  return (
    <>
      <PageHeader title={<>History of <code>{key}</code></>} description="Every version with its author and time; pick two to compare them, or restore an old one as a new draft."
        actions={<Button component={Link} to="/studio" variant="default">All artifacts</Button>} />
      {versions.error && <ErrorNotice error={versions.error} />}
      {restore.error && <ErrorNotice error={restore.error} title="Not restored" />}
      {versions.isPending && <Loader aria-label="Loading versions" />}
      {draft && canEdit && (
        <Alert color="yellow" mb="sm">
          Version {draft.version} is an open draft: <Anchor component={Link} to={editorPath(key, draft.version)}>open it</Anchor>.
          Restoring an old version needs no open draft — publish or discard it first.
        </Alert>
      )}
      <Stack gap="md">
        <Table withTableBorder highlightOnHover aria-label="Versions" verticalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={60}>Pick</Table.Th><Table.Th>Version</Table.Th><Table.Th>Status</Table.Th><Table.Th>Title</Table.Th>
              <Table.Th>Author</Table.Th><Table.Th>Created</Table.Th><Table.Th>Published</Table.Th><Table.Th>Changes vs previous</Table.Th><Table.Th>Actions</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.map((v, index) => {
              const count = index < COUNTED ? counts[index] : undefined;
              const c = count?.data ? changeCounts(count.data) : null;
              return (
                <Table.Tr key={v.version} data-version={v.version}>
                  <Table.Td>
                    <Checkbox aria-label={`Pick version ${v.version}`} checked={chosen.includes(v.version)} onChange={() => pick(v.version)} />
                  </Table.Td>
                  <Table.Td><Anchor component={Link} to={editorPath(key, v.version)}>v{v.version}</Anchor>{v.status === "draft" && <Text span size="xs" c="dimmed"> r{v.revision}</Text>}</Table.Td>
                  <Table.Td><Tag color={STATUS_COLOUR[v.status]} variant="light">{v.status}</Tag></Table.Td>
                  <Table.Td>{v.title ?? ""}</Table.Td>
                  <Table.Td>{v.createdBy ?? ""}</Table.Td>
                  <Table.Td>{TIME.format(new Date(v.createdAt))}</Table.Td>
                  <Table.Td>{v.publishedAt ? TIME.format(new Date(v.publishedAt)) : ""}</Table.Td>
                  <Table.Td>
                    {previousOf(v.version) === undefined ? <Text size="xs" c="dimmed">first version</Text>
                      : c ? (
                        <Group gap={4} aria-label={`${c.added} added, ${c.removed} removed, ${c.changed} changed`}>
                          <Tag size="sm" color="green" variant="light">+{c.added}</Tag>
                          <Tag size="sm" color="red" variant="light">−{c.removed}</Tag>
                          <Tag size="sm" color="blue" variant="light">~{c.changed}</Tag>
                        </Group>
                      ) : count?.error ? <Text size="xs" c="red">unavailable</Text> : index < COUNTED ? <Loader size="xs" aria-label="Counting" /> : null}
                  </Table.Td>
                  <Table.Td>
                    {canEdit && v.status !== "draft" && (
                      <Button size="compact-xs" variant="default" leftSection={<IconRestore size={14} />} disabled={!!draft}
                        loading={restore.isPending && restore.variables === v.version}
                        onClick={() => restore.mutate(v.version)} aria-label={`Restore as draft: version ${v.version}`}>
                        Restore as draft
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
        <Group>
          <Button leftSection={<IconArrowsDiff size={16} />} disabled={chosen.length !== 2} onClick={compare}>
            Compare {chosen.length === 2 ? `v${chosen[0]} and v${chosen[1]}` : "two versions"}
          </Button>
          {chosen.length !== 2 && <Text size="sm" c="dimmed">Pick two versions.</Text>}
        </Group>
        {from !== null && to !== null && kind && <CompareView artifactKey={key} kind={kind} from={from} to={to} />}
      </Stack>
    </>
  );
}
