// The order's milestones as a stepper: received, checked, being fulfilled, and how it ended (the server says
// which are done, which is current, which were skipped, and when each was reached).
import { Stepper, Text } from "@mantine/core";
import type { Tracking } from "./queries";
import { formatMoment } from "./dates";

type Milestone = Tracking["milestones"][number];

const WORDS: Record<Milestone["state"], string> = { done: "done", current: "in progress", upcoming: "to come", skipped: "skipped" };

export function Milestones({ milestones }: { milestones: Milestone[] }) {
  const current = milestones.findIndex((m) => m.state === "current" || m.state === "upcoming");
  const active = current === -1 ? milestones.length : current;
  return (
    <Stepper active={active} size="sm" aria-label="Milestones" allowNextStepsSelect={false} data-testid="milestones">
      {milestones.map((m) => (
        <Stepper.Step key={m.key} label={m.label} data-milestone={m.key} data-state={m.state}
          color={m.state === "skipped" ? "gray" : undefined}
          description={<Text span size="xs" c="dimmed">{m.at ? `${WORDS[m.state]}, ${formatMoment(m.at)}` : WORDS[m.state]}</Text>} />
      ))}
    </Stepper>
  );
}
