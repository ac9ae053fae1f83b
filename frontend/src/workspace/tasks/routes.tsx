// Routes of W5 order timeline page, W6 task queue, W10 approvals inbox.
import type { RouteObject } from "react-router";
import type { NavEntry } from "../../app/nav";

export const tasksRoutes: RouteObject[] = [];

export const tasksNav: NavEntry[] = [];
