import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DESKTOP, type E2E, loginAs, newPage, shot, startE2E } from "./harness.ts";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => e2e?.close());

const PHONE_390 = { width: 390, height: 844 };

/** The text of the error Mantine renders for an input (the element its aria-describedby names). */
async function fieldError(page: Page, label: string | RegExp): Promise<string> {
  // A required field's label ends with Mantine's " *", which Playwright reads as part of the label.
  const input = typeof label === "string" ? page.getByLabel(label, { exact: true }) : page.getByLabel(label);
  await expect.poll(() => input.getAttribute("aria-invalid")).toBe("true");
  const ids = ((await input.getAttribute("aria-describedby")) ?? "").split(/\s+/).filter((id) => id.endsWith("-error"));
  const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()));
  return texts.map((x) => x ?? "").join(" ");
}

describe("a server refusal that names a field shows under that field", () => {
  for (const [name, viewport] of [
    ["phone", PHONE_390],
    ["desktop", { width: 1440, height: 900 }],
  ] as const) {
    it(`a campaign ending before it starts: the message is under "Đến ngày" (${name})`, async () => {
      const { context, page } = await newPage(e2e, viewport);
      await loginAs(page, "ldld.canbo");
      await page.goto("/staff/care/campaigns");
      await page.getByRole("button", { name: "Tạo đợt hỗ trợ" }).click();
      const dialog = page.getByRole("dialog");
      await dialog.getByLabel(/^Tên đợt( \*)?$/).fill("Đợt kiểm thử ngày ngược");
      await dialog.getByLabel(/^Từ ngày( \*)?$/).fill("2026-03-10");
      await dialog.getByLabel(/^Đến ngày( \*)?$/).fill("2026-03-01");
      const refused = page.waitForResponse((r) => r.url().endsWith("/api/care/campaigns") && r.request().method() === "POST");
      await dialog.getByRole("button", { name: "Lưu" }).click();
      const res = await refused;
      expect(res.status()).toBe(400);
      const problem = (await res.json()) as { errors?: { pointer: string; message: string }[] };
      expect(problem.errors?.map((e) => e.pointer)).toContain("/body/endsOn");

      expect(await fieldError(page, /^Đến ngày( \*)?$/)).toBe("Ngày kết thúc phải sau ngày bắt đầu");
      // Said once, under its field: the alert above the form does not list it again.
      const alert = dialog.getByRole("alert");
      expect(await alert.count()).toBe(1);
      expect((await alert.textContent()) ?? "").not.toContain("Ngày kết thúc phải sau ngày bắt đầu");
      expect(await page.getByLabel(/^Từ ngày( \*)?$/).getAttribute("aria-invalid")).not.toBe("true");
      await shot(page, `form-errors-campaign-${name}`);

      // Correcting the date clears the field's message, and the campaign is then created.
      await dialog.getByLabel(/^Đến ngày( \*)?$/).fill("2026-03-31");
      expect(await page.getByLabel(/^Đến ngày( \*)?$/).getAttribute("aria-invalid")).not.toBe("true");
      await dialog.getByRole("button", { name: "Lưu" }).click();
      await page.waitForURL(/\/staff\/care\/campaigns\/\d+/);
      await context.close();
    });
  }

  it("a duplicate user name on the users page: the message is under the user name", async () => {
    const { context, page } = await newPage(e2e, DESKTOP);
    await loginAs(page, "ldld.quantri");
    await page.goto("/staff/admin/users");
    await page.getByRole("button", { name: "Thêm người dùng" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Tên đăng nhập", { exact: true }).fill("ldld.canbo");
    await dialog.getByLabel("Họ và tên", { exact: true }).fill("Trần Văn Trùng");
    await dialog.getByLabel("Đơn vị", { exact: true }).fill("Liên đoàn");
    await page.getByRole("option").first().click();
    await dialog.getByLabel(/^Mật khẩu/).fill("Song-Cam-1902-bien");
    await dialog.getByRole("button", { name: "Lưu" }).click();
    expect(await fieldError(page, "Tên đăng nhập")).toBe("Giá trị này đã tồn tại");
    await context.close();
  });

  it("a worker's phone number refused on the public request form: the message is under the phone", async () => {
    const { context, page } = await newPage(e2e, PHONE_390);
    await page.goto("/");
    await page.getByRole("link", { name: /Gửi câu hỏi, khiếu nại/ }).click();
    await page.getByLabel("Khiếu nại").check();
    await page.getByLabel(/^Về vấn đề( \*)?$/).selectOption({ label: "Làm thêm giờ" });
    await page.getByLabel(/Tiêu đề ngắn/).fill("Không được trả tiền làm thêm giờ");
    await page.getByLabel(/Nội dung/).fill("Tổ may số 3 làm thêm 2 giờ mỗi ngày nhưng bảng lương không có tiền làm thêm giờ.");
    await page.getByLabel(/^Họ và tên/).fill("Nguyễn Thị Lan");
    // A malformed phone is caught in the browser, before anything is sent.
    await page.getByLabel("Số điện thoại", { exact: true }).fill("12345");
    await page.getByLabel("Tôi đã đọc và đồng ý").check();
    let posts = 0;
    page.on("request", (r) => {
      if (r.url().endsWith("/api/public/requests") && r.method() === "POST") posts++;
    });
    await page.getByRole("button", { name: "Gửi yêu cầu" }).click();
    expect(await fieldError(page, "Số điện thoại")).toBe("Số điện thoại không hợp lệ (ví dụ 0912345678)");
    expect(posts).toBe(0);
    // A citizen ID of 12 digits whose province code does not exist only the server knows: its message lands under the field.
    await page.getByLabel("Số điện thoại", { exact: true }).fill("0912345678");
    await page.getByLabel(/Số CCCD/).fill("999190012345");
    const refused = page.waitForResponse((r) => r.url().endsWith("/api/public/requests") && r.request().method() === "POST", { timeout: 60_000 });
    await page.getByRole("button", { name: "Gửi yêu cầu" }).click();
    expect((await refused).status()).toBe(400);
    expect(await fieldError(page, "Số CCCD (không bắt buộc)")).toContain("không phải mã tỉnh");
    expect(await page.getByLabel(/^Họ và tên/).getAttribute("aria-invalid")).not.toBe("true");
    await shot(page, "form-errors-ask-phone");
    await context.close();
  });
});
