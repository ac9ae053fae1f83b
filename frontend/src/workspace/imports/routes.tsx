// Routes of bulk imports: the list, a new import (upload, mapping, preview, start) and one import's progress.
import { lazy } from "react";
import type { RouteObject } from "react-router";
import { IconFileImport } from "@tabler/icons-react";
import type { NavEntry } from "../../app/nav";
import { RequirePermission } from "../../shared/auth/guards";
import { paths } from "../../shared/url/paths";

const ImportsPage = lazy(() => import("./ImportsPage"));
const NewImportPage = lazy(() => import("./NewImportPage"));
const ImportPage = lazy(() => import("./ImportPage"));

export const importsRoutes: RouteObject[] = [
  { path: "workspace/imports", element: <RequirePermission permission="order.import"><ImportsPage /></RequirePermission> },
  { path: "workspace/imports/new", element: <RequirePermission permission="order.import"><NewImportPage /></RequirePermission> },
  { path: "workspace/imports/:importId", element: <RequirePermission permission="order.import"><ImportPage /></RequirePermission> },
];

export const importsNav: NavEntry[] = [
  { to: paths.imports(), label: "Imports", permission: "order.import", icon: IconFileImport, area: "Workspace",
    description: "Import orders from a partner's or a legacy system's file, follow the import, fix its rejects" },
];
