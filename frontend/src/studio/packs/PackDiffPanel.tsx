// "Review changes": the server's pack diff between the active version and this one — pins added, removed,
// re-pinned (each with its artifact's semantic diff), and whether the bindings changed.
import { Alert, Anchor, Badge, Code, Group, Loader, Stack, Table, Text } from "@mantine/core";
import { Link } from "react-router";
import { ErrorNotice } from "../../shared/ui/ErrorNotice";
import { editorPath } from "../shared/usePublish";
import { usePackDiff } from "./queries";

interface ArtifactChange {
  artifact: string;
  from: number;
  to: number;
  diff?: { empty?: boolean; summary?: string; changes?: { op: string; pointer: string; old?: unknown; new?: unknown }[] };
}

function short(value: unknown): string {
  if (value === undefined) return "";
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

export function PackDiffPanel({ packKey, from, to }: { packKey: string; from: number | undefined; to: number }) {
  const diff = usePackDiff(packKey, from, to);
  if (from === undefined) return <Text>No pack is active: nothing to compare with.</Text>;
  if (from === to) return <Alert color="blue">This is the active version: no changes against it.</Alert>;
  if (diff.error) return <ErrorNotice error={diff.error} />;
  if (!diff.data) return <Loader aria-label="Loading the changes" />;
  const data = diff.data;
  const changed = data.changed as unknown as ArtifactChange[];
  const nothing = !changed.length && !Object.keys(data.added).length && !Object.keys(data.removed).length && !data.bindingsChanged;
  return (
    <Stack gap="sm" aria-label="Changes against the active pack">
      <Text>Changes from <b>{data.from}</b> (active) to <b>{data.to}</b>:</Text>
      {nothing && <Text c="dimmed">The two versions pin the same artifacts.</Text>}
      {Object.entries(data.added).map(([artifact, version]) => (
        <Group key={`added-${artifact}`} gap="xs"><Badge color="teal.9">added</Badge><code>{artifact}</code> v{version}</Group>
      ))}
      {Object.entries(data.removed).map(([artifact, version]) => (
        <Group key={`removed-${artifact}`} gap="xs"><Badge color="red.9">removed</Badge><code>{artifact}</code> v{version}</Group>
      ))}
      {changed.map((change) => (
        <Stack key={change.artifact} gap={4} data-changed={change.artifact}>
          <Group gap="xs">
            <Badge color="blue.9">re-pinned</Badge>
            <code>{change.artifact}</code>
            <Anchor component={Link} to={editorPath(change.artifact, change.from)}>v{change.from}</Anchor>→
            <Anchor component={Link} to={editorPath(change.artifact, change.to)}>v{change.to}</Anchor>
            {change.diff?.summary && <Text size="sm" c="dimmed">{change.diff.summary}</Text>}
          </Group>
          {(change.diff?.changes?.length ?? 0) > 0 && (
            <Table withTableBorder verticalSpacing={2} fz="xs" aria-label={`Changes of ${change.artifact}`}>
              <Table.Thead><Table.Tr><Table.Th>Change</Table.Th><Table.Th>Where</Table.Th><Table.Th>Before</Table.Th><Table.Th>After</Table.Th></Table.Tr></Table.Thead>
              <Table.Tbody>
                {change.diff!.changes!.slice(0, 50).map((c, index) => (
                  <Table.Tr key={`${c.pointer}-${index}`}>
                    <Table.Td>{c.op}</Table.Td><Table.Td><Code>{c.pointer}</Code></Table.Td>
                    <Table.Td>{short(c.old)}</Table.Td><Table.Td>{short(c.new)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      ))}
      {data.bindingsChanged && (
        <Stack gap={4}>
          <Group gap="xs"><Badge color="grape.9">bindings changed</Badge></Group>
          <Code block>{JSON.stringify(data.bindings, null, 1)}</Code>
        </Stack>
      )}
    </Stack>
  );
}
