// Routes of A1-A5.
import type { RouteObject } from "react-router";
import type { NavEntry } from "../app/nav";

export const auditRoutes: RouteObject[] = [];

export const auditNav: NavEntry[] = [];
