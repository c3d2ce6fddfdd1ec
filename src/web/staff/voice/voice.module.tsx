import { IconMessages } from "@tabler/icons-react";
import { lazy } from "react";
import type { StaffModule } from "../modules.tsx";

const RequestsPage = lazy(() => import("./RequestsPage.tsx").then((m) => ({ default: m.RequestsPage })));
const IntakePage = lazy(() => import("./IntakePage.tsx").then((m) => ({ default: m.IntakePage })));
const RequestDetailPage = lazy(() => import("./RequestDetailPage.tsx").then((m) => ({ default: m.RequestDetailPage })));
const QaSynonymsPage = lazy(() => import("./QaSynonymsPage.tsx").then((m) => ({ default: m.QaSynonymsPage })));
const CallsPage = lazy(() => import("./hotline/CallsPage.tsx").then((m) => ({ default: m.CallsPage })));
const QaEditorPage = lazy(() => import("./QaEditorPage.tsx").then((m) => ({ default: m.QaEditorPage })));

/** Worker voice in the staff workspace: intake, lists with due/overdue, detail and workflow, legal Q&A. */
export const voiceModule: StaffModule = {
  key: "requests",
  labelKey: "nav.requests",
  icon: IconMessages,
  order: 20,
  links: [
    { labelKey: "voice:staff.nav.list", path: "/staff/requests", permission: "voice:read" },
    { labelKey: "voice:staff.nav.intake", path: "/staff/requests/new", permission: "voice:identity" },
    { labelKey: "voice:staff.nav.overdue", path: "/staff/requests?overdue=true", permission: "voice:read" },
    { labelKey: "voice:staff.nav.qa", path: "/staff/requests/qa", permission: "voice:identity" },
    { labelKey: "voice:staff.nav.calls", path: "/staff/requests/calls", permission: "voice:write", side: "staff" },
  ],
  routes: [
    { path: "requests", element: <RequestsPage /> },
    { path: "requests/new", element: <IntakePage /> },
    { path: "requests/qa", element: <QaEditorPage /> },
    { path: "requests/calls", element: <CallsPage /> },
    { path: "requests/qa/synonyms", element: <QaSynonymsPage /> },
    { path: "requests/:id", element: <RequestDetailPage /> },
  ],
};
