// The home tiles: which count of GET /api/v1/workspace/summary each shows and the filtered list it opens.
import type { Schemas } from "../../shared/api/client";
import { paths } from "../../shared/url/paths";

export type WorkSummary = Schemas["WorkSummary"];

export interface Tile {
  key: keyof WorkSummary;
  label: string;
  to: string;
  /** counts above zero are worth a look (unassigned work, fallout, jeopardy, approvals waiting) */
  urgent?: boolean;
}

export const TILES: Tile[] = [
  { key: "newOrders", label: "New orders", to: `${paths.orders()}?state=acknowledged` },
  { key: "myTasks", label: "My open tasks", to: `${paths.tasks()}?view=mine` },
  { key: "groupTasks", label: "My groups' open tasks", to: `${paths.tasks()}?view=groups` },
  { key: "unassignedTasks", label: "Unassigned tasks", to: `${paths.tasks()}?view=unassigned`, urgent: true },
  { key: "myFallouts", label: "My fallouts", to: `${paths.fallouts()}?scope=mine`, urgent: true },
  { key: "groupFallouts", label: "My groups' fallouts", to: `${paths.fallouts()}?scope=groups`, urgent: true },
  { key: "jeopardy", label: "High and critical jeopardy", to: `${paths.jeopardy()}?level=high`, urgent: true },
  { key: "pendingApprovals", label: "Approvals to decide", to: paths.approvals(), urgent: true },
];

/** The tiles the server gave a count for (a null count: the role may not read that list). */
export function tilesOf(summary: WorkSummary): (Tile & { count: number })[] {
  return TILES.flatMap((tile) => {
    const count = summary[tile.key];
    return typeof count === "number" ? [{ ...tile, count }] : [];
  });
}
