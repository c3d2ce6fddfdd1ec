import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publicModules } from "#web/public/modules.tsx";
import { staffModules } from "#web/staff/modules.tsx";
import { type E2E, loginAs, newPage, startE2E } from "./harness.ts";

/**
 * axe-core on every page of the router — the portal, the login page and each staff page, signed in
 * as a role that may open it — at a phone's and a desktop's width: no serious or critical violation.
 */
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const SIZES = [
  { width: 390, height: 844 },
  { width: 1440, height: 900 },
];

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; any: { message: string }[]; all: { message: string }[] }[];
}

/**
 * One page to check. `route` is the router's pattern; a pattern with a parameter takes a real id
 * from the page `linkFrom` — its first link to such a page, or else its first row opened with the
 * keyboard — so the id is one the user may open; `url` gives the address outright.
 */
interface Target {
  route: string;
  url?: string;
  linkFrom?: string;
  /** Opens a dialog or drawer (its first row with Enter, or the button named) and checks again with it open. */
  dialog?: "row" | RegExp;
}

/** Every page, by the role that checks it. The first test below holds this list to the router. */
const byRole: Record<string, Target[]> = {
  "": [
    { route: "/" },
    { route: "/login" },
    { route: "/gui-yeu-cau" },
    { route: "/theo-doi" },
    { route: "/theo-doi/:code" },
    { route: "/hoi-dap" },
    { route: "/gia-nhap-cong-doan" },
    { route: "/nha-o-cong-nhan" },
    { route: "/khao-sat/:token" },
    { route: "/quyen-du-lieu" },
    { route: "/kich-hoat" },
    { route: "*", url: "/khong-co-trang-nay" },
  ],
  "ldld.canbo": [
    { route: "/staff/home" },
    { route: "/staff/reports/dashboard" },
    { route: "/staff/reports/joint" },
    { route: "/staff/reports/trace/:key", linkFrom: "/staff/reports/dashboard" },
    { route: "/staff/registry/search" },
    { route: "/staff/registry/enterprises" },
    { route: "/staff/registry/enterprises/:id", linkFrom: "/staff/registry/enterprises" },
    { route: "/staff/registry/unions" },
    { route: "/staff/registry/unions/:id", linkFrom: "/staff/registry/unions" },
    { route: "/staff/registry/people" },
    { route: "/staff/registry/people/new" },
    { route: "/staff/registry/people/:id", linkFrom: "/staff/registry/people" },
    { route: "/staff/registry/agreements" },
    { route: "/staff/registry/import" },
    { route: "/staff/requests" },
    { route: "/staff/requests/new" },
    { route: "/staff/requests/qa" },
    { route: "/staff/requests/:id", linkFrom: "/staff/requests" },
    { route: "/staff/relations/watchlist" },
    { route: "/staff/relations/alerts" },
    { route: "/staff/relations/incidents" },
    { route: "/staff/relations/incidents/:id", linkFrom: "/staff/relations/incidents" },
    { route: "/staff/coordination/plans", dialog: /^Thêm kế hoạch$/ },
    { route: "/staff/coordination/plans/:id", linkFrom: "/staff/coordination/plans" },
    { route: "/staff/coordination/targets" },
    { route: "/staff/coordination/activities", dialog: /^Ghi hoạt động$/ },
    { route: "/staff/coordination/models" },
    { route: "/staff/coordination/referrals" },
    { route: "/staff/care/campaigns" },
    { route: "/staff/care/campaigns/:id", linkFrom: "/staff/care/campaigns" },
    { route: "/staff/care/fairness" },
    { route: "/staff/care/union-houses" },
    { route: "/staff/care/housing" },
    { route: "/staff/care/surveys" },
    { route: "/staff/care/surveys/:id", linkFrom: "/staff/care/surveys" },
    { route: "/staff/care/join-requests" },
    { route: "/staff/enterprise/decisions" },
    { route: "/staff/enterprise/difficulties" },
    { route: "/staff/privacy" },
    { route: "/staff/account" },
    { route: "/staff/*", url: "/staff/khong-co-trang-nay" },
  ],
  "ldld.quantri": [
    { route: "/staff" },
    { route: "/staff/admin/users", dialog: "row" },
    { route: "/staff/admin/bodies", dialog: "row" },
    { route: "/staff/admin/audit", dialog: "row" },
    { route: "/staff/accounts/enterprises" },
  ],
  "bql.canbo": [
    { route: "/staff/relations/inspections" },
    { route: "/staff/relations/inspections/new" },
    { route: "/staff/relations/inspections/:id", linkFrom: "/staff/relations/inspections" },
    { route: "/staff/relations/weights" },
    { route: "/staff/labour/submissions" },
    { route: "/staff/labour/overdue" },
    { route: "/staff/enterprise/notices" },
    { route: "/staff/enterprise/enterprises/:id/timeline", linkFrom: "/staff/enterprise/decisions" },
  ],
  doanhnghiep: [
    { route: "/staff/eheza" },
    { route: "/staff/eheza/colleagues" },
    { route: "/staff/labour/report" },
    { route: "/staff/enterprise/inbox" },
    { route: "/staff/enterprise/inbox/:kind/:key", linkFrom: "/staff/enterprise/inbox" },
    { route: "/staff/enterprise/difficulties" },
    { route: "/staff/enterprise/timeline" },
  ],
};

/** The router's patterns: the shell's own, then every module's (a new page is one line in a module). */
function routerPatterns(): string[] {
  return [
    "/",
    "/login",
    "*",
    ...publicModules.flatMap((m) => m.routes.map((r) => `/${r.path}`)),
    "/staff",
    "/staff/home",
    "/staff/*",
    ...staffModules.flatMap((m) => m.routes.map((r) => `/staff/${r.path}`)),
  ];
}

