import { lazy } from "react";
import type { PublicModule } from "../modules.tsx";

const AskPage = lazy(() => import("./AskPage.tsx").then((m) => ({ default: m.AskPage })));
const TrackPage = lazy(() => import("./TrackPage.tsx").then((m) => ({ default: m.TrackPage })));
const QaPage = lazy(() => import("./QaPage.tsx").then((m) => ({ default: m.QaPage })));
const MyRequestsPage = lazy(() => import("./MyRequestsPage.tsx").then((m) => ({ default: m.MyRequestsPage })));

/** Worker voice on the public portal: ask, track, search the legal Q&A. */
export const voicePublicModule: PublicModule = {
  key: "voice",
  order: 10,
  links: [
    { labelKey: "voice:public.askLink", descriptionKey: "voice:public.askDesc", path: "/gui-yeu-cau" },
    { labelKey: "voice:public.trackLink", descriptionKey: "voice:public.trackDesc", path: "/theo-doi" },
    { labelKey: "voice:public.qaLink", descriptionKey: "voice:public.qaDesc", path: "/hoi-dap" },
    { labelKey: "app:mine.link", descriptionKey: "app:mine.linkDesc", path: "/yeu-cau-cua-toi" },
  ],
  routes: [
    { path: "gui-yeu-cau", element: <AskPage /> },
    { path: "theo-doi", element: <TrackPage /> },
    { path: "theo-doi/:code", element: <TrackPage /> },
    { path: "hoi-dap", element: <QaPage /> },
    { path: "yeu-cau-cua-toi", element: <MyRequestsPage /> },
  ],
};
