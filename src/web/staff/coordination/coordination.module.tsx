import { IconUsersGroup } from "@tabler/icons-react";
import { lazy } from "react";
import type { StaffModule } from "../modules.tsx";

const PlansPage = lazy(() => import("./PlansPage.tsx").then((m) => ({ default: m.PlansPage })));
const PlanPage = lazy(() => import("./PlanPage.tsx").then((m) => ({ default: m.PlanPage })));
const TargetsPage = lazy(() => import("./TargetsPage.tsx").then((m) => ({ default: m.TargetsPage })));
const ActivitiesPage = lazy(() => import("./ActivitiesPage.tsx").then((m) => ({ default: m.ActivitiesPage })));
const ReferralsPage = lazy(() => import("./ReferralsPage.tsx").then((m) => ({ default: m.ReferralsPage })));
const ModelsPage = lazy(() => import("./ModelsPage.tsx").then((m) => ({ default: m.ModelsPage })));

export const coordinationModule: StaffModule = {
  key: "coordination",
  labelKey: "nav.coordination",
  icon: IconUsersGroup,
  order: 40,
  links: [
    { labelKey: "coordination:nav.plans", path: "/staff/coordination/plans", permission: "coordination:read" },
    { labelKey: "coordination:nav.targets", path: "/staff/coordination/targets", permission: "coordination:read" },
    { labelKey: "coordination:nav.activities", path: "/staff/coordination/activities", permission: "coordination:read" },
    { labelKey: "coordination:nav.models", path: "/staff/coordination/models", permission: "coordination:read" },
    { labelKey: "coordination:nav.referrals", path: "/staff/coordination/referrals", permission: "referrals:read" },
  ],
  routes: [
    { path: "coordination/plans", element: <PlansPage /> },
    { path: "coordination/plans/:id", element: <PlanPage /> },
    { path: "coordination/targets", element: <TargetsPage /> },
    { path: "coordination/activities", element: <ActivitiesPage /> },
    { path: "coordination/models", element: <ModelsPage /> },
    { path: "coordination/referrals", element: <ReferralsPage /> },
  ],
};
