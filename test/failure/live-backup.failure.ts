import { type ChildProcess, execFile, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";

/**
 * `caunoi backup` while the server runs on the embedded database: the CLI refuses (the data directory
 * is locked by the live server) instead of opening PGlite's files a second time, the running server
 * takes the backup itself (GET /api/admin/backup), and after a kill -9 under write load the stale lock
 * keeps nothing from starting: the CLI backs up, the server restarts with every acknowledged write.
 */
const dataDir = mkdtempSync(path.join(tmpdir(), "caunoi-live-backup-"));
const port = 3800 + Math.floor(Math.random() * 90);
const base = `http://127.0.0.1:${port}`;
const ADMIN_PASSWORD = "Admin-backup-12345";
let server: ChildProcess | null = null;

const env = (dir = dataDir) => ({
  ...process.env,
  DATABASE_URL: "",
  PORT: String(port),
  DATA_DIR: dir,
  LOG_LEVEL: "warn",
  CAUNOI_ADMIN_PASSWORD: ADMIN_PASSWORD,
  CAUNOI_DEMO: "0",
  LOGIN_RATE_LIMIT: "1000",
});

async function startServer(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/server/main.ts"], { env: env(), stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  for (let i = 0; i < 300; i++) {
    await new Promise((r) => setTimeout(r, 200));
    if (child.exitCode !== null) throw new Error(`server exited ${child.exitCode}: ${output}`);
    const ok = await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return child;
  }
  throw new Error(`server did not start: ${output}`);
}

/** The CLI, as an operator runs it: exit code and what it printed. */
function cli(args: string[], dir = dataDir): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ["bin/caunoi.js", ...args], { env: env(dir), timeout: 240_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, out: `${stdout}${stderr}` });
    });
  });
}

async function session(): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "admin", password: ADMIN_PASSWORD }),
  });
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, csrf: csrfToken };
}

/** Writes bodies one after another until stopped; returns the names the server acknowledged. */
function writeLoad(s: { cookie: string; csrf: string }) {
  const acknowledged: string[] = [];
  let running = true;
  const done = (async () => {
    let federation: number | null = null;
    for (let i = 0; running; i++) {
      const name = `Công đoàn tải ghi ${i}`;
      const res = await fetch(`${base}/api/admin/bodies`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie: s.cookie, "x-csrf-token": s.csrf },
        body: JSON.stringify(federation === null ? { kind: "federation", name, parentId: null } : { kind: "zone_union", name, parentId: federation }),
      }).catch(() => null);
      if (res?.status === 201) {
        const body = (await res.json()) as { id: number };
        federation ??= body.id;
        acknowledged.push(name);
      } else if (!res) return;
    }
  })();
  return {
    acknowledged,
    stop: async () => {
      running = false;
      await done;
    },
  };
}

afterAll(() => {
  server?.kill("SIGKILL");
});

describe("a backup of the embedded database while the server runs", () => {
  it("is refused by the CLI, taken by the server, and a kill -9 under load leaves a directory that starts", async () => {
    server = await startServer();
    const s = await session();
    const load = writeLoad(s);
    await new Promise((r) => setTimeout(r, 1000));

    // The CLI beside the live server: refused with the reason, the data directory untouched.
    const refused = await cli(["backup", path.join(dataDir, "cli.jsonl.gz")]);
    expect(refused.code).not.toBe(0);
    expect(refused.out).toMatch(/đang được một tiến trình Cầu Nối khác dùng/);
    expect(existsSync(path.join(dataDir, "cli.jsonl.gz"))).toBe(false);
    expect((await fetch(`${base}/api/health`)).status).toBe(200);

    // The running server takes the backup itself, under the same load.
    const res = await fetch(`${base}/api/admin/backup`, { headers: { cookie: s.cookie } });
    expect(res.status).toBe(200);
    const file = path.join(dataDir, "live.jsonl.gz");
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const lines = gunzipSync(readFileSync(file)).toString("utf8").trim().split("\n");
    expect(JSON.parse(lines[0] ?? "{}").format).toBe("caunoi-backup/1");
    expect(lines.some((l) => l.includes("Công đoàn tải ghi"))).toBe(true);

    // Killed mid-write.
    await new Promise((r) => setTimeout(r, 500));
    server.kill("SIGKILL");
    await new Promise((r) => server?.once("exit", r));
    await load.stop();
    expect(load.acknowledged.length).toBeGreaterThan(3);

    // The lock names a dead process: the CLI backs up, then the server starts with every acknowledged write.
    const after = await cli(["backup", path.join(dataDir, "after.jsonl.gz")]);
    expect(after.code, after.out).toBe(0);
    const afterText = gunzipSync(readFileSync(path.join(dataDir, "after.jsonl.gz"))).toString("utf8");
    for (const name of load.acknowledged) expect(afterText).toContain(name);
    server = await startServer();
    await session();
    server.kill("SIGKILL");
    await new Promise((r) => server?.once("exit", r));

    // The server's backup restores into an empty directory.
    const fresh = mkdtempSync(path.join(tmpdir(), "caunoi-restore-"));
    const restored = await cli(["restore", file], fresh);
    expect(restored.code, restored.out).toBe(0);
  }, 600_000);
});
