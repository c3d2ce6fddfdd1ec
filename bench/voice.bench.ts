/**
 * Worker voice: public submissions under a flood like the week before Tết, on PostgreSQL.
 *
 * Starts the real server (src/server/main.ts) as a child process listening on 127.0.0.1 only, with
 * the rate limit lifted (PUBLIC_RATE_LIMIT=0) and the proof-of-work challenge off
 * (PUBLIC_CHALLENGE_DIFFICULTY=0), then drives it with a bounded keep-alive HTTP load loop:
 * first the trivial /api/health route (the same server's ceiling), then POST /api/public/requests.
 * Target: ≥ 2,000 submissions/s, p99 < 100 ms, zero errors.
 *
 * autocannon is listed in npm.tsv, but node_modules here is one install shared by every worktree;
 * a plain Node loop (http.Agent keep-alive, N concurrent connections) measures the same thing.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/voice.bench.ts
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

export interface VoiceBenchOptions {
  backend?: "pglite" | "postgres";
  databaseUrl?: string | undefined;
  /** Seconds of submissions (the health route gets half). */
  seconds?: number;
  connections?: number;
  log?: (line: string) => void;
}

interface LoadResult {
  requests: number;
  errors: number;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** Keeps `connections` requests in flight for `seconds`; loopback only, bounded in time. */
async function load(
  port: number,
  seconds: number,
  connections: number,
  makeRequest: () => { method: string; path: string; body?: string },
): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const end = Date.now() + seconds * 1000;
  const one = () =>
    new Promise<void>((resolve) => {
      const r = makeRequest();
      const started = process.hrtime.bigint();
      const req = http.request(
        {
          host: "127.0.0.1",
          port,
          method: r.method,
          path: r.path,
          agent,
          headers: r.body ? { "content-type": "application/json", "content-length": Buffer.byteLength(r.body) } : {},
        },
        (res) => {
          res.resume();
          res.on("end", () => {
            latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
            if (res.statusCode !== 200 && res.statusCode !== 201) {
              errors++;
              firstError ??= `HTTP ${res.statusCode}`;
            }
            resolve();
          });
        },
      );
      req.on("error", (err) => {
        errors++;
        firstError ??= err.message;
        resolve();
      });
      req.setTimeout(10_000, () => req.destroy(new Error("timeout")));
      if (r.body) req.write(r.body);
      req.end();
    });
  const started = Date.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < end) await one();
    }),
  );
  const elapsed = (Date.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;
  if (firstError) console.error(`  first error: ${firstError}`);
  return { requests: latencies.length, errors, perSecond: latencies.length / elapsed, p50: q(0.5), p99: q(0.99), max: latencies[latencies.length - 1] ?? 0 };
}

