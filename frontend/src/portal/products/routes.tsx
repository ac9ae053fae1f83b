// Routes of P4 my products.
import type { RouteObject } from "react-router";
import type { NavEntry } from "../../app/nav";

export const portalProductsRoutes: RouteObject[] = [];

export const portalProductsNav: NavEntry[] = [];
