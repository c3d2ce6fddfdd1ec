/**
 * Screenshots a page at phone (360×780) and desktop (1366×900) size in Debian's headless Chromium,
 * optionally signed in first. Usage:
 *   npx tsx scripts/shot.ts <url> <out-prefix> [username] [password]
 */
import { chromium } from "playwright-core";

const [url, out, username, password] = process.argv.slice(2);
if (!url || !out) {
  console.error("usage: shot.ts <url> <out-prefix> [username] [password]");
  process.exit(1);
}
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
});
for (const [name, viewport] of [
  ["phone", { width: 360, height: 780 }],
  ["desktop", { width: 1366, height: 900 }],
] as const) {
  const context = await browser.newContext({ viewport, locale: "vi-VN" });
  const page = await context.newPage();
  if (username && password) {
    const origin = new URL(url).origin;
    await page.goto(`${origin}/login`);
    await page.getByLabel(/Tên đăng nhập|Username/).fill(username);
    await page.getByLabel(/Mật khẩu|Password/).fill(password);
    await page.getByRole("button", { name: /Đăng nhập|Sign in/ }).click();
    await page.waitForURL(/\/staff/);
  }
  await page.goto(url);
  await page.waitForLoadState("networkidle");
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${out}-${name}.png`, fullPage: true });
  await context.close();
}
await browser.close();
console.log(`${out}-phone.png ${out}-desktop.png`);
