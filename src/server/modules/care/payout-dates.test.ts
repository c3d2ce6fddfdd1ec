import ExcelJS from "exceljs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, vnToday } from "#shared/clock.ts";
import { formatDate } from "#shared/text.ts";
import { Client, type TestApp, createTestApp } from "../../../../test/support/app.ts";
import { type TestCity, buildCity, buildEnterprise, buildPerson, buildUnion, buildUser } from "../../../../test/support/factories.ts";

/** A payout received after today is a typing mistake (2027 for 2026): refused by hand, by nomination and by import. */
let t: TestApp;
let city: TestCity;
let fed: Client;
let ent: { id: number };
let union: { id: number; name: string };
let campaignId: number;

beforeAll(async () => {
  t = await createTestApp();
  city = await buildCity(t.database);
  ent = await buildEnterprise(t.database, city, { name: "Công ty TNHH Ngày Nhận" });
  union = await buildUnion(t.database, city, ent.id, "Công đoàn cơ sở Công ty TNHH Ngày Nhận");
  const u = await buildUser(t.database, "officer", city.federation);
  fed = new Client(t.app);
  await fed.login(u.username, u.password);
  const today = vnToday();
  const res = await fed.post("/api/care/campaigns", {
    name: "Đợt kiểm thử ngày nhận",
    purpose: "hardship",
    startsOn: addDays(today, -30),
    endsOn: addDays(today, 60),
    kinds: ["cash"],
    budget: 10_000_000,
    eligibility: { membersOnly: false },
  });
  expect(res.statusCode).toBe(201);
  campaignId = res.json().id;
});
afterAll(async () => t.close());

async function upload(rows: (string | number | undefined)[][], query: string) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Danh sách");
  ws.addRow(["Họ và tên", "Số CCCD", "Công đoàn cơ sở", "Hình thức", "Số tiền", "Ngày nhận"]);
  for (const r of rows) ws.addRow(r);
  const file = Buffer.from(await wb.xlsx.writeBuffer());
  const boundary = "----caunoi-dates";
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="ds.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return fed.request({
    method: "POST",
    url: `/api/care/campaigns/${campaignId}/payouts/import?${query}`,
    payload,
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  });
}

async function identity(personId: number) {
  const [row] = await t.database.rows<{ citizenId: string; fullName: string }>(
    sql`SELECT citizen_id AS "citizenId", full_name AS "fullName" FROM people WHERE id = ${personId}`,
  );
  return row ?? { citizenId: "", fullName: "" };
}

describe("the beneficiary import, like the member import", () => {
  it("offers a template whose headings the import reads", async () => {
    const res = await fed.request({ method: "GET", url: "/api/care/payouts/import-template" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-disposition"]).toContain("mau-danh-sach-nhan-ho-tro.xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const heads = ((wb.getWorksheet("Danh sách nhận hỗ trợ")?.getRow(1).values ?? []) as unknown[]).filter(Boolean);
    expect(heads).toEqual(expect.arrayContaining(["Họ và tên", "Số CCCD", "Số tiền", "Ngày nhận"]));
    expect(wb.getWorksheet("Hướng dẫn")).toBeDefined();
    expect((await t.app.inject({ method: "GET", url: "/api/care/payouts/import-template" })).statusCode).toBe(401);
  });

  it("skips bad rows when asked, writes the good ones and names the skipped rows in the audit", async () => {
    const good = await identity((await buildPerson(t.database, { enterpriseId: ent.id, unionId: union.id })).id);
    const bad = await identity((await buildPerson(t.database, { enterpriseId: ent.id, unionId: union.id })).id);
    const rows = [
      [good.fullName, good.citizenId, union.name, "Tiền mặt", 700000, formatDate(vnToday())],
      [bad.fullName, bad.citizenId, union.name, "Tiền mặt", "bảy trăm", formatDate(vnToday())],
    ];
    const strict = await upload(rows, "dryRun=false");
    expect(strict.json()).toMatchObject({ committed: false, rejected: 1 });
    const skipping = await upload(rows, "dryRun=false&skipInvalid=true");
    expect(skipping.statusCode).toBe(200);
    expect(skipping.json()).toMatchObject({ committed: true, created: 1, rejected: 1 });
    expect(skipping.json().errors).toEqual([expect.objectContaining({ row: 3, code: "invalid_amount" })]);
    const [audit] = await t.database.rows<{ detail: { skippedRows?: number[] } }>(
      sql`SELECT detail FROM audit_log WHERE action = 'import' AND object_type = 'care_campaign' AND object_id = ${String(campaignId)} ORDER BY id DESC LIMIT 1`,
    );
    expect(audit?.detail.skippedRows).toEqual([3]);
  });
});

describe("payout dates", () => {
  it("refuses a payout received after today, under paidOn, and takes today", async () => {
    const p = await buildPerson(t.database, { enterpriseId: ent.id, unionId: union.id });
    const tomorrow = addDays(vnToday(), 1);
    const late = await fed.post(`/api/care/campaigns/${campaignId}/payouts`, { personId: p.id, kind: "cash", amount: 500_000, paidOn: tomorrow });
    expect(late.statusCode).toBe(400);
    expect(late.json().errors).toEqual([{ pointer: "/body/paidOn", message: `Ngày không được sau hôm nay (${formatDate(vnToday())})` }]);
    const ok = await fed.post(`/api/care/campaigns/${campaignId}/payouts`, { personId: p.id, kind: "cash", amount: 500_000, paidOn: vnToday() });
    expect(ok.statusCode).toBe(201);
  });

  it("names the import row whose date of receipt is after today", async () => {
    const p = await buildPerson(t.database, { enterpriseId: ent.id, unionId: union.id });
    const [row] = await t.database.rows<{ citizenId: string; fullName: string }>(
      sql`SELECT citizen_id AS "citizenId", full_name AS "fullName" FROM people WHERE id = ${p.id}`,
    );
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Danh sách");
    ws.addRow(["Họ và tên", "Số CCCD", "Công đoàn cơ sở", "Hình thức", "Số tiền", "Ngày nhận"]);
    ws.addRow([row?.fullName, row?.citizenId, union.name, "Tiền mặt", 500000, formatDate(addDays(vnToday(), 40))]);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const boundary = "----caunoi-dates";
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="ds.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      file,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await fed.request({
      method: "POST",
      url: `/api/care/campaigns/${campaignId}/payouts/import?dryRun=true`,
      payload,
      headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().errors).toEqual([expect.objectContaining({ row: 2, column: "Ngày nhận", code: "future_date" })]);
  });
});
