// Routes of W2 orders list, W3 order detail, W4 orchestration view.
import type { RouteObject } from "react-router";
import type { NavEntry } from "../../app/nav";

export const ordersRoutes: RouteObject[] = [];

export const ordersNav: NavEntry[] = [];
