import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const cli = path.resolve("bin/caunoi.js");

describe("an unusable data directory", () => {
  it("stops the app with a clear Vietnamese sentence, not a stack trace", () => {
    // A regular file where the directory should be: root can write anywhere, so permissions alone
    // would not refuse; this fails the same way a read-only or full disk does.
    const dir = mkdtempSync(path.join(tmpdir(), "caunoi-ro-"));
    const file = path.join(dir, "not-a-directory");
    writeFileSync(file, "x");
    const r = spawnSync(process.execPath, [cli, "migrate"], {
      env: { ...process.env, DATABASE_URL: "", DATA_DIR: path.join(file, "data") },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("Không ghi được vào thư mục dữ liệu");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
