/**
 * "Hướng Công", the portal installed as an app (issue 21, item 5), in headless Chromium against the real
 * server: the manifest and icons, the service worker, a request written offline (CDP network emulation)
 * kept on the phone and sent when the network is back, "my requests", channel `app` when standalone,
 * and the first-load JavaScript budget of the built client.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { sql } from "drizzle-orm";
import type { BrowserContext, CDPSession, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUDGET_BYTES, measureFirstLoad } from "../../scripts/js-budget.ts";
import { DESKTOP, type E2E, newPage, shot, startE2E } from "./harness.ts";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => e2e?.close());

const PHONE_390 = { width: 390, height: 844 };
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** A page whose service worker is installed, active and in control (its shell kept). */
async function controlledPage(viewport = PHONE_390, bypassCSP = false): Promise<{ context: BrowserContext; page: Page; cdp: CDPSession }> {
  const { context, page } = await newPage(e2e, viewport, "vi-VN", { bypassCSP });
  await page.goto("/");
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 15_000 }).toBe(true);
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  return { context, page, cdp };
}

/**
 * The phone loses (or finds) its network: CDP's network emulation for the page, and the context's
 * offline switch, which reaches the service worker too (the page's emulation alone does not).
 */
async function offline(page: Page, cdp: CDPSession, yes: boolean) {
  await cdp.send("Network.emulateNetworkConditions", { offline: yes, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  await page.context().setOffline(yes);
}

/** Fills the request form as a worker would, anonymous. */
async function fillRequest(page: Page, title: string) {
  await page.getByLabel("Khiếu nại").check();
  await page.getByLabel("Về vấn đề").selectOption({ label: "Làm thêm giờ" });
  await page.getByLabel(/Tiêu đề ngắn/).fill(title);
  await page.getByLabel(/Nội dung/).fill("Xưởng may số 2 bắt làm thêm 3 giờ mỗi tối trong tháng 11 nhưng không trả tiền làm thêm giờ.");
  await page.getByLabel(/Gửi ẩn danh/).check();
  await page.getByLabel("Tôi đã đọc và đồng ý").check();
}

const requestsTitled = (title: string) =>
  e2e.database.rows<{ code: string; channel: string }>(sql`SELECT code, channel FROM voice_requests WHERE title = ${title}`);

describe("the portal as an installable app", () => {
  it("serves a valid manifest, its icons and the iOS tags", async () => {
    const { context, page } = await newPage(e2e, PHONE_390);
    await page.goto("/");
    expect(await page.locator('link[rel="manifest"]').getAttribute("href")).toBe("/manifest.webmanifest");
    const themeColor = await page.locator('meta[name="theme-color"]').getAttribute("content");
    const res = await page.request.get("/manifest.webmanifest");
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toContain("application/manifest+json");
    expect(res.headers()["cache-control"]).toBe("no-cache");
    const m = await res.json();
    expect(m).toMatchObject({ short_name: "Hướng Công", display: "standalone", scope: "/", lang: "vi", theme_color: themeColor });
    expect(new URL(m.start_url, e2e.baseUrl).origin).toBe(e2e.baseUrl);
    const icons = m.icons as { src: string; sizes: string; purpose: string }[];
    expect(icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(["192x192", "512x512"]));
    expect(icons.some((i) => i.purpose === "maskable")).toBe(true);
    const apple = await page.locator('link[rel="apple-touch-icon"]').getAttribute("href");
    for (const [src, size] of [...icons.map((i) => [i.src, Number(i.sizes.split("x")[0])] as const), [apple ?? "", 180] as const]) {
      const png = await (await page.request.get(src)).body();
      // The PNG signature, then IHDR's width and height: the size the manifest claims.
      expect(png.subarray(1, 4).toString()).toBe("PNG");
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
    }
    expect(await page.locator('meta[name="apple-mobile-web-app-capable"]').getAttribute("content")).toBe("yes");
    const sw = await page.request.get("/sw.js");
    expect(sw.headers()["cache-control"]).toBe("no-cache");
    await context.close();
  });

  it("registers the service worker, which keeps the public shell and not the staff side", async () => {
    const { context, page } = await controlledPage();
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(scope).toBe(`${e2e.baseUrl}/`);
    const kept = await page.evaluate(async () => {
      const names = await caches.keys();
      const shell = names.find((n) => n.startsWith("caunoi-shell-"));
      const cache = shell ? await caches.open(shell) : null;
      return cache ? (await cache.keys()).map((r) => new URL(r.url).pathname) : [];
    });
    expect(kept).toContain("/");
    expect(kept.some((p) => /\/assets\/AskPage-/.test(p))).toBe(true);
    expect(kept.some((p) => /\/assets\/MyRequestsPage-/.test(p))).toBe(true);
    expect(kept.some((p) => /StaffArea|LoginPage/.test(p))).toBe(false);
    await context.close();
  });

  it("keeps a request written offline and sends it when the phone is back online", async () => {
    const { context, page, cdp } = await controlledPage();
    const title = `Ngoại tuyến ${Date.now()}`;
    await page.getByRole("link", { name: /Gửi câu hỏi, khiếu nại/ }).click();
    await fillRequest(page, title);
    await offline(page, cdp, true);
    await expect.poll(() => page.getByTestId("offline-banner").textContent()).toContain("Bạn đang ngoại tuyến");
    await page.getByRole("button", { name: "Gửi yêu cầu" }).click();
    await expect.poll(() => page.getByTestId("kept-offline").count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => page.getByTestId("offline-banner").textContent()).toContain("1 yêu cầu đang chờ gửi");
    expect(await requestsTitled(title)).toHaveLength(0);
    // The service worker is offline too: a file it does not keep cannot be fetched through it.
    expect(
      await page.evaluate(() =>
        fetch("/manifest.webmanifest?probe=1").then(
          () => "reached",
          () => "offline",
        ),
      ),
    ).toBe("offline");
    await shot(page, "pwa-offline-banner-phone");

    // Still offline: the page reloads from the kept shell, and "my requests" lists the waiting draft.
    const reload = await page.goto("/yeu-cau-cua-toi");
    expect(reload?.fromServiceWorker()).toBe(true);
    await expect.poll(() => page.getByTestId("pending-request").count(), { timeout: 15_000 }).toBe(1);
    await shot(page, "pwa-my-requests-pending-phone");

    await offline(page, cdp, false);
    await expect.poll(() => page.getByTestId("offline-banner").textContent(), { timeout: 60_000 }).toContain("Đã gửi yêu cầu đã lưu");
    const [filed] = await requestsTitled(title);
    expect(filed?.channel).toBe("web");
    expect(await page.getByTestId("offline-banner").textContent()).toContain(filed?.code ?? "?");
    await expect
      .poll(() =>
        page
          .getByTestId("saved-request")
          .filter({ hasText: filed?.code ?? "?" })
          .count(),
      )
      .toBe(1);
    expect(await page.getByTestId("pending-request").count()).toBe(0);
    await shot(page, "pwa-my-requests-sent-phone");

    // Opening it needs neither the code nor the secret typed again.
    await page.getByRole("button", { name: "Xem tình trạng" }).first().click();
    await page.waitForURL(new RegExp(`/theo-doi/${filed?.code}$`));
    await expect.poll(() => page.getByText(title).count(), { timeout: 15_000 }).toBe(1);
    await context.close();
  });

  it("lists my requests at phone and desktop sizes, with the offline banner", async () => {
    for (const [name, viewport] of [
      ["phone", PHONE_390],
      ["desktop", DESKTOP],
    ] as const) {
      // CSP bypassed for axe-core's script only.
      const { context, page, cdp } = await controlledPage(viewport, true);
      await page.goto("/gui-yeu-cau");
      const title = `Trang của tôi ${name} ${Date.now()}`;
      await fillRequest(page, title);
      await page.getByRole("button", { name: "Gửi yêu cầu" }).click();
      // The receipt shows once the request is filed and kept on the phone.
      await expect.poll(() => page.getByText("Đã gửi thành công").count(), { timeout: 60_000 }).toBe(1);
      const [filed] = await requestsTitled(title);
      expect(filed?.code).toBeTruthy();
      await page.goto("/yeu-cau-cua-toi");
      await expect
        .poll(() =>
          page
            .getByTestId("saved-request")
            .filter({ hasText: filed?.code ?? "?" })
            .count(),
        )
        .toBe(1);
      await shot(page, `pwa-my-requests-${name}`);
      await offline(page, cdp, true);
      await expect.poll(() => page.getByTestId("offline-banner").count()).toBe(1);
      await page.screenshot({ path: path.resolve("test-results/screenshots", `pwa-offline-my-requests-${name}.png`), fullPage: true });
      // No serious or critical accessibility fault on the page, banner shown.
      await page.addScriptTag({ content: axeSource });
      const faults = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run: (d: Document) => Promise<{ violations: { id: string; impact: string | null }[] }> } }).axe;
        return (await axe.run(document)).violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id);
      });
      expect(faults).toEqual([]);
      await offline(page, cdp, false);
      await context.close();
    }
  });

  it("files requests with channel `app` when it runs as the installed app", async () => {
    const { context, page } = await controlledPage();
    // Chromium's media emulation does not cover display-mode, and a test browser cannot install an app:
    // the page is told it runs standalone the way an installed app's window tells it, through matchMedia.
    await context.addInitScript(() => {
      const real = window.matchMedia.bind(window);
      window.matchMedia = (q: string) => (q.includes("display-mode: standalone") ? ({ ...real(q), matches: true, media: q } as MediaQueryList) : real(q));
    });
    await page.reload();
    expect(await page.evaluate(() => matchMedia("(display-mode: standalone)").matches)).toBe(true);
    await page.goto("/gui-yeu-cau");
    const title = `Từ ứng dụng ${Date.now()}`;
    await fillRequest(page, title);
    await page.getByRole("button", { name: "Gửi yêu cầu" }).click();
    await expect.poll(async () => (await requestsTitled(title)).length, { timeout: 60_000 }).toBe(1);
    expect((await requestsTitled(title))[0]?.channel).toBe("app");
    await context.close();
  });

  it("keeps the public portal's first-load JavaScript under 200 KB compressed", () => {
    const m = measureFirstLoad(path.resolve("dist/web"));
    console.log(`first-load JS: ${m.gzip} bytes gzip (${m.files.length} files), budget ${BUDGET_BYTES}`);
    expect(m.gzip).toBeLessThanOrEqual(BUDGET_BYTES);
  });
});
