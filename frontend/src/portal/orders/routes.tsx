// Routes of P2 my orders, P3 tracking.
import type { RouteObject } from "react-router";
import type { NavEntry } from "../../app/nav";

export const portalOrdersRoutes: RouteObject[] = [];

export const portalOrdersNav: NavEntry[] = [];
