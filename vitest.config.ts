import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "#server": path.resolve("src/server"),
      "#shared": path.resolve("src/shared"),
      "#web": path.resolve("src/web"),
    },
  },
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    exclude: ["test/e2e/**", "node_modules/**"],
    environment: "node",
    // Servers run on UTC while users live in Vietnam: the suites run as such a server does (src/shared/clock.ts).
    env: { TZ: "UTC" },
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
