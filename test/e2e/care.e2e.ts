import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { solveChallenge } from "#server/modules/voice/pow.ts";
import { DESKTOP, type E2E, PHONE, loginAs, newPage, shot, startE2E } from "./harness.ts";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => e2e?.close());

async function csrf(page: Page) {
  return ((await (await page.request.get("/api/auth/me")).json()) as { csrfToken: string }).csrfToken;
}

describe("care: the judged scenario in the browser", () => {
  it("imports a Tết list that repeats a person: the wizard shows the row-level refusal, then records the corrected list", async () => {
    const { context, page } = await newPage(e2e, DESKTOP);
    await loginAs(page, "ldld.canbo");
    const camp = await (
      await page.request.post("/api/care/campaigns", {
        headers: { "x-csrf-token": await csrf(page) },
        data: { name: "Tết bổ sung kiểm thử", purpose: "tet", startsOn: "2026-01-05", endsOn: "2026-02-15", kinds: ["cash", "gift"], eligibility: {} },
      })
    ).json();
    const people = await e2e.database.rows<{ fullName: string; citizenId: string }>(
      sql`SELECT p.full_name AS "fullName", p.citizen_id AS "citizenId" FROM people p JOIN memberships m ON m.person_id = p.id AND m.valid_to IS NULL
          WHERE p.citizen_id IS NOT NULL ORDER BY p.id LIMIT 2`,
    );
    const [a, b] = people;
    if (!a || !b) throw new Error("seed has no members");
    const dir = mkdtempSync(path.join(tmpdir(), "care-e2e-"));
    const write = async (name: string, rows: (string | number)[][]) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet("Danh sách");
      ws.addRow(["STT", "Họ và tên", "Số CCCD", "Ngày sinh", "Công đoàn cơ sở", "Hình thức", "Số tiền", "Ngày nhận"]);
      for (const [i, r] of rows.entries()) ws.addRow([i + 1, ...r]);
      const file = path.join(dir, name);
      await wb.xlsx.writeFile(file);
      return file;
    };
    const withRepeat = await write("lap.xlsx", [
      [a.fullName, a.citizenId, "", "", "Tiền mặt", "500.000", "20/01/2026"],
      [b.fullName, b.citizenId, "", "", "Quà", "300.000", "20/01/2026"],
      [a.fullName, a.citizenId, "", "", "Quà", "300.000", "21/01/2026"],
    ]);
    await page.goto(`/staff/care/campaigns/${camp.id}`);
    await page.getByRole("button", { name: "Nhập danh sách từ Excel/CSV" }).click();
    await page.locator('input[type="file"]').setInputFiles(withRepeat);
    await page.getByRole("button", { name: "Kiểm tra tệp (chưa ghi gì)" }).click();
    await page.getByText(`Người có Số CCCD ${a.citizenId} đã có ở dòng 2 của tệp`).waitFor();
    await shot(page, "care-import-refused-desktop");
    // No "record" button while a row is refused.
    expect(await page.getByRole("button", { name: /^Ghi nhận \d+ khoản/ }).count()).toBe(0);

    const fixed = await write("sua.xlsx", [
      [a.fullName, a.citizenId, "", "", "Tiền mặt", "500.000", "20/01/2026"],
      [b.fullName, b.citizenId, "", "", "Quà", "300.000", "20/01/2026"],
    ]);
    await page.locator('input[type="file"]').setInputFiles(fixed);
    await page.getByRole("button", { name: "Kiểm tra tệp (chưa ghi gì)" }).click();
    await page.getByRole("button", { name: "Ghi nhận 2 khoản hỗ trợ" }).click();
    await page.getByText("Đã ghi nhận", { exact: true }).waitFor();
    await page.getByRole("button", { name: "Đóng", exact: true }).click();
    await page
      .getByTestId("totals-sentence")
      .getByText(
        "Đã có 2 đoàn viên, NLĐ được hỗ trợ với tổng số tiền 800.000 đồng. Trong đó: 1 đoàn viên, NLĐ được hỗ trợ tiền mặt với số tiền 500.000 đồng; 1 đoàn viên, NLĐ được tặng quà, hiện vật với trị giá 300.000 đồng.",
      )
      .waitFor();
    await shot(page, "care-campaign-totals-desktop");
    await context.close();
  });

  it("a worker asks to join from a phone and follows the request by its code", async () => {
    const { context, page } = await newPage(e2e, PHONE);
    const [ent] = await e2e.database.rows<{ name: string }>(
      sql`SELECT e.name FROM enterprises e JOIN union_enterprises ue ON ue.enterprise_id = e.id WHERE e.status = 'active' ORDER BY e.id LIMIT 1`,
    );
    await page.goto("/gia-nhap-cong-doan");
    await page.getByLabel("Số điện thoại").fill("0912 345 678");
    await page.getByLabel("Họ và tên").fill("Nguyễn Thị Mơ");
    await page.getByLabel("Ngày sinh (dd/mm/yyyy)").fill("15/08/1999");
    await page.getByLabel("Số CCCD (12 chữ số)").fill("031199004321");
    await page.getByRole("combobox", { name: "Doanh nghiệp nơi bạn làm việc" }).fill(ent?.name.slice(0, 18) ?? "");
    await page.getByRole("option", { name: ent?.name ?? "" }).click();
    await page.getByLabel(/Tôi đồng ý/).check();
    await page.getByRole("button", { name: "Gửi đăng ký" }).click();
    const code = (await page.getByTestId("join-code").textContent()) ?? "";
    expect(code).toMatch(/^KN-[A-HJKMNP-TW-Z2-9]{4}-[A-HJKMNP-TW-Z2-9]{4}$/);
    // Typed by hand: lower case, no dashes (issue #15.6).
    await page.getByPlaceholder("Mã đơn (KN-…)").fill(code.replace(/-/g, "").toLowerCase());
    await page.getByRole("button", { name: "Tra cứu" }).click();
    await page.getByText("Tình trạng: Chờ xét").waitFor();
    await shot(page, "care-join-phone");
    await context.close();
  });

  it("a survey with 4 answers from one enterprise shows no breakdown for it", async () => {
    const { context, page } = await newPage(e2e, DESKTOP);
    await loginAs(page, "ldld.canbo");
    const [ent] = await e2e.database.rows<{ id: number; name: string }>(sql`SELECT id, name FROM enterprises WHERE status = 'active' ORDER BY id DESC LIMIT 1`);
    const s = await (
      await page.request.post("/api/care/surveys", {
        headers: { "x-csrf-token": await csrf(page) },
        data: {
          title: "Khảo sát bữa ăn ca",
          status: "open",
          targetEnterpriseIds: [ent?.id],
          questions: [{ kind: "single", text: "Bữa ăn ca có đủ no không?", options: ["Đủ", "Chưa đủ"] }],
        },
      })
    ).json();
    // Four workers, four devices (no shared cookie), each with a solved anti-flood challenge.
    for (let i = 0; i < 4; i++) {
      const ch = (await (await fetch(`${e2e.baseUrl}/api/public/challenge`)).json()) as { token: string; difficulty: number };
      const res = await fetch(`${e2e.baseUrl}/api/public/surveys/${s.token}/responses`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          enterpriseId: ent?.id,
          answers: { [s.questions[0].id]: "Đủ" },
          challenge: { token: ch.token, counter: solveChallenge(ch.token, ch.difficulty) },
        }),
      });
      expect(res.status).toBe(201);
    }
    await page.goto(`/staff/care/surveys/${s.id}`);
    await page.getByRole("tab", { name: "Theo doanh nghiệp" }).click();
    await page.getByText(ent?.name ?? "").waitFor();
    await page.getByText("Dưới 5 câu trả lời — không hiển thị để bảo vệ người trả lời").waitFor();
    expect(await page.getByText("Đủ", { exact: true }).count()).toBe(0);
    await shot(page, "care-survey-suppressed-desktop");
    await context.close();
  });
});
