import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DESKTOP, type E2E, loginAs, newPage, shot, startE2E } from "./harness.ts";

/**
 * Issue #15 in a browser: a worker files a named complaint on a 390 px phone under the privacy notice,
 * opens "Quyền dữ liệu của tôi" typing the code and secret in lower case without dashes, and withdraws
 * consent; an officer forwards a summary to the enterprise, whose account then sees that summary only.
 */
const PHONE390 = { width: 390, height: 844 };
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => e2e?.close());

describe("a worker's data rights and the employer's view", () => {
  it("files, reads what is held, withdraws consent; the enterprise sees only the officer's summary", async () => {
    const [rep] = await e2e.database.rows<{ id: number; name: string }>(
      sql`SELECT e.id, e.name FROM users u JOIN enterprises e ON e.id = u.body_id WHERE u.username = 'doanhnghiep'`,
    );
    if (!rep) throw new Error("no enterprise account in the demo city");
    const worker = await newPage(e2e, PHONE390);
    const w = worker.page;
    await w.goto("/gui-yeu-cau");
    await w.getByLabel("Khiếu nại").check();
    await w.getByLabel("Về vấn đề").selectOption({ label: "Làm thêm giờ" });
    const lookup = w.waitForResponse((r) => r.url().includes("/api/public/enterprises"));
    await w.getByLabel("Doanh nghiệp", { exact: true }).fill(rep.name);
    await lookup;
    await w.getByLabel(/Tiêu đề ngắn/).fill("Tổ trưởng chuyền 3 quấy rối, ép tăng ca");
    await w.getByLabel(/Nội dung/).fill("Tổ trưởng chuyền 3 ép cả tổ tăng ca đến 22 giờ và quát mắng người không ở lại.");
    await w.getByLabel("Họ và tên").fill("Phạm Thị Thu");
    await w.getByLabel("Số điện thoại").fill("0912777888");
    await expect.poll(() => w.getByText("Doanh nghiệp KHÔNG nhận được tên").count()).toBeGreaterThan(0);
    await shot(w, "privacy-ask-phone");
    await w.getByLabel("Tôi đã đọc và đồng ý").check();
    const submitted = w.waitForResponse((r) => r.url().endsWith("/api/public/requests") && r.request().method() === "POST", { timeout: 60_000 });
    await w.getByRole("button", { name: "Gửi yêu cầu" }).click();
    const { code, secret } = (await (await submitted).json()) as { code: string; secret: string };

    await w.goto("/quyen-du-lieu");
    await w.getByLabel("Mã theo dõi").fill(code.replace(/-/g, "").toLowerCase());
    await w.getByLabel("Mật mã").fill(secret.replace(/-/g, " ").toLowerCase());
    await w.getByRole("button", { name: "Xem dữ liệu" }).click();
    await expect.poll(() => w.getByText("Họ tên: Phạm Thị Thu").count()).toBe(1);
    await shot(w, "privacy-rights-phone");
    await w.getByLabel("Rút lại sự đồng ý").check();
    await w.getByRole("button", { name: "Gửi yêu cầu" }).click();
    await expect.poll(() => w.getByText("Không lưu thông tin nhận dạng nào của bạn.").count()).toBe(1);
    await shot(w, "privacy-rights-withdrawn-phone");
    const desk = await newPage(e2e, DESKTOP);
    await desk.page.goto("/quyen-du-lieu");
    await desk.page.getByLabel("Mã theo dõi").fill(code);
    await desk.page.getByLabel("Mật mã").fill(secret);
    await desk.page.getByRole("button", { name: "Xem dữ liệu" }).click();
    await expect.poll(() => desk.page.getByText("Các yêu cầu về dữ liệu").count()).toBe(1);
    await shot(desk.page, "privacy-rights-desktop");

    // The enterprise knows nothing yet; an officer forwards a summary.
    const [req] = await e2e.database.rows<{ id: number }>(sql`SELECT id FROM voice_requests WHERE code = ${code}`);
    const officer = await newPage(e2e, DESKTOP);
    await loginAs(officer.page, "admin", "Admin-e2e-12345");
    await officer.page.goto(`/staff/requests/${req?.id}`);
    const summary = "Đề nghị doanh nghiệp rà soát việc bố trí làm thêm giờ và thái độ ứng xử của người quản lý theo nội quy lao động.";
    await officer.page.getByLabel("Tóm tắt cho doanh nghiệp").fill(summary);
    await officer.page.getByLabel("Tôi xác nhận bản tóm tắt không để lộ người gửi").check();
    await shot(officer.page, "privacy-forward-desktop");
    const forwarded = officer.page.waitForResponse((r) => r.url().endsWith("/forward"));
    await officer.page.getByRole("button", { name: "Chuyển doanh nghiệp" }).click();
    expect((await forwarded).status()).toBe(200);

    for (const [viewport, name] of [
      [PHONE390, "privacy-enterprise-phone"],
      [DESKTOP, "privacy-enterprise-desktop"],
    ] as const) {
      const ent = await newPage(e2e, viewport);
      await loginAs(ent.page, "doanhnghiep");
      await ent.page.goto("/staff/requests");
      await expect.poll(() => ent.page.getByText(summary).count()).toBe(1);
      const html = await ent.page.content();
      expect(html).not.toContain("chuyền 3");
      expect(html).not.toContain("Phạm Thị Thu");
      await shot(ent.page, name);
    }

    const admin = await newPage(e2e, DESKTOP);
    await loginAs(admin.page, "ldld.quantri");
    await admin.page.goto("/staff/privacy");
    await shot(admin.page, "privacy-staff-desktop");
    await expect.poll(() => admin.page.getByText("Yêu cầu của chủ thể dữ liệu").count()).toBeGreaterThan(0);
    await shot(admin.page, "privacy-staff-desktop");
    const phoneAdmin = await newPage(e2e, PHONE390);
    await loginAs(phoneAdmin.page, "ldld.quantri");
    await phoneAdmin.page.goto("/staff/privacy");
    await shot(phoneAdmin.page, "privacy-staff-phone");
  }, 240_000);
});
