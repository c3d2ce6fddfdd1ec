import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

/**
 * A server process killed (SIGKILL) in the middle of a member import: after a restart the database
 * holds no partial rows — the counts are those of before the import — and the queued import runs again
 * from its file, applied once. On the embedded database, the harder case (PGlite writes from inside
 * the process).
 */
const dataDir = mkdtempSync(path.join(tmpdir(), "caunoi-kill-"));
const port = 3900 + Math.floor(Math.random() * 90);
const base = `http://127.0.0.1:${port}`;
let server: ChildProcess | null = null;

async function startServer(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/server/main.ts"], {
    env: {
      ...process.env,
      DATABASE_URL: "",
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: "warn",
      CAUNOI_ADMIN_PASSWORD: "Admin-kill-12345",
      LOGIN_RATE_LIMIT: "1000",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  for (let i = 0; i < 300; i++) {
    await new Promise((r) => setTimeout(r, 200));
    const ok = await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return child;
  }
  throw new Error("server did not start");
}

async function session(): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "ldld.canbo", password: "CauNoi2026!" }),
  });
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, csrf: csrfToken };
}

async function memberCount(s: { cookie: string }): Promise<number> {
  const res = await fetch(`${base}/api/registry/members/count?asOf=2099-12-31`, { headers: { cookie: s.cookie } });
  const body = (await res.json()) as { count?: number; members?: number };
  return body.count ?? body.members ?? Number.NaN;
}

afterAll(() => {
  server?.kill("SIGKILL");
});

describe("a process killed during an import", () => {
  it("restarts with no partial rows, then runs the queued import again, applied once", async () => {
    server = await startServer();
    let s = await session();
    const before = await memberCount(s);
    expect(before).toBeGreaterThan(0);
    // A valid file large enough to take a while: new people joining the demo city's first union.
    const unions = (await (await fetch(`${base}/api/registry/unions?pageSize=1`, { headers: { cookie: s.cookie } })).json()) as { items: { code: string }[] };
    const unionCode = unions.items[0]?.code ?? "";
    const rows = ["Họ và tên,Ngày sinh,Giới tính,Số CCCD,Công đoàn cơ sở,Ngày vào công đoàn"];
    for (let i = 0; i < 60_000; i++)
      rows.push(`Nguyễn Văn ${["An", "Bình", "Chi", "Dũng", "Giang"][i % 5]},01/01/1995,Nam,0310950${String(i).padStart(5, "0")},${unionCode},01/03/2025`);
    const file = path.join(dataDir, "big.csv");
    writeFileSync(file, rows.join("\n"));
    const form = new FormData();
    form.set("file", new Blob([rows.join("\n")], { type: "text/csv" }), "big.csv");
    const res = await fetch(`${base}/api/registry/imports/members?background=true`, {
      method: "POST",
      headers: { cookie: s.cookie, "x-csrf-token": s.csrf },
      body: form,
    });
    expect(res.status).toBe(202);
    const { jobId } = (await res.json()) as { jobId: number };
    await new Promise((r) => setTimeout(r, 1500));
    server.kill("SIGKILL");
    await new Promise((r) => server?.once("exit", r));

    server = await startServer();
    s = await session();
    // Nothing half-applied: the killed run's transaction never committed.
    expect(await memberCount(s)).toBe(before);
    // The import is a queued job: once the killed run's lease runs out, the restarted server runs it
    // again from its file, whole and once.
    let job: { status: string; processed: number; result?: { created: number; updated: number; transferred: number; unchanged: number } } = {
      status: "running",
      processed: 0,
    };
    // Queued until a worker claims it again, then running: both are "not yet".
    for (let i = 0; i < 600 && (job.status === "queued" || job.status === "running"); i++) {
      await new Promise((r) => setTimeout(r, 200));
      job = (await (await fetch(`${base}/api/registry/imports/${jobId}`, { headers: { cookie: s.cookie } })).json()) as typeof job;
    }
    expect(job).toMatchObject({ status: "done", processed: 60_000 });
    // Applied once: every row is in the result once, and the members grew by the people created (a few
    // of the made-up IDs may be the demo city's people already: updated or moved, not new members).
    const r = job.result ?? { created: 0, updated: 0, transferred: 0, unchanged: 0 };
    expect(r.created + r.updated + r.transferred + r.unchanged).toBe(60_000);
    expect(r.created).toBeGreaterThan(59_900);
    const grown = (await memberCount(s)) - before;
    expect(grown).toBeGreaterThanOrEqual(r.created);
    expect(grown).toBeLessThanOrEqual(60_000);
  });
});
