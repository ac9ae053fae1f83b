// A2: one artifact's published versions — who published each and when, its tests (run again by the server), the
// pack versions pinning it with their activation periods, the orders that ran on those packs (each linked to
// the order and its why) — and the server's diff of any two versions.
import { useParams, useSearchParams, Link } from "react-router";
import { Anchor, Badge, Card, Code, Group, List, Loader, Radio, Select, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { DataList, type Column } from "../../shared/ui/DataList";
import { ErrorNotice } from "../../shared/ui/ErrorNotice";
import { PageHeader } from "../../shared/ui/PageHeader";
import { StateBadge } from "../../shared/ui/StateBadge";
import { paths } from "../../shared/url/paths";
import { CompareView } from "../../studio/history/CompareView";
import { useKind } from "../../studio/shared/queries";
import { orderedPair, when } from "../logic";
import { useArtifactVersions, usePinnedOrders, useUsage, type PinnedOrder, type VersionUsage } from "../queries";

const ORDER_PAGE = 25;

export default function RulePage() {
  const key = useParams().key ?? "";
  const [search, setSearch] = useSearchParams();
  const versions = useArtifactVersions(key);
  const released = (versions.data ?? []).filter((v) => v.status !== "draft");
  const chosen = Number(search.get("v")) || released[0]?.version || null;
  const from = Number(search.get("from")) || null;
  const to = Number(search.get("to")) || null;
  const pair = orderedPair(from, to);
  const kind = released[0]?.kind ?? versions.data?.[0]?.kind;
  const kindView = useKind(kind);
  const set = (name: string, value: string | null) => setSearch((current) => {
    const next = new URLSearchParams(current);
    if (value) next.set(name, value); else next.delete(name);
    if (name === "v") next.delete("page");
    return next;
  }, { replace: true });
  const options = released.map((v) => ({ value: String(v.version), label: `v${v.version} (${v.status})` }));

  return (
    <>
      <PageHeader title={<>Rule versions of <Code fz="inherit">{key}</Code></>} description={kind ? `Kind: ${kind}` : undefined}
        actions={<Anchor component={Link} to={paths.auditRules()}>All artifacts</Anchor>} />
      {versions.error && <ErrorNotice error={versions.error} />}
      {versions.isPending && <Loader aria-label="Loading the versions" />}
      {versions.data && released.length === 0 && <Text>This artifact has no published version.</Text>}
      {released.length > 0 && (
        <Radio.Group label="Published versions" value={chosen ? String(chosen) : null} onChange={(v) => set("v", v)} mb="md">
          <Table withTableBorder mt="xs" aria-label="Published versions">
            <Table.Thead><Table.Tr><Table.Th>Open</Table.Th><Table.Th>Version</Table.Th><Table.Th>Status</Table.Th><Table.Th>Title</Table.Th><Table.Th>Published</Table.Th><Table.Th>Content hash</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {released.map((v) => (
                <Table.Tr key={v.version} data-version={v.version}>
                  <Table.Td><Radio value={String(v.version)} aria-label={`Open version ${v.version}`} /></Table.Td>
                  <Table.Td>v{v.version}</Table.Td>
                  <Table.Td><Badge color={v.status === "published" ? "teal.9" : "gray.7"}>{v.status}</Badge></Table.Td>
                  <Table.Td>{v.title}</Table.Td>
                  <Table.Td>{when(v.publishedAt)}</Table.Td>
                  <Table.Td><Code>{v.contentHash?.slice(0, 16)}</Code></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Radio.Group>
      )}
      {chosen && <Usage artifactKey={key} version={chosen} hasGraph={Boolean(kindView?.capabilities.hasGraph)}
        page={Math.max(1, Number(search.get("page")) || 1)} onPage={(page) => set("page", page > 1 ? String(page) : null)} />}
      {released.length > 1 && (
        <Card withBorder mt="lg" component="section" aria-label="Compare two versions">
          <Title order={2} size="h4" mb="xs">Compare two versions</Title>
          <Group gap="sm" mb="md">
            <Select label="From version" data={options} value={from ? String(from) : null} onChange={(v) => set("from", v)} clearable w={200} />
            <Select label="To version" data={options} value={to ? String(to) : null} onChange={(v) => set("to", v)} clearable w={200} />
          </Group>
          {pair && kind ? <CompareView artifactKey={key} kind={kind} from={pair[0]} to={pair[1]} /> : <Text size="sm" c="dimmed">Pick two different versions.</Text>}
        </Card>
      )}
    </>
  );
}

function Usage({ artifactKey, version, hasGraph, page, onPage }: { artifactKey: string; version: number; hasGraph: boolean; page: number; onPage: (page: number) => void }) {
  const usage = useUsage(artifactKey, version);
  if (usage.error) return <ErrorNotice error={usage.error} />;
  if (!usage.data) return <Loader aria-label="Loading the version's usage" />;
  const u = usage.data;
  return (
    <Stack gap="md" component="section" aria-label={`Version ${version}`}>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder>
          <Title order={2} size="h4">Version {u.version}</Title>
          <Text size="sm" data-testid="published-by">Published by <b>{u.publishedBy ?? "unknown"}</b> on {when(u.publishedAt)}</Text>
          <Text size="sm">Drafted by {u.createdBy ?? "unknown"}</Text>
          <Text size="sm">Content hash <Code>{u.contentHash}</Code></Text>
          {hasGraph && <Anchor component={Link} to={paths.auditGraph(artifactKey, version)} size="sm">Printable graph of this version</Anchor>}
        </Card>
        <Tests usage={u} />
      </SimpleGrid>
      <Packs usage={u} />
      <Orders artifactKey={artifactKey} version={version} page={page} onPage={onPage} />
    </Stack>
  );
}

function Tests({ usage }: { usage: VersionUsage }) {
  const passed = usage.tests.filter((t) => t.passed).length;
  return (
    <Card withBorder aria-label="Tests">
      <Title order={3} size="h5">Tests: {passed} of {usage.tests.length} pass</Title>
      {usage.tests.length === 0 && <Text size="sm" c="dimmed">This version has no tests.</Text>}
      <List size="sm" spacing={2}>
        {usage.tests.map((t, i) => (
          <List.Item key={`${t.name}-${i}`}>
            <Badge size="xs" color={t.passed ? "teal.9" : "red.9"} mr={6}>{t.passed ? "pass" : "fail"}</Badge>{t.name}
            {t.message && <Text size="xs" c="dimmed">{t.message}</Text>}
          </List.Item>
        ))}
      </List>
    </Card>
  );
}

function Packs({ usage }: { usage: VersionUsage }) {
  return (
    <Stack gap={4}>
      <Title order={3} size="h5">Packs pinning this version ({usage.packs.length})</Title>
      {usage.packs.length === 0 ? <Text size="sm" c="dimmed">No pack version pins it.</Text> : (
        <Table withTableBorder aria-label="Packs pinning this version">
          <Table.Thead><Table.Tr><Table.Th>Pack</Table.Th><Table.Th>Title</Table.Th><Table.Th>Active periods</Table.Th><Table.Th>Orders</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {usage.packs.map((p) => (
              <Table.Tr key={p.pack} data-pack={p.pack}>
                <Table.Td><Group gap={4}><Code>{p.pack}</Code>{p.active && <Badge color="teal.9">active</Badge>}</Group></Table.Td>
                <Table.Td>{p.title}</Table.Td>
                <Table.Td>
                  {p.activations.length === 0 ? <Text size="sm" c="dimmed">never active</Text> : p.activations.map((a, i) => (
                    <Text size="sm" key={i}>{when(a.activatedAt)} – {a.until ? when(a.until) : "now"} (by {a.actor ?? "unknown"})</Text>
                  ))}
                </Table.Td>
                <Table.Td>{p.orderCount}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

function Orders({ artifactKey, version, page, onPage }: { artifactKey: string; version: number; page: number; onPage: (page: number) => void }) {
  const orders = usePinnedOrders(artifactKey, version, (page - 1) * ORDER_PAGE, ORDER_PAGE);
  const columns: Column<PinnedOrder>[] = [
    { key: "id", header: "Order", width: "minmax(200px, 1.3fr)", render: (o) => <Anchor component={Link} to={paths.order(o.id)} size="sm">{o.externalId ?? o.id}</Anchor> },
    { key: "state", header: "State", width: "140px", render: (o) => <StateBadge variant="dot" state={o.state} /> },
    { key: "pack", header: "Pack", width: "150px", render: (o) => <Code>{o.pack}</Code> },
    { key: "date", header: "Ordered", width: "180px", render: (o) => when(o.orderDate) },
    { key: "why", header: "Why", width: "100px", render: (o) => <Anchor component={Link} to={paths.auditOrderWhy(o.id)} size="sm" aria-label={`Why: ${o.externalId ?? o.id}`}>why</Anchor> },
  ];
  return (
    <Stack gap={4}>
      <Title order={3} size="h5">Orders on those packs</Title>
      {orders.error && <ErrorNotice error={orders.error} />}
      <DataList label="Orders on packs pinning this version" columns={columns} rows={orders.data?.rows ?? []} rowKey={(o) => o.id}
        total={orders.data?.total ?? 0} page={page} pageSize={ORDER_PAGE} onPage={onPage} loading={orders.isPending} height={360}
        empty="No order ran on a pack pinning this version." />
    </Stack>
  );
}
