// Routes of P4 my products.
import { lazy } from "react";
import type { RouteObject } from "react-router";
import { IconDevices } from "@tabler/icons-react";
import type { NavEntry } from "../../app/nav";
import { RequirePermission } from "../../shared/auth/guards";
import { paths } from "../../shared/url/paths";

const ProductsPage = lazy(() => import("./ProductsPage"));

export const portalProductsRoutes: RouteObject[] = [
  { path: paths.portalProducts().slice(1), element: <RequirePermission permission="portal.use"><ProductsPage /></RequirePermission> },
];

export const portalProductsNav: NavEntry[] = [
  { to: paths.portalProducts(), label: "My products", permission: "portal.use", icon: IconDevices, area: "Portal",
    description: "Your products and contracts: modify, suspend, resume or disconnect" },
];
