import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type E2E, newPage, shot, startE2E } from "./harness.ts";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => e2e?.close());

const PHONE_390 = { width: 390, height: 844 };

describe("the public request form costs a worker no data", () => {
  it("the enterprise search asks the server once per pause in typing, never in a loop", async () => {
    const { context, page } = await newPage(e2e, PHONE_390);
    const asked: string[] = [];
    page.on("request", (r) => {
      if (r.url().includes("/api/public/enterprises")) asked.push(new URL(r.url()).searchParams.get("q") ?? "");
    });
    await page.goto("/gui-yeu-cau");
    const field = page.getByLabel("Doanh nghiệp", { exact: true });
    // Typed as a person types, a text that matches no enterprise: main asked 3–4 times a second for as long as it stayed.
    await field.pressSequentially("Cong ty khong ton tai xyz", { delay: 60 });
    await page.waitForTimeout(3000);
    expect(asked).toEqual(["Cong ty khong ton tai xyz"]);

    // A pause mid-word asks once for that text; the same text again is not asked twice.
    await field.fill("");
    await field.pressSequentially("Cong", { delay: 60 });
    await page.waitForTimeout(1000);
    await field.pressSequentially(" ty", { delay: 60 });
    await page.waitForTimeout(1000);
    await field.fill("Cong");
    await page.waitForTimeout(1500);
    expect(asked).toEqual(["Cong ty khong ton tai xyz", "Cong", "Cong ty"]);
    // Suggestions came back and are offered in the list.
    await expect.poll(() => page.locator("#voice-enterprises option").count()).toBeGreaterThan(0);
    await shot(page, "public-form-enterprise-search-phone");
    await context.close();
  });

  it("a Q&A search with no answer offers to ask the question", async () => {
    const { context, page } = await newPage(e2e, PHONE_390);
    await page.goto("/hoi-dap");
    await page.getByRole("searchbox").fill("zyxw khong co cau nay");
    const ask = page.getByRole("link", { name: "Gửi câu hỏi của bạn (có thể ẩn danh)" });
    await expect.poll(() => ask.count(), { timeout: 15_000 }).toBe(1);
    await shot(page, "public-form-qa-empty-phone");
    await ask.click();
    await page.waitForURL(/\/gui-yeu-cau$/);
    await context.close();
  });
});
