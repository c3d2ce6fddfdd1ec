import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { scratchDatabase } from "../support/processes.ts";
import { docxText } from "../support/unzip.ts";

/**
 * A server process killed (SIGKILL) while it generates the yearly joint report: after a restart the
 * database holds no partial rows — the only row report generation writes is the audit row of the
 * export, written once the document is complete, so the killed export left none — every count is
 * what it was, and the report generates again with the same text as before the kill.
 *
 * On the embedded database by default (PGlite writes from inside the killed process); with
 * DATABASE_URL, on a database of its own on that server (created and dropped here).
 */
const serverUrl = process.env.DATABASE_URL;
const dataDir = mkdtempSync(path.join(tmpdir(), "caunoi-kill-report-"));
const port = 3990 + Math.floor(Math.random() * 9);
const base = `http://127.0.0.1:${port}`;
const adminPassword = "Admin-kill-report-12345";
let server: ChildProcess | null = null;
let scratch: { url: string; drop: () => Promise<void> } | null = null;
let dbUrl = "";
let csrf = "";

async function startServer(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/server/main.ts"], {
    env: {
      ...process.env,
      DATABASE_URL: dbUrl,
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: "warn",
      CAUNOI_ADMIN_PASSWORD: adminPassword,
      LOGIN_RATE_LIMIT: "1000",
      // A short lease, so the queued report files a killed server held are taken over within seconds.
      JOB_LEASE_SECONDS: "6",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  for (let i = 0; i < 600; i++) {
    await new Promise((r) => setTimeout(r, 200));
    const ok = await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return child;
  }
  throw new Error("server did not start");
}

async function stopServer(): Promise<void> {
  const s = server;
  if (!s || s.exitCode !== null) return;
  s.kill("SIGKILL");
  await new Promise((r) => s.once("exit", r));
}

async function login(username: string, password: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  expect(res.status).toBe(200);
  // The token a write with this session sends (the last sign-in's).
  csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
  return (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
}

async function getJson<T>(cookie: string, url: string): Promise<T> {
  const res = await fetch(`${base}${url}`, { headers: { cookie } });
  expect(res.status, url).toBe(200);
  return (await res.json()) as T;
}

/** The counts report generation could disturb, read through the API after each step. */
async function counts(leader: string, admin: string) {
  const audit = await getJson<{ total: number }>(admin, "/api/admin/audit?objectType=joint_report&action=export&pageSize=1");
  const members = await getJson<{ count?: number; members?: number }>(leader, "/api/registry/members/count?asOf=2099-12-31");
  const plans = await getJson<unknown[]>(leader, "/api/coordination/plans");
  const targets = await getJson<unknown[]>(leader, `/api/coordination/targets?year=${year}`);
  return { exports: audit.total, members: members.count ?? members.members, plans: plans.length, targets: targets.length };
}

const year = new Date().getFullYear() - 1;

afterAll(async () => {
  await stopServer();
  await scratch?.drop();
});

describe(`a process killed while generating the joint report (${serverUrl ? "PostgreSQL" : "PGlite"})`, () => {
  it("restarts with no partial rows, consistent counts, and generates the same report again", async () => {
    if (serverUrl) {
      scratch = await scratchDatabase(serverUrl, "caunoi_report_kill");
      dbUrl = scratch.url;
    }
    server = await startServer();
    let leader = await login("lanhdao", "CauNoi2026!");
    let adminCookie = await login("admin", adminPassword);

    // A complete report first: its text, and the counts it leaves.
    const first = await fetch(`${base}/api/reports/joint.docx?period=${year}`, { headers: { cookie: leader } });
    expect(first.status).toBe(200);
    const text = docxText(Buffer.from(await first.arrayBuffer()));
    expect(text).toContain(`kết quả thực hiện Chương trình phối hợp năm ${year}`);
    const before = await counts(leader, adminCookie);
    expect(before.exports).toBe(1);

    // Several exports in flight, then SIGKILL before any has answered. Each asks for another period,
    // whose figures are not yet kept (reporting/figures.cache.ts), so each is computing when killed.
    const periods = [`${year - 1}`, `${year}-H1`, `${year}-H2`, `${year - 1}-H1`];
    const inFlight = periods.map((period) =>
      fetch(`${base}/api/reports/joint.docx?period=${period}`, { headers: { cookie: leader } }).then(
        (r) => r.status,
        () => "killed" as const,
      ),
    );
    await new Promise((r) => setTimeout(r, 150));
    await stopServer();
    const outcomes = await Promise.all(inFlight);
    // At least one generation was cut off by the kill (none of them answered 200 before it).
    expect(outcomes.filter((o) => o === "killed").length).toBeGreaterThan(0);
    const completed = outcomes.filter((o) => o === 200).length;

    server = await startServer();
    leader = await login("lanhdao", "CauNoi2026!");
    adminCookie = await login("admin", adminPassword);
    const after = await counts(leader, adminCookie);
    // No partial rows: an export is audited only once its document is complete. Every answered export
    // left its row; a killed one left a row only if its document was complete and audited before the
    // kill cut its answer off — never more rows than exports asked for.
    expect(after.exports).toBeGreaterThanOrEqual(before.exports + completed);
    expect(after.exports).toBeLessThanOrEqual(before.exports + periods.length);
    expect(after.members).toBe(before.members);
    expect(after.plans).toBe(before.plans);
    expect(after.targets).toBe(before.targets);

    // And it generates again, stating the same figures in the same words.
    const again = await fetch(`${base}/api/reports/joint.docx?period=${year}`, { headers: { cookie: leader } });
    expect(again.status).toBe(200);
    expect(docxText(Buffer.from(await again.arrayBuffer()))).toBe(text);
    expect((await counts(leader, adminCookie)).exports).toBe(after.exports + 1);
  });

  it("a report file being generated on the queue when its server is killed is generated by the next one, done once", async () => {
    let leader = await login("lanhdao", "CauNoi2026!");
    // Files of periods whose figures this process has not yet computed: each takes a while to build.
    const periods = [`${year}-Q1`, `${year}-Q2`, `${year}-Q3`, `${year}-Q4`, `${year - 1}-Q1`, `${year - 1}-Q2`, `${year - 1}-Q3`, `${year - 1}-Q4`];
    const answers = await Promise.all(
      periods.map((period) =>
        fetch(`${base}/api/reports/files`, {
          method: "POST",
          headers: { cookie: leader, "content-type": "application/json", "x-csrf-token": csrf },
          body: JSON.stringify({ period, format: "docx" }),
        }),
      ),
    );
    const ids: number[] = [];
    for (const res of answers) {
      expect(res.status).toBe(202);
      ids.push(((await res.json()) as { id: number }).id);
    }
    // Killed while the worker is building one of them (its row says running).
    for (let i = 0; i < 400; i++) {
      const now = (await getJson<{ items: { id: number; status: string }[] }>(leader, "/api/reports/files")).items;
      if (now.some((f) => ids.includes(f.id) && f.status === "running")) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    await stopServer();

    server = await startServer();
    leader = await login("lanhdao", "CauNoi2026!");
    type File = { id: number; status: string; sizeBytes: number | null };
    let files: File[] = [];
    for (let i = 0; i < 240; i++) {
      files = (await getJson<{ items: File[] }>(leader, "/api/reports/files")).items.filter((f) => ids.includes(f.id));
      if (files.every((f) => f.status === "done" || f.status === "failed")) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    // Every file is done — one row each, no duplicate — and downloads as a complete document.
    expect(files.map((f) => [f.id, f.status]).sort()).toEqual(ids.map((id) => [id, "done"]).sort());
    // The kill cut a generation off: the job of the running file ran again on the new server.
    const admin = await login("admin", adminPassword);
    type Job = { name: string; attempts: number; data: { fileId?: number } };
    const jobs = (await getJson<{ items: Job[] }>(admin, "/api/admin/jobs?state=completed&limit=500")).items.filter(
      (j) => j.name === "reporting.generate" && ids.includes(j.data.fileId ?? 0),
    );
    expect(jobs.length).toBe(ids.length);
    // On PostgreSQL the claim of the killed run is durable, so its job shows a second attempt. PGlite writes
    // from inside the killed process: its last claims may be lost with it, and the job then simply runs once.
    if (serverUrl) expect(jobs.some((j) => j.attempts > 1)).toBe(true);
    for (const id of ids) {
      const res = await fetch(`${base}/api/reports/files/${id}/content`, { headers: { cookie: leader } });
      expect(res.status).toBe(200);
      expect(docxText(Buffer.from(await res.arrayBuffer()))).toContain("kết quả thực hiện Chương trình phối hợp");
    }
  });
});
