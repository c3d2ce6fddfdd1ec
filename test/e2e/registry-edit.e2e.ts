import type { Page } from "playwright-core";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type E2E, loginAs, newPage, shot, startE2E } from "./harness.ts";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => e2e?.close());

const PHONE_390 = { width: 390, height: 844 };
const DESKTOP_1440 = { width: 1440, height: 900 };

async function fieldError(page: Page, label: string | RegExp): Promise<string> {
  // A required field's label ends with Mantine's " *", which Playwright reads as part of the label.
  const labelled = typeof label === "string" ? page.getByLabel(label, { exact: true }) : page.getByLabel(label);
  const input = page.locator("input, select, textarea").and(labelled);
  await expect.poll(() => input.getAttribute("aria-invalid")).toBe("true");
  const ids = ((await input.getAttribute("aria-describedby")) ?? "").split(/\s+/).filter((id) => id.endsWith("-error"));
  const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()));
  return texts.map((x) => x ?? "").join(" ");
}

describe("the registry edited by hand", () => {
  it("corrects a member's name and birth date and a membership's card number from the person's page (desktop)", async () => {
    const [p] = await e2e.database.rows<{ id: number }>(sql`SELECT person_id AS id FROM memberships WHERE valid_to IS NULL ORDER BY person_id LIMIT 1`);
    if (!p) throw new Error("no member in the demo city");
    const { context, page } = await newPage(e2e, DESKTOP_1440);
    await loginAs(page, "ldld.canbo");
    await page.goto(`/staff/registry/people/${p.id}`);
    await page.getByRole("button", { name: "Sửa thông tin" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel(/^Họ và tên( \*)?$/).fill("  VŨ   THỊ  SỬA TAY ");
    const birth = dialog.getByLabel("Ngày sinh", { exact: true });
    await birth.fill("31/02/1995");
    await birth.press("Tab");
    expect(await fieldError(page, "Ngày sinh")).toBe("Ngày 31/02 không tồn tại");
    await birth.fill("28/02/1995");
    await dialog.getByRole("button", { name: "Lưu" }).click();
    await expect.poll(() => page.getByRole("heading", { name: "Vũ Thị Sửa Tay" }).count()).toBe(1);
    await expect.poll(() => page.getByText("28/02/1995").count()).toBeGreaterThan(0);

    await page
      .getByRole("button", { name: /^Sửa quá trình/ })
      .last()
      .click();
    await page.getByRole("dialog").getByLabel("Số thẻ", { exact: true }).fill("HP-SUA-01");
    await page.getByRole("dialog").getByRole("button", { name: "Lưu" }).click();
    await expect.poll(() => page.getByText(/HP-SUA-01/).count()).toBeGreaterThan(0);
    await shot(page, "registry-edit-person-desktop");
    const [audits] = await e2e.database.rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'update' AND object_type IN ('person', 'membership')`,
    );
    expect(audits?.n).toBeGreaterThanOrEqual(2);
    await context.close();
  });

  it("adds one member without a spreadsheet (phone)", async () => {
    const [u] = await e2e.database.rows<{ name: string }>(sql`SELECT name FROM unions WHERE dissolved_on IS NULL ORDER BY id LIMIT 1`);
    if (!u) throw new Error("no union in the demo city");
    const { context, page } = await newPage(e2e, PHONE_390);
    await loginAs(page, "ldld.canbo");
    await page.goto("/staff/registry/people");
    await page.getByRole("link", { name: "Thêm một người" }).click();
    await page.waitForURL(/\/staff\/registry\/people\/new/);
    const fullName = page.locator("input").and(page.getByLabel(/^Họ và tên( \*)?$/));
    await fullName.fill("ĐINH VĂN THÊM 2");
    // The input itself, not the suggestion list that Mantine labels with the same words.
    await page
      .locator("input")
      .and(page.getByLabel("Công đoàn cơ sở", { exact: true }))
      .fill(u.name.slice(-12));
    await page.getByRole("option").first().click();
    await page.getByRole("button", { name: "Lưu" }).click();
    // The browser says it before the server: a name with a digit.
    expect(await fieldError(page, /^Họ và tên( \*)?$/)).toBe("Họ và tên không được có chữ số");
    await fullName.fill("ĐINH VĂN THÊM");
    await page.getByRole("button", { name: "Lưu" }).click();
    await page.waitForURL(/\/staff\/registry\/people\/\d+$/);
    await expect.poll(() => page.getByRole("heading", { name: "Đinh Văn Thêm" }).count()).toBe(1);
    await shot(page, "registry-edit-new-phone");
    await context.close();
  });
});
