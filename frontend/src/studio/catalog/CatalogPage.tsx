// S1: the artifact catalog — every artifact by kind with its newest version's state; opens the editor.
import { useQuery } from "@tanstack/react-query";
import { Badge, Group, Select } from "@mantine/core";
import { useNavigate } from "react-router";
import { api, type QueryOf, type Schemas } from "../../shared/api/client";
import { totalCount, unwrap } from "../../shared/api/problem";
import { DataList, type Column } from "../../shared/ui/DataList";
import { ErrorNotice } from "../../shared/ui/ErrorNotice";
import { PageHeader } from "../../shared/ui/PageHeader";
import { useListParams } from "../../shared/url/useListParams";
import { studioKeys, useKinds } from "../shared/queries";
import { editorPath } from "../shared/usePublish";

type Artifact = Schemas["ArtifactView"];
type ListQuery = QueryOf<"/api/v1/studio/artifacts">;

const STATUS_COLOUR: Record<string, string> = { draft: "yellow", published: "green", retired: "gray" };

const COLUMNS: Column<Artifact>[] = [
  { key: "key", header: "Key", sortKey: "key", render: (a) => <code>{a.key}</code>, width: "minmax(200px, 1.4fr)" },
  { key: "title", header: "Title", render: (a) => a.latest?.title ?? "" },
  { key: "kind", header: "Kind", sortKey: "kind", render: (a) => a.kind },
  { key: "latest", header: "Newest version", render: (a) => a.latest && (
    <Group gap={4}><Badge variant="light">v{a.latest.version}</Badge><Badge color={STATUS_COLOUR[a.latest.status]}>{a.latest.status}</Badge></Group>) },
  { key: "versions", header: "Versions", render: (a) => a.versions.length },
  { key: "editor", header: "Last editor", render: (a) => a.latest?.createdBy ?? "" },
  { key: "created", header: "Updated", sortKey: "createdAt", render: (a) => a.latest ? new Date(a.latest.createdAt).toLocaleString() : "" },
];

export default function CatalogPage() {
  const { params, update, offset } = useListParams(100);
  const kinds = useKinds();
  const navigate = useNavigate();
  const list = useQuery({
    queryKey: [...studioKeys.artifacts(), params],
    queryFn: async () => {
      const answer = await api.GET("/api/v1/studio/artifacts", { params: { query: {
        offset, limit: params.pageSize, sort: (params.sort ?? undefined) as ListQuery["sort"],
        kind: (params.filters.kind || undefined) as ListQuery["kind"],
      } } });
      const items = unwrap(answer);
      return { items, total: totalCount(answer.response, items.length) };
    },
    placeholderData: (previous) => previous,
  });

  return (
    <>
      <PageHeader title="Artifacts" description="Every rule artifact of the studio, by kind, with its newest version." />
      <Group mb="sm" gap="sm">
        <Select label="Kind" placeholder="All kinds" clearable w={240} value={params.filters.kind ?? null}
          data={(kinds.data?.kinds ?? []).map((k) => ({ value: k.name, label: k.title }))}
          onChange={(kind) => update({ filters: { kind } })} />
      </Group>
      {list.error && <ErrorNotice error={list.error} />}
      <DataList label="Artifacts" columns={COLUMNS} rows={list.data?.items ?? []} rowKey={(a) => a.key}
        total={list.data?.total ?? 0} page={params.page} pageSize={params.pageSize} loading={list.isPending}
        onPage={(page) => update({ page })} onPageSize={(pageSize) => update({ pageSize })}
        sort={params.sort} onSort={(sort) => update({ sort })}
        onOpen={(a) => a.latest && navigate(editorPath(a.key, a.latest.version))} />
    </>
  );
}
