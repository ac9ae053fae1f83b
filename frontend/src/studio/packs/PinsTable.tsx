// The pins of a pack, grouped by stage: each artifact with its pinned version (a Select of its published
// versions when composing), its lint counts from the server, and a link to that exact version.
import { ActionIcon, Anchor, Badge, Group, Select, Table, Text, Tooltip } from "@mantine/core";
import { IconTrash } from "@tabler/icons-react";
import { Link } from "react-router";
import { useLint } from "../shared/queries";
import { editorPath } from "../shared/usePublish";
import { groupByStage, lintCounts, pinnableVersions, type Pins } from "./pins";
import type { ArtifactSummary } from "./queries";

function LintBadges({ artifact, version }: { artifact: string; version: number }) {
  const lint = useLint(artifact, version);
  if (lint.isPending) return <Text size="xs" c="dimmed">linting…</Text>;
  if (lint.error) return <Text size="xs" c="dimmed">no lint</Text>;
  const counts = lintCounts(lint.data?.findings ?? []);
  if (!counts.error && !counts.warning && !counts.info) return <Badge color="teal.9" variant="outline">clean</Badge>;
  return (
    <Group gap={4} aria-label={`lint of ${artifact} v${version}`}>
      {counts.error > 0 && <Badge color="red.9">{counts.error} error{counts.error > 1 ? "s" : ""}</Badge>}
      {counts.warning > 0 && <Badge color="yellow" autoContrast>{counts.warning} warning{counts.warning > 1 ? "s" : ""}</Badge>}
      {counts.info > 0 && <Badge color="gray.8" variant="outline">{counts.info} info</Badge>}
    </Group>
  );
}

export interface PinsTableProps {
  pins: Pins;
  bindings: Record<string, unknown>;
  artifacts: ArtifactSummary[] | undefined;
  /** pins to compare against: a changed pin is marked */
  base?: Pins;
  onChange?: (artifact: string, version: number) => void;
  onRemove?: (artifact: string) => void;
}

export function PinsTable({ pins, bindings, artifacts, base, onChange, onRemove }: PinsTableProps) {
  const byKey = new Map((artifacts ?? []).map((a) => [a.key, a]));
  return (
    <Table aria-label="Pins" verticalSpacing={4}>
      <Table.Thead>
        <Table.Tr><Table.Th>Stage</Table.Th><Table.Th>Artifact</Table.Th><Table.Th>Kind</Table.Th><Table.Th>Version</Table.Th>
          <Table.Th>Lint</Table.Th><Table.Th>Tests</Table.Th>{onRemove && <Table.Th />}</Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {groupByStage(pins, bindings).flatMap((group) => group.pins.map((pin, index) => {
          const artifact = byKey.get(pin.key);
          const changed = base !== undefined && base[pin.key] !== pin.version;
          const choices = pinnableVersions(artifact?.versions ?? []);
          return (
            <Table.Tr key={pin.key} data-pin={pin.key}>
              <Table.Td>{index === 0 && <Text fw={600} size="sm">{group.stage}</Text>}</Table.Td>
              <Table.Td>
                <Tooltip label={pin.boundAs.join(", ") || "used by another artifact"}>
                  <Anchor component={Link} to={editorPath(pin.key, pin.version)} size="sm"><code>{pin.key}</code></Anchor>
                </Tooltip>
                {changed && <Badge ml={6} size="sm" color={base![pin.key] === undefined ? "teal.9" : "blue.9"}>
                  {base![pin.key] === undefined ? "added" : `was v${base![pin.key]}`}</Badge>}
              </Table.Td>
              <Table.Td><Text size="sm">{artifact?.kind ?? ""}</Text></Table.Td>
              <Table.Td>
                {onChange ? (
                  <Select aria-label={`Version of ${pin.key}`} size="xs" w={110} allowDeselect={false}
                    value={String(pin.version)}
                    data={[...new Set([pin.version, ...choices])].sort((a, b) => b - a).map((v) => ({ value: String(v), label: `v${v}` }))}
                    onChange={(value) => value && onChange(pin.key, Number(value))} />
                ) : <Badge variant="light">v{pin.version}</Badge>}
              </Table.Td>
              <Table.Td><LintBadges artifact={pin.key} version={pin.version} /></Table.Td>
              <Table.Td><Text size="xs" c="dimmed">passed at publish</Text></Table.Td>
              {onRemove && (
                <Table.Td>
                  <ActionIcon variant="subtle" color="red" aria-label={`Remove pin ${pin.key}`} onClick={() => onRemove(pin.key)}>
                    <IconTrash size={16} />
                  </ActionIcon>
                </Table.Td>
              )}
            </Table.Tr>
          );
        }))}
      </Table.Tbody>
    </Table>
  );
}
