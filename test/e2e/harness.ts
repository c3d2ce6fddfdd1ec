import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { type Browser, type BrowserContext, type Page, chromium } from "playwright-core";
import { buildApp } from "#server/app.ts";
import { ensureAdmin } from "#server/bootstrap.ts";
import { type Database, openDatabase } from "#server/db/client.ts";
import { migrate } from "#server/db/migrate.ts";
import { seedDemo } from "#server/seed/seed.ts";
import { inject } from "vitest";
import { freshDatabase } from "../support/db.ts";
import { e2eConfig } from "./config.ts";

export const SCREENSHOTS = path.resolve("test-results/screenshots");
export const DEMO_PASSWORD = "CauNoi2026!";
export const PHONE = { width: 360, height: 780 };
export const DESKTOP = { width: 1366, height: 900 };

export interface E2E {
  baseUrl: string;
  app: FastifyInstance;
  database: Database;
  browser: Browser;
  close: () => Promise<void>;
}

/**
 * The real server (built web client, demo city seeded) listening on a free loopback port, and
 * Debian's Chromium. The web client must have been built (`npm run build`).
 */
export async function startE2E(): Promise<E2E> {
  const config = e2eConfig();
  const { database, drop } = await seededCity(config);
  const app = await buildApp({ config, database });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      "--disable-dev-shm-usage",
    ],
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    app,
    database,
    browser,
    close: async () => {
      await browser.close();
      await app.close();
      await drop();
    },
  };
}

/** This file's own copy of the demo city: from the run's seeded PGlite (city.setup.ts), or seeded here on PostgreSQL. */
async function seededCity(config: ReturnType<typeof e2eConfig>): Promise<{ database: Database; drop: () => Promise<void> }> {
  const city = inject("e2eCity");
  if (city) {
    const database = await openDatabase({ dataDir: null, loadDataDir: new Blob([readFileSync(city)]) });
    await migrate(database);
    return { database, drop: () => database.close() };
  }
  const fresh = await freshDatabase();
  await ensureAdmin(fresh.database, config, () => undefined);
  await seedDemo(fresh.database, { scale: "demo", seed: 1 });
  return fresh;
}

/** A fresh browser context (own cookies) at a viewport, in Vietnamese unless told otherwise. */
export async function newPage(
  e2e: E2E,
  viewport = DESKTOP,
  locale = "vi-VN",
  opts: { bypassCSP?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await e2e.browser.newContext({ viewport, locale, baseURL: e2e.baseUrl, bypassCSP: opts.bypassCSP ?? false });
  const page = await context.newPage();
  return { context, page };
}

/** Signs in through the login form, as a person would. */
export async function loginAs(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/login");
  await page.getByLabel(/Tên đăng nhập|Username/).fill(username);
  await page.getByLabel(/Mật khẩu|Password/).fill(password);
  await page.getByRole("button", { name: /^(Đăng nhập|Sign in)$/ }).click();
  await page.waitForURL(/\/staff/);
}

/** Saves a full-page screenshot as a CI artifact. */
export async function shot(page: Page, name: string): Promise<void> {
  await page.waitForLoadState("networkidle");
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
