import "@mantine/core/styles.css";
import "@mantine/notifications/styles.css";
import "./components/a11y.css";
import { MantineProvider } from "@mantine/core";
import { Notifications } from "@mantine/notifications";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { type ReactNode, StrictMode, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { createRoot } from "react-dom/client";
import { App } from "./App.tsx";
import { ApiError } from "./lib/api.ts";
import "./lib/i18n.ts";
import { appTheme, cssVariables } from "./lib/theme.ts";
import { startApp } from "./pwa/register.ts";

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx will not change on retry; only retry what may be transient.
      retry: (count, err) => count < 2 && !(err instanceof ApiError && err.status < 500),
      refetchOnWindowFocus: false,
    },
  },
});

/** Mantine with the app's theme, rebuilt when the language changes so its built-in labels follow it. */
function Themed({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the labels change with the language only
  const theme = useMemo(() => appTheme({ close: t("common.close") }), [i18n.language]);
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariables}>
      {children}
    </MantineProvider>
  );
}

startApp();

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <Themed>
        <Notifications position="top-right" />
        <QueryClientProvider client={queryClient}>
          <App />
        </QueryClientProvider>
      </Themed>
    </StrictMode>,
  );
}
