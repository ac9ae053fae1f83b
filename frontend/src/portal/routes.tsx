// The customer portal's routes and navigation: each screen group keeps its own in its folder.
import type { RouteObject } from "react-router";
import type { NavEntry } from "../app/nav";
import { portalCatalogNav, portalCatalogRoutes } from "./catalog/routes";
import { portalOrdersNav, portalOrdersRoutes } from "./orders/routes";
import { portalProductsNav, portalProductsRoutes } from "./products/routes";

export const portalRoutes: RouteObject[] = [...portalCatalogRoutes, ...portalOrdersRoutes, ...portalProductsRoutes];

export const portalNav: NavEntry[] = [...portalCatalogNav, ...portalOrdersNav, ...portalProductsNav];
