import { readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type E2E, loginAs, newPage, shot, startE2E } from "./harness.ts";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => e2e?.close());

const PHONE_390 = { width: 390, height: 844 };
const DESKTOP_1440 = { width: 1440, height: 900 };

/** The figures the HR officer types into the template; the lowest wage is under any region's floor. */
const figures: Record<string, number | string> = {
  workforce: 812,
  women: 530,
  men: 282,
  contractIndefinite: 600,
  contractFixed: 200,
  contractOther: 12,
  foreigners: 9,
  hires: 75,
  leavers: 41,
  lowestWage: 3_200_000,
  averageWage: 9_100_000,
  overtimeHours: 24_000,
  insured: 800,
  accidents: 2,
  accidentDeaths: 0,
  hasAgreement: "Có",
  hasUnion: "Có",
};

describe("the enterprise's half-yearly labour report", () => {
  it("is uploaded from the template on a phone, the wage under the floor is caught before submitting, fixed and submitted; the officer accepts it", async () => {
    const [ent] = await e2e.database.rows<{ id: number; name: string }>(
      sql`SELECT e.id, e.name FROM users u JOIN enterprises e ON e.id = u.body_id WHERE u.username = 'doanhnghiep'`,
    );
    expect(ent).toBeDefined();
    const before = await e2e.database.rows(sql`SELECT 1 FROM labor_reports WHERE enterprise_id = ${ent?.id} AND workforce = 812`);
    expect(before).toHaveLength(0);

    // The HR officer, on a phone: downloads the template from the page and fills it in.
    const { context, page } = await newPage(e2e, PHONE_390);
    await loginAs(page, "doanhnghiep");
    await page.goto("/staff/labour/report");
    await page.getByRole("heading", { name: "Báo cáo tình hình lao động 6 tháng" }).waitFor();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Tải tệp mẫu Excel" }).click()]);
    const template = await readFile((await download.path()) as string);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template as unknown as ArrayBuffer);
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    ws.eachRow((row) => {
      const key = String(row.getCell(1).value);
      if (key in figures) row.getCell(3).value = figures[key] as number | string;
    });
    const filled = path.join(tmpdir(), `bao-cao-lao-dong-${Date.now()}.xlsx`);
    await writeFile(filled, Buffer.from(await wb.xlsx.writeBuffer()));

    await page.locator('input[type="file"]').setInputFiles(filled);
    // Caught before submitting, under the field itself.
    const wageField = page.getByLabel("Lương thấp nhất (đồng/tháng)");
    await page
      .getByText(/thấp hơn lương tối thiểu Vùng/)
      .first()
      .waitFor();
    await expect.poll(() => wageField.getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByLabel("Tổng số lao động").inputValue()).toBe("812");
    await shot(page, "labour-report-wage-caught-phone");
    expect(await e2e.database.rows(sql`SELECT 1 FROM labour_submissions WHERE enterprise_id = ${ent?.id}`)).toHaveLength(0);

    // Submitting anyway is refused by the server with the same reason.
    await page.getByRole("button", { name: "Nộp báo cáo" }).click();
    await page.getByText("Báo cáo lao động chưa đạt kiểm tra").waitFor();
    expect(await e2e.database.rows(sql`SELECT 1 FROM labour_submissions WHERE enterprise_id = ${ent?.id}`)).toHaveLength(0);

    // The typing slip fixed: the check passes, the report goes in.
    await wageField.fill("5.800.000");
    await page.getByRole("button", { name: "Kiểm tra" }).click();
    await page.getByText("Số liệu hợp lệ, có thể nộp").waitFor();
    await page.getByRole("button", { name: "Nộp báo cáo" }).click();
    await page.getByText("Đã nộp báo cáo, chờ Ban Quản lý xem xét").first().waitFor();
    await page.getByText("Đã nộp, chờ duyệt").first().waitFor();
    await shot(page, "labour-report-submitted-phone");
    await context.close();
    const [sub] = await e2e.database.rows<{ id: number; source: string; lowest: number }>(
      sql`SELECT id, source, lowest_wage::int AS lowest FROM labour_submissions WHERE enterprise_id = ${ent?.id}`,
    );
    expect(sub).toMatchObject({ source: "excel", lowest: 5_800_000 });

    // The zone authority's officer accepts it on a desktop.
    const officer = await newPage(e2e, DESKTOP_1440);
    await loginAs(officer.page, "bql.canbo");
    await officer.page.goto("/staff/labour/submissions");
    await officer.page.getByRole("heading", { name: "Báo cáo lao động doanh nghiệp nộp" }).waitFor();
    await officer.page
      .getByText(ent?.name as string)
      .first()
      .click();
    await officer.page.getByRole("button", { name: "Chấp nhận" }).waitFor();
    await shot(officer.page, "labour-review-desktop");
    await officer.page.getByRole("button", { name: "Chấp nhận" }).click();
    await officer.page.getByText("Đã chấp nhận báo cáo").first().waitFor();
    await officer.page.goto("/staff/labour/overdue");
    await officer.page.getByRole("heading", { name: "Doanh nghiệp chậm nộp, chưa nộp báo cáo lao động" }).waitFor();
    await shot(officer.page, "labour-overdue-desktop");
    await officer.context.close();

    // The same pages at the other size: the enterprise's page on a desktop, the officer's list on a phone.
    const deskEnt = await newPage(e2e, DESKTOP_1440);
    await loginAs(deskEnt.page, "doanhnghiep");
    await deskEnt.page.goto("/staff/labour/report");
    await deskEnt.page.getByText("Đã chấp nhận").first().waitFor();
    await shot(deskEnt.page, "labour-report-desktop");
    await deskEnt.context.close();
    const phoneOfficer = await newPage(e2e, PHONE_390);
    await loginAs(phoneOfficer.page, "bql.canbo");
    await phoneOfficer.page.goto("/staff/labour/submissions");
    await phoneOfficer.page
      .getByText(ent?.name as string)
      .first()
      .waitFor();
    await shot(phoneOfficer.page, "labour-review-phone");
    await phoneOfficer.context.close();

    const record = await e2e.database.rows<{ workforce: number; lowest: number }>(
      sql`SELECT workforce, lowest_wage AS lowest FROM labor_reports WHERE enterprise_id = ${ent?.id} ORDER BY filed_at DESC, id DESC LIMIT 1`,
    );
    expect(record[0]).toMatchObject({ workforce: 812, lowest: 5_800_000 });
  }, 240_000);
});
