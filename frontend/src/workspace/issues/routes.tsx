// Routes of the customers' issues queue.
import { lazy } from "react";
import type { RouteObject } from "react-router";
import { IconMessageQuestion } from "@tabler/icons-react";
import type { NavEntry } from "../../app/nav";
import { RequirePermission } from "../../shared/auth/guards";
import { paths } from "../../shared/url/paths";

const IssueQueuePage = lazy(() => import("./IssueQueuePage"));
const IssuePage = lazy(() => import("./IssuePage"));

export const issuesRoutes: RouteObject[] = [
  { path: "workspace/issues", element: <RequirePermission permission="issue.answer"><IssueQueuePage /></RequirePermission> },
  { path: "workspace/issues/:issueId", element: <RequirePermission permission="issue.answer"><IssuePage /></RequirePermission> },
];

export const issuesNav: NavEntry[] = [
  { to: paths.issues(), label: "Customer issues", permission: "issue.answer", icon: IconMessageQuestion, area: "Workspace",
    description: "Questions, problems and change requests customers raised on their orders: answer them" },
];
