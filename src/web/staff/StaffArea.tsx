import { Navigate, type RouteObject, useRoutes } from "react-router";
import { NotFound } from "../components/ui.tsx";
import { HomePage } from "./HomePage.tsx";
import { StaffLayout } from "./StaffLayout.tsx";
import { staffModules } from "./modules.tsx";

const routes: RouteObject[] = [
  {
    element: <StaffLayout />,
    children: [
      // The leaders' dashboard is the home page once the reports module provides it.
      { index: true, element: staffModules.some((m) => m.key === "reports") ? <Navigate to="/staff/reports/dashboard" replace /> : <HomePage /> },
      { path: "home", element: <HomePage /> },
      ...staffModules.flatMap((m) => m.routes),
      { path: "*", element: <NotFound /> },
    ],
  },
];

/** Everything under /staff, loaded as one lazy chunk. */
export function StaffArea() {
  return useRoutes(routes);
}
