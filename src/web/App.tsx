import { lazy, Suspense } from "react";
import { createBrowserRouter, RouterProvider } from "react-router";
import { Loading, NotFound } from "./components/ui.tsx";
import { loadStaffStrings } from "./lib/i18n.ts";
import { PublicHome } from "./public/PublicHome.tsx";
import { PublicLayout } from "./public/PublicLayout.tsx";
import { publicModules } from "./public/modules.tsx";

// The staff workspace and the login page load on demand: a worker on the portal, paying for mobile
// data, downloads none of it.
// Their words (the staff namespaces) come with them.
const LoginPage = lazy(() => Promise.all([import("./LoginPage.tsx"), loadStaffStrings()]).then(([m]) => ({ default: m.LoginPage })));
const StaffArea = lazy(() => Promise.all([import("./staff/StaffArea.tsx"), loadStaffStrings()]).then(([m]) => ({ default: m.StaffArea })));

/** "/" is the workers' portal, "/login" signs staff in, "/staff/…" is the staff workspace. */
const router = createBrowserRouter([
  {
    path: "/",
    element: <PublicLayout />,
    // An unknown address is most often a worker's mistyped link: the portal's 404, leading back to the portal.
    children: [{ index: true, element: <PublicHome /> }, ...publicModules.flatMap((m) => m.routes), { path: "*", element: <NotFound side="public" /> }],
  },
  {
    path: "/login",
    element: (
      <Suspense fallback={<Loading />}>
        <LoginPage />
      </Suspense>
    ),
  },
  {
    path: "/staff/*",
    element: (
      <Suspense fallback={<Loading />}>
        <StaffArea />
      </Suspense>
    ),
  },
]);

export function App() {
  return <RouterProvider router={router} />;
}