/** A pattern with its parameters turned into a regular expression for hrefs. */
function hrefPattern(route: string): RegExp {
  return new RegExp(`^${route.replace(/:[a-z]+/gi, "[^/?#]+")}$`);
}

async function violations(page: Page): Promise<string[]> {
  const found = (await page.evaluate(async () => {
    // @ts-expect-error axe is injected in the page by addScriptTag
    const result = await window.axe.run(document, { resultTypes: ["violations"] });
    return result.violations;
  })) as Violation[];
  return found
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .slice(0, 4)
          .map((n) => `${n.target.join(" ")} [${(n.any[0] ?? n.all[0])?.message ?? ""}]`)
          .join(", ")}`,
    );
}

/** Waits until no request is in flight and nothing shows a loader, for a short quiet spell. */
async function settled(page: Page, inflight: { n: number }): Promise<void> {
  const until = Date.now() + 15_000;
  let quietSince = 0;
  while (Date.now() < until) {
    const loading = await page.locator(".mantine-Loader-root:visible").count();
    if (inflight.n === 0 && loading === 0) {
      if (!quietSince) quietSince = Date.now();
      if (Date.now() - quietSince >= 250) return;
    } else quietSince = 0;
    await page.waitForTimeout(50);
  }
}

/**
 * Opens a page inside the running app (history and popstate, as the router's own links do), so
 * the bundle and axe load once per role instead of once per page; a first visit loads the page.
 */
async function go(page: Page, url: string, inflight: { n: number }): Promise<void> {
  if (!(await page.evaluate(() => "axe" in window))) {
    await page.goto(url);
    await settled(page, inflight);
    await page.addScriptTag({ content: axeSource });
    return;
  }
  await page.evaluate((u) => {
    history.pushState(null, "", u);
    dispatchEvent(new PopStateEvent("popstate"));
  }, url);
  await settled(page, inflight);
}

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => e2e?.close());

describe("accessibility (axe-core) on every page", () => {
  it("checks every route of the router, and only routes the router has", () => {
    const listed = new Set(Object.values(byRole).flatMap((ts) => ts.map((t) => t.route)));
    const router = routerPatterns();
    expect(router.filter((r) => !listed.has(r))).toEqual([]);
    expect([...listed].filter((r) => !router.includes(r))).toEqual([]);
  });

  for (const [user, targets] of Object.entries(byRole)) {
    it(`${user || "the public"}: no serious or critical violation at 390 and 1440 px`, async () => {
      // Only axe itself is injected past the CSP; the pages are checked as served.
      const { context, page } = await newPage(e2e, SIZES[1], "vi-VN", { bypassCSP: true });
      const inflight = { n: 0 };
      page.on("request", () => inflight.n++);
      page.on("requestfinished", () => inflight.n--);
      page.on("requestfailed", () => inflight.n--);
      if (user) await loginAs(page, user);
      else await page.goto("/");
      const [open] = await e2e.database.rows<{ code: string }>(sql`SELECT code FROM voice_requests ORDER BY id LIMIT 1`);
      const [survey] = await e2e.database.rows<{ token: string }>(sql`SELECT token FROM care_surveys WHERE status = 'open' ORDER BY id LIMIT 1`);
      const urls: Record<string, string | undefined> = { "/theo-doi/:code": `/theo-doi/${open?.code}`, "/khao-sat/:token": `/khao-sat/${survey?.token}` };
      const found: string[] = [];
      await page.addScriptTag({ content: axeSource });
      for (const t of targets) {
        let url = t.url ?? urls[t.route] ?? t.route;
        if (t.linkFrom) {
          const from = urls[t.linkFrom] ?? t.linkFrom;
          await go(page, from, inflight);
          const want = hrefPattern(t.route);
          const hrefs = await page.locator("a[href]").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
          let href = hrefs.find((h) => want.test(h.split(/[?#]/)[0] ?? ""));
          if (!href && (await page.locator(".row-link").count())) {
            // A list whose rows open their record: the first row, opened as a keyboard user would.
            await page.locator(".row-link").first().focus();
            await page.keyboard.press("Enter");
            await page.waitForURL((u) => want.test(u.pathname), { timeout: 5000 }).catch(() => undefined);
            const at = new URL(page.url()).pathname;
            if (want.test(at)) href = at;
          }
          if (!href) {
            found.push(`${t.route}: no link to it on ${from}`);
            continue;
          }
          url = href;
          urls[t.route] = href;
        }
        await go(page, url, inflight);
        for (const size of SIZES) {
          await page.setViewportSize(size);
          await page.waitForTimeout(120);
          for (const v of await violations(page)) found.push(`${url} @${size.width}: ${v}`);
          if (t.dialog) {
            const opener = t.dialog === "row" ? page.locator(".row-link").first() : page.getByRole("button", { name: t.dialog }).first();
            const dialog = page.getByRole("dialog").first();
            const opened = await opener
              .focus({ timeout: 5000 })
              .then(() => page.keyboard.press("Enter"))
              .then(() => dialog.waitFor({ timeout: 5000 }))
              .then(() => true)
              .catch(() => false);
            if (!opened) {
              found.push(`${url} @${size.width}: no dialog opened by ${t.dialog}`);
              continue;
            }
            await settled(page, inflight);
            for (const v of await violations(page)) found.push(`${url} @${size.width} (dialog): ${v}`);
            await page.keyboard.press("Escape");
            await dialog.waitFor({ state: "detached" });
          }
        }
      }
      await context.close();
      expect(found).toEqual([]);
    });
  }
});
