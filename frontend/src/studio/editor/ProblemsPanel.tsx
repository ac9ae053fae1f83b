import { Badge, Group, Paper, Stack, Text, UnstyledButton } from "@mantine/core";
import type { EditorProblem } from "../shared/problems";

const COLOUR = { error: "red", warning: "yellow", info: "blue" } as const;

/** The problems list under an editor; choosing one asks the editor to show where it points. */
export function ProblemsPanel({ problems, onSelect }: { problems: EditorProblem[]; onSelect?: (problem: EditorProblem) => void }) {
  const errors = problems.filter((p) => p.severity === "error").length;
  const warnings = problems.filter((p) => p.severity === "warning").length;
  return (
    <Paper withBorder p="xs" mt="sm" aria-label="Problems" component="section">
      <Group gap="xs" mb={problems.length ? "xs" : 0}>
        <Text fw={600} size="sm">Problems</Text>
        <Badge color={errors ? "red" : "gray"} data-testid="error-count">{errors} errors</Badge>
        <Badge color={warnings ? "yellow" : "gray"} data-testid="warning-count">{warnings} warnings</Badge>
      </Group>
      <Stack gap={2} mah={180} style={{ overflow: "auto" }}>
        {problems.map((problem, index) => (
          <UnstyledButton key={`${problem.pointer}-${index}`} onClick={() => onSelect?.(problem)} p={4} data-testid="problem">
            <Group gap="xs" wrap="nowrap">
              <Badge size="xs" color={COLOUR[problem.severity]}>{problem.severity}</Badge>
              <Text size="sm">{problem.message}</Text>
              {problem.pointer && <Text size="xs" c="dimmed" ff="monospace">{problem.pointer}</Text>}
            </Group>
          </UnstyledButton>
        ))}
      </Stack>
    </Paper>
  );
}
