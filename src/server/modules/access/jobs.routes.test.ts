import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, type TestApp, auditCount, createTestApp } from "../../../../test/support/app.ts";
import { type TestCity, buildCity, buildUser } from "../../../../test/support/factories.ts";

let t: TestApp;
let city: TestCity;

beforeAll(async () => {
  t = await createTestApp();
  city = await buildCity(t.database);
}, 60_000);
afterAll(async () => t.close(), 60_000);

/** A failed retention run as the queue keeps it (pg-boss's table on PostgreSQL, queue_jobs on the embedded database). */
async function failedJob(): Promise<string> {
  if (t.database.pool) {
    // The app's queue creates pg-boss's schema and queues on first use.
    await t.app.inject({ method: "GET", url: "/api/health" });
    const [row] = await t.database.rows<{ id: string }>(
      sql`INSERT INTO pgboss.job (name, data, state, output, started_on, completed_on) VALUES ('privacy.retention', '{}', 'failed', '{"message":"Hết thời gian (thử)"}', now(), now()) RETURNING id::text`,
    );
    return row?.id ?? "";
  }
  const [row] = await t.database.rows<{ id: string }>(
    sql`INSERT INTO queue_jobs (name, state, attempts, retry_limit, retry_delay, retry_backoff, error, finished_at)
        VALUES ('privacy.retention', 'failed', 4, 3, 300, true, 'Hết thời gian (thử)', now()) RETURNING id::text`,
  );
  return row?.id ?? "";
}

describe("the background jobs page's API", () => {
  it("lists queued, running and failed jobs, and runs a failed one again (audited), for the system administrator alone", async () => {
    const admin = await buildUser(t.database, "system_admin", city.federation);
    const a = new Client(t.app);
    await a.login(admin.username, admin.password);
    // Listing opens the queue (and on PostgreSQL pg-boss's schema) before the failed row is written.
    expect((await a.get("/api/admin/jobs")).statusCode).toBe(200);
    const id = await failedJob();

    const list = await a.get("/api/admin/jobs?state=failed");
    expect(list.statusCode).toBe(200);
    expect(list.json().queue).toBe(t.database.pool ? "pg-boss" : "local");
    const row = list.json().items.find((r: { id: string }) => r.id === id);
    expect(row).toMatchObject({ name: "privacy.retention", state: "failed", error: "Hết thời gian (thử)" });

    const officer = await buildUser(t.database, "body_admin", city.federation);
    const o = new Client(t.app);
    await o.login(officer.username, officer.password);
    expect((await o.get("/api/admin/jobs")).statusCode).toBe(403);
    expect((await o.post(`/api/admin/jobs/privacy.retention/${id}/retry`)).statusCode).toBe(403);

    const retried = await a.post(`/api/admin/jobs/privacy.retention/${id}/retry`);
    expect(retried.statusCode).toBe(200);
    expect(await auditCount(t.database, "job_retry", "job", id)).toBe(1);
    // Not failed any more: a second retry finds nothing, and neither does a made-up id.
    expect((await a.post(`/api/admin/jobs/privacy.retention/${id}/retry`)).statusCode).toBe(404);
    expect((await a.post("/api/admin/jobs/privacy.retention/12345678/retry")).statusCode).toBe(404);
    const open = (await a.get("/api/admin/jobs")).json().items.find((r: { id: string }) => r.id === id);
    expect(open?.state === "queued" || open?.state === "active" || open === undefined).toBe(true);
  }, 60_000);
});
