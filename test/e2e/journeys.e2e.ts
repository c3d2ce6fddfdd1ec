import { readFileSync } from "node:fs";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readZipEntry } from "../support/unzip.ts";
import { DESKTOP, type E2E, PHONE, loginAs, newPage, shot, startE2E } from "./harness.ts";

/** The registry and reporting journeys of issue 8, as a person does them in the browser. */
let e2e: E2E;
const dir = mkdtempSync(path.join(tmpdir(), "caunoi-journey-"));
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => e2e?.close());

async function memberFile(name: string, rows: (string | Date)[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Đoàn viên");
  ws.addRow(["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Công đoàn cơ sở", "Ngày vào công đoàn"]);
  for (const [i, r] of rows.entries()) ws.addRow([i + 1, ...r]);
  const file = path.join(dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

describe("an officer imports members from Excel", () => {
  it("sees every bad row in the dry run, fixes the file and imports it whole", async () => {
    const [union] = await e2e.database.rows<{ code: string }>(
      sql`SELECT u.code FROM unions u JOIN bodies b ON b.id = u.id JOIN bodies z ON z.id = b.parent_id WHERE z.code = 'CDKKT' ORDER BY u.id LIMIT 1`,
    );
    const code = union?.code ?? "";
    const good = [
      ["Nguyễn Thị Thu Trang", "12/05/1996", "Nữ", "031196700101", code, "01/03/2026"],
      ["Ðặng Văn Ðức", "1990-07-20", "Nam", "031090700102", code, "01/03/2026"],
      ["Trần Minh Khôi", "03/11/2001", "Nam", "031201700103", code, "15/03/2026"],
    ];
    const bad = [
      ...good,
      ["Lê Thị Hoa", "31/02/1995", "Nữ", "031195700104", code, "01/03/2026"],
      ["Phạm Văn Nam", "01/01/1993", "Nam", "12345", code, "01/03/2026"],
    ];
    const { context, page } = await newPage(e2e, DESKTOP);
    await loginAs(page, "cdkkt.canbo");
    await page.goto("/staff/registry/import");
    await page.locator("input[type=file]").setInputFiles(await memberFile("co-loi.xlsx", bad));
    await page.getByRole("button", { name: "Kiểm tra thử" }).click();
    await page.getByText("Kiểm tra xong: chưa ghi gì vào sổ.").waitFor({ timeout: 60_000 });
    // Both bad rows are named (rows 5 and 6 of the sheet: the header is row 1).
    await page.getByRole("cell", { name: "5", exact: true }).first().waitFor();
    await page.getByRole("cell", { name: "6", exact: true }).first().waitFor();
    await shot(page, "import-dry-run-errors-desktop");
    const before = await e2e.database.rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM people WHERE citizen_id LIKE '0311%70010_' OR citizen_id LIKE '0310%70010_'`,
    );

    await page.locator("input[type=file]").setInputFiles(await memberFile("da-sua.xlsx", good));
    await page.getByRole("button", { name: "Nhập vào sổ" }).click();
    await page.getByText("Đã nhập vào sổ").first().waitFor({ timeout: 60_000 });
    await shot(page, "import-committed-desktop");
    const after = await e2e.database.rows<{ n: number; d: number }>(
      sql`SELECT count(*)::int AS n, count(*) FILTER (WHERE family_name = 'Đặng')::int AS d FROM people WHERE citizen_id IN ('031196700101','031090700102','031201700103')`,
    );
    expect(before[0]?.n).toBe(0);
    expect(after[0]).toEqual({ n: 3, d: 1 });
    await context.close();
  });
});

describe("the zone authority imports enterprises from Excel", () => {
  it("picks enterprises, sees the bad row in the dry run, fixes it and imports; the same file again changes nothing", async () => {
    const [zone] = await e2e.database.rows<{ name: string }>(sql`SELECT name FROM zones ORDER BY id LIMIT 1`);
    const file = async (name: string, women: number) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet("Doanh nghiệp");
      ws.addRow(["Mã số thuế", "Tên doanh nghiệp", "Loại hình sở hữu", "Khu công nghiệp", "Ngành nghề", "Tổng số lao động", "Lao động nữ", "Ngày thành lập"]);
      ws.addRow(["0201999901", "Công ty TNHH Hành Trình Một", "FDI", zone?.name, "May mặc", 500, 300, new Date(Date.UTC(2014, 2, 1))]);
      ws.addRow(["0201999902", "Công ty CP Hành Trình Hai", "Tư nhân trong nước", zone?.name, "Cơ khí", 200, women, "15/08/2019"]);
      const out = path.join(dir, name);
      await wb.xlsx.writeFile(out);
      return out;
    };
    const { context, page } = await newPage(e2e, DESKTOP);
    await loginAs(page, "bql.canbo");
    await page.goto("/staff/registry/import");
    await page.locator(".mantine-SegmentedControl-label", { hasText: "Doanh nghiệp" }).click();
    await page.getByRole("heading", { name: "Nhập doanh nghiệp từ Excel / CSV" }).waitFor();
    await page.locator("input[type=file]").setInputFiles(await file("dn-co-loi.xlsx", 250));
    await page.getByRole("button", { name: "Kiểm tra thử" }).click();
    await page.getByText("Kiểm tra xong: chưa ghi gì vào sổ.").waitFor({ timeout: 60_000 });
    await page.getByText("Lao động nữ (250) lớn hơn tổng số lao động (200)").waitFor();
    await shot(page, "import-enterprises-dry-run-desktop");
    await page.locator("input[type=file]").setInputFiles(await file("dn-da-sua.xlsx", 90));
    await page.getByRole("button", { name: "Nhập vào sổ" }).click();
    await page.getByText("Đã nhập vào sổ").first().waitFor({ timeout: 60_000 });
    const made = await e2e.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM enterprises WHERE tax_code IN ('0201999901', '0201999902')`);
    expect(made[0]?.n).toBe(2);
    // The same file again: a second import run, which changes nothing.
    await page.getByRole("button", { name: "Nhập vào sổ" }).click();
    const imports = () =>
      e2e.database.rows<{ unchanged: number }>(
        sql`SELECT (detail->>'unchanged')::int AS unchanged FROM audit_log WHERE action = 'import' AND object_type = 'enterprises' ORDER BY id`,
      );
    await expect.poll(async () => (await imports()).length, { timeout: 60_000 }).toBe(2);
    expect((await imports())[1]?.unchanged).toBe(2);
    await context.close();
  });
});

describe("a leader", () => {
  it("opens the dashboard on a phone and downloads the joint report on a desktop", async () => {
    const phone = await newPage(e2e, PHONE);
    await loginAs(phone.page, "lanhdao");
    await phone.page.getByRole("heading", { name: "Bảng điều khiển" }).waitFor();
    await shot(phone.page, "dashboard-phone");
    await phone.context.close();

    const { context, page } = await newPage(e2e, DESKTOP);
    await loginAs(page, "lanhdao");
    await page.goto("/staff/reports/joint");
    await page.getByRole("heading", { name: "Báo cáo liên tịch" }).waitFor();
    // The file is generated on the job queue: "Tạo tệp", then its row in the recent files turns ready.
    await page.getByRole("button", { name: "Tạo tệp" }).click();
    const ready = page.getByRole("button", { name: "Tải về" }).first();
    await ready.waitFor({ timeout: 60_000 });
    await page.getByText("Tệp đã tạo gần đây").waitFor();
    const downloading = page.waitForEvent("download");
    await ready.click();
    const file = path.join(dir, "bao-cao.docx");
    await (await downloading).saveAs(file);
    const xml = readZipEntry(readFileSync(file), "word/document.xml") ?? "";
    expect(xml).toContain("KẾT QUẢ THỰC HIỆN");
    expect(xml).toContain("NHIỆM VỤ TRỌNG TÂM");
    await page.setViewportSize({ width: 1440, height: 900 });
    await shot(page, "joint-report-desktop");
    await context.close();

    // On a phone: the recent files (with the one just made) fit the width.
    const small = await newPage(e2e, { width: 390, height: 844 });
    await loginAs(small.page, "lanhdao");
    await small.page.goto("/staff/reports/joint");
    await small.page.getByRole("button", { name: "Tải về" }).first().waitFor();
    expect(await small.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    await shot(small.page, "joint-report-phone");
    await small.context.close();
  });
});