/** Runs the benchmark and returns its numbers (also used by `npm run bench`). */
export async function runVoiceBench(opts: VoiceBenchOptions = {}): Promise<Record<string, number | string | boolean>> {
  const log = opts.log ?? ((l: string) => console.log(l));
  const url = opts.databaseUrl ?? process.env.DATABASE_URL;
  if ((opts.backend ?? "postgres") !== "postgres" || !url) {
    log("voice bench needs PostgreSQL (DATABASE_URL); skipped on the embedded database");
    return { skipped: true };
  }
  const seconds = opts.seconds ?? Number(process.env.VOICE_BENCH_SECONDS ?? 10);
  const connections = opts.connections ?? 48;
  const name = `caunoi_voice_bench_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${name}`;
  const port = await freePort();
  // VOICE_BENCH_CPU_PROF=<dir> profiles the server child (a .cpuprofile written when it stops).
  const prof = process.env.VOICE_BENCH_CPU_PROF;
  const child = spawn(process.execPath, [...(prof ? ["--cpu-prof", `--cpu-prof-dir=${prof}`] : []), "--import", "tsx", path.join(ROOT, "src/server/main.ts")], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: dbUrl.toString(),
      HOST: "127.0.0.1",
      PORT: String(port),
      DATA_DIR: `/tmp/caunoi-voice-bench-${name}`,
      SESSION_SECRET: randomBytes(24).toString("hex"),
      CAUNOI_DEMO: "0",
      LOG_LEVEL: "warn",
      PUBLIC_RATE_LIMIT: "0",
      PUBLIC_CHALLENGE_DIFFICULTY: "0",
      NODE_ENV: "production",
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const db = new pg.Client({ connectionString: dbUrl.toString() });
  try {
    // Wait for the server (it migrates the new database first).
    const deadline = Date.now() + 60_000;
    for (;;) {
      const ok = await new Promise<boolean>((resolve) => {
        http
          .get({ host: "127.0.0.1", port, path: "/api/health" }, (res) => {
            res.resume();
            resolve(res.statusCode === 200);
          })
          .on("error", () => resolve(false));
      });
      if (ok) break;
      if (Date.now() > deadline) throw new Error("server did not start in 60 s");
      await new Promise((r) => setTimeout(r, 300));
    }
    // A small city: the federation, a zone union with its zone, 200 enterprises (half with a union).
    await db.connect();
    await db.query(
      `INSERT INTO bodies (kind, name, path) VALUES ('federation', 'Liên đoàn Lao động thành phố', '/1/'), ('zone_authority', 'Ban Quản lý Khu kinh tế', '/2/')`,
    );
    const fed = (await db.query(`SELECT id FROM bodies WHERE kind = 'federation'`)).rows[0].id as number;
    const zu = (await db.query(`INSERT INTO bodies (kind, name, parent_id) VALUES ('zone_union', 'Công đoàn KKT', $1) RETURNING id`, [fed])).rows[0]
      .id as number;
    const zone = (
      await db.query(
        `INSERT INTO zones (code, name, kind, commune, zone_union_id) VALUES ('KCN1', 'KCN Tràng Duệ', 'industrial_zone', 'An Dương', $1) RETURNING id`,
        [zu],
      )
    ).rows[0].id as number;
    const enterpriseIds: number[] = [];
    for (let i = 0; i < 200; i++) {
      const id = (await db.query(`INSERT INTO bodies (kind, name) VALUES ('enterprise', $1) RETURNING id`, [`Công ty TNHH Thử ${i}`])).rows[0].id as number;
      await db.query(
        `INSERT INTO enterprises (id, tax_code, name, ownership, zone_id, sector, workforce_total) VALUES ($1, $2, $3, 'fdi', $4, 'May mặc', 500)`,
        [id, String(200000000 + i), `Công ty TNHH Thử ${i}`, zone],
      );
      if (i % 2 === 0) {
        const u = (await db.query(`INSERT INTO bodies (kind, name, parent_id) VALUES ('grassroots_union', $1, $2) RETURNING id`, [`CĐCS Thử ${i}`, zu])).rows[0]
          .id as number;
        await db.query(`INSERT INTO unions (id, code, name) VALUES ($1, $2, $3)`, [u, `CD${i}`, `CĐCS Thử ${i}`]);
        await db.query(`INSERT INTO union_enterprises (union_id, enterprise_id) VALUES ($1, $2)`, [u, id]);
      }
      enterpriseIds.push(id);
    }
    // The bodies are built once: the load loop shares the two cores with the server, so it only
    // picks the next ready-made request (named, anonymous, with or without a registered enterprise).
    const bodies = Array.from({ length: 600 }, (_, n) => {
      const named = n % 3 === 0;
      const body = {
        kind: n % 4 === 0 ? "petition" : "complaint",
        topic: ["wages", "overtime", "social_insurance"][n % 3],
        title: "Chưa được trả lương làm thêm giờ trước Tết",
        description: "Công ty yêu cầu làm thêm giờ để kịp đơn hàng trước Tết nhưng chưa trả tiền làm thêm giờ tháng trước. Đề nghị công đoàn xem xét.",
        enterpriseId: n % 5 === 0 ? undefined : enterpriseIds[n % enterpriseIds.length],
        enterpriseName: n % 5 === 0 ? "Xưởng may gia công" : undefined,
        anonymous: !named,
        requester: named ? { fullName: "Nguyễn Thị Hoa", phone: "0912345678" } : undefined,
        consent: true,
      };
      return { method: "POST", path: "/api/public/requests", body: JSON.stringify(body) };
    });
    let n = 0;
    const submission = () => bodies[n++ % bodies.length] as { method: string; path: string; body: string };
    // Warm up both routes (JIT, pool connections), then measure.
    await load(port, 1, connections, () => ({ method: "GET", path: "/api/health" }));
    await load(port, 1, connections, submission);
    log(`health route: ${Math.round(seconds / 2)} s, ${connections} connections…`);
    const health = await load(port, Math.max(2, Math.round(seconds / 2)), connections, () => ({ method: "GET", path: "/api/health" }));
    log(`  ${Math.round(health.perSecond)}/s, p50 ${health.p50.toFixed(1)} ms, p99 ${health.p99.toFixed(1)} ms, errors ${health.errors}`);
    log(`public submission: ${seconds} s, ${connections} connections…`);
    const submit = await load(port, seconds, connections, submission);
    log(
      `  ${Math.round(submit.perSecond)}/s, p50 ${submit.p50.toFixed(1)} ms, p99 ${submit.p99.toFixed(1)} ms, max ${submit.max.toFixed(1)} ms, errors ${submit.errors}`,
    );
    const stored = Number((await db.query(`SELECT count(*) AS n FROM voice_requests`)).rows[0].n);
    const passed = submit.perSecond >= 2000 && submit.p99 < 100 && submit.errors === 0;
    log(`${passed ? "✓" : "✗"} target ≥ 2.000/s, p99 < 100 ms, no errors; ${stored} requests stored`);
    return {
      healthPerSecond: Math.round(health.perSecond),
      healthP99Ms: Number(health.p99.toFixed(1)),
      submitPerSecond: Math.round(submit.perSecond),
      submitP50Ms: Number(submit.p50.toFixed(1)),
      submitP99Ms: Number(submit.p99.toFixed(1)),
      submitErrors: submit.errors,
      submitVsHealth: Number((submit.perSecond / health.perSecond).toFixed(3)),
      storedRequests: stored,
      connections,
      targetMet: passed,
    };
  } finally {
    await db.end().catch(() => undefined);
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const result = await runVoiceBench({});
  console.log(JSON.stringify(result, null, 2));
}
