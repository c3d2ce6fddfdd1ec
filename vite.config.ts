import path from "node:path";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { pwaPlugin } from "./scripts/pwa-build.ts";

export default defineConfig({
  root: "src/web",
  // src/web/public holds the portal's page sources, not static files: without this Vite copies
  // those .tsx files verbatim into dist/web and the server publishes them.
  publicDir: false,
  // pwaPlugin: the installable app's icons, manifest and service worker (issue 21).
  plugins: [react(), pwaPlugin()],
  resolve: {
    alias: {
      "#shared": path.resolve("src/shared"),
      "#web": path.resolve("src/web"),
    },
  },
  build: {
    outDir: path.resolve("dist/web"),
    emptyOutDir: true,
    chunkSizeWarningLimit: 900,
  },
  server: {
    proxy: { "/api": "http://127.0.0.1:3000" },
  },
});
