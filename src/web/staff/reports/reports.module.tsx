import { IconReportAnalytics } from "@tabler/icons-react";
import { lazy } from "react";
import type { StaffModule } from "../modules.tsx";

const DashboardPage = lazy(() => import("./DashboardPage.tsx").then((m) => ({ default: m.DashboardPage })));
const JointReportPage = lazy(() => import("./JointReportPage.tsx").then((m) => ({ default: m.JointReportPage })));
const TracePage = lazy(() => import("./TracePage.tsx").then((m) => ({ default: m.TracePage })));

export const reportsModule: StaffModule = {
  key: "reports",
  labelKey: "nav.reports",
  icon: IconReportAnalytics,
  order: 60,
  links: [
    { labelKey: "reports:nav.dashboard", path: "/staff/reports/dashboard", permission: "reports:read" },
    { labelKey: "reports:nav.joint", path: "/staff/reports/joint", permission: "reports:read" },
  ],
  routes: [
    { path: "reports/dashboard", element: <DashboardPage /> },
    { path: "reports/joint", element: <JointReportPage /> },
    { path: "reports/trace/:key", element: <TracePage /> },
  ],
};
