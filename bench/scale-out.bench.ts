/**
 * Scale-out (issue #20, items 3 and 4), in one run on one PostgreSQL:
 *  - one app server reached directly against two behind HAProxy: public submissions per second under a
 *    flood of concurrent clients, and the leaders' dashboard p95 alone and during the flood;
 *  - a streaming replica's replay lag (test/support/replica.sh's primary/standby pair): how long after a
 *    commit on the primary the standby has replayed it, median and p95, idle and under a write load.
 *
 *   DATABASE_URL=postgres://… npx tsx bench/scale-out.bench.ts     (or npm run bench -- --only scale-out)
 *
 * The demo city is the data (seeded by the first server); every server runs with the challenge and the
 * public rate limit off, as a flood test must. Numbers go to BENCHMARKS.md.
 */
import { type ChildProcess, execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { randomBytes } from "node:crypto";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { type Cluster, startCluster, startProxy } from "../test/support/cluster.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? Number.NaN;
};

async function signIn(base: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "lanhdao", password: "CauNoi2026!" }),
  });
  if (!res.ok) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  return (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
}

/** One POST on a kept-alive connection (node:http: far less client CPU than fetch on the shared cores). */
function post(agent: http.Agent, base: string, pathname: string, body: string, headers: Record<string, string>): Promise<number> {
  const u = new URL(base);
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: u.hostname,
        port: u.port,
        method: "POST",
        path: pathname,
        agent,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...headers },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", () => resolve(0));
    req.setTimeout(10_000, () => req.destroy(new Error("timeout")));
    req.end(body);
  });
}

/** `clients` concurrent public submitters for `ms`: submissions per second. */
async function flood(base: string, clients: number, ms: number): Promise<{ perSecond: number; errors: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  let done = 0;
  let errors = 0;
  const end = Date.now() + ms;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      while (Date.now() < end) {
        const body = JSON.stringify({
          kind: "consultation",
          topic: "wages",
          title: "Hỏi về lương làm thêm giờ",
          description: "Làm thêm giờ vào ngày nghỉ hằng tuần được trả bao nhiêu?",
          anonymous: true,
          consent: true,
          submissionKey: randomBytes(18).toString("base64url"),
        });
        const status = await post(agent, base, "/api/public/requests", body, { "x-forwarded-for": `203.0.113.${c + 1}` });
        if (status === 201) done++;
        else errors++;
      }
    }),
  );
  agent.destroy();
  return { perSecond: done / ((Date.now() - started) / 1000), errors };
}

/** Dashboard reads by `clients` leaders in turn until `count` are done: latencies in ms. */
async function dashboards(base: string, cookie: string, count: number, clients = 4): Promise<number[]> {
  const times: number[] = [];
  let left = count;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (left-- > 0) {
        const t = performance.now();
        const res = await fetch(`${base}/api/reports/dashboard`, { headers: { cookie } });
        await res.arrayBuffer();
        if (res.ok) times.push(performance.now() - t);
      }
    }),
  );
  return times;
}

async function measureSetup(base: string, log: (l: string) => void, label: string) {
  const cookie = await signIn(base);
  await dashboards(base, cookie, 4, 1); // warm the figure cache and the code paths
  const alone = await dashboards(base, cookie, 60);
  const during: number[] = [];
  const floodRun = flood(base, 32, 10_000);
  const reader = (async () => {
    const end = Date.now() + 9000;
    while (Date.now() < end) during.push(...(await dashboards(base, cookie, 1, 1)));
  })();
  const [f] = await Promise.all([floodRun, reader]);
  const r = {
    submissionsPerSecond: f.perSecond,
    submissionErrors: f.errors,
    dashboardP50: pct(alone, 50),
    dashboardP95: pct(alone, 95),
    dashboardDuringFloodP50: pct(during, 50),
    dashboardDuringFloodP95: pct(during, 95),
    dashboardDuringFloodCount: during.length,
  };
  log(
    `${label}: ${r.submissionsPerSecond.toFixed(0)} submissions/s (${r.submissionErrors} errors); dashboard p95 ${r.dashboardP95.toFixed(0)} ms alone, ${r.dashboardDuringFloodP95.toFixed(0)} ms during the flood (${during.length} views)`,
  );
  return r;
}

