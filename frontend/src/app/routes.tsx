import { lazy } from "react";
import { createBrowserRouter } from "react-router";
import { RequireSession } from "../shared/auth/guards";
import { auditRoutes } from "../audit/routes";
import { portalRoutes } from "../portal/routes";
import { studioRoutes } from "../studio/routes";
import { workspaceRoutes } from "../workspace/routes";
import { Shell } from "./Shell";
import NotFoundPage, { RouteError } from "./NotFoundPage";

const SignInPage = lazy(() => import("./SignInPage"));
const HomePage = lazy(() => import("./HomePage"));

export const router = createBrowserRouter([
  { path: "/sign-in", element: <SignInPage />, errorElement: <RouteError /> },
  {
    path: "/",
    element: <RequireSession><Shell /></RequireSession>,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <HomePage /> },
      ...studioRoutes,
      ...workspaceRoutes,
      ...portalRoutes,
      ...auditRoutes,
      { path: "*", element: <NotFoundPage /> },
    ],
  },
]);
