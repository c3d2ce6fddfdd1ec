import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { scratchDatabase, waitFor, withClient } from "../support/processes.ts";

/**
 * Two worker processes (`caunoi worker`) and a web-only server (WORKER=off) on one PostgreSQL: the
 * worker running a large member import is killed (SIGKILL); the other takes the job over when its
 * lease runs out, runs it again from its file, and the import is applied exactly once — within 90 s.
 */
const serverUrl = process.env.DATABASE_URL;
const dir = mkdtempSync(path.join(tmpdir(), "caunoi-killed-worker-"));
const port = 4100 + Math.floor(Math.random() * 80);
const base = `http://127.0.0.1:${port}`;
const children: ChildProcess[] = [];
let scratch: { url: string; drop: () => Promise<void> } | null = null;
let dbUrl = "";

function start(args: string[], env: Record<string, string>): { child: ChildProcess; out: () => string } {
  const child = spawn(process.execPath, ["--import", "tsx", ...args], {
    env: { ...process.env, DATABASE_URL: dbUrl, DATA_DIR: dir, IMPORT_DIR: path.join(dir, "imports"), LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (d) => {
    out += String(d);
  });
  child.stderr?.on("data", (d) => {
    out += String(d);
  });
  children.push(child);
  return { child, out: () => out };
}

afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
  await scratch?.drop();
});

describe.skipIf(!serverUrl)("a worker killed during an import (PostgreSQL)", () => {
  it("is replaced by the other worker within 90 s, and the import is applied once", async () => {
    scratch = await scratchDatabase(serverUrl ?? "", "caunoi_worker_kill");
    dbUrl = scratch.url;
    const web = start(["src/server/main.ts"], { PORT: String(port), WORKER: "off", CAUNOI_ADMIN_PASSWORD: "Admin-kill-12345", LOGIN_RATE_LIMIT: "1000" });
    await waitFor(
      () =>
        fetch(`${base}/api/health`).then(
          (r) => r.ok,
          () => false,
        ),
      (ok) => ok,
      240,
      `web server (${web.out()})`,
    );
    const workers = [start(["src/cli/caunoi.ts", "worker"], {}), start(["src/cli/caunoi.ts", "worker"], {})];
    await waitFor(
      () => workers.every((w) => w.out().includes("worker running")),
      (ok) => ok,
      120,
      () => `workers: ${workers.map((w) => w.out()).join(" | ")}`,
    );

    const login = await fetch(`${base}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "ldld.canbo", password: "CauNoi2026!" }),
    });
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const [union] = await withClient(dbUrl, (c) => c.query<{ code: string }>("SELECT code FROM unions WHERE dissolved_on IS NULL ORDER BY id LIMIT 1")).then(
      (r) => r.rows,
    );
    // Names hold no digits (the import refuses them); the citizen IDs tell the rows apart.
    const given = ["An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Khánh", "Lan", "Minh", "Nga"];
    const count = () =>
      withClient(dbUrl, (c) =>
        c.query<{ people: number; memberships: number }>(
          `SELECT (SELECT count(*)::int FROM people WHERE citizen_id LIKE '0310959%') AS people,
                    (SELECT count(*)::int FROM memberships m JOIN people p ON p.id = m.person_id WHERE p.citizen_id LIKE '0310959%') AS memberships`,
        ),
      ).then((r) => r.rows[0] ?? { people: 0, memberships: 0 });
    const before = await count();
    const rows = ["Họ và tên,Ngày sinh,Giới tính,Số CCCD,Công đoàn cơ sở,Ngày vào công đoàn"];
    for (let i = 0; i < 80_000; i++)
      rows.push(`Nguyễn Văn ${given[i % given.length]},01/01/1995,Nam,0310959${String(i).padStart(5, "0")},${union?.code},01/03/2025`);
    const form = new FormData();
    form.set("file", new Blob([rows.join("\n")], { type: "text/csv" }), "lon.csv");
    const res = await fetch(`${base}/api/registry/imports/members?background=true`, {
      method: "POST",
      headers: { cookie, "x-csrf-token": csrfToken },
      body: form,
    });
    expect(res.status).toBe(202);
    const { jobId } = (await res.json()) as { jobId: number };

    // The worker that claimed it says so; it is killed while the import runs.
    const claimed = `import ${jobId}: claimed by process`;
    const first = await waitFor(() => workers.find((w) => w.out().includes(claimed)), Boolean, 60, "claim");
    if (!first) throw new Error("no worker claimed the import");
    const other = workers.find((w) => w !== first);
    await new Promise((r) => setTimeout(r, 1500));
    const status = await withClient(dbUrl, (c) => c.query<{ status: string }>("SELECT status FROM import_jobs WHERE id = $1", [jobId]));
    expect(status.rows[0]?.status).toBe("running");
    first.child.kill("SIGKILL");
    const killedAt = Date.now();

    const done = await waitFor(
      () =>
        withClient(dbUrl, (c) => c.query<{ status: string; attempts: number }>("SELECT status, attempts FROM import_jobs WHERE id = $1", [jobId])).then(
          (r) => r.rows[0],
        ),
      (r) => r?.status !== "running",
      120,
      "the import to finish",
    );
    const seconds = (Date.now() - killedAt) / 1000;
    const [job] = await withClient(dbUrl, (c) =>
      c.query<{ created: string; rejected: string; error: string | null; first: string | null }>(
        "SELECT result->>'created' AS created, result->>'rejected' AS rejected, error, (SELECT code || ': ' || message FROM import_errors WHERE job_id = $1 LIMIT 1) AS first FROM import_jobs WHERE id = $1",
        [jobId],
      ),
    ).then((r) => r.rows);
    console.log(`import ${jobId}: ${JSON.stringify(job)}`);
    console.log(`killed worker: import ${jobId} finished by the other worker ${seconds.toFixed(1)} s after the kill`);
    expect(done).toMatchObject({ status: "done", attempts: 2 });
    expect(other?.out()).toContain(claimed);
    expect(seconds).toBeLessThan(90);
    const after = await count();
    const [audits] = await withClient(dbUrl, (c) =>
      c.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'import' AND object_id = $1", [String(jobId)]),
    ).then((r) => r.rows);
    // Applied once: one audit row, and as many new people as the result says were created (a few of
    // the IDs may belong to the demo city's people already: updated, not created).
    const created = Number(job?.created);
    expect(created).toBeGreaterThan(79_000);
    expect({ people: after.people - before.people, audits: audits?.n }).toEqual({ people: created, audits: 1 });
  });
});
