// The studio's routes, each page in its own chunk, each behind the permission its reads need.
import { lazy } from "react";
import type { RouteObject } from "react-router";
import { RequirePermission } from "../shared/auth/guards";

const CatalogPage = lazy(() => import("./catalog/CatalogPage"));
const EditorPage = lazy(() => import("./editor/EditorPage"));
const HistoryPage = lazy(() => import("./history/HistoryPage"));

export const studioRoutes: RouteObject[] = [
  { path: "studio", element: <RequirePermission permission="studio.read"><CatalogPage /></RequirePermission> },
  { path: "studio/artifacts/:key/history", element: <RequirePermission permission="studio.read"><HistoryPage /></RequirePermission> },
  { path: "studio/artifacts/:key/versions/:version", element: <RequirePermission permission="studio.read"><EditorPage /></RequirePermission> },
];
