import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DESKTOP, type E2E, PHONE, loginAs, newPage, shot, startE2E } from "./harness.ts";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => e2e?.close());

describe("the staff shell", () => {
  it("signs a demo officer in, shows the shell in Vietnamese, then switches to English", async () => {
    const { context, page } = await newPage(e2e, DESKTOP);
    await loginAs(page, "ldld.quantri");
    await page.getByRole("link", { name: "Tổng quan" }).first().waitFor();
    await page.getByText("Quản trị", { exact: true }).first().click();
    await page.getByRole("link", { name: "Người dùng" }).click();
    await page.getByRole("heading", { name: "Người dùng" }).waitFor();
    await page.getByText("ldld.canbo").waitFor();
    await shot(page, "shell-users-desktop-vi");
    await page.getByText("EN", { exact: true }).first().click();
    await page.getByRole("heading", { name: "Users" }).waitFor();
    await expect(page.locator("html").getAttribute("lang")).resolves.toBe("en");
    await shot(page, "shell-users-desktop-en");
    await context.close();
  });

  it("refuses a wrong password with a Vietnamese message, on a phone", async () => {
    const { context, page } = await newPage(e2e, PHONE);
    await page.goto("/login");
    await page.getByLabel("Tên đăng nhập").fill("ldld.canbo");
    await page.getByLabel("Mật khẩu").fill("sai-mat-khau");
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await page.getByText("Tên đăng nhập hoặc mật khẩu không đúng").waitFor();
    await shot(page, "login-error-phone");
    await context.close();
  });

  it("sends a signed-out visitor of a staff page to the login page", async () => {
    const { context, page } = await newPage(e2e, PHONE);
    await page.goto("/staff/admin/users");
    await page.waitForURL(/\/login\?next=/);
    await context.close();
  });
});
