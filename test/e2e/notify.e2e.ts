import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { submitPublic } from "#server/modules/voice/submission.service.ts";
import { DESKTOP, type E2E, PHONE, loginAs, newPage, shot, startE2E } from "./harness.ts";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => e2e?.close());

const unreadOf = async (username: string) =>
  (
    await e2e.database.rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM notify_notices n JOIN users u ON u.id = n.user_id WHERE u.username = ${username} AND n.read_at IS NULL`,
    )
  )[0]?.n ?? 0;

describe("the officer's bell", () => {
  it("shows a new request for the body with the unread count; opening it goes to the request and marks it read", async () => {
    const file = (title: string) =>
      submitPublic(
        e2e.database,
        {
          kind: "complaint",
          topic: "wages",
          title,
          description: "Công ty chậm trả lương hai tháng liền.",
          anonymous: true,
          collective: false,
          consent: true,
          notice: { phone: "0912000333" },
        },
        { ip: "127.0.0.1", requestId: "e2e-bell", channel: "web" },
      );
    const { code } = await file("Chậm trả lương tháng 11");
    const unread = await unreadOf("ldld.canbo");
    expect(unread).toBeGreaterThan(0);

    const { context, page } = await newPage(e2e, DESKTOP);
    await loginAs(page, "ldld.canbo");
    const bell = page.getByRole("button", { name: `${unread} thông báo chưa đọc` });
    await bell.waitFor();
    await bell.click();
    const item = page.getByRole("link", { name: new RegExp(`Yêu cầu mới gửi đơn vị: ${code}`) });
    await item.waitFor();
    await page.getByText("Nhận bản tin email lúc 07:00 mỗi ngày").waitFor();
    await shot(page, "notify-bell-desktop");
    await item.click();
    await page.waitForURL(/\/staff\/requests\/\d+$/);
    await page.getByText(code).first().waitFor();
    await page.getByRole("button", { name: unread - 1 ? `${unread - 1} thông báo chưa đọc` : "Thông báo" }).waitFor();
    expect(await unreadOf("ldld.canbo")).toBe(unread - 1);
    // The officer never sees the contact left for notices.
    expect(await page.content()).not.toContain("0912000333");
    await context.close();

    await file("Chậm trả lương tháng 12");
    const phone = await newPage(e2e, PHONE);
    await loginAs(phone.page, "ldld.canbo");
    await phone.page.getByTestId("bell").click();
    await phone.page.getByRole("button", { name: "Đánh dấu tất cả đã đọc" }).click();
    await phone.page.getByRole("button", { name: "Thông báo", exact: true }).waitFor();
    expect(await unreadOf("ldld.canbo")).toBe(0);
    await shot(phone.page, "notify-bell-phone");
    await phone.context.close();
  });

  it("shows the administrator the outbox, and says when no channel is configured", async () => {
    const { context, page } = await newPage(e2e, DESKTOP);
    await loginAs(page, "admin", "Admin-e2e-12345");
    await page.goto("/staff/admin/outbox");
    await page.getByRole("heading", { name: "Thông báo gửi đi" }).waitFor();
    await page.getByText(/Chưa cấu hình kênh gửi nào/).waitFor();
    await page.getByText(/Đang chờ \(\d+\)/).click();
    await page.getByText("0912***333").first().waitFor();
    await page.getByText("Báo đã tiếp nhận").first().waitFor();
    await shot(page, "notify-outbox-desktop");
    await context.close();
  });
});
