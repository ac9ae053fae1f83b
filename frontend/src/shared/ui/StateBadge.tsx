// One badge for every state the server reports (orders, domain orders, tasks, products, fallout, jeopardy):
// the colour says how it is going, the text is the server's state name in words.
import { Badge, type BadgeProps } from "@mantine/core";

type Tone = "gray" | "blue" | "cyan" | "green" | "yellow" | "orange" | "red" | "violet";

const TONES: Record<string, Tone> = {
  // orders and domain orders
  acknowledged: "cyan", pending: "yellow", held: "orange", inProgress: "blue", completed: "green",
  partial: "orange", failed: "red", cancelled: "gray", rejected: "red", assessingCancellation: "violet",
  pendingCancellation: "violet", draft: "gray", awaitingInformation: "yellow", scheduled: "cyan",
  onHold: "orange", cancellationInProgress: "violet",
  // tasks
  ready: "cyan", running: "blue", waiting: "yellow", skipped: "gray",
  // imports
  queued: "cyan",
  // products
  created: "cyan", pendingActive: "cyan", active: "green", suspended: "orange", pendingTerminate: "violet",
  terminated: "gray", aborted: "red",
  // fallout records, circuit breakers
  open: "red", resolved: "green", closed: "green", halfOpen: "yellow",
  // jeopardy levels
  none: "gray", low: "yellow", medium: "orange", high: "red", critical: "red",
};

/** Words for a camelCase state: "inProgress" -> "in progress". */
export function stateLabel(state: string): string {
  return state.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}

export function stateTone(state: string | null | undefined): Tone {
  return (state && TONES[state]) || "gray";
}

export function StateBadge({ state, ...props }: { state: string | null | undefined } & Omit<BadgeProps, "color">) {
  const shown = state ?? "none";
  return (
    <Badge variant="light" color={stateTone(shown)} data-state={shown} {...props}>
      {stateLabel(shown)}
    </Badge>
  );
}
