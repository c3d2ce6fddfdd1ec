import { sql } from "drizzle-orm";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DESKTOP, type E2E, PHONE, loginAs, newPage, shot, startE2E } from "./harness.ts";

/**
 * Script payloads stored in the records (issue 8: "stored and rendered inert"). The HTTP attack tests
 * prove the API stores them verbatim; this proves the pages show them as text. The browser runs with
 * the Content-Security-Policy bypassed, so the page's own escaping is what is tested, not the CSP.
 */
const MARK = "XSS-Cầu-Nối";
const payloads = [
  `<img src=x onerror="window.__xss='img'">`,
  `"><script>window.__xss='script'</script>`,
  `<svg onload="window.__xss='svg'"></svg>`,
  `javascript:window.__xss='href'`,
  `'; DROP TABLE people; --`,
];
const hostile = `${MARK} ${payloads.join(" ")}`;

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => e2e?.close());

/** Opens a page, waits for the marker text, and checks that nothing ran and no element was injected. */
async function expectInert(page: Page, url: string, name: string) {
  await page.goto(url);
  await page.getByText(MARK).first().waitFor({ timeout: 20_000 });
  await shot(page, name);
  expect(await page.evaluate(() => (window as unknown as { __xss?: string }).__xss)).toBeUndefined();
  expect(await page.locator('img[src="x"], svg[onload], script:not([src])').count()).toBe(0);
  expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);
  // The payload is shown as the text it is.
  expect(await page.getByText(payloads[0] as string, { exact: false }).count()).toBeGreaterThan(0);
}

describe("script payloads in stored records", () => {
  it("are shown as text on staff and public pages and never run", async () => {
    const [enterprise] = await e2e.database.rows<{ id: number }>(sql`SELECT e.id FROM enterprises e WHERE e.status = 'active' ORDER BY e.id LIMIT 1`);
    const [person] = await e2e.database.rows<{ id: number }>(
      sql`SELECT m.person_id AS id FROM memberships m WHERE m.valid_to IS NULL ORDER BY m.person_id LIMIT 1`,
    );
    const [request] = await e2e.database.rows<{ id: number }>(sql`SELECT id FROM voice_requests ORDER BY id LIMIT 1`);
    if (!enterprise || !person || !request) throw new Error("the demo city lacks an enterprise, a member or a request");
    await e2e.database.rows(sql`UPDATE enterprises SET name = ${`Công ty ${hostile}`} WHERE id = ${enterprise.id}`);
    await e2e.database.rows(sql`UPDATE people SET middle_name = ${hostile} WHERE id = ${person.id}`);
    await e2e.database.rows(sql`UPDATE voice_requests SET title = ${hostile}, description = ${hostile} WHERE id = ${request.id}`);
    await e2e.database.rows(
      sql`INSERT INTO voice_qa (question, answer, citations, tags, valid_from, published_at)
          VALUES (${`Hỏi ${hostile}`}, ${`Đáp ${hostile}`}, ARRAY[${`Điều 98 ${payloads[0]}`}]::text[], ARRAY['overtime']::text[], '2025-01-01', now())`,
    );

    const dialogs: string[] = [];
    const staff = await newPage(e2e, DESKTOP, "vi-VN", { bypassCSP: true });
    staff.page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await loginAs(staff.page, "ldld.canbo");
    await expectInert(staff.page, `/staff/registry/enterprises/${enterprise.id}`, "payload-enterprise");
    await expectInert(staff.page, `/staff/registry/enterprises?q=${encodeURIComponent(MARK)}`, "payload-enterprises-list");
    await expectInert(staff.page, `/staff/registry/people/${person.id}`, "payload-person");
    await expectInert(staff.page, `/staff/registry/search?q=${encodeURIComponent(MARK)}`, "payload-search");
    await expectInert(staff.page, `/staff/requests/${request.id}`, "payload-request");

    const visitor = await newPage(e2e, PHONE, "vi-VN", { bypassCSP: true });
    visitor.page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await expectInert(visitor.page, `/hoi-dap?q=${encodeURIComponent(MARK)}`, "payload-qa-phone");

    expect(dialogs).toEqual([]);
    // The SQL payload was data too: the table it names is still there.
    const [count] = await e2e.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM people`);
    expect(count?.n).toBeGreaterThan(0);
  });
});
