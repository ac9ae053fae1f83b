// Routes of P1 catalog and order.
import { lazy } from "react";
import type { RouteObject } from "react-router";
import { IconBuildingStore } from "@tabler/icons-react";
import type { NavEntry } from "../../app/nav";
import { RequirePermission } from "../../shared/auth/guards";
import { paths } from "../../shared/url/paths";

const CatalogPage = lazy(() => import("./CatalogPage"));

export const portalCatalogRoutes: RouteObject[] = [
  { path: paths.portalCatalog().slice(1), element: <RequirePermission permission="portal.use"><CatalogPage /></RequirePermission> },
];

export const portalCatalogNav: NavEntry[] = [
  { to: paths.portalCatalog(), label: "Catalog", permission: "portal.use", icon: IconBuildingStore, area: "Portal",
    description: "Browse products and place an order" },
];
