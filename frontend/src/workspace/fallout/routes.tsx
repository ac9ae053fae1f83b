// Routes of W7 fallout queue and record, W8 fallout dashboard, W9 jeopardy board.
import { lazy } from "react";
import type { RouteObject } from "react-router";
import { IconAlertTriangle, IconChartBar, IconClockExclamation } from "@tabler/icons-react";
import type { NavEntry } from "../../app/nav";
import { RequirePermission } from "../../shared/auth/guards";
import { paths } from "../../shared/url/paths";

const FalloutQueuePage = lazy(() => import("./FalloutQueuePage"));
const FalloutRecordPage = lazy(() => import("./FalloutRecordPage"));
const FalloutDashboardPage = lazy(() => import("./FalloutDashboardPage"));
const JeopardyPage = lazy(() => import("./JeopardyPage"));

const route = (path: string) => path.replace(/^\//, "");

// the jeopardy board and its alerts are read with task.read (GET /api/v1/jeopardy), which customers do not hold
export const falloutRoutes: RouteObject[] = [
  { path: route(paths.fallouts()), element: <RequirePermission permission="fallout.read"><FalloutQueuePage /></RequirePermission> },
  { path: `${route(paths.fallouts())}/:recordId`, element: <RequirePermission permission="fallout.read"><FalloutRecordPage /></RequirePermission> },
  { path: route(paths.falloutDashboard()), element: <RequirePermission permission="fallout.read"><FalloutDashboardPage /></RequirePermission> },
  { path: route(paths.jeopardy()), element: <RequirePermission permission="task.read"><JeopardyPage /></RequirePermission> },
];

export const falloutNav: NavEntry[] = [
  { to: paths.fallouts(), label: "Fallout", permission: "fallout.read", icon: IconAlertTriangle, area: "Workspace",
    description: "Failed work: the failing call, retry, fix data and resume, reassign" },
  { to: paths.falloutDashboard(), label: "Fallout dashboard", permission: "fallout.read", icon: IconChartBar, area: "Workspace",
    description: "Open fallout by type, age, group and priority; systems' circuit breakers" },
  { to: paths.jeopardy(), label: "Jeopardy", permission: "task.read", icon: IconClockExclamation, area: "Workspace",
    description: "Orders at risk of missing their dates; acknowledge alerts" },
];
