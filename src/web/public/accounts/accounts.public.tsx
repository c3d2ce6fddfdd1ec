import { lazy } from "react";
import { loadStaffStrings } from "../../lib/i18n.ts";
import type { PublicModule } from "../modules.tsx";

// The enterprise account's words are the staff side's (eheza): loaded with the page.
const ActivatePage = lazy(() => Promise.all([import("./ActivatePage.tsx"), loadStaffStrings()]).then(([m]) => ({ default: m.ActivatePage })));

/** Activation of an enterprise account by its one-time code: reached by the invitation's link, not from the menu. */
export const accountsPublicModule: PublicModule = {
  key: "accounts",
  order: 95,
  links: [],
  routes: [{ path: "kich-hoat", element: <ActivatePage /> }],
};
