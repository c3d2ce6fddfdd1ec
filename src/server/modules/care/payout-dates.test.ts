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
