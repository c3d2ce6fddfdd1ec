import { IconSettings } from "@tabler/icons-react";
import { lazy } from "react";
import type { StaffModule } from "../modules.tsx";

const UsersPage = lazy(() => import("./UsersPage.tsx").then((m) => ({ default: m.UsersPage })));
const BodiesPage = lazy(() => import("./BodiesPage.tsx").then((m) => ({ default: m.BodiesPage })));
const AuditPage = lazy(() => import("./AuditPage.tsx").then((m) => ({ default: m.AuditPage })));
const OutboxPage = lazy(() => import("../notify/OutboxPage.tsx").then((m) => ({ default: m.OutboxPage })));
const JobsPage = lazy(() => import("./JobsPage.tsx").then((m) => ({ default: m.JobsPage })));
const AccountPage = lazy(() => import("./AccountPage.tsx").then((m) => ({ default: m.AccountPage })));

export const adminModule: StaffModule = {
  key: "admin",
  labelKey: "nav.admin",
  icon: IconSettings,
  order: 90,
  links: [
    { labelKey: "nav.users", path: "/staff/admin/users", permission: "admin:users" },
    { labelKey: "nav.bodies", path: "/staff/admin/bodies", permission: "admin:users" },
    { labelKey: "nav.audit", path: "/staff/admin/audit", permission: "audit:read" },
    { labelKey: "nav.outbox", path: "/staff/admin/outbox", permission: "admin:settings" },
    { labelKey: "nav.jobs", path: "/staff/admin/jobs", permission: "admin:settings", systemAdmin: true },
    { labelKey: "nav.account", path: "/staff/account" },
  ],
  routes: [
    { path: "admin/users", element: <UsersPage /> },
    { path: "admin/bodies", element: <BodiesPage /> },
    { path: "admin/audit", element: <AuditPage /> },
    { path: "admin/outbox", element: <OutboxPage /> },
    { path: "admin/jobs", element: <JobsPage /> },
    { path: "account", element: <AccountPage /> },
  ],
};
