// Routes of P2 my orders, P3 tracking.
import { lazy } from "react";
import type { RouteObject } from "react-router";
import { IconListDetails } from "@tabler/icons-react";
import type { NavEntry } from "../../app/nav";
import { RequirePermission } from "../../shared/auth/guards";
import { paths } from "../../shared/url/paths";

const MyOrdersPage = lazy(() => import("./MyOrdersPage"));
const TrackingPage = lazy(() => import("./TrackingPage"));

export const portalOrdersRoutes: RouteObject[] = [
  { path: "portal/orders", element: <RequirePermission permission="portal.use"><MyOrdersPage /></RequirePermission> },
  { path: "portal/orders/:orderId", element: <RequirePermission permission="portal.use"><TrackingPage /></RequirePermission> },
];

export const portalOrdersNav: NavEntry[] = [
  { to: paths.portalOrders(), label: "My orders", permission: "portal.use", icon: IconListDetails, area: "Portal",
    description: "Follow your orders, ask about them, cancel or change them; export the list" },
];
