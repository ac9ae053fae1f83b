// Routes of W7 fallout queue and record, W8 fallout dashboard, W9 jeopardy board.
import type { RouteObject } from "react-router";
import type { NavEntry } from "../../app/nav";

export const falloutRoutes: RouteObject[] = [];

export const falloutNav: NavEntry[] = [];
