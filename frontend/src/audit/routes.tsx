// Routes of A1-A5: the auditor's read-only views, each page in its own chunk, each behind audit.read.
import { lazy, type ReactNode } from "react";
import type { RouteObject } from "react-router";
import { IconHistory, IconListSearch, IconVersions } from "@tabler/icons-react";
import type { NavEntry } from "../app/nav";
import { RequirePermission } from "../shared/auth/guards";
import { paths } from "../shared/url/paths";

const AuditLogPage = lazy(() => import("./log/AuditLogPage"));
const RulesPage = lazy(() => import("./rules/RulesPage"));
const RulePage = lazy(() => import("./rules/RulePage"));
const PackHistoryPage = lazy(() => import("./packs/PackHistoryPage"));
const OrderWhyPage = lazy(() => import("./why/OrderWhyPage"));
const GraphPage = lazy(() => import("./graph/GraphPage"));

const AUDIT = "audit.read";
const guarded = (page: ReactNode) => <RequirePermission permission={AUDIT}>{page}</RequirePermission>;

export const auditRoutes: RouteObject[] = [
  { path: "audit/log", element: guarded(<AuditLogPage />) },
  { path: "audit/rules", element: guarded(<RulesPage />) },
  { path: "audit/rules/:key", element: guarded(<RulePage />) },
  { path: "audit/packs", element: guarded(<PackHistoryPage />) },
  { path: "audit/orders/:orderId/why", element: guarded(<OrderWhyPage />) },
  { path: "audit/graphs/:key/:version", element: guarded(<GraphPage />) },
];

// A4 (an order's why) and A5 (a graph at a version) need an order or a version: they are opened from A2 and A3.
export const auditNav: NavEntry[] = [
  { to: paths.auditLog(), label: "Audit log", permission: AUDIT, icon: IconListSearch, area: "Audit",
    description: "Every change, filtered by actor, entity, action or time; verify the hash chain" },
  { to: paths.auditRules(), label: "Rule versions", permission: AUDIT, icon: IconVersions, area: "Audit",
    description: "Published versions: who, tests, the packs that pin them and the orders on those; diff any two" },
  { to: paths.auditPacks(), label: "Pack history", permission: AUDIT, icon: IconHistory, area: "Audit",
    description: "Activations and rollbacks over time, each compared with the pack before" },
];
