import { lazy } from "react";
import type { PublicModule } from "../modules.tsx";

const RightsPage = lazy(() => import("./RightsPage.tsx").then((m) => ({ default: m.RightsPage })));

/** Personal data on the public portal: the data subject's rights with code and secret. */
export const privacyPublicModule: PublicModule = {
  key: "privacy",
  order: 90,
  links: [{ labelKey: "privacy:portal.link", descriptionKey: "privacy:portal.desc", path: "/quyen-du-lieu" }],
  routes: [{ path: "quyen-du-lieu", element: <RightsPage /> }],
};
