import { Navigate, type RouteObject, useRoutes } from "react-router";
import { NotFound } from "../components/ui.tsx";
import { useMe } from "../lib/auth.tsx";
import { HomePage } from "./HomePage.tsx";
import { StaffLayout } from "./StaffLayout.tsx";
import { staffModules } from "./modules.tsx";
import { CallPopups } from "./voice/hotline/CallPopup.tsx";

const routes: RouteObject[] = [
  {
    element: <StaffLayout />,
    children: [
      { index: true, element: <StaffIndex /> },
      { path: "home", element: <HomePage /> },
      ...staffModules.flatMap((m) => m.routes),
      { path: "*", element: <NotFound /> },
    ],
  },
];

/**
 * Where /staff lands: an enterprise account on its enterprise's home; staff on the leaders'
 * dashboard once the reports module provides it.
 */
function StaffIndex() {
  const { data: me } = useMe();
  if (me?.body.kind === "enterprise") return <Navigate to="/staff/eheza" replace />;
  return staffModules.some((m) => m.key === "reports") ? <Navigate to="/staff/reports/dashboard" replace /> : <HomePage />;
}

/** Everything under /staff, loaded as one lazy chunk; over every page, the hotline's calls as they come. */
export function StaffArea() {
  const { data: me } = useMe();
  const pages = useRoutes(routes);
  // The calls pop for staff who take them; the server decides which calls each officer hears.
  const takesCalls = !!me && me.scope.kind !== "enterprise" && me.permissions.includes("voice:write");
  return (
    <>
      {pages}
      <CallPopups enabled={takesCalls} />
    </>
  );
}
