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

describe("a worker's contact for notices", () => {
  it("is left on the public form by an anonymous worker on a phone, kept apart, and the receipt notice is queued", async () => {
    const { context, page } = await newPage(e2e, PHONE);
    await page.goto("/gui-yeu-cau");
    await page.getByLabel("Khiếu nại").check();
    await page.getByLabel("Về vấn đề").selectOption({ label: "Làm thêm giờ" });
    await page.getByLabel(/Tiêu đề ngắn/).fill("Bị ép tăng ca không trả lương");
    await page.getByLabel(/Nội dung/).fill("Tổ bị ép làm thêm đến 22 giờ mà không được trả lương làm thêm.");
    await page.getByLabel(/^Gửi ẩn danh/).check();
    await page.getByLabel("Nhận tin qua điện thoại (SMS, Zalo)").fill("0912 55566");
    await page.getByLabel("Tôi đã đọc và đồng ý").check();
    await page.getByRole("button", { name: "Gửi yêu cầu" }).click();
    await page.getByText("Số điện thoại không hợp lệ (ví dụ 0912345678)").first().waitFor();
    await page.getByLabel("Nhận tin qua điện thoại (SMS, Zalo)").fill("0912555666");
    await page.getByLabel("Nhận tin qua email").fill("an.danh.e2e@vidu.vn");
    await shot(page, "notify-public-form-phone");
    const submitted = page.waitForResponse((r) => r.url().endsWith("/api/public/requests") && r.request().method() === "POST", { timeout: 60_000 });
    await page.getByRole("button", { name: "Gửi yêu cầu" }).click();
    const { code } = (await (await submitted).json()) as { code: string };
    const [c] = await e2e.database.rows<{ phone: string; email: string; named: number }>(
      sql`SELECT c.phone, c.email, (SELECT count(*)::int FROM voice_requesters q WHERE q.request_id = r.id) AS named
          FROM voice_requests r JOIN notify_contacts c ON c.request_id = r.id WHERE r.code = ${code}`,
    );
    expect(c).toEqual({ phone: "0912555666", email: "an.danh.e2e@vidu.vn", named: 0 });
    const queued = await e2e.database.rows<{ channel: string }>(
      sql`SELECT channel FROM outbound_messages WHERE purpose = 'notice:receipt' AND body LIKE ${`%${code}%`} ORDER BY channel`,
    );
    expect(queued.map((q) => q.channel)).toEqual(["email", "sms"]);
    await context.close();
  }, 120_000);
});

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

  for (const [name, size] of [
    ["phone", { width: 390, height: 844 }],
    ["desktop", DESKTOP],
  ] as const) {
    it(`lets the administrator set the SMS gateway, refusing a bad brand name under its field (${name})`, async () => {
      const { context, page } = await newPage(e2e, size);
      await loginAs(page, "admin", "Admin-e2e-12345");
      await page.goto("/staff/admin/outbox");
      await page.getByRole("button", { name: "Cấu hình SMS, Zalo" }).click();
      const dialog = page.getByRole("dialog");
      await dialog.getByText("Chưa lưu mã nào.").first().waitFor();
      await dialog.getByLabel("Tên thương hiệu (brand name)").fill("Liên đoàn lao động");
      await dialog.getByRole("button", { name: "Lưu cấu hình" }).click();
      await dialog.getByText("Tên thương hiệu SMS tối đa 11 ký tự").waitFor();
      await shot(page, `notify-channels-${name}`);
      await dialog.getByLabel("Tên thương hiệu (brand name)").fill("LDLD HP");
      await dialog.getByLabel("Địa chỉ cổng (để trống: dùng biến môi trường)").first().fill("http://127.0.0.1:9/sms");
      await dialog.getByRole("button", { name: "Lưu cấu hình" }).click();
      await dialog.waitFor({ state: "detached" });
      await page.getByText("127.0.0.1:9").first().waitFor();
      // Back to no gateway, so the page's "none configured" holds for the next run.
      await page.getByRole("button", { name: "Cấu hình SMS, Zalo" }).click();
      await dialog.getByLabel("Địa chỉ cổng (để trống: dùng biến môi trường)").first().fill("");
      await dialog.getByRole("button", { name: "Lưu cấu hình" }).click();
      await dialog.waitFor({ state: "detached" });
      await context.close();
    });
  }
});
