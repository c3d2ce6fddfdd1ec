import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, type TestApp, auditCount, createTestApp } from "../../../../test/support/app.ts";
import { type TestCity, buildBody, buildCity, buildEnterprise, buildPerson, buildUnion, buildUser } from "../../../../test/support/factories.ts";
import { docxText, readZipEntry } from "../../../../test/support/unzip.ts";
import { cleanupReportFiles, generateReportFile } from "./report-files.service.ts";
import type { ReportFile } from "#shared/contract/reporting.ts";

let t: TestApp;
let city: TestCity;
let lead: Client;
let zone: Client;
let other: Client;
let leadId = 0;

async function as(role: Parameters<typeof buildUser>[1], bodyId: number) {
  const u = await buildUser(t.database, role, bodyId);
  const client = new Client(t.app);
  await client.login(u.username, u.password);
  return { client, id: u.id };
}

/** Polls a file's status until it leaves the queue (the test app's worker runs it). */
async function settled(client: Client, id: number): Promise<ReportFile> {
  for (let i = 0; i < 300; i++) {
    const f = (await client.get(`/api/reports/files/${id}`)).json() as ReportFile;
    if (f.status === "done" || f.status === "failed") return f;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`report file ${id} still not done`);
}

beforeAll(async () => {
  t = await createTestApp();
  city = await buildCity(t.database);
  const e = await buildEnterprise(t.database, city, { workforce: 120 });
  const union = await buildUnion(t.database, city, e.id);
  await buildPerson(t.database, { unionId: union.id, enterpriseId: e.id, joinedOn: "2025-03-01" });
  const l = await as("viewer", city.federation);
  lead = l.client;
  leadId = l.id as number;
  zone = (await as("officer", city.zoneUnion)).client;
  const body2 = await buildBody(t.database, "zone_union", city.federation, "Công đoàn KCN Khác");
  other = (await as("officer", body2.id)).client;
}, 60_000);
afterAll(async () => {
  await t?.close();
});

