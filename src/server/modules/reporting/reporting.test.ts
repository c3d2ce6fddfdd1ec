import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, type TestApp, auditCount, createTestApp } from "../../../../test/support/app.ts";
import { type TestCity, buildBody, buildCity, buildEnterprise, buildPerson, buildUnion, buildUser, buildZone } from "../../../../test/support/factories.ts";
import type { FigureProvider } from "../contracts.ts";
import { figureProviders } from "../providers.ts";
import { docxText } from "../../../../test/support/unzip.ts";

let t: TestApp;
let city: TestCity;
let zone2: number;
const c: Record<string, Client> = {};
let unionA: { id: number };

async function as(role: Parameters<typeof buildUser>[1], bodyId: number) {
  const u = await buildUser(t.database, role, bodyId);
  const client = new Client(t.app);
  await client.login(u.username, u.password);
  return client;
}

// Another module's figures arrive through the provider list; registered here as the relations module would.
const provider: FigureProvider = async (_db, scope, period) => [
  {
    key: "supervision",
    title: "Phối hợp trong công tác kiểm tra, giám sát",
    order: 70,
    figures: [
      { key: "relations.inspections", label: "Cuộc kiểm tra", value: scope.kind === "city" ? 7 : 2, link: `/relations/inspections?from=${period.from}` },
    ],
    paragraphs: [`Ban Quản lý Khu kinh tế chủ trì ${scope.kind === "city" ? 7 : 2} cuộc kiểm tra việc thực hiện pháp luật lao động.`],
  },
];

beforeAll(async () => {
  t = await createTestApp();
  figureProviders.push(provider);
  city = await buildCity(t.database);
  const zu2 = await buildBody(t.database, "zone_union", city.federation, "Công đoàn KKT Đình Vũ");
  zone2 = await buildZone(t.database, zu2.id, "KKT Đình Vũ - Cát Hải");
  const e = await buildEnterprise(t.database, city, { workforce: 250 });
  unionA = await buildUnion(t.database, city, e.id);
  for (let k = 0; k < 4; k++) await buildPerson(t.database, { unionId: unionA.id, enterpriseId: e.id, joinedOn: `2025-0${k + 2}-01` });
  const e2 = await buildEnterprise(t.database, city, { zoneId: zone2, workforce: 40 });
  const u2 = await buildUnion(t.database, { ...city, zoneUnion: zu2.id }, e2.id);
  await buildPerson(t.database, { unionId: u2.id, enterpriseId: e2.id, joinedOn: "2025-03-01" });
  c.lead = await as("viewer", city.federation);
  c.bql = await as("officer", city.authority);
  c.zone = await as("officer", city.zoneUnion);
  c.cdcs = await as("union_officer", unionA.id);
  const dn = await buildUser(t.database, "enterprise_rep", e.id);
  c.dn = new Client(t.app);
  await c.dn.login(dn.username, dn.password);
});
afterAll(async () => {
  figureProviders.splice(figureProviders.indexOf(provider), 1);
  await t.close();
});

describe("dashboard", () => {
  it("refuses anonymous (401), enterprises (403) and a bad period (400, Vietnamese)", async () => {
    expect((await t.app.inject({ method: "GET", url: "/api/reports/dashboard?period=2025" })).statusCode).toBe(401);
    expect((await c.dn?.get("/api/reports/dashboard?period=2025"))?.statusCode).toBe(403);
    expect((await c.dn?.get("/api/reports/joint.docx?period=2025"))?.statusCode).toBe(403);
    const bad = await c.lead?.get("/api/reports/dashboard?period=2025-Q5");
    expect(bad?.statusCode).toBe(400);
    expect(JSON.stringify(bad?.json())).toContain("Kỳ báo cáo không hợp lệ. Các dạng được chấp nhận: 2025 (cả năm)");
  });

  it("gives the leader the city's headline figures, the members series, other modules' sections and the zone breakdown", async () => {
    const d = (await c.lead?.get("/api/reports/dashboard?period=2025"))?.json();
    const fig = (k: string) => d.headline.find((f: { key: string }) => f.key === k)?.value;
    expect(fig("party_union.new_members")).toBe(5);
    expect(d.membersSeries.at(-1).members).toBe(5);
    expect(d.sections.find((s: { key: string }) => s.key === "supervision").figures[0].value).toBe(7);
    // Each section sends at most 12 figures and says how many more the report holds.
    for (const s of d.sections as { figures: unknown[]; more: number }[]) expect(s.figures.length).toBeLessThanOrEqual(12);
    // The report groups other modules' sections into its areas (issue 16); every figure the dashboard
    // shows is in the report's annex with the same value.
    const preview = (await c.lead?.get("/api/reports/preview?period=2025"))?.json();
    const annex = new Map<string, number>(
      (preview.annex as { figures: { key: string; value: number }[] }[]).flatMap((s) => s.figures.map((f) => [f.key, f.value] as [string, number])),
    );
    for (const s of d.sections as { figures: { key: string; value: number }[] }[]) {
      for (const f of s.figures) expect(annex.get(f.key), f.key).toBe(f.value);
    }
    expect(d.breakdown.map((z: { newMembers: number }) => z.newMembers).sort()).toEqual([1, 4]);
  });

  it("drills down to a zone and to a union; a zone outside the caller's scope is 404", async () => {
    const z = (await c.lead?.get(`/api/reports/dashboard?period=2025&zoneId=${zone2}`))?.json();
    expect(z.headline.find((f: { key: string }) => f.key === "party_union.new_members").value).toBe(1);
    const u = (await c.lead?.get(`/api/reports/dashboard?period=2025&unionId=${unionA.id}`))?.json();
    expect(u.headline.find((f: { key: string }) => f.key === "party_union.new_members").value).toBe(4);
    expect((await c.zone?.get(`/api/reports/dashboard?period=2025&zoneId=${zone2}`))?.statusCode).toBe(404);
    expect((await c.cdcs?.get(`/api/reports/dashboard?period=2025&unionId=${unionA.id + 1000}`))?.statusCode).toBe(404);
    const own = (await c.zone?.get("/api/reports/dashboard?period=2025"))?.json();
    expect(own.headline.find((f: { key: string }) => f.key === "party_union.new_members").value).toBe(4);
  });

  it("hides Party referral figures from roles without referrals:read", async () => {
    const d = (await c.bql?.get("/api/reports/dashboard?period=2025"))?.json();
    const keys = d.sections.flatMap((s: { figures: { key: string }[] }) => s.figures.map((f) => f.key));
    expect(keys.some((k: string) => k.includes("referral"))).toBe(false);
  });
});

