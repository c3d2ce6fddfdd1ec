import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.ts";

describe("configuration", () => {
  it("applies the defaults and keeps a generated session secret in the data directory", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "caunoi-cfg-"));
    const a = loadConfig({ DATA_DIR: dir });
    expect(a).toMatchObject({ PORT: 3000, HOST: "127.0.0.1", CAUNOI_DEMO: true, LOG_LEVEL: "info" });
    expect(a.SESSION_SECRET).toHaveLength(64);
    expect(readFileSync(path.join(dir, "session-secret"), "utf8")).toBe(a.SESSION_SECRET);
    expect(loadConfig({ DATA_DIR: dir }).SESSION_SECRET).toBe(a.SESSION_SECRET);
    expect(loadConfig({ DATA_DIR: dir, CAUNOI_DEMO: "0" }).CAUNOI_DEMO).toBe(false);
  });

  it("fails fast with one Vietnamese/English line per bad key", () => {
    let error: unknown;
    try {
      loadConfig({ PORT: "tám nghìn", DATABASE_URL: "mysql://x", CAUNOI_ADMIN_PASSWORD: "ngan", LOG_LEVEL: "loud", SESSION_SECRET: "x" });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const lines = (error as Error).message.split("\n");
    expect(lines).toHaveLength(5);
    for (const key of ["PORT", "DATABASE_URL", "CAUNOI_ADMIN_PASSWORD", "LOG_LEVEL", "SESSION_SECRET"]) {
      expect(lines.some((l) => l.startsWith("Cấu hình sai / bad configuration:") && l.includes(key))).toBe(true);
    }
  });
});
