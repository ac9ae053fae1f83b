// The workspace's routes and navigation: each screen group keeps its own in its folder.
import type { RouteObject } from "react-router";
import type { NavEntry } from "../app/nav";
import { captureNav, captureRoutes } from "./capture/routes";
import { falloutNav, falloutRoutes } from "./fallout/routes";
import { importsNav, importsRoutes } from "./imports/routes";
import { issuesNav, issuesRoutes } from "./issues/routes";
import { ordersNav, ordersRoutes } from "./orders/routes";
import { tasksNav, tasksRoutes } from "./tasks/routes";

export const workspaceRoutes: RouteObject[] = [
  ...ordersRoutes, ...captureRoutes, ...tasksRoutes, ...falloutRoutes, ...issuesRoutes, ...importsRoutes,
];

export const workspaceNav: NavEntry[] = [...ordersNav, ...captureNav, ...tasksNav, ...falloutNav, ...issuesNav, ...importsNav];
