import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DESKTOP, type E2E, PHONE, loginAs, newPage, startE2E } from "./harness.ts";

/** axe-core on the main pages: no serious or critical violations, at phone and desktop size. */
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; any: { message: string }[] }[];
}

async function seriousViolations(page: Page): Promise<string[]> {
  await page.waitForLoadState("networkidle");
  await page.addScriptTag({ content: axeSource });
  const violations = (await page.evaluate(async () => {
    // @ts-expect-error axe is injected above
    const result = await window.axe.run(document, { resultTypes: ["violations"] });
    return result.violations;
  })) as Violation[];
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => `${n.target.join(" ")} [${n.any[0]?.message ?? ""}]`)
          .slice(0, 3)
          .join(", ")}`,
    );
}

/** Staff pages to check, signed in as the user given. Modules add their main pages here. */
const staffPages: { path: string; user: string }[] = [
  { path: "/staff/home", user: "ldld.quantri" },
  { path: "/staff/admin/users", user: "ldld.quantri" },
  { path: "/staff/admin/bodies", user: "ldld.quantri" },
  { path: "/staff/admin/audit", user: "ldld.quantri" },
  { path: "/staff/account", user: "ldld.canbo" },
];
/** Public pages to check, signed out. */
const publicPages = ["/", "/login"];

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => e2e?.close());

describe("accessibility (axe-core)", () => {
  for (const viewport of [PHONE, DESKTOP]) {
    it(`public pages at ${viewport.width}px have no serious violations`, async () => {
      // Only axe itself is injected past the CSP; the pages are checked as served.
      const { context, page } = await newPage(e2e, viewport, "vi-VN", { bypassCSP: true });
      const found: string[] = [];
      for (const path of publicPages) {
        await page.goto(path);
        for (const v of await seriousViolations(page)) found.push(`${path}: ${v}`);
      }
      await context.close();
      expect(found).toEqual([]);
    });
  }

  it("staff pages have no serious violations", async () => {
    const found: string[] = [];
    const byUser = new Map<string, string[]>();
    for (const p of staffPages) byUser.set(p.user, [...(byUser.get(p.user) ?? []), p.path]);
    for (const [user, paths] of byUser) {
      const { context, page } = await newPage(e2e, DESKTOP, "vi-VN", { bypassCSP: true });
      await loginAs(page, user);
      for (const path of paths) {
        await page.goto(path);
        await page.waitForTimeout(200);
        for (const v of await seriousViolations(page)) found.push(`${path}: ${v}`);
      }
      await context.close();
    }
    expect(found).toEqual([]);
  });
});
