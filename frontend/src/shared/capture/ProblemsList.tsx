// Every capture problem the server found, at once: each names the item (and field) it is about.
import { Alert, List, Text } from "@mantine/core";
import { IconAlertTriangle, IconInfoCircle } from "@tabler/icons-react";
import type { CaptureProblem } from "./api";

export function ProblemsList({ problems, itemLabel, title = "Problems to fix before the order can be placed", info = false }: {
  problems: CaptureProblem[];
  itemLabel: (index: number) => string;
  title?: string;
  info?: boolean;
}) {
  if (problems.length === 0) return null;
  return (
    <Alert color={info ? "blue" : "red"} icon={info ? <IconInfoCircle /> : <IconAlertTriangle />}
      title={`${title} (${problems.length})`} role={info ? "status" : "alert"} data-testid={info ? "information-needed" : "capture-problems"}>
      <List size="sm">
        {problems.map((p, i) => (
          <List.Item key={`${p.pointer}-${p.code}-${i}`}>
            {p.item !== null && <Text span fw={600}>{itemLabel(p.item)}: </Text>}
            {p.message} <Text span c="dimmed" size="xs">({p.code})</Text>
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
