import { IconBuildingFactory2 } from "@tabler/icons-react";
import { lazy } from "react";
import type { StaffModule } from "../modules.tsx";

const InboxPage = lazy(() => import("./InboxPage.tsx").then((m) => ({ default: m.InboxPage })));
const InboxItemPage = lazy(() => import("./InboxItemPage.tsx").then((m) => ({ default: m.InboxItemPage })));
const DifficultiesPage = lazy(() => import("./DifficultiesPage.tsx").then((m) => ({ default: m.DifficultiesPage })));
const DecisionsPage = lazy(() => import("./DecisionsPage.tsx").then((m) => ({ default: m.DecisionsPage })));
const NoticesPage = lazy(() => import("./NoticesPage.tsx").then((m) => ({ default: m.NoticesPage })));
const TimelinePage = lazy(() => import("./TimelinePage.tsx").then((m) => ({ default: m.TimelinePage })));

/** The enterprise side (eHeza) for enterprise accounts, and the officers' decisions on what enterprises send. */
export const enterpriseModule: StaffModule = {
  key: "enterprise",
  labelKey: "enterprise:nav.group",
  icon: IconBuildingFactory2,
  order: 15,
  links: [
    { labelKey: "enterprise:nav.inbox", path: "/staff/enterprise/inbox", permission: "enterprise:answer", side: "enterprise" },
    { labelKey: "enterprise:nav.difficulties", path: "/staff/enterprise/difficulties", permission: "enterprise:answer", side: "enterprise" },
    { labelKey: "enterprise:nav.timeline", path: "/staff/enterprise/timeline", permission: "enterprise:answer", side: "enterprise" },
    { labelKey: "enterprise:nav.decisions", path: "/staff/enterprise/decisions", permission: ["voice:write", "relations:write"], side: "staff" },
    { labelKey: "enterprise:nav.answerDifficulties", path: "/staff/enterprise/difficulties", permission: "voice:write", side: "staff" },
    { labelKey: "enterprise:nav.notices", path: "/staff/enterprise/notices", permission: "relations:write", side: "staff" },
  ],
  routes: [
    { path: "enterprise/inbox", element: <InboxPage /> },
    { path: "enterprise/inbox/:kind/:key", element: <InboxItemPage /> },
    { path: "enterprise/difficulties", element: <DifficultiesPage /> },
    { path: "enterprise/decisions", element: <DecisionsPage /> },
    { path: "enterprise/notices", element: <NoticesPage /> },
    { path: "enterprise/timeline", element: <TimelinePage /> },
    { path: "enterprise/enterprises/:id/timeline", element: <TimelinePage /> },
  ],
};
