// Routes of P1 catalog and order.
import type { RouteObject } from "react-router";
import type { NavEntry } from "../../app/nav";

export const portalCatalogRoutes: RouteObject[] = [];

export const portalCatalogNav: NavEntry[] = [];
