// Routes of W2 orders list, W3 order detail, W4 orchestration view (a tab of the order detail).
import { lazy } from "react";
import type { RouteObject } from "react-router";
import { IconListDetails } from "@tabler/icons-react";
import type { NavEntry } from "../../app/nav";
import { RequirePermission } from "../../shared/auth/guards";

const OrdersPage = lazy(() => import("./OrdersPage"));
const OrderPage = lazy(() => import("./OrderPage"));

const STAFF = "domainOrder.read";

export const ordersRoutes: RouteObject[] = [
  { path: "workspace/orders", element: <RequirePermission permission={STAFF}><OrdersPage /></RequirePermission> },
  { path: "workspace/orders/:orderId", element: <RequirePermission permission={STAFF}><OrderPage /></RequirePermission> },
];

export const ordersNav: NavEntry[] = [
  { to: "/workspace/orders", label: "Orders", permission: STAFF, icon: IconListDetails, area: "Workspace",
    description: "Every customer order: filter, save filters, open one to see its items, prices, plan and history" },
];
