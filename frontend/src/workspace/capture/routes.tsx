// Routes of W11 order capture.
import type { RouteObject } from "react-router";
import type { NavEntry } from "../../app/nav";

export const captureRoutes: RouteObject[] = [];

export const captureNav: NavEntry[] = [];
