// A2 index: every artifact with its newest published version and the version the active pack pins; opening one
// shows its published versions, who published them, their tests, the packs pinning them and the orders on those.
import { useNavigate } from "react-router";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Badge, Code, Group, Select, TextInput } from "@mantine/core";
import { api, type QueryOf, type Schemas } from "../../shared/api/client";
import { totalCount, unwrap } from "../../shared/api/problem";
import { DataList, type Column } from "../../shared/ui/DataList";
import { ErrorNotice } from "../../shared/ui/ErrorNotice";
import { PageHeader } from "../../shared/ui/PageHeader";
import { paths } from "../../shared/url/paths";
import { useListParams } from "../../shared/url/useListParams";
import { useKinds } from "../../studio/shared/queries";
import { when } from "../logic";

type Artifact = Schemas["ArtifactView"];
type ArtifactQuery = QueryOf<"/api/v1/studio/artifacts">;

export default function RulesPage() {
  const { params, update, offset } = useListParams(100);
  const navigate = useNavigate();
  const kinds = useKinds();
  const query = { offset, limit: params.pageSize, q: params.filters.q, kind: params.filters.kind, sort: params.sort ?? undefined } as ArtifactQuery;
  const list = useQuery({
    queryKey: ["audit", "rules", query],
    queryFn: async () => {
      const answer = await api.GET("/api/v1/studio/artifacts", { params: { query } });
      const rows = unwrap(answer);
      return { rows, total: totalCount(answer.response, rows.length) };
    },
    placeholderData: keepPreviousData,
  });
  const columns: Column<Artifact>[] = [
    { key: "key", header: "Artifact", sortKey: "key", width: "minmax(200px, 1.2fr)", render: (a) => <Code>{a.key}</Code> },
    { key: "kind", header: "Kind", sortKey: "kind", width: "160px", render: (a) => a.kind },
    { key: "title", header: "Title", sortKey: "title", render: (a) => a.title },
    { key: "published", header: "Published", width: "120px", render: (a) => a.publishedVersion ? `v${a.publishedVersion}` : "none" },
    { key: "active", header: "Active pack pins", width: "150px", render: (a) => a.activeVersion ? <Badge color="teal.9">v{a.activeVersion}</Badge> : "" },
    { key: "updated", header: "Updated", sortKey: "updated", width: "180px", render: (a) => when(a.updatedAt) },
  ];
  return (
    <>
      <PageHeader title="Rule versions" description="Published artifact versions: who published them, their tests, the packs that pin them and the orders on those packs." />
      <Group gap="xs" mb="sm" align="flex-end">
        <TextInput label="Search" placeholder="key or title" size="xs" defaultValue={params.filters.q ?? ""}
          onKeyDown={(event) => { if (event.key === "Enter") update({ filters: { q: event.currentTarget.value } }); }}
          onBlur={(event) => update({ filters: { q: event.currentTarget.value } })} />
        <Select label="Kind" size="xs" clearable placeholder="any kind" value={params.filters.kind ?? null}
          data={(kinds.data?.kinds ?? []).map((k) => ({ value: k.name, label: k.title }))}
          onChange={(kind) => update({ filters: { kind } })} />
      </Group>
      {list.error && <ErrorNotice error={list.error} />}
      <DataList label="Artifacts" columns={columns} rows={list.data?.rows ?? []} rowKey={(a) => a.key}
        total={list.data?.total ?? 0} page={params.page} pageSize={params.pageSize} loading={list.isPending}
        onPage={(page) => update({ page })} onPageSize={(pageSize) => update({ pageSize, page: 1 })}
        sort={params.sort} onSort={(sort) => update({ sort })} onOpen={(a) => navigate(paths.auditRule(a.key))} />
    </>
  );
}