/** Replay lag of the standby: commit on the primary, poll the standby's replay position until it passes. */
export async function measureReplayLag(samples = 200, log: (l: string) => void = console.log) {
  execFileSync("bash", [path.join(here, "../test/support/replica.sh"), "start"], { stdio: "inherit" });
  const primary = new pg.Client({ connectionString: "postgres://postgres@127.0.0.1:5434/postgres" });
  const standby = new pg.Client({ connectionString: "postgres://postgres@127.0.0.1:5433/postgres" });
  const loader = new pg.Pool({ connectionString: "postgres://postgres@127.0.0.1:5434/postgres", max: 4 });
  await Promise.all([primary.connect(), standby.connect()]);
  await primary.query("CREATE TABLE IF NOT EXISTS lag_probe (id bigserial PRIMARY KEY, at timestamptz DEFAULT now(), pad text)");
  const once = async () => {
    const { rows } = await primary.query<{ lsn: string }>("INSERT INTO lag_probe (pad) VALUES ('x') RETURNING pg_current_wal_lsn()::text AS lsn");
    const lsn = rows[0]?.lsn as string;
    const t = performance.now();
    for (;;) {
      const r = await standby.query<{ ok: boolean }>("SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS ok", [lsn]);
      if (r.rows[0]?.ok) return performance.now() - t;
    }
  };
  const idle: number[] = [];
  for (let i = 0; i < samples; i++) idle.push(await once());
  // Under load: four connections inserting 1 kB rows as fast as they can.
  let loading = true;
  const load = Array.from({ length: 4 }, async () => {
    while (loading) await loader.query("INSERT INTO lag_probe (pad) SELECT repeat('y', 1000) FROM generate_series(1, 50)");
  });
  const busy: number[] = [];
  for (let i = 0; i < samples; i++) busy.push(await once());
  loading = false;
  await Promise.all(load);
  await primary.query("DROP TABLE lag_probe");
  await Promise.all([primary.end(), standby.end(), loader.end()]);
  execFileSync("bash", [path.join(here, "../test/support/replica.sh"), "stop"], { stdio: "inherit" });
  const r = { idleMedianMs: pct(idle, 50), idleP95Ms: pct(idle, 95), loadedMedianMs: pct(busy, 50), loadedP95Ms: pct(busy, 95), samples };
  log(
    `replay lag: idle median ${r.idleMedianMs.toFixed(2)} ms, p95 ${r.idleP95Ms.toFixed(2)} ms; under write load median ${r.loadedMedianMs.toFixed(2)} ms, p95 ${r.loadedP95Ms.toFixed(2)} ms`,
  );
  return r;
}

async function freshDatabaseUrl(databaseUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `caunoi_scaleout_${randomBytes(5).toString("hex")}`;
  const admin = async (q: string) => {
    const c = new pg.Client({ connectionString: databaseUrl });
    await c.connect();
    await c.query(q);
    await c.end();
  };
  await admin(`CREATE DATABASE ${name}`);
  const u = new URL(databaseUrl);
  u.pathname = `/${name}`;
  return { url: u.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

export async function runScaleOutBench(opts: { databaseUrl?: string; log?: (l: string) => void } = {}) {
  const log = opts.log ?? console.log;
  if (!opts.databaseUrl) {
    log("scale-out: needs DATABASE_URL (two processes cannot share the embedded database) — skipped");
    return { skipped: true };
  }
  const db = await freshDatabaseUrl(opts.databaseUrl);
  const env = { PUBLIC_RATE_LIMIT: "0", PUBLIC_CHALLENGE_DIFFICULTY: "0", LOGIN_RATE_LIMIT: "1000", CAUNOI_DEMO: "1" };
  // The machine's load when the run starts: two cores shared with PostgreSQL, the flood's clients and the proxy.
  const result: Record<string, unknown> = { cores: os.cpus().length, loadAverage1m: os.loadavg()[0] };
  const dir = mkdtempSync(path.join(os.tmpdir(), "caunoi-scaleout-"));
  let cluster: Cluster | null = null;
  let single: ChildProcess | null = null;
  try {
    // Two servers behind HAProxy; the first server also reached directly and behind a proxy of its own,
    // so the three set-ups are measured in turns (A B C C B A) under the same background load.
    cluster = await startCluster({ databaseUrl: db.url, servers: 2, env });
    const first = cluster.servers[0] as { port: number; url: string };
    const proxied = await startProxy([first], dir);
    single = proxied.process;
    const setups = [
      { key: "oneServer", label: "one server", url: first.url },
      { key: "oneServerBehindProxy", label: "one server behind HAProxy", url: proxied.url },
      { key: "twoServersBehindProxy", label: "two servers behind HAProxy", url: cluster.url },
    ];
    const runs: Record<string, Awaited<ReturnType<typeof measureSetup>>[]> = {};
    for (const i of [0, 1, 2, 2, 1, 0]) {
      const s = setups[i] as (typeof setups)[number];
      const r = await measureSetup(s.url, log, s.label);
      runs[s.key] = [...(runs[s.key] ?? []), r];
    }
    for (const [key, rs] of Object.entries(runs)) {
      // The mean of the two turns (one early, one late in the run).
      const mean = (k: keyof (typeof rs)[number]) => rs.reduce((a, r) => a + r[k], 0) / rs.length;
      result[key] = {
        submissionsPerSecond: mean("submissionsPerSecond"),
        dashboardP95: mean("dashboardP95"),
        dashboardDuringFloodP95: mean("dashboardDuringFloodP95"),
        runs: rs,
      };
    }
    result.replayLag = await measureReplayLag(200, log);
  } finally {
    single?.kill("SIGKILL");
    await cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
    await db.drop();
  }
  return result;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await runScaleOutBench({ databaseUrl: process.env.DATABASE_URL });
  console.log(JSON.stringify(r, null, 2));
}
