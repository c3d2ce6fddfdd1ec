import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type E2E, loginAs, newPage, shot, startE2E } from "./harness.ts";

/** The phone the issue was filed on. */
const PHONE_390 = { width: 390, height: 844 };

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => e2e?.close());

/** The first id a list endpoint returns, to open a detail page the way a click would. */
async function firstId(page: Page, url: string): Promise<number> {
  const body = (await (await page.request.get(url)).json()) as { items?: { id: number }[] } | { id: number }[];
  const items = Array.isArray(body) ? body : (body.items ?? []);
  const id = items[0]?.id;
  if (!id) throw new Error(`no row at ${url}`);
  return id;
}

/** What scrolls sideways on the page: the document itself, or any box inside it wider than it shows. */
async function sidewaysScroll(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > window.innerWidth) found.push(`document ${doc.scrollWidth}px > ${window.innerWidth}px`);
    for (const el of Array.from(document.querySelectorAll<HTMLElement>("body *"))) {
      const style = getComputedStyle(el);
      if (!["auto", "scroll"].includes(style.overflowX)) continue;
      if (el.closest("[role=dialog], [data-position], .mantine-Popover-dropdown, [role=listbox], nav")) continue;
      if (el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1) {
        const label = `${el.tagName.toLowerCase()}.${String(el.className).split(" ").slice(0, 2).join(".")}`;
        found.push(`${label} scrolls ${el.scrollWidth}px in ${el.clientWidth}px`);
      }
    }
    return found;
  });
}

async function settle(page: Page): Promise<void> {
  await page.waitForLoadState("networkidle");
  await page.waitForTimeout(250);
}

describe("staff pages on a 390 px phone", () => {
  it("no staff page scrolls sideways, for any role", async () => {
    const byUser: Record<string, (page: Page) => Promise<string[]>> = {
      "ldld.quantri": async (page) => [
        "/staff/home",
        "/staff/registry/search",
        "/staff/registry/enterprises",
        `/staff/registry/enterprises/${await firstId(page, "/api/registry/enterprises?pageSize=1")}`,
        "/staff/registry/unions",
        `/staff/registry/unions/${await firstId(page, "/api/registry/unions?pageSize=1")}`,
        "/staff/registry/people",
        "/staff/registry/agreements",
        "/staff/registry/import",
        "/staff/requests",
        "/staff/requests/new",
        "/staff/requests/qa",
        `/staff/requests/${await firstId(page, "/api/voice/requests?pageSize=1")}`,
        "/staff/relations/watchlist",
        "/staff/relations/alerts",
        "/staff/relations/incidents",
        "/staff/relations/inspections",
        "/staff/relations/inspections/new",
        "/staff/relations/weights",
        "/staff/coordination/plans",
        `/staff/coordination/plans/${await firstId(page, "/api/coordination/plans")}`,
        "/staff/coordination/targets",
        "/staff/coordination/activities",
        "/staff/coordination/models",
        "/staff/coordination/referrals",
        "/staff/care/campaigns",
        `/staff/care/campaigns/${await firstId(page, "/api/care/campaigns?pageSize=1")}`,
        "/staff/care/fairness",
        "/staff/care/union-houses",
        "/staff/care/housing",
        "/staff/care/surveys",
        "/staff/care/join-requests",
        "/staff/reports/dashboard",
        "/staff/reports/joint",
        "/staff/privacy",
        "/staff/admin/users",
        "/staff/admin/bodies",
        "/staff/admin/audit",
        "/staff/account",
      ],
      "cdcs.chutich": async () => ["/staff/home", "/staff/requests", "/staff/registry/people"],
      doanhnghiep: async () => ["/staff/home", "/staff/requests"],
    };
    const found: string[] = [];
    for (const [user, pathsOf] of Object.entries(byUser)) {
      const { context, page } = await newPage(e2e, PHONE_390);
      await loginAs(page, user);
      for (const path of await pathsOf(page)) {
        await page.goto(path);
        await settle(page);
        for (const f of await sidewaysScroll(page)) found.push(`${user} ${path}: ${f}`);
      }
      await context.close();
    }
    expect(found).toEqual([]);
  });

  it("lists become cards with status and deadline first: requests, activities, campaigns, payouts, inspections, audit log", async () => {
    const { context, page } = await newPage(e2e, PHONE_390);
    await loginAs(page, "ldld.quantri");
    const campaign = await firstId(page, "/api/care/campaigns?pageSize=1");
    const lists = [
      "/staff/requests",
      "/staff/coordination/activities",
      "/staff/care/campaigns",
      `/staff/care/campaigns/${campaign}`,
      "/staff/relations/inspections",
      "/staff/admin/audit",
    ];
    for (const path of lists) {
      await page.goto(path);
      await settle(page);
      const cards = page.getByTestId("row-cards").first();
      await cards.waitFor({ timeout: 10_000 });
      expect(await page.locator("table").count(), `${path} still draws a table`).toBe(0);
      await shot(page, `ux-lists-${path.replaceAll("/", "-").slice(1)}-390`);
    }

    // The requests list: the first card shows the status and the deadline, on screen without scrolling sideways.
    await page.goto("/staff/requests");
    await settle(page);
    const card = page.getByTestId("row-cards").locator("> div[tabindex]").first();
    await card.waitFor();
    const text = (await card.textContent()) ?? "";
    expect(text).toMatch(/Trạng thái/);
    expect(text).toMatch(/Hạn xử lý|Hạn/);
    expect(text).toMatch(/\d{2}\/\d{2}\/\d{4}/);
    const box = await card.boundingBox();
    expect(box && box.x + box.width).toBeLessThanOrEqual(PHONE_390.width);
    // Enter on a focused card opens the request, as a click would.
    await card.focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/staff\/requests\/\d+$/);
    await context.close();
  });
});

/** axe-core, as in a11y.e2e.ts: serious or critical violations only. */
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  const violations = (await page.evaluate(async () => {
    // @ts-expect-error axe is injected above
    const result = await window.axe.run(document, { resultTypes: ["violations"] });
    return result.violations;
  })) as { id: string; impact: string | null; nodes: { target: string[] }[] }[];
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 3)
          .join(", ")}`,
    );
}

describe("the phone lists are accessible", () => {
  it("axe finds no serious violation on the card lists, the dashboard and the watch list at 390 px", async () => {
    const { context, page } = await newPage(e2e, PHONE_390, "vi-VN", { bypassCSP: true });
    await loginAs(page, "ldld.quantri");
    const found: string[] = [];
    for (const path of [
      "/staff/requests",
      "/staff/coordination/activities",
      "/staff/care/campaigns",
      "/staff/relations/inspections",
      "/staff/relations/alerts",
      "/staff/relations/weights",
      "/staff/registry/agreements",
      "/staff/reports/dashboard",
      "/staff/admin/audit",
    ]) {
      await page.goto(path);
      await settle(page);
      for (const v of await seriousViolations(page)) found.push(`${path}: ${v}`);
    }
    await context.close();
    expect(found).toEqual([]);
  });
});
