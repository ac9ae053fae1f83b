// The studio's routes, each page in its own chunk, each behind the permission its reads need.
import { lazy } from "react";
import type { RouteObject } from "react-router";
import { RequirePermission } from "../shared/auth/guards";

const CatalogPage = lazy(() => import("./catalog/CatalogPage"));
const EditorPage = lazy(() => import("./editor/EditorPage"));
const HistoryPage = lazy(() => import("./history/HistoryPage"));
const NewTablePage = lazy(() => import("./table/NewTablePage"));
const PacksPage = lazy(() => import("./packs/PacksPage"));
const PackVersionPage = lazy(() => import("./packs/PackVersionPage"));
const ComposerPage = lazy(() => import("./packs/ComposerPage"));
const SimulatePage = lazy(() => import("./simulate/SimulatePage"));

export const studioRoutes: RouteObject[] = [
  { path: "studio", element: <RequirePermission permission="studio.read"><CatalogPage /></RequirePermission> },
  { path: "studio/new/decision-table", element: <RequirePermission permission="studio.edit"><NewTablePage /></RequirePermission> },
  { path: "studio/artifacts/:key/history", element: <RequirePermission permission="studio.read"><HistoryPage /></RequirePermission> },
  { path: "studio/artifacts/:key/versions/:version", element: <RequirePermission permission="studio.read"><EditorPage /></RequirePermission> },
  { path: "studio/packs", element: <RequirePermission permission="studio.read"><PacksPage /></RequirePermission> },
  { path: "studio/packs/:key/new", element: <RequirePermission permission="studio.publish"><ComposerPage /></RequirePermission> },
  { path: "studio/packs/:key/:version", element: <RequirePermission permission="studio.read"><PackVersionPage /></RequirePermission> },
  { path: "studio/simulate", element: <RequirePermission permission="studio.simulate"><SimulatePage /></RequirePermission> },
];
