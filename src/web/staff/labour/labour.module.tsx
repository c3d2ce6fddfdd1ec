import { IconReportAnalytics } from "@tabler/icons-react";
import { lazy } from "react";
import type { StaffModule } from "../modules.tsx";

const page = <K extends string>(load: () => Promise<Record<K, React.ComponentType>>, name: K) => lazy(() => load().then((m) => ({ default: m[name] })));
const LabourReportPage = page(() => import("./LabourReportPage.tsx"), "LabourReportPage");
const LabourReviewPage = page(() => import("./LabourReviewPage.tsx"), "LabourReviewPage");
const LabourOverduePage = page(() => import("./LabourOverduePage.tsx"), "LabourOverduePage");

/** Half-yearly labour reports: the enterprise submits (enterprise:report), the zone authority reviews. */
export const labourModule: StaffModule = {
  key: "labour",
  labelKey: "labour:nav.group",
  icon: IconReportAnalytics,
  order: 35,
  links: [
    { labelKey: "labour:nav.report", path: "/staff/labour/report", permission: "enterprise:report", side: "enterprise" },
    { labelKey: "labour:nav.review", path: "/staff/labour/submissions", permission: "registry:write" },
    { labelKey: "labour:nav.overdue", path: "/staff/labour/overdue", permission: "registry:write" },
  ],
  routes: [
    { path: "labour/report", element: <LabourReportPage /> },
    { path: "labour/submissions", element: <LabourReviewPage /> },
    { path: "labour/overdue", element: <LabourOverduePage /> },
  ],
};
