import { IconHeartHandshake } from "@tabler/icons-react";
import { lazy } from "react";
import type { StaffModule } from "../modules.tsx";

const CampaignsPage = lazy(() => import("./CampaignsPage.tsx").then((m) => ({ default: m.CampaignsPage })));
const CampaignPage = lazy(() => import("./CampaignPage.tsx").then((m) => ({ default: m.CampaignPage })));
const FairnessPage = lazy(() => import("./FairnessPage.tsx").then((m) => ({ default: m.FairnessPage })));
const UnionHousesPage = lazy(() => import("./UnionHousesPage.tsx").then((m) => ({ default: m.UnionHousesPage })));
const HousingPage = lazy(() => import("./HousingPage.tsx").then((m) => ({ default: m.HousingPage })));
const SurveysPage = lazy(() => import("./SurveysPage.tsx").then((m) => ({ default: m.SurveysPage })));
const SurveyResultsPage = lazy(() => import("./SurveyResultsPage.tsx").then((m) => ({ default: m.SurveyResultsPage })));
const JoinRequestsPage = lazy(() => import("./JoinRequestsPage.tsx").then((m) => ({ default: m.JoinRequestsPage })));

export const careModule: StaffModule = {
  key: "care",
  labelKey: "nav.care",
  icon: IconHeartHandshake,
  order: 50,
  links: [
    { labelKey: "care:nav.campaigns", path: "/staff/care/campaigns", permission: "care:read" },
    { labelKey: "care:nav.fairness", path: "/staff/care/fairness", permission: "people:read" },
    { labelKey: "care:nav.houses", path: "/staff/care/union-houses", permission: "people:read" },
    { labelKey: "care:nav.housing", path: "/staff/care/housing", permission: "registry:read" },
    { labelKey: "care:nav.surveys", path: "/staff/care/surveys", permission: "care:read" },
    { labelKey: "care:nav.joins", path: "/staff/care/join-requests", permission: "people:read" },
  ],
  routes: [
    { path: "care/campaigns", element: <CampaignsPage /> },
    { path: "care/campaigns/:id", element: <CampaignPage /> },
    { path: "care/fairness", element: <FairnessPage /> },
    { path: "care/union-houses", element: <UnionHousesPage /> },
    { path: "care/housing", element: <HousingPage /> },
    { path: "care/surveys", element: <SurveysPage /> },
    { path: "care/surveys/:id", element: <SurveyResultsPage /> },
    { path: "care/join-requests", element: <JoinRequestsPage /> },
  ],
};
