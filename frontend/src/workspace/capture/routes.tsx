// Routes of W11 order capture: staff only (domainOrder.read, which customers lack) who may capture (order.create).
import { lazy } from "react";
import type { RouteObject } from "react-router";
import { IconShoppingCartPlus } from "@tabler/icons-react";
import type { NavEntry } from "../../app/nav";
import { RequirePermission } from "../../shared/auth/guards";
import { paths } from "../../shared/url/paths";

const CapturePage = lazy(() => import("./CapturePage"));

export const captureRoutes: RouteObject[] = [
  { path: paths.capture().slice(1), element: (
    <RequirePermission permission="domainOrder.read">
      <RequirePermission permission="order.create"><CapturePage /></RequirePermission>
    </RequirePermission>
  ) },
];

export const captureNav: NavEntry[] = [
  { to: paths.capture(), label: "Order capture", permission: ["domainOrder.read", "order.create"], icon: IconShoppingCartPlus,
    area: "Workspace", description: "Capture an order from the catalog for a customer" },
];
