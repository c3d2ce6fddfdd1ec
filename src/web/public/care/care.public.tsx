import { lazy } from "react";
import type { PublicModule } from "../modules.tsx";

const JoinPage = lazy(() => import("./JoinPage.tsx").then((m) => ({ default: m.JoinPage })));
const HousingPublicPage = lazy(() => import("./HousingPublicPage.tsx").then((m) => ({ default: m.HousingPublicPage })));
const SurveyAnswerPage = lazy(() => import("./SurveyAnswerPage.tsx").then((m) => ({ default: m.SurveyAnswerPage })));

export const carePublicModule: PublicModule = {
  key: "care",
  order: 50,
  links: [
    { labelKey: "care:join.publicLink", descriptionKey: "care:join.publicLinkDesc", path: "/gia-nhap-cong-doan" },
    { labelKey: "care:join.housingLink", descriptionKey: "care:join.housingLinkDesc", path: "/nha-o-cong-nhan" },
  ],
  routes: [
    { path: "gia-nhap-cong-doan", element: <JoinPage /> },
    { path: "nha-o-cong-nhan", element: <HousingPublicPage /> },
    { path: "khao-sat/:token", element: <SurveyAnswerPage /> },
  ],
};
