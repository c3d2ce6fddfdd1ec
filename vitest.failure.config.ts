import path from "node:path";
import { defineConfig } from "vitest/config";

/** Failure tests: killed processes, a restarted database server, an unusable data directory. Run alone. */
export default defineConfig({
  resolve: { alias: { "#server": path.resolve("src/server"), "#shared": path.resolve("src/shared"), "#web": path.resolve("src/web") } },
  test: {
    include: ["test/failure/**/*.failure.ts"],
    environment: "node",
    pool: "forks",
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
