import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "#server/db/client.ts";
import { type Cluster, haproxyAvailable, startCluster } from "../support/cluster.ts";
import { freshDatabase } from "../support/db.ts";
import { type TestCity, buildCity, buildEnterprise, buildUnion, buildUser } from "../support/factories.ts";

/**
 * Two app server processes on one PostgreSQL behind HAProxy (issue #20, item 4): a session made on one
 * server works on the other, one address meets one login limit whichever server answers, and a flood
 * of public submissions survives one server being SIGKILLed: every acknowledged submission is stored
 * exactly once, each client retrying what got no answer under its submission key, as the form does; an
 * import whose server is killed mid-way is finished by the other server's worker, applied once.
 */
const noProxy = haproxyAvailable();
if (noProxy) console.warn(`Bỏ qua kiểm thử qua proxy / proxy tests skipped: ${noProxy}`);
process.env.DATABASE_URL ||= "postgres://postgres@127.0.0.1:5432/test";

let cluster: Cluster;
let database: Database;
let drop: () => Promise<void>;
let city: TestCity;
const logs: string[] = [];

describe.skipIf(noProxy !== null)("two servers behind HAProxy", () => {
  beforeAll(async () => {
    const fresh = await freshDatabase();
    database = fresh.database;
    drop = fresh.drop;
    city = await buildCity(database);
    cluster = await startCluster({
      databaseUrl: fresh.url as string,
      servers: 2,
      // A 10 s job lease (renewed every 3 s): a killed server's import is taken over within seconds.
      env: { LOGIN_RATE_LIMIT: "3", PUBLIC_RATE_LIMIT: "0", PUBLIC_CHALLENGE_DIFFICULTY: "0", JOB_LEASE_SECONDS: "10" },
      log: (l) => logs.push(l),
    });
  });
  afterAll(async () => {
    await cluster?.stop();
    await drop?.();
  });

  const login = (base: string, username: string, password: string, ip: string) =>
    fetch(`${base}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": ip },
      body: JSON.stringify({ username, password }),
    });

  it("signs in on one server and works on the other: the session lives in the database", async () => {
    const [a, b] = cluster.servers.map((s) => s.url) as [string, string];
    const u = await buildUser(database, "officer", city.federation);
    const enterprise = await buildEnterprise(database, city);
    const res = await login(a, u.username, u.password, "198.51.100.10");
    expect(res.status).toBe(200);
    const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    const created = await fetch(`${b}/api/registry/people`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie, "x-csrf-token": csrfToken },
      body: JSON.stringify({ familyName: "Trần", middleName: "Văn", givenName: "Hai", enterpriseId: enterprise.id }),
    });
    expect(created.status).toBe(201);
    const { id } = ((await created.json()) as { person: { id: number } }).person;
    const read = await fetch(`${a}/api/registry/people/${id}`, { headers: { cookie } });
    expect(read.status).toBe(200);
    // And through the proxy, whichever server it picks.
    for (let i = 0; i < 4; i++) expect((await fetch(`${cluster.url}/api/registry/people/${id}`, { headers: { cookie } })).status).toBe(200);
  });

  it("counts one address's failed logins across both servers: the fourth in the minute is refused", async () => {
    const [a, b] = cluster.servers.map((s) => s.url) as [string, string];
    const ip = "198.51.100.77";
    const codes = [];
    for (const base of [a, b, a, b]) codes.push((await login(base, "khong.co.ai", "Sai-mat-khau-1", ip)).status);
    expect(codes).toEqual([401, 401, 401, 429]);
  });

  it("an import sent through the proxy whose server is SIGKILLed mid-way is finished by the other server, applied once", async () => {
    const u = await buildUser(database, "officer", city.federation);
    const res = await login(cluster.url, u.username, u.password, "198.51.100.20");
    const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    const union = await buildUnion(database, city, (await buildEnterprise(database, city)).id);
    // Names hold no digits (the import refuses them); the citizen IDs tell the rows apart.
    const given = ["An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Khánh", "Lan", "Minh", "Nga"];
    const rows = ["Họ và tên,Ngày sinh,Giới tính,Số CCCD,Công đoàn cơ sở,Ngày vào công đoàn"];
    for (let i = 0; i < 40_000; i++)
      rows.push(`Trần Thị ${given[i % given.length]},02/02/1996,Nữ,0311969${String(i).padStart(5, "0")},${union.name},01/03/2025`);
    const form = new FormData();
    form.set("file", new Blob([rows.join("\n")], { type: "text/csv" }), "lon.csv");
    const sent = await fetch(`${cluster.url}/api/registry/imports/members?background=true`, {
      method: "POST",
      headers: { cookie, "x-csrf-token": csrfToken, "x-forwarded-for": "198.51.100.20" },
      body: form,
    });
    expect(sent.status).toBe(202);
    const { jobId } = (await sent.json()) as { jobId: number };
    // Whichever server's worker claimed it (both run workers) is killed while it runs.
    const claimedBy = () => logs.find((l) => l.includes(`import ${jobId}: claimed by process`))?.slice(0, 4);
    const until = async (ok: () => boolean | Promise<boolean>, seconds: number, what: string) => {
      const end = Date.now() + seconds * 1000;
      while (!(await ok())) {
        if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${logs.slice(-5).join(" | ")}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    };
    await until(() => claimedBy() !== undefined, 60, "the claim");
    const victim = claimedBy() === "app1" ? 0 : 1;
    await new Promise((r) => setTimeout(r, 500));
    const [running] = await database.rows<{ status: string }>(sql`SELECT status FROM import_jobs WHERE id = ${jobId}`);
    expect(running?.status).toBe("running");
    cluster.kill(victim);
    const killedAt = Date.now();
    await until(
      async () => (await database.rows<{ status: string }>(sql`SELECT status FROM import_jobs WHERE id = ${jobId}`))[0]?.status !== "running",
      120,
      "the other server to finish the import",
    );
    const seconds = (Date.now() - killedAt) / 1000;
    const [job] = await database.rows<{ status: string; attempts: number; created: number; rejected: number; first: string | null }>(
      sql`SELECT status, attempts, (result->>'created')::int AS created, (result->>'rejected')::int AS rejected,
                 (SELECT code || ': ' || message FROM import_errors WHERE job_id = ${jobId} LIMIT 1) AS first
          FROM import_jobs WHERE id = ${jobId}`,
    );
    const [people] = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM people WHERE citizen_id LIKE '0311969%'`);
    const [audits] = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'import' AND object_id = ${String(jobId)}`);
    console.log(`proxy: import ${jobId} finished by the other server ${seconds.toFixed(1)} s after app${victim + 1} was killed: ${JSON.stringify(job)}`);
    expect(job).toMatchObject({ status: "done", attempts: 2 });
    expect(job?.created).toBeGreaterThan(39_000);
    expect({ people: people?.n, audits: audits?.n }).toEqual({ people: job?.created, audits: 1 });
    // The same journey still works through the proxy, and the killed server comes back for the next test.
    expect((await fetch(`${cluster.url}/api/registry/imports/${jobId}`, { headers: { cookie } })).status).toBe(200);
    await cluster.restart(victim);
  });

  it("a flood of public submissions while one server is SIGKILLed: every acknowledged one stored exactly once", async () => {
    const enterprise = await buildEnterprise(database, city);
    const acked = new Map<string, string>();
    const tries = { sent: 0, failed: 0, resent: 0 };
    const deadline = Date.now() + 8000;
    const submitOne = async (worker: number, n: number) => {
      const key = randomBytes(18).toString("base64url");
      const payload = JSON.stringify({
        kind: "complaint",
        topic: "wages",
        title: `Nợ lương ${worker}-${n}`,
        description: "Công ty chậm trả lương tháng này hơn hai tuần, chưa có thông báo.",
        enterpriseId: enterprise.id,
        anonymous: true,
        consent: true,
        submissionKey: key,
      });
      // Retried under the same key until answered, as the form does after a lost answer.
      for (let attempt = 0; attempt < 40; attempt++) {
        tries.sent++;
        const res = await fetch(`${cluster.url}/api/public/requests`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-forwarded-for": `203.0.113.${worker}` },
          body: payload,
          signal: AbortSignal.timeout(10_000),
        }).catch(() => null);
        if (res?.status === 201) {
          const { code } = (await res.json()) as { code: string };
          acked.set(key, code);
          // Every fifth is sent once more, as a client that lost the answer would: the same receipt.
          if (n % 5 === 0) {
            const again = await fetch(`${cluster.url}/api/public/requests`, {
              method: "POST",
              headers: { "content-type": "application/json" },
              body: payload,
            }).catch(() => null);
            if (again?.status === 201) {
              tries.resent++;
              expect(((await again.json()) as { code: string }).code).toBe(code);
            } else await again?.body?.cancel();
          }
          return;
        }
        tries.failed++;
        await res?.body?.cancel();
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`submission ${worker}-${n} never answered`);
    };
    const flood = Array.from({ length: 16 }, async (_, worker) => {
      for (let n = 0; Date.now() < deadline; n++) await submitOne(worker, n);
    });
    await new Promise((r) => setTimeout(r, 2500));
    cluster.kill(0);
    await Promise.all(flood);

    expect(acked.size).toBeGreaterThan(100);
    expect(tries.resent).toBeGreaterThan(10);
    const keys = [...acked.keys()];
    const rows = await database.rows<{ key: string; code: string; n: number }>(
      sql`SELECT submission_key AS key, min(code) AS code, count(*)::int AS n FROM voice_requests
          WHERE submission_key IN (SELECT jsonb_array_elements_text(${JSON.stringify(keys)}::jsonb)) GROUP BY submission_key`,
    );
    expect(rows).toHaveLength(keys.length);
    for (const r of rows) {
      expect(r.n).toBe(1);
      expect(r.code).toBe(acked.get(r.key));
    }
    const [all] = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM voice_requests WHERE enterprise_id = ${enterprise.id}`);
    expect(all?.n).toBe(keys.length);
    // The proxy noticed, within its 2-failed-checks window, and still answers.
    await cluster.proxyMarks(0, false);
    expect((await fetch(`${cluster.url}/api/health`)).status).toBe(200);
    console.log(
      `flood: ${acked.size} acknowledged, ${tries.sent} POSTs, ${tries.failed} failed or unanswered and retried, ${tries.resent} answered ones sent again`,
    );
  });
});
