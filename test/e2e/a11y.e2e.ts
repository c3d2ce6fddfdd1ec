import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publicModules } from "#web/public/modules.tsx";
import { staffModules } from "#web/staff/modules.tsx";
import { ADMIN_PASSWORD } from "./config.ts";
import { DEMO_PASSWORD, type E2E, loginAs, newPage, startE2E } from "./harness.ts";

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
 * keyboard — so the id is one the user may open; `url` gives the address outright; `idOf` borrows one.
 */
interface Target {
  route: string;
  url?: string;
  linkFrom?: string;
  /** The route, already checked, whose id this page takes (an enterprise's timeline: the enterprise checked before). */
  idOf?: string;
  /** Opens a dialog or drawer (its first row with Enter, or the button named) and checks again with it open. */
  dialog?: "row" | RegExp;
  /** On a phone, opens the staff menu (the burger) and checks again with it open. */
  menu?: boolean;
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
    { route: "/yeu-cau-cua-toi" },
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
    { route: "/staff/requests/qa/synonyms" },
    { route: "/staff/requests/calls" },
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
    { route: "/staff/admin/users", dialog: "row", menu: true },
    { route: "/staff/admin/bodies", dialog: "row" },
    { route: "/staff/admin/audit", dialog: "row" },
    { route: "/staff/accounts/enterprises" },
  ],
  // The system administrator's own pages: the outbox and the background jobs.
  admin: [{ route: "/staff/admin/outbox" }, { route: "/staff/admin/jobs" }],
  "bql.canbo": [
    { route: "/staff/relations/inspections" },
    { route: "/staff/relations/inspections/new" },
    { route: "/staff/relations/inspections/:id", linkFrom: "/staff/relations/inspections" },
    { route: "/staff/relations/weights" },
    { route: "/staff/labour/submissions" },
    { route: "/staff/labour/overdue" },
    { route: "/staff/enterprise/notices" },
    { route: "/staff/registry/enterprises/:id", linkFrom: "/staff/registry/enterprises" },
    { route: "/staff/enterprise/enterprises/:id/timeline", idOf: "/staff/registry/enterprises/:id" },
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
      if (Date.now() - quietSince >= 150) return;
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

  // The roles run side by side, each in its own browser context: axe works in the browser's
  // renderer processes while the server answers the others.
  // A long list is cut in parts of at most 14 pages, each signed in on its own.
  const parts = Object.entries(byRole).flatMap(([user, targets]) => {
    const n = Math.ceil(targets.length / 14);
    const size = Math.ceil(targets.length / n);
    return Array.from({ length: n }, (_, i) => ({ user, targets: targets.slice(i * size, (i + 1) * size), part: n > 1 ? ` (${i + 1}/${n})` : "" }));
  });
  for (const { user, targets, part } of parts) {
    it.concurrent(`${user || "the public"}${part}: no serious or critical violation at 390 and 1440 px`, async () => {
      // Only axe itself is injected past the CSP; the pages are checked as served.
      const { context, page } = await newPage(e2e, SIZES[1], "vi-VN", { bypassCSP: true });
      const inflight = { n: 0 };
      // The hotline's event stream stays open as long as the page: it is not a page still loading.
      const counted = (r: { url: () => string }) => !r.url().includes("/api/voice/calls/stream");
      page.on("request", (r) => counted(r) && inflight.n++);
      page.on("requestfinished", (r) => counted(r) && inflight.n--);
      page.on("requestfailed", (r) => counted(r) && inflight.n--);
      if (user) await loginAs(page, user, user === "admin" ? ADMIN_PASSWORD : undefined);
      else await page.goto("/");
      const [open] = await e2e.database.rows<{ code: string }>(sql`SELECT code FROM voice_requests ORDER BY id LIMIT 1`);
      const [survey] = await e2e.database.rows<{ token: string }>(sql`SELECT token FROM care_surveys WHERE status = 'open' ORDER BY id LIMIT 1`);
      const urls: Record<string, string | undefined> = { "/theo-doi/:code": `/theo-doi/${open?.code}`, "/khao-sat/:token": `/khao-sat/${survey?.token}` };
      const found: string[] = [];
      await page.addScriptTag({ content: axeSource });
      for (const t of targets) {
        let url = t.url ?? urls[t.route] ?? t.route;
        if (t.idOf) url = t.route.replace(":id", urls[t.idOf]?.split("/").at(-1) ?? ":id");
        if (t.linkFrom) {
          const from = urls[t.linkFrom] ?? t.linkFrom;
          await go(page, from, inflight);
          const want = hrefPattern(t.route);
          // "/staff/requests/new" fits "/staff/requests/:id" but is a page of its own, not a record.
          const isStatic = (h: string) => routerPatterns().includes(h);
          let href: string | undefined;
          // The list may still be rendering on a busy machine: look for a while.
          for (const until = Date.now() + 15_000; !href && Date.now() < until; await page.waitForTimeout(200)) {
            // A late redirect of the page before (a guard sending to the home page) may land after our
            // navigation: go to the list again.
            if (new URL(page.url()).pathname !== from.split("?")[0]) await go(page, from, inflight);
            const hrefs = await page.locator("a[href]").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
            href = hrefs.find((h) => want.test(h.split(/[?#]/)[0] ?? "") && !isStatic(h.split(/[?#]/)[0] ?? ""));
            if (await page.locator(".row-link").count()) break;
          }
          // A list whose rows open their record: the first row, opened as a keyboard user would. On a busy
          // machine a refetch may re-render the row between focus and Enter: settle, and try again.
          for (let attempt = 0; !href && attempt < 3 && (await page.locator(".row-link").count()); attempt++) {
            if (new URL(page.url()).pathname !== from.split("?")[0]) await go(page, from, inflight);
            await settled(page, inflight);
            await page.locator(".row-link").first().focus();
            await page.keyboard.press("Enter");
            await page.waitForURL((u) => want.test(u.pathname), { timeout: 10_000 }).catch(() => undefined);
            const at = new URL(page.url()).pathname;
            if (want.test(at)) href = at;
          }
          if (!href) {
            const rows = await page.locator(".row-link").count();
            found.push(`${t.route}: no link to it on ${from} (at ${new URL(page.url()).pathname}, ${rows} rows)`);
            continue;
          }
          url = href;
          urls[t.route] = href;
        }
        await go(page, url, inflight);
        for (const size of SIZES) {
          await page.setViewportSize(size);
          await page.waitForTimeout(80);
          for (const v of await violations(page)) found.push(`${url} @${size.width}: ${v}`);
          if (t.menu && size.width < 900) {
            // The phone's menu, opened and closed with the keyboard on its button.
            const burger = page.getByRole("button", { name: "Danh mục chức năng" });
            await burger.focus();
            await page.keyboard.press("Enter");
            await page.locator(".mantine-AppShell-navbar:not([inert])").waitFor();
            await page.waitForTimeout(300);
            for (const v of await violations(page)) found.push(`${url} @${size.width} (menu): ${v}`);
            await burger.focus();
            await page.keyboard.press("Enter");
            await page.locator(".mantine-AppShell-navbar[inert]").waitFor({ state: "attached" });
          }
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
      // Thirteen parts share the machine's two cores with the server: on a loaded CI machine one
      // part of 14 pages took 93–120 s (the suite's 120 s limit), so each gets 5 minutes.
    }, 300_000);
  }
});

interface Focus {
  tag: string;
  name: string;
  cls: string;
  /** A focus indicator shows: an outline, a ring (box-shadow), or an input's border in the primary colour. */
  ring: boolean;
  inDialog: boolean;
}

/** What has the keyboard's focus, and whether the person can see where it is. */
async function focused(page: Page): Promise<Focus> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { tag: "body", name: "", cls: "", ring: false, inDialog: false };
    const probe = document.createElement("span");
    probe.style.color = "var(--mantine-primary-color-filled)";
    document.body.append(probe);
    const primary = getComputedStyle(probe).color;
    probe.remove();
    const cs = getComputedStyle(el);
    const rect = el.getBoundingClientRect();
    const outline = cs.outlineStyle !== "none" && Number.parseFloat(cs.outlineWidth) > 0;
    const shadow = cs.boxShadow !== "none";
    const labels = (el as HTMLInputElement).labels;
    // An input shows focus by its own border or its box's (a password field's), a hidden radio by its label (a segmented control).
    const shows = (x: Element | null | undefined) => {
      if (!x) return false;
      const s = getComputedStyle(x);
      return s.borderTopColor === primary || (s.outlineStyle !== "none" && Number.parseFloat(s.outlineWidth) > 0) || s.boxShadow !== "none";
    };
    const border =
      ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName) &&
      [el, el.parentElement, el.parentElement?.parentElement, labels?.[0], el.nextElementSibling].some(shows);
    const name = (el.getAttribute("aria-label") ?? labels?.[0]?.textContent ?? el.textContent ?? "").replace(/\s+/g, " ").trim();
    return {
      tag: el.tagName.toLowerCase(),
      name,
      cls: el.className && typeof el.className === "string" ? el.className : "",
      // A hidden input (a chip's, a segmented control's) is seen through its label.
      ring:
        (outline || shadow || border) &&
        ((rect.width > 0 && rect.height > 0) || (labels?.[0]?.getBoundingClientRect().width ?? 0) > 0) &&
        // On screen: not in a menu slid off to the side.
        rect.right > 0 &&
        rect.left < window.innerWidth,
      inDialog: Boolean(el.closest("[role=dialog]")),
    };
  });
}

/** Presses Tab (or Shift+Tab) until the focus meets `want`; every stop on the way must show its focus. */
async function tabTo(page: Page, want: (f: Focus) => boolean, unseen: string[], max = 80, key = "Tab"): Promise<Focus> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    let f = await focused(page);
    // Mantine's inputs fade their border to the focus colour in 100 ms.
    if (!f.ring && ["input", "textarea", "select"].includes(f.tag)) {
      await page.waitForTimeout(150);
      f = await focused(page);
    }
    if (f.tag !== "body" && !f.ring) unseen.push(`${new URL(page.url()).pathname}: ${f.tag} "${f.name.slice(0, 40)}"`);
    if (want(f)) return f;
  }
  throw new Error(`${key} ×${max} never reached the element wanted on ${page.url()}`);
}
const named = (re: RegExp) => (f: Focus) => re.test(f.name);

