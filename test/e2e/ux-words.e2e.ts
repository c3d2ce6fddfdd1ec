import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DESKTOP, type E2E, loginAs, newPage, shot, startE2E } from "./harness.ts";

const PHONE_390 = { width: 390, height: 844 };

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => e2e?.close());

async function settle(page: Page): Promise<void> {
  await page.waitForLoadState("networkidle");
  await page.waitForTimeout(250);
}

/** A code such as `voice_request_transfer`, `login` or `care_campaign #10` where words belong. */
const CODE = /^(?:[a-z]+(?:_[a-z0-9]+)+(?: #\d+)?|login|logout|create|update|delete|read|export|import)$/;

describe("words, not codes", () => {
  it("the audit log names actions and objects in Vietnamese, with the object's link, and in English in English", async () => {
    const { context, page } = await newPage(e2e, DESKTOP);
    await loginAs(page, "ldld.quantri");
    // Looking at a person writes an audit row about that person.
    const people = (await (await page.request.get("/api/registry/people?pageSize=1")).json()) as { items: { id: number }[] };
    const personId = people.items[0]?.id;
    expect(personId).toBeTruthy();
    await page.goto(`/staff/registry/people/${personId}`);
    await settle(page);
    await page.goto("/staff/admin/audit");
    await settle(page);
    const cells = (await page.locator("tbody td").allTextContents()).map((c) => c.trim());
    expect(cells.filter((c) => CODE.test(c))).toEqual([]);
    expect(cells).toContain("Đăng nhập");
    expect(cells).toContain("Xem hồ sơ");
    await page.locator(`tbody a[href="/staff/registry/people/${personId}"]`).first().waitFor();
    // The acting user by name, not only by login.
    expect(cells.some((c) => /\(ldld\.quantri\)/.test(c))).toBe(true);
    await shot(page, "ux-words-audit-desktop-vi");
    await context.close();

    const en = await newPage(e2e, DESKTOP);
    await loginAs(en.page, "ldld.quantri");
    await en.page.goto("/staff/admin/audit");
    await en.page.getByText("EN", { exact: true }).first().click();
    await en.page.getByRole("heading", { name: /audit/i }).waitFor();
    await settle(en.page);
    const enCells = (await en.page.locator("tbody td").allTextContents()).map((c) => c.trim());
    expect(enCells).toContain("Signed in");
    expect(enCells.filter((c) => CODE.test(c))).toEqual([]);
    await en.context.close();
  });

  it("every watch-list signal the server emits has a name and a weight of its own", async () => {
    const { context, page } = await newPage(e2e, DESKTOP);
    await loginAs(page, "ldld.quantri");
    const settings = (await (await page.request.get("/api/relations/risk/settings")).json()) as {
      weights: Record<string, number>;
      labels: Record<string, string>;
    };
    // The voice module emits these two: the weights once said requests_per_1000 / requests_spike.
    for (const kind of ["voice_requests_rate", "voice_requests_spike"]) {
      expect(settings.weights[kind], kind).toBeGreaterThan(0);
      expect(settings.labels[kind], kind).toBeTruthy();
    }
    const list = (await (await page.request.get("/api/relations/watchlist?limit=500")).json()) as {
      signals: { kind: string; label: string; weight: number }[];
    }[];
    for (const s of list.flatMap((w) => w.signals)) {
      expect(s.label, s.kind).not.toBe(s.kind);
      expect(settings.weights[s.kind], s.kind).toBe(s.weight);
    }
    await page.goto("/staff/relations/watchlist");
    await settle(page);
    expect(await page.locator("main").textContent()).not.toMatch(/\b[a-z]+_[a-z_0-9]+\b/);
    await context.close();
  });
});

describe("the dashboard says where you are", () => {
  it("drills down with a breadcrumb naming every level, marks city-wide figures, keeps every chart label", async () => {
    const { context, page } = await newPage(e2e, PHONE_390);
    await loginAs(page, "ldld.quantri");
    await page.goto("/staff/reports/dashboard");
    await settle(page);
    await expect(page.getByTestId("crumb").allTextContents()).resolves.toEqual(["Thành phố"]);
    // Every topic keeps its label on the chart's axis.
    const api = (await (await page.request.get("/api/reports/dashboard")).json()) as { topics: unknown[] };
    if (api.topics.length) {
      await expect(page.getByTestId("topics-chart").locator(".recharts-yAxis .recharts-cartesian-axis-tick").count()).resolves.toBe(api.topics.length);
    }
    const zone = page.getByTestId("row-cards").locator("button").first();
    const zoneName = (await zone.textContent())?.trim() ?? "";
    await zone.click();
    await page.waitForURL(/zoneId=\d+/);
    await settle(page);
    // The drilled figures arrive after the page settles (the previous view stays until they do).
    await expect.poll(() => page.getByTestId("crumb").allTextContents(), { timeout: 20_000 }).toEqual(["Thành phố", zoneName]);
    const union = page.getByTestId("row-cards").locator("button").first();
    const unionName = (await union.textContent())?.trim() ?? "";
    await union.click();
    await page.waitForURL(/unionId=\d+/);
    await settle(page);
    await expect.poll(() => page.getByTestId("crumb").allTextContents(), { timeout: 20_000 }).toEqual(["Thành phố", zoneName, unionName]);
    const drilled = (await (await page.request.get(`/api/reports/dashboard?${new URL(page.url()).searchParams}`)).json()) as {
      headline: { key: string; cityWide?: boolean }[];
    };
    if (drilled.headline.some((f) => f.cityWide)) await page.getByText("toàn thành phố").first().waitFor();
    await shot(page, "ux-words-dashboard-union-390");
    // Back up by the breadcrumb.
    await page.getByTestId("crumb").first().click();
    await page.waitForURL((u) => !u.search.includes("zoneId"));
    await context.close();
  });
});

describe("no dead ends, no useless buttons", () => {
  it("the public 404 leads back to the portal", async () => {
    const { context, page } = await newPage(e2e, PHONE_390);
    await page.goto("/trang-khong-co");
    const back = page.getByRole("link", { name: "Về cổng thông tin người lao động" });
    await back.waitFor();
    expect(await back.getAttribute("href")).toBe("/");
    await context.close();
  });

  it("an anonymous request offers no 'Xem danh tính'; an enterprise account gets no 'Xem người lao động'", async () => {
    const { context, page } = await newPage(e2e, DESKTOP);
    await loginAs(page, "ldld.quantri");
    const list = (await (await page.request.get("/api/voice/requests?pageSize=100")).json()) as { items: { id: number; anonymous: boolean }[] };
    const anonymous = list.items.find((r) => r.anonymous);
    const named = list.items.find((r) => !r.anonymous);
    expect(anonymous && named).toBeTruthy();
    await page.goto(`/staff/requests/${named?.id}`);
    await settle(page);
    await page.getByRole("button", { name: "Xem danh tính" }).waitFor();
    await page.goto(`/staff/requests/${anonymous?.id}`);
    await settle(page);
    await expect(page.getByRole("button", { name: "Xem danh tính" }).count()).resolves.toBe(0);
    await context.close();

    const ent = await newPage(e2e, DESKTOP);
    await loginAs(ent.page, "doanhnghiep");
    const me = (await (await ent.page.request.get("/api/auth/me")).json()) as { scope: { enterpriseIds?: number[] } };
    const enterpriseId = me.scope.enterpriseIds?.[0];
    expect(enterpriseId).toBeTruthy();
    await ent.page.goto(`/staff/registry/enterprises/${enterpriseId}`);
    await settle(ent.page);
    await expect(ent.page.getByText("Xem người lao động").count()).resolves.toBe(0);
    await ent.context.close();
  });
});
