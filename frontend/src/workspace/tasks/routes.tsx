// Routes of W5 order timeline page, W6 task queue, W10 approvals inbox: each page in its own chunk (the Gantt
// only where a timeline shows).
import { lazy } from "react";
import type { RouteObject } from "react-router";
import { IconChecklist, IconGavel } from "@tabler/icons-react";
import type { NavEntry } from "../../app/nav";
import { RequirePermission } from "../../shared/auth/guards";
import { paths } from "../../shared/url/paths";

const TaskQueuePage = lazy(() => import("./TaskQueuePage"));
const TaskPage = lazy(() => import("./TaskPage"));
const ApprovalsPage = lazy(() => import("./ApprovalsPage"));
const OrderTimelinePage = lazy(() => import("./OrderTimelinePage"));

export const tasksRoutes: RouteObject[] = [
  { path: "workspace/tasks", element: <RequirePermission permission="task.read"><TaskQueuePage /></RequirePermission> },
  { path: "workspace/tasks/:taskId", element: <RequirePermission permission="task.read"><TaskPage /></RequirePermission> },
  { path: "workspace/approvals", element: <RequirePermission permission="approval.read"><ApprovalsPage /></RequirePermission> },
  { path: "workspace/orders/:orderId/timeline", element: <RequirePermission permission="order.read"><OrderTimelinePage /></RequirePermission> },
];

export const tasksNav: NavEntry[] = [
  { to: paths.tasks(), label: "Task queue", permission: "task.work", icon: IconChecklist, area: "Workspace",
    description: "Tasks of your groups: claim, complete with their outputs, add notes, raise a fallout" },
  { to: paths.approvals(), label: "Approvals", permission: "approval.read", icon: IconGavel, area: "Workspace",
    description: "Orders and plan tasks waiting for a decision: approve or reject, in bulk" },
];
