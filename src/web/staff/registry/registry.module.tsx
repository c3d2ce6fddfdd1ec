import { IconBuildingFactory2 } from "@tabler/icons-react";
import { lazy } from "react";
import type { StaffModule } from "../modules.tsx";

const page = <K extends string>(load: () => Promise<Record<K, React.ComponentType>>, name: K) => lazy(() => load().then((m) => ({ default: m[name] })));
const EnterprisesPage = page(() => import("./EnterprisesPage.tsx"), "EnterprisesPage");
const EnterprisePage = page(() => import("./EnterprisePage.tsx"), "EnterprisePage");
const UnionsPage = page(() => import("./UnionsPage.tsx"), "UnionsPage");
const UnionPage = page(() => import("./UnionPage.tsx"), "UnionPage");
const PeoplePage = page(() => import("./PeoplePage.tsx"), "PeoplePage");
const PersonPage = page(() => import("./PersonPage.tsx"), "PersonPage");
const PersonNewPage = page(() => import("./PersonForms.tsx"), "PersonNewPage");
const SearchPage = page(() => import("./SearchPage.tsx"), "SearchPage");
const ImportPage = page(() => import("./ImportPage.tsx"), "ImportPage");
const AgreementsPage = page(() => import("./AgreementsPage.tsx"), "AgreementsPage");

export const registryModule: StaffModule = {
  key: "registry",
  labelKey: "nav.registry",
  icon: IconBuildingFactory2,
  order: 10,
  links: [
    { labelKey: "registry:nav.search", path: "/staff/registry/search", permission: "registry:read" },
    { labelKey: "registry:nav.enterprises", path: "/staff/registry/enterprises", permission: "registry:read" },
    { labelKey: "registry:nav.unions", path: "/staff/registry/unions", permission: "registry:read" },
    { labelKey: "registry:nav.people", path: "/staff/registry/people", permission: "people:read" },
    { labelKey: "registry:nav.agreements", path: "/staff/registry/agreements", permission: "registry:read" },
    { labelKey: "registry:nav.import", path: "/staff/registry/import", permission: ["people:write", "registry:write"] },
  ],
  routes: [
    { path: "registry/search", element: <SearchPage /> },
    { path: "registry/enterprises", element: <EnterprisesPage /> },
    { path: "registry/enterprises/:id", element: <EnterprisePage /> },
    { path: "registry/unions", element: <UnionsPage /> },
    { path: "registry/unions/:id", element: <UnionPage /> },
    { path: "registry/people", element: <PeoplePage /> },
    { path: "registry/people/new", element: <PersonNewPage /> },
    { path: "registry/people/:id", element: <PersonPage /> },
    { path: "registry/agreements", element: <AgreementsPage /> },
    { path: "registry/import", element: <ImportPage /> },
  ],
};
