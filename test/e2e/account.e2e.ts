import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, type E2E, loginAs, newPage, shot, startE2E } from "./harness.ts";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => e2e?.close());

const PHONE_390 = { width: 390, height: 844 };

describe("changing one's own password", () => {
  it("refuses a common password in Vietnamese, then changes it; the old one no longer signs in", async () => {
    const { context, page } = await newPage(e2e, PHONE_390);
    await loginAs(page, "ldld.canbo");
    await page.goto("/staff/account");
    await page.getByRole("heading", { name: "Đổi mật khẩu" }).waitFor();
    await page.getByLabel("Mật khẩu hiện tại").fill(DEMO_PASSWORD);
    await page.getByLabel(/^Mật khẩu mới/).fill("password12");
    await page.getByLabel("Nhập lại mật khẩu mới").fill("password12");
    await page.getByRole("button", { name: "Đổi mật khẩu" }).click();
    await page.getByText(/danh sách mật khẩu phổ biến/).waitFor();
    await shot(page, "account-password-refused-phone");
    await page.getByLabel(/^Mật khẩu mới/).fill("Song-Cam-1902-bien");
    await page.getByLabel("Nhập lại mật khẩu mới").fill("Song-Cam-1902-bien");
    await page.getByRole("button", { name: "Đổi mật khẩu" }).click();
    await page.getByText("Đã đổi mật khẩu").first().waitFor();
    await context.close();

    const old = await e2e.app.inject({ method: "POST", url: "/api/auth/login", payload: { username: "ldld.canbo", password: DEMO_PASSWORD } });
    expect(old.statusCode).toBe(401);
    const desk = await newPage(e2e, { width: 1440, height: 900 });
    await loginAs(desk.page, "ldld.canbo", "Song-Cam-1902-bien");
    await desk.page.goto("/staff/account");
    await desk.page.getByRole("heading", { name: "Đổi mật khẩu" }).waitFor();
    await shot(desk.page, "account-password-desktop");
    await desk.context.close();
  });
});

describe("a campaign seen by a body that reads no people", () => {
  it("shows the Mass Mobilization officer the campaign's totals without the lists that name workers", async () => {
    const [camp] = await e2e.database.rows<{ id: number }>(sql`SELECT id FROM care_campaigns ORDER BY id LIMIT 1`);
    for (const [name, viewport] of [
      ["phone", PHONE_390],
      ["desktop", { width: 1440, height: 900 }],
    ] as const) {
      const { context, page } = await newPage(e2e, viewport);
      await loginAs(page, "bdv.canbo");
      await page.goto(`/staff/care/campaigns/${camp?.id}`);
      await page.getByRole("heading").first().waitFor();
      await page.waitForLoadState("networkidle");
      expect(await page.getByRole("tab", { name: "Danh sách người nhận" }).count()).toBe(0);
      expect(await page.getByText(/Không có quyền|forbidden/i).count()).toBe(0);
      await shot(page, `care-campaign-mmc-${name}`);
      await context.close();
    }
  });
});
