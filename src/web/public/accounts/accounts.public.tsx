import { lazy } from "react";
import type { PublicModule } from "../modules.tsx";

// The enterprise account's words are the staff side's (eheza): loaded with the page. The i18n module is
// imported there too, not at the top: this route table is also read outside a browser (the a11y sweep).
const ActivatePage = lazy(() =>
  Promise.all([import("./ActivatePage.tsx"), import("../../lib/i18n.ts").then((i18n) => i18n.loadStaffStrings())]).then(([m]) => ({
    default: m.ActivatePage,
  })),
);

/** Activation of an enterprise account by its one-time code: reached by the invitation's link, not from the menu. */
export const accountsPublicModule: PublicModule = {
  key: "accounts",
  order: 95,
  links: [],
  routes: [{ path: "kich-hoat", element: <ActivatePage /> }],
};
