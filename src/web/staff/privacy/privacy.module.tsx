import { IconShieldLock } from "@tabler/icons-react";
import { lazy } from "react";
import type { StaffModule } from "../modules.tsx";

const PrivacyPage = lazy(() => import("./PrivacyPage.tsx").then((m) => ({ default: m.PrivacyPage })));

/** Personal data (Law 91/2025/QH15): data subjects' requests, the incident register, retention. */
export const privacyModule: StaffModule = {
  key: "privacy",
  labelKey: "privacy:staff.nav",
  icon: IconShieldLock,
  order: 85,
  links: [{ labelKey: "privacy:staff.nav", path: "/staff/privacy", permission: ["voice:identity", "audit:read", "admin:settings"] }],
  routes: [{ path: "privacy", element: <PrivacyPage /> }],
};
