import "@mantine/core/styles.css";
import "@mantine/notifications/styles.css";
import { Badge, type CSSVariablesResolver, MantineProvider, createTheme } from "@mantine/core";
import { Notifications } from "@mantine/notifications";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App.tsx";
import { ApiError } from "./lib/api.ts";
import "./lib/i18n.ts";

const theme = createTheme({
  primaryColor: "blue",
  // Shade 8 keeps links and buttons above the 4.5:1 contrast that WCAG AA asks of normal text.
  primaryShade: { light: 8, dark: 8 },
  fontFamily: "'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, sans-serif",
  defaultRadius: "md",
  components: {
    // Vietnamese words lose their diacritics' legibility in all caps: badges keep sentence case.
    Badge: Badge.extend({ defaultProps: { variant: "dot" }, styles: { label: { textTransform: "none" } } }),
  },
});

// Mantine's default "dimmed" grey (#868e96) falls below 4.5:1 on white: a darker grey keeps
// secondary text readable in bright offices and on phones outdoors.
const cssVariables: CSSVariablesResolver = () => ({
  variables: {},
  light: { "--mantine-color-dimmed": "#5f666d" },
  dark: { "--mantine-color-dimmed": "#a6adb4" },
});

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx will not change on retry; only retry what may be transient.
      retry: (count, err) => count < 2 && !(err instanceof ApiError && err.status < 500),
      refetchOnWindowFocus: false,
    },
  },
});

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <MantineProvider theme={theme} cssVariablesResolver={cssVariables}>
        <Notifications position="top-right" />
        <QueryClientProvider client={queryClient}>
          <App />
        </QueryClientProvider>
      </MantineProvider>
    </StrictMode>,
  );
}
