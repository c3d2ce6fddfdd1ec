import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, vnToday } from "#shared/clock.ts";
import { formatDate } from "#shared/text.ts";
import { type E2E, loginAs, newPage, shot, startE2E } from "./harness.ts";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => e2e?.close());

const PHONE_390 = { width: 390, height: 844 };
const DESKTOP_1440 = { width: 1440, height: 900 };

/** The text of the error Mantine renders for an input (the element its aria-describedby names). */
async function fieldError(page: Page, label: string | RegExp): Promise<string> {
  // A required field's label ends with Mantine's " *", which Playwright reads as part of the label.
  const input = typeof label === "string" ? page.getByLabel(label, { exact: true }) : page.getByLabel(label);
  await expect.poll(() => input.getAttribute("aria-invalid")).toBe("true");
  const ids = ((await input.getAttribute("aria-describedby")) ?? "").split(/\s+/).filter((id) => id.endsWith("-error"));
  const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()));
  return texts.map((x) => x ?? "").join(" ");
}

describe("forms that guide", () => {
  it("the complaint's topic has no default: sending without one is stopped under the field, nothing is sent", async () => {
    const { context, page } = await newPage(e2e, PHONE_390);
    let posts = 0;
    page.on("request", (r) => {
      if (r.url().endsWith("/api/public/requests") && r.method() === "POST") posts++;
    });
    await page.goto("/gui-yeu-cau");
    await page.getByLabel("Khiếu nại").check();
    expect(await page.getByLabel(/^Về vấn đề( \*)?$/).inputValue()).toBe("");
    await page.getByLabel(/Tiêu đề ngắn/).fill("Tổ trưởng quấy rối");
    await page.getByLabel(/Nội dung/).fill("Tổ trưởng chuyền 2 thường xuyên quấy rối công nhân nữ.");
    await page.getByLabel("Gửi ẩn danh", { exact: false }).check();
    await page.getByLabel("Tôi đã đọc và đồng ý").check();
    // The consent notice names attachments: the form offers them before sending.
    await expect.poll(() => page.getByLabel("Tệp đính kèm (không bắt buộc)").count()).toBe(1);
    await page.getByRole("button", { name: "Gửi yêu cầu" }).click();
    expect(await fieldError(page, /^Về vấn đề( \*)?$/)).toBe("Chọn vấn đề bạn muốn hỏi hoặc khiếu nại");
    expect(posts).toBe(0);
    await shot(page, "forms-guide-topic-phone");
    await context.close();
  });

  for (const [name, viewport] of [
    ["phone", PHONE_390],
    ["desktop", DESKTOP_1440],
  ] as const) {
    it(`a campaign form says "Ngày 31/02 không tồn tại" before sending, and a campaign starting next month reads "Sắp diễn ra" (${name})`, async () => {
      const { context, page } = await newPage(e2e, viewport);
      await loginAs(page, "ldld.canbo");
      await page.goto("/staff/care/campaigns");
      await page.getByRole("button", { name: "Tạo đợt hỗ trợ" }).click();
      const dialog = page.getByRole("dialog");
      await dialog.getByLabel(/^Tên đợt( \*)?$/).fill(`Đợt sắp tới ${name}`);
      const starts = dialog.getByLabel(/^Từ ngày( \*)?$/);
      await starts.fill("31/02/2026");
      await starts.press("Tab");
      expect(await fieldError(page, /^Từ ngày( \*)?$/)).toBe("Ngày 31/02 không tồn tại");
      await shot(page, `forms-guide-impossible-date-${name}`);
      const start = addDays(vnToday(), 30);
      await starts.fill(formatDate(start));
      await dialog.getByLabel(/^Đến ngày( \*)?$/).fill(formatDate(addDays(start, 20)));
      expect(await starts.getAttribute("aria-invalid")).not.toBe("true");
      await dialog.getByRole("button", { name: "Lưu" }).click();
      await page.waitForURL(/\/staff\/care\/campaigns\/\d+/);
      await expect.poll(() => page.getByText("Sắp diễn ra", { exact: true }).count()).toBeGreaterThan(0);
      await shot(page, `forms-guide-upcoming-${name}`);
      await context.close();
    });
  }
});
