import { readFileSync } from "node:fs";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readZipEntry } from "#server/modules/reporting/unzip.ts";
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
    const downloading = page.waitForEvent("download");
    await page.getByRole("button", { name: "Tải báo cáo (.docx)" }).click();
    const file = path.join(dir, "bao-cao.docx");
    await (await downloading).saveAs(file);
    const xml = readZipEntry(readFileSync(file), "word/document.xml") ?? "";
    expect(xml).toContain("KẾT QUẢ THỰC HIỆN");
    expect(xml).toContain("NHIỆM VỤ TRỌNG TÂM");
    await shot(page, "joint-report-desktop");
    await context.close();
  });
});
