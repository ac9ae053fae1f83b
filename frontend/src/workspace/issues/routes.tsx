// Routes of the customers' issues queue.
import type { RouteObject } from "react-router";
import type { NavEntry } from "../../app/nav";

export const issuesRoutes: RouteObject[] = [];

export const issuesNav: NavEntry[] = [];
