// A3: pack activations and rollbacks over time, newest first; opening one shows what changed against the
// activation before it (the server's pack diff: pins added, removed, re-pinned with each artifact's changes).
import { Link, useSearchParams } from "react-router";
import { Alert, Anchor, Badge, Card, Code, Group, Loader, Stack, Table, Text, Title } from "@mantine/core";
import { DataList, type Column } from "../../shared/ui/DataList";
import { ErrorNotice } from "../../shared/ui/ErrorNotice";
import { PageHeader } from "../../shared/ui/PageHeader";
import { paths } from "../../shared/url/paths";
import { useListParams } from "../../shared/url/useListParams";
import { usePackDiff, type Activation } from "../../studio/packs/queries";
import { diffable, when, withPrevious } from "../logic";
import { useActivations } from "../queries";

type Pair = { row: Activation; previous: Activation | null };
interface ArtifactChange { artifact: string; from: number; to: number; diff?: { summary?: string; changes?: { op: string; pointer: string }[] } }

export default function PackHistoryPage() {
  const { params, update, offset } = useListParams(25);
  const [search, setSearch] = useSearchParams();
  const activations = useActivations(offset, params.pageSize);
  const pairs = withPrevious(activations.data?.rows ?? [], params.pageSize);
  const selected = Number(search.get("open"));
  const open = Number.isInteger(selected) && search.has("open") ? pairs[selected] : undefined;
  const choose = (index: number) => setSearch((current) => {
    const next = new URLSearchParams(current);
    next.set("open", String(index));
    return next;
  }, { replace: true });

  const columns: Column<Pair>[] = [
    { key: "when", header: "When", width: "200px", render: (p) => when(p.row.activatedAt) },
    { key: "pack", header: "Activated", width: "minmax(160px, 1fr)", render: (p) => <Group gap={4}><Code>{p.row.pack}</Code>{p.row.current && <Badge color="teal.9">active now</Badge>}</Group> },
    { key: "kind", header: "Change", width: "140px", render: (p) => <Badge color={kindOf(p) === "rollback" ? "orange.9" : "blue.9"}>{kindOf(p)}</Badge> },
    { key: "previous", header: "Replaced", width: "minmax(140px, 1fr)", render: (p) => p.previous ? <Code>{p.previous.pack}</Code> : "nothing (first)" },
    { key: "actor", header: "By", width: "140px", render: (p) => p.row.actor ?? "unknown" },
  ];
  return (
    <>
      <PageHeader title="Pack activation history" description="Every activation and rollback of a rule pack; open one to see what changed against the pack it replaced." />
      {activations.error && <ErrorNotice error={activations.error} />}
      <DataList label="Activations" columns={columns} rows={pairs} rowKey={(p) => `${p.row.pack}-${p.row.activatedAt}`}
        total={activations.data?.total ?? 0} page={params.page} pageSize={params.pageSize} loading={activations.isPending}
        onPage={(page) => update({ page })} onOpen={(p) => choose(pairs.indexOf(p))} height={400}
        empty="No pack was ever activated." />
      {open && <ChangesPanel pair={open} />}
    </>
  );
}

/** A rollback re-activates an older version than the one it replaces. */
function kindOf(pair: Pair): string {
  if (!pair.previous) return "first activation";
  if (pair.previous.key === pair.row.key && pair.row.version < pair.previous.version) return "rollback";
  return "activation";
}

function ChangesPanel({ pair }: { pair: Pair }) {
  const { row, previous } = pair;
  const can = diffable(row, previous);
  const diff = usePackDiff(row.key, can ? previous!.version : undefined, row.version);
  return (
    <Card withBorder mt="md" component="section" aria-label={`Changes of ${row.pack}`}>
      <Title order={2} size="h4" mb="xs">{row.pack} against {previous ? previous.pack : "nothing"}</Title>
      <Text size="sm" c="dimmed" mb="sm">Activated {when(row.activatedAt)} by {row.actor ?? "unknown"}.</Text>
      {!previous && <Text size="sm">The first activation: there is nothing before it to compare with.</Text>}
      {previous && !can && (previous.key === row.key
        ? <Alert color="gray">The same pack version as before: nothing changed.</Alert>
        : <Alert color="gray">A different pack ({previous.key}) was active before: packs of different keys are not compared.</Alert>)}
      {can && diff.error && <ErrorNotice error={diff.error} />}
      {can && diff.isPending && <Loader size="sm" aria-label="Loading the changes" />}
      {can && diff.data && <Changes data={diff.data} />}
    </Card>
  );
}

function Changes({ data }: { data: NonNullable<ReturnType<typeof usePackDiff>["data"]> }) {
  const changed = data.changed as unknown as ArtifactChange[];
  const nothing = !changed.length && !Object.keys(data.added).length && !Object.keys(data.removed).length && !data.bindingsChanged;
  return (
    <Stack gap="xs" data-testid="pack-changes">
      {nothing && <Text size="sm">The two versions pin the same artifacts.</Text>}
      <Table withTableBorder aria-label="Pin changes">
        <Table.Thead><Table.Tr><Table.Th>Change</Table.Th><Table.Th>Artifact</Table.Th><Table.Th>Versions</Table.Th><Table.Th>What changed</Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>
          {Object.entries(data.added).map(([artifact, version]) => (
            <Table.Tr key={`a-${artifact}`}><Table.Td><Badge color="teal.9">added</Badge></Table.Td><Table.Td><RuleLink artifact={artifact} version={version} /></Table.Td><Table.Td>v{version}</Table.Td><Table.Td /></Table.Tr>
          ))}
          {Object.entries(data.removed).map(([artifact, version]) => (
            <Table.Tr key={`r-${artifact}`}><Table.Td><Badge color="red.9">removed</Badge></Table.Td><Table.Td><RuleLink artifact={artifact} version={version} /></Table.Td><Table.Td>v{version}</Table.Td><Table.Td /></Table.Tr>
          ))}
          {changed.map((c) => (
            <Table.Tr key={`c-${c.artifact}`} data-changed={c.artifact}>
              <Table.Td><Badge color="blue.9">re-pinned</Badge></Table.Td>
              <Table.Td><RuleLink artifact={c.artifact} version={c.to} from={c.from} /></Table.Td>
              <Table.Td>v{c.from} → v{c.to}</Table.Td>
              <Table.Td><Text size="sm">{c.diff?.summary ?? `${c.diff?.changes?.length ?? 0} change(s)`}</Text></Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {data.bindingsChanged && <><Badge color="grape.9">bindings changed</Badge><Code block>{JSON.stringify(data.bindings, null, 1)}</Code></>}
    </Stack>
  );
}

function RuleLink({ artifact, version, from }: { artifact: string; version: number; from?: number }) {
  const query = from ? `?v=${version}&from=${from}&to=${version}` : `?v=${version}`;
  return <Anchor component={Link} to={`${paths.auditRule(artifact)}${query}`}><Code>{artifact}</Code></Anchor>;
}
