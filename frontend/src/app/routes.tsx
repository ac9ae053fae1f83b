import { lazy } from "react";
import { createBrowserRouter } from "react-router";
import { RequireSession } from "../shared/auth/guards";
import { studioRoutes } from "../studio/routes";
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
      { path: "*", element: <NotFoundPage /> },
    ],
  },
]);