describe("everything by keyboard, with the focus always visible and never trapped", () => {
  it("staff: sign in, the requests list, a request, a dialog opened and closed", async () => {
    const { context, page } = await newPage(e2e, SIZES[1]);
    const unseen: string[] = [];
    await page.goto("/login");
    await tabTo(page, named(/^Tên đăng nhập/), unseen);
    await page.keyboard.type("ldld.canbo");
    await tabTo(page, named(/^Mật khẩu/), unseen);
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/staff\/reports\/dashboard/);
    await page.waitForLoadState("networkidle");

    // The first Tab on a staff page is the skip link, shown on screen; Enter puts the focus on the content.
    await page.keyboard.press("Tab");
    const skip = await focused(page);
    expect(skip.name).toBe("Bỏ qua, tới nội dung chính");
    expect(skip.ring).toBe(true);
    const box = await page.locator(".skip-link").boundingBox();
    expect(box && box.y >= 0 && box.height > 0).toBe(true);
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("noi-dung");

    // The menu: the requests group opens with Enter, its list with Enter.
    await tabTo(page, named(/^Yêu cầu của NLĐ/), unseen, 80, "Shift+Tab");
    await page.keyboard.press("Enter");
    await page.getByRole("link", { name: "Danh sách yêu cầu" }).waitFor();
    await tabTo(page, named(/^Danh sách yêu cầu$/), unseen);
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/staff\/requests$/);
    await page.waitForLoadState("networkidle");

    // A row of the list opens its request with Enter.
    await tabTo(page, (f) => f.cls.includes("row-link"), unseen);
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/staff\/requests\/\d+$/);
    await page.waitForLoadState("networkidle");

    // A dialog opens with Enter, keeps the focus inside while open, closes with Escape and gives the focus back.
    const opener = await tabTo(page, named(/^(Chuyển đơn vị|Xem danh tính người gửi)$/), unseen, 120);
    await page.keyboard.press("Enter");
    await page.getByRole("dialog").waitFor();
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press("Tab");
      expect((await focused(page)).inDialog).toBe(true);
    }
    await page.keyboard.press("Escape");
    await page.getByRole("dialog").waitFor({ state: "detached" });
    expect((await focused(page)).name).toBe(opener.name);

    // Not trapped: Tab walks on to the end of the page and round to the skip link again.
    await tabTo(page, (f) => f.name === "Bỏ qua, tới nội dung chính", unseen, 200);
    expect(unseen).toEqual([]);
    await context.close();
  });

  it("staff on a phone: Tab skips the closed menu; the menu button opens it", async () => {
    const { context, page } = await newPage(e2e, SIZES[0]);
    const unseen: string[] = [];
    await loginAs(page, "ldld.canbo");
    await page.goto("/staff/requests");
    await page.waitForLoadState("networkidle");
    const burger = await tabTo(page, named(/^Danh mục chức năng$/), unseen, 10);
    // Past the header, Tab goes into the page, not into the links of the hidden menu.
    for (let i = 0; i < 8; i++) await tabTo(page, () => true, unseen, 1);
    expect(unseen).toEqual([]);
    await page.getByRole("button", { name: burger.name }).focus();
    await page.keyboard.press("Enter");
    await tabTo(page, named(/^Tổng quan$/), unseen, 10);
    expect(unseen).toEqual([]);
    await context.close();
  });

  it("a worker on a phone: the public request form, filled and sent by keyboard", async () => {
    const { context, page } = await newPage(e2e, SIZES[0]);
    const unseen: string[] = [];
    await page.goto("/gui-yeu-cau");
    await page.waitForLoadState("networkidle");
    await page.keyboard.press("Tab");
    expect((await focused(page)).name).toBe("Bỏ qua, tới nội dung chính");
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("noi-dung");

    await tabTo(page, named(/^Hỏi, tư vấn$/), unseen);
    await page.keyboard.press("Space");
    await tabTo(page, named(/^Về vấn đề/), unseen);
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    await tabTo(page, named(/^Tiêu đề ngắn/), unseen);
    await page.keyboard.type("Hỏi về tiền làm thêm giờ ngày lễ");
    await tabTo(page, named(/^Nội dung/), unseen);
    await page.keyboard.type("Tôi làm thêm ngày lễ 2/9 thì được trả lương như thế nào theo luật?");
    await tabTo(page, named(/^Gửi ẩn danh/), unseen);
    await page.keyboard.press("Space");
    await tabTo(page, named(/^Tôi đã đọc và đồng ý/), unseen);
    await page.keyboard.press("Space");
    await tabTo(page, named(/^Gửi yêu cầu$/), unseen);
    await page.keyboard.press("Enter");
    await page.getByText("Đã gửi thành công").waitFor({ timeout: 30_000 });
    expect(unseen).toEqual([]);
    await context.close();
  });
});
