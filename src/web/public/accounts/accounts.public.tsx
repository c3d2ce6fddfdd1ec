import { lazy } from "react";
import type { PublicModule } from "../modules.tsx";

const ActivatePage = lazy(() => import("./ActivatePage.tsx").then((m) => ({ default: m.ActivatePage })));

/** Activation of an enterprise account by its one-time code: reached by the invitation's link, not from the menu. */
export const accountsPublicModule: PublicModule = {
  key: "accounts",
  order: 95,
  links: [],
  routes: [{ path: "kich-hoat", element: <ActivatePage /> }],
};
