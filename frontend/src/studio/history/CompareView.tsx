// Two versions side by side: the server's semantic diff (GET .../diff), as a table grid for decision tables,
// node and edge changes plus both drawings for flows and plans, and the change list for every kind.
import { useEffect, useMemo, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { Alert, Group, Loader, Stack, Table, Text, Title } from "@mantine/core";
import { api } from "../../shared/api/client";
import { unwrap } from "../../shared/api/problem";
import { ErrorNotice } from "../../shared/ui/ErrorNotice";
import { studioKeys, useKind, useVersion } from "../shared/queries";
import { edgeChanges, isGraphKind, nodeChanges, readablePath, shortJson, tableGrid, type Diff } from "./historyLogic";
import { Tag } from "./Tag";
import { TableDiffView } from "./TableDiffView";
import classes from "./diff.module.css";

type Doc = Record<string, unknown>;
const OP_COLOUR: Record<string, string> = { add: "green", remove: "red", replace: "blue", move: "grape", added: "green", removed: "red", changed: "blue", moved: "grape" };

export function useDiff(key: string, from: number, to: number, enabled = true) {
  return useQuery({
    queryKey: [...studioKeys.artifact(key), "diff", from, to],
    queryFn: async (): Promise<Diff> =>
      unwrap(await api.GET("/api/v1/studio/artifacts/{key}/diff", { params: { path: { key }, query: { from, to } } })),
    enabled,
    staleTime: 60_000,
  });
}

export function CompareView({ artifactKey, kind, from, to }: { artifactKey: string; kind: string; from: number; to: number }) {
  const diff = useDiff(artifactKey, from, to);
  const before = useVersion(artifactKey, from);
  const after = useVersion(artifactKey, to);
  const kindView = useKind(kind);
  const oldDoc = before.data?.data.document as Doc | undefined;
  const newDoc = after.data?.data.document as Doc | undefined;
  const grid = useMemo(() => diff.data?.table && oldDoc && newDoc
    ? tableGrid((oldDoc.body ?? {}) as Doc, (newDoc.body ?? {}) as Doc, diff.data.table) : null, [diff.data, oldDoc, newDoc]);

  const error = diff.error ?? before.error ?? after.error;
  if (error) return <ErrorNotice error={error} />;
  if (!diff.data || !oldDoc || !newDoc) return <Loader size="sm" aria-label="Loading the comparison" />;
  const d = diff.data;

  return (
    <Stack gap="md" component="section" aria-label={`Compare version ${from} with version ${to}`}>
      <Group gap="xs">
        <Title order={2} size="h3">Version {from} → version {to}</Title>
        <Text c="dimmed" size="sm">{d.summary}</Text>
      </Group>
      {d.empty && <Alert color="gray">The two versions are the same (layout aside).</Alert>}
      {d.table && grid && (
        <Stack gap="xs">
          {d.table.hitPolicy && <Text size="sm">Hit policy: <del>{shortJson(d.table.hitPolicy.old)}</del> → <b>{shortJson(d.table.hitPolicy.new)}</b></Text>}
          <Legend />
          <TableDiffView grid={grid} />
        </Stack>
      )}
      {isGraphKind(kind) && !d.empty && <GraphChanges kind={kind} oldDoc={oldDoc} newDoc={newDoc} diff={d} />}
      {kindView?.capabilities.hasGraph && !d.empty && <GraphsSideBySide artifactKey={artifactKey} from={from} to={to} />}
      {!d.empty && <ChangeList changes={d.changes} />}
    </Stack>
  );
}

function Legend() {
  return (
    <Group gap="xs" aria-label="Legend">
      <Tag color="green" variant="light">added</Tag><Tag color="red" variant="light">removed</Tag>
      <Tag color="blue" variant="light">changed</Tag><Tag color="grape" variant="light">moved</Tag>
    </Group>
  );
}

function ChangeList({ changes }: { changes: Diff["changes"] }) {
  return (
    <Stack gap={4}>
      <Title order={3} size="h4">Changes ({changes.length})</Title>
      <div className={classes.scroll}>
        <Table withTableBorder aria-label="Changes" verticalSpacing={4}>
          <Table.Thead><Table.Tr><Table.Th>Change</Table.Th><Table.Th>Path</Table.Th><Table.Th>Before</Table.Th><Table.Th>After</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {changes.map((change, index) => (
              <Table.Tr key={index}>
                <Table.Td><Tag size="sm" variant="light" color={OP_COLOUR[change.op]}>{change.op}</Tag></Table.Td>
                <Table.Td><code>{readablePath(change.pointer)}</code>{change.from && <Text size="xs" c="dimmed">from {readablePath(change.from)}</Text>}</Table.Td>
                <Table.Td className={change.op === "remove" || change.op === "replace" ? classes.removed : undefined}><code>{change.op === "add" || change.op === "move" ? "" : shortJson(change.old)}</code></Table.Td>
                <Table.Td className={change.op === "add" || change.op === "replace" ? classes.added : undefined}><code>{change.op === "remove" || change.op === "move" ? "" : shortJson(change.new)}</code></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </div>
    </Stack>
  );
}

function GraphChanges({ kind, oldDoc, newDoc, diff }: { kind: string; oldDoc: Doc; newDoc: Doc; diff: Diff }) {
  const nodes = nodeChanges(kind, oldDoc, newDoc, diff.changes);
  const edges = edgeChanges(kind, oldDoc, newDoc);
  if (!nodes.length && !edges.length) return null;
  return (
    <Stack gap={4}>
      <Title order={3} size="h4">Nodes and edges</Title>
      <Table withTableBorder aria-label="Node and edge changes" verticalSpacing={4}>
        <Table.Tbody>
          {nodes.map((node) => (
            <Table.Tr key={`${node.list}/${node.id}`} data-node={node.id}>
              <Table.Td><Tag size="sm" variant="light" color={OP_COLOUR[node.state]}>{node.state}</Tag></Table.Td>
              <Table.Td><Text size="xs" c="dimmed" span>{node.list}</Text> <code>{node.id}</code></Table.Td>
              <Table.Td>{node.paths.length > 0 && <Text size="xs">{node.paths.map((p) => readablePath(`/${p}`)).join(", ")}</Text>}</Table.Td>
            </Table.Tr>
          ))}
          {edges.map((edge) => (
            <Table.Tr key={`${edge.from}>${edge.to}`}>
              <Table.Td><Tag size="sm" variant="light" color={OP_COLOUR[edge.state]}>edge {edge.state}</Tag></Table.Td>
              <Table.Td colSpan={2}><code>{edge.from}</code> → <code>{edge.to}</code></Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

/** The two drawings (GET .../graph?format=svg) as images from blob URLs: the SVG never runs in the page. */
function GraphsSideBySide({ artifactKey, from, to }: { artifactKey: string; from: number; to: number }) {
  return (
    <Stack gap={4}>
      <Title order={3} size="h4">Graphs</Title>
      <div className={classes.graphs}>
        <GraphImage artifactKey={artifactKey} version={from} />
        <GraphImage artifactKey={artifactKey} version={to} />
      </div>
    </Stack>
  );
}

function GraphImage({ artifactKey, version }: { artifactKey: string; version: number }) {
  const svg = useQuery({
    queryKey: [...studioKeys.artifact(artifactKey), "svg", version],
    queryFn: async () => unwrap(await api.GET("/api/v1/studio/artifacts/{key}/versions/{version}/graph", {
      params: { path: { key: artifactKey, version }, query: { format: "svg" } }, parseAs: "blob",
    })) as unknown as Blob,
    staleTime: Infinity,
  });
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!svg.data) return undefined;
    const made = URL.createObjectURL(svg.data);
    setUrl(made);
    return () => URL.revokeObjectURL(made);
  }, [svg.data]);
  return (
    <figure style={{ margin: 0 }}>
      <figcaption><Text size="sm" fw={600}>Version {version}</Text></figcaption>
      {svg.error ? <ErrorNotice error={svg.error} /> : url ? <img src={url} alt={`Graph of version ${version}`} /> : <Loader size="sm" aria-label="Drawing" />}
    </figure>
  );
}
