// The navigation: each entry shows only to roles holding its permission, or all of its permissions (those its
// route's guards ask for; the server refuses the rest anyway).
import type { ComponentType } from "react";
import { auditNav } from "../audit/routes";
import { portalNav } from "../portal/routes";
import { workspaceNav } from "../workspace/routes";
import { IconFlask, IconHome, IconPackage, IconTable } from "@tabler/icons-react";

export interface NavEntry {
  to: string;
  label: string;
  permission: string | readonly string[] | null;
  icon: ComponentType<{ size?: number }>;
  area: "Home" | "Studio" | "Workspace" | "Portal" | "Audit";
  description: string;
}

const STUDIO_AND_HOME: NavEntry[] = [
  { to: "/", label: "Home", permission: null, icon: IconHome, area: "Home", description: "What you can do here" },
  { to: "/studio", label: "Artifacts", permission: "studio.read", icon: IconTable, area: "Studio",
    description: "Decision tables, pricing, flows, plans, catalog and rules: draft, test, publish" },
  { to: "/studio/packs", label: "Rule packs", permission: "studio.read", icon: IconPackage, area: "Studio",
    description: "Compose pack versions, review changes, simulate, activate and roll back" },
  { to: "/studio/simulate", label: "Simulator", permission: "studio.simulate", icon: IconFlask, area: "Studio",
    description: "Run an order through a pack and see why each result came out" },
];

export const NAV: NavEntry[] = [...STUDIO_AND_HOME, ...workspaceNav, ...portalNav, ...auditNav];

export function navFor(permissions: readonly string[]): NavEntry[] {
  return NAV.filter((entry) => [entry.permission ?? []].flat().every((needed) => permissions.includes(needed)));
}
