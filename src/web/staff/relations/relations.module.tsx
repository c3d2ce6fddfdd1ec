import { IconAlertTriangle } from "@tabler/icons-react";
import { lazy } from "react";
import type { StaffModule } from "../modules.tsx";

const IncidentsPage = lazy(() => import("./IncidentsPage.tsx").then((m) => ({ default: m.IncidentsPage })));
const IncidentPage = lazy(() => import("./IncidentPage.tsx").then((m) => ({ default: m.IncidentPage })));
const InspectionsPage = lazy(() => import("./InspectionsPage.tsx").then((m) => ({ default: m.InspectionsPage })));
const InspectionFormPage = lazy(() => import("./InspectionFormPage.tsx").then((m) => ({ default: m.InspectionFormPage })));
const InspectionPage = lazy(() => import("./InspectionPage.tsx").then((m) => ({ default: m.InspectionPage })));
const WatchlistPage = lazy(() => import("./WatchlistPage.tsx").then((m) => ({ default: m.WatchlistPage })));
const AlertsPage = lazy(() => import("./AlertsPage.tsx").then((m) => ({ default: m.AlertsPage })));
const WeightsPage = lazy(() => import("./WeightsPage.tsx").then((m) => ({ default: m.WeightsPage })));

export const relationsModule: StaffModule = {
  key: "relations",
  labelKey: "nav.relations",
  icon: IconAlertTriangle,
  order: 30,
  links: [
    { labelKey: "relations:nav.watchlist", path: "/staff/relations/watchlist", permission: "relations:read" },
    { labelKey: "relations:nav.alerts", path: "/staff/relations/alerts", permission: "relations:read" },
    { labelKey: "relations:nav.incidents", path: "/staff/relations/incidents", permission: "relations:read" },
    { labelKey: "relations:nav.inspections", path: "/staff/relations/inspections", permission: "relations:read" },
    { labelKey: "relations:nav.weights", path: "/staff/relations/weights", permission: "relations:read" },
  ],
  routes: [
    { path: "relations/watchlist", element: <WatchlistPage /> },
    { path: "relations/alerts", element: <AlertsPage /> },
    { path: "relations/incidents", element: <IncidentsPage /> },
    { path: "relations/incidents/:id", element: <IncidentPage /> },
    { path: "relations/inspections", element: <InspectionsPage /> },
    { path: "relations/inspections/new", element: <InspectionFormPage /> },
    { path: "relations/inspections/:id", element: <InspectionPage /> },
    { path: "relations/weights", element: <WeightsPage /> },
  ],
};