describe("joint report", () => {
  it("includes other modules' sections, audits the export and generates the .docx for a half year", async () => {
    const res = await c.lead?.get("/api/reports/joint.docx?period=2025-H1");
    expect(res?.statusCode).toBe(200);
    expect(res?.headers["content-disposition"]).toContain("bao-cao-lien-tich-2025-H1-du-thao.docx");
    const text = docxText(res?.rawPayload ?? Buffer.alloc(0));
    expect(text).toContain("Ban Quản lý Khu kinh tế chủ trì 7 cuộc kiểm tra");
    expect(text).toContain("6 tháng đầu năm 2025");
    expect(await auditCount(t.database, "export", "joint_report")).toBeGreaterThanOrEqual(1);
  });

  it("scopes the report to the caller: a zone union's report counts its zone only", async () => {
    const res = await c.zone?.get("/api/reports/preview?period=2025");
    const fig = res
      ?.json()
      .sections.flatMap((s: { figures: { key: string; value: number }[] }) => s.figures)
      .find((f: { key: string }) => f.key === "party_union.new_members");
    expect(fig.value).toBe(4);
  });

  it("never shows a zone union another zone union's own plan: the report names only plans of the caller's parties", async () => {
    const zu2 = await buildBody(t.database, "zone_union", city.federation, "Công đoàn KKT Nam Đình Vũ");
    const other = await as("officer", zu2.id);
    const plan = await other.post("/api/coordination/plans", {
      year: 2027,
      code: "07/KH-NDV",
      title: "Kế hoạch riêng của khu Nam Đình Vũ",
      parties: [zu2.id],
      items: [{ area: "general", content: "Nội dung riêng của khu Nam Đình Vũ", leadBodyId: zu2.id, status: "done" }],
    });
    expect(plan.statusCode).toBe(201);
    const mine = JSON.stringify((await c.zone?.get("/api/reports/preview?period=2027"))?.json());
    expect(mine).not.toContain("07/KH-NDV");
    expect(mine).not.toContain("Nội dung riêng của khu Nam Đình Vũ");
    expect(JSON.stringify((await c.cdcs?.get("/api/reports/preview?period=2027"))?.json())).not.toContain("07/KH-NDV");
    // Its own zone union and the city still see it.
    expect(JSON.stringify((await other.get("/api/reports/preview?period=2027")).json())).toContain("07/KH-NDV");
    expect(JSON.stringify((await c.lead?.get("/api/reports/preview?period=2027"))?.json())).toContain("07/KH-NDV");
  });

  it("traces a figure to its records; people only for callers allowed to read them", async () => {
    const bql = (await c.bql?.get("/api/reports/trace/new_members?from=2025-01-01&to=2025-12-31"))?.json();
    expect(bql.total).toBe(5);
    expect(bql.people).toHaveLength(0);
    const zone = (await c.zone?.get("/api/reports/trace/new_members?from=2025-01-01&to=2025-12-31"))?.json();
    expect(zone.total).toBe(4);
    expect(zone.people).toHaveLength(4);
    expect((await c.lead?.get("/api/reports/trace/unknown"))?.statusCode).toBe(400);
  });
});
