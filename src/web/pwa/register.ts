/** Starts the app side of the portal: the service worker (built files only) and channel `app` when installed. */
import { setInstalledApp } from "../lib/api.ts";

/** Whether the portal runs as the installed app (Android's standalone window, iOS's home-screen app). */
export function isInstalledApp(): boolean {
  const iosStandalone = (navigator as Navigator & { standalone?: boolean }).standalone === true;
  return iosStandalone || window.matchMedia?.("(display-mode: standalone)").matches === true;
}

export function startApp(): void {
  setInstalledApp(isInstalledApp());
  // The development server has no /sw.js; a worker there would also keep stale modules.
  if (import.meta.env.PROD && "serviceWorker" in navigator) {
    window.addEventListener("load", () => {
      navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => undefined);
    });
  }
}

/** Chrome's install prompt, kept when the browser offers it (it fires once, early) for the "Install" button. */
interface InstallPrompt extends Event {
  prompt: () => Promise<void>;
}
let installPrompt: InstallPrompt | null = null;
if (typeof window !== "undefined") {
  window.addEventListener("beforeinstallprompt", (e) => {
    e.preventDefault();
    installPrompt = e as InstallPrompt;
  });
  window.addEventListener("appinstalled", () => {
    installPrompt = null;
  });
}

/** The browser's install prompt when it offered one (Android Chrome, desktop Chrome and Edge), else null. */
export function pendingInstallPrompt(): InstallPrompt | null {
  return installPrompt;
}
