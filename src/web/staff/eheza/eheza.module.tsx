import { IconBuildingFactory2 } from "@tabler/icons-react";
import { lazy } from "react";
import type { StaffModule } from "../modules.tsx";

const EnterpriseHomePage = lazy(() => import("./EnterpriseHomePage.tsx").then((m) => ({ default: m.EnterpriseHomePage })));
const ColleaguesPage = lazy(() => import("./ColleaguesPage.tsx").then((m) => ({ default: m.ColleaguesPage })));
const InvitesPage = lazy(() => import("./InvitesPage.tsx").then((m) => ({ default: m.InvitesPage })));

/**
 * The enterprise side's account pages (issue 17): the enterprise's home (its landing page), its
 * colleagues' accounts, and the zone authority's invitations. The pages of reports and the inbox
 * are other modules'.
 */
export const ehezaModule: StaffModule = {
  key: "eheza",
  labelKey: "eheza:nav.group",
  icon: IconBuildingFactory2,
  order: 5,
  links: [
    { labelKey: "eheza:nav.home", path: "/staff/eheza", permission: "enterprise:self", side: "enterprise" },
    { labelKey: "eheza:nav.colleagues", path: "/staff/eheza/colleagues", permission: "enterprise:manage", side: "enterprise" },
    { labelKey: "eheza:nav.invites", path: "/staff/accounts/enterprises", permission: "accounts:invite" },
  ],
  routes: [
    { path: "eheza", element: <EnterpriseHomePage /> },
    { path: "eheza/colleagues", element: <ColleaguesPage /> },
    { path: "accounts/enterprises", element: <InvitesPage /> },
  ],
};