describe("report files on the queue", () => {
  it("request → the job runs → done → the download is a Word document with the report's text, audited", async () => {
    const res = await lead.post("/api/reports/files", { period: "2025", format: "docx" });
    expect(res.statusCode, res.body).toBe(202);
    const queued = res.json() as ReportFile;
    expect(["queued", "running", "done"]).toContain(queued.status);
    const done = await settled(lead, queued.id);
    expect(done.status, done.error ?? "").toBe("done");
    expect(done.sizeBytes).toBeGreaterThan(1000);
    const before = await auditCount(t.database, "export", "joint_report");
    const file = await lead.get(`/api/reports/files/${queued.id}/content`);
    expect(file.statusCode).toBe(200);
    expect(file.headers["content-type"]).toContain("wordprocessingml");
    expect(String(file.headers["content-disposition"])).toContain(`filename*=UTF-8''${encodeURIComponent("Báo cáo liên tịch 2025 (dự thảo).docx")}`);
    expect(String(file.headers["content-disposition"])).toContain('filename="bao-cao-lien-tich-2025-du-thao.docx"');
    const bytes = file.rawPayload as Buffer;
    expect(bytes.subarray(0, 4).toString("hex")).toBe("504b0304");
    expect(docxText(bytes)).toContain("KẾT QUẢ");
    expect(await auditCount(t.database, "export", "joint_report")).toBe(before + 1);
    // Listed among the requester's recent files.
    const list = (await lead.get("/api/reports/files")).json() as { items: ReportFile[] };
    expect(list.items.map((f) => f.id)).toContain(queued.id);
  });

  it("an Excel annex is a workbook", async () => {
    const res = await zone.post("/api/reports/files", { period: "2025-H1", format: "xlsx" });
    expect(res.statusCode, res.body).toBe(202);
    const done = await settled(zone, (res.json() as ReportFile).id);
    expect(done.status).toBe("done");
    const file = await zone.get(`/api/reports/files/${done.id}/content`);
    expect(file.headers["content-type"]).toContain("spreadsheetml");
    expect(readZipEntry(file.rawPayload as Buffer, "xl/workbook.xml")).toBeTruthy();
  });

  it("refuses a bad period or format in Vietnamese, and anonymous callers", async () => {
    const bad = await lead.post("/api/reports/files", { period: "2025-Q9", format: "docx" });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("Kỳ báo cáo không hợp lệ");
    const fmt = await lead.post("/api/reports/files", { format: "pdf" });
    expect(fmt.statusCode).toBe(400);
    expect(fmt.body).toContain("Định dạng tệp là docx");
    expect((await t.app.inject({ method: "GET", url: "/api/reports/files" })).statusCode).toBe(401);
  });

  it("another body's user gets 404 for a file and does not see it listed", async () => {
    const res = await lead.post("/api/reports/files", { period: "2025", format: "xlsx" });
    const id = (res.json() as ReportFile).id;
    await settled(lead, id);
    expect((await other.get(`/api/reports/files/${id}`)).statusCode).toBe(404);
    expect((await other.get(`/api/reports/files/${id}/content`)).statusCode).toBe(404);
    const list = (await other.get("/api/reports/files")).json() as { items: ReportFile[] };
    expect(list.items.map((f) => f.id)).not.toContain(id);
  });

  it("answers 409 report_not_ready while the file is queued", async () => {
    // A row no job was sent for: it stays queued.
    const [row] = await t.database.rows<{ id: number }>(
      sql`INSERT INTO report_files (requested_by, period, format, expires_at) VALUES (${leadId}, '2025', 'docx', now() + interval '1 day') RETURNING id`,
    );
    const res = await lead.get(`/api/reports/files/${row?.id}/content`);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: "report_not_ready", title: "Tệp báo cáo chưa sẵn sàng" });
  });

  it("a generation that fails marks the file failed with its error; a file done is never generated again", async () => {
    const [row] = await t.database.rows<{ id: number }>(
      sql`INSERT INTO report_files (requested_by, period, format, expires_at) VALUES (${leadId}, '2025-Q9', 'docx', now() + interval '1 day') RETURNING id`,
    );
    const id = row?.id ?? 0;
    const run = { database: t.database, attempt: 1, log: () => undefined };
    await generateReportFile({ ...run, token: "a" }, id, false, "http://x");
    const failed = (await lead.get(`/api/reports/files/${id}`)).json() as ReportFile;
    expect(failed.status).toBe("failed");
    expect(failed.error).toContain("Kỳ báo cáo không hợp lệ");
    expect((await lead.get(`/api/reports/files/${id}/content`)).statusCode).toBe(409);

    // A file generated by a run…
    const [row2] = await t.database.rows<{ id: number }>(
      sql`INSERT INTO report_files (requested_by, period, format, expires_at) VALUES (${leadId}, '2025', 'docx', now() + interval '1 day') RETURNING id`,
    );
    const id2 = row2?.id ?? 0;
    await generateReportFile({ ...run, token: "b" }, id2, false, "http://x");
    const [done] = await t.database.rows<{ status: string; n: number }>(sql`SELECT status, attempts AS n FROM report_files WHERE id = ${id2}`);
    expect(done).toEqual({ status: "done", n: 1 });
    // Run again (a retry after the worker died past its commit): finds it done, changes nothing.
    await generateReportFile({ ...run, token: "c", attempt: 2 }, id2, true, "http://x");
    const [again] = await t.database.rows<{ status: string; n: number }>(sql`SELECT status, attempts AS n FROM report_files WHERE id = ${id2}`);
    expect(again).toEqual({ status: "done", n: 1 });
  });

  it("a run whose claim was taken by another stores nothing", async () => {
    const [row] = await t.database.rows<{ id: number }>(
      sql`INSERT INTO report_files (requested_by, period, format, expires_at) VALUES (${leadId}, '2025', 'xlsx', now() + interval '1 day') RETURNING id`,
    );
    const id = row?.id ?? 0;
    let taken = false;
    // The log line after the claim is where this run stalls; another worker claims the file meanwhile.
    const log = () => {
      if (taken) return;
      taken = true;
      void t.database.rows(sql`UPDATE report_files SET claim_token = 'other' WHERE id = ${id}`);
    };
    await generateReportFile({ database: t.database, attempt: 1, token: "stalled", log }, id, false, "http://x");
    const [r] = await t.database.rows<{ status: string; hasContent: boolean }>(
      sql`SELECT status, content IS NOT NULL AS "hasContent" FROM report_files WHERE id = ${id}`,
    );
    expect(r).toEqual({ status: "running", hasContent: false });
  });

  it("the cleanup deletes the expired files only", async () => {
    const ins = (expires: string) =>
      t.database.rows<{ id: number }>(
        sql`INSERT INTO report_files (requested_by, period, format, expires_at) VALUES (${leadId}, '2025', 'docx', now() + ${expires}::interval) RETURNING id`,
      );
    const [old] = await ins("-1 hour");
    const [fresh] = await ins("1 hour");
    expect(await cleanupReportFiles(t.database)).toBeGreaterThanOrEqual(1);
    const left = await t.database.rows<{ id: number }>(sql`SELECT id FROM report_files WHERE id IN (${old?.id}, ${fresh?.id})`);
    expect(left.map((r) => r.id)).toEqual([fresh?.id]);
  });
});
