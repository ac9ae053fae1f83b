// The shared StateBadge with its text darkened to AA contrast (the light green of "completed" reads at 4.06:1
// otherwise), and a light badge of a colour with the same text treatment (the studio's Tag).
import type { BadgeProps } from "@mantine/core";
import { StateBadge, stateTone } from "../../shared/ui/StateBadge";
import { Tag } from "../../studio/history/Tag";

export { Tag };

const mantine = (tone: string) => (tone === "grey" ? "gray" : tone);

/** The Mantine colour of a server state (StateBadge's tone, "grey" as Mantine's "gray"). */
export function tone(state: string | null | undefined): string {
  return mantine(stateTone(state));
}

export function textColour(tone: string): string {
  const c = mantine(tone);
  return `light-dark(color-mix(in srgb, var(--mantine-color-${c}-9) 60%, black), var(--mantine-color-${c}-1))`;
}

export function State({ state, ...props }: { state: string | null | undefined } & Omit<BadgeProps, "color">) {
  return <StateBadge state={state} {...props} style={{ color: textColour(stateTone(state ?? "none")), minWidth: "max-content" }} />;
}
