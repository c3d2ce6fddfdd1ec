import path from "node:path";
import { defineConfig } from "vitest/config";

/** End-to-end tests: the real server on a seeded database, driven in Debian's headless Chromium. */
export default defineConfig({
  resolve: {
    alias: {
      "#server": path.resolve("src/server"),
      "#shared": path.resolve("src/shared"),
      "#web": path.resolve("src/web"),
    },
  },
  test: {
    include: ["test/e2e/**/*.e2e.ts"],
    globalSetup: ["test/e2e/city.setup.ts"],
    environment: "node",
    pool: "forks",
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // A browser on a busy 2-core CI machine: a poll waits 10 s (the default second failed pages that
    // were only slow to answer).
    expect: { poll: { timeout: 10_000 } },
  },
});
