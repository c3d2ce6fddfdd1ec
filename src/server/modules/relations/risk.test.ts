import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RiskSignalProvider } from "#server/modules/contracts.ts";
import { riskSignalProviders } from "#server/modules/providers.ts";
import { Client, type TestApp, auditCount, createTestApp } from "../../../../test/support/app.ts";
import { type TestCity, buildBody, buildCity, buildEnterprise, buildUnion, buildUser, buildZone } from "../../../../test/support/factories.ts";
import { evaluateWatchlist } from "./evaluation.service.ts";
import { addDays, todayIso } from "./relations.common.ts";
import { defaultRiskSettings, recomputeScores, signalLabels } from "./risk.service.ts";
import { type RiskSignalKind, riskSignalKinds } from "#shared/risk-signals.ts";

let t: TestApp;
let city: TestCity;
let officer: Client;
const today = todayIso();

const clientFor = async (role: Parameters<typeof buildUser>[1], bodyId: number) => {
  const u = await buildUser(t.database, role, bodyId);
  const c = new Client(t.app);
  await c.login(u.username, u.password);
  return c;
};

// This file tests the scoring mechanism with providers it registers itself; the other modules'
// providers (registry, voice) are set aside here and exercised in scenario.test.ts.
const otherProviders = riskSignalProviders.splice(0, riskSignalProviders.length);

beforeAll(async () => {
  t = await createTestApp();
  city = await buildCity(t.database);
  officer = await clientFor("officer", city.authority);
});
afterAll(async () => {
  riskSignalProviders.push(...otherProviders);
  await t.close();
});

const scoreOf = async (c: Client, enterpriseId: number) => (await c.get(`/api/relations/enterprises/${enterpriseId}/risk`)).json();

describe("signals", () => {
  it("wage and social-insurance arrears raise the score, with evidence and a link, and fall when resolved", async () => {
    const e = await buildEnterprise(t.database, city, { workforce: 500 });
    await buildUnion(t.database, city, e.id);
    const inc = await officer.post("/api/relations/incidents", {
      enterpriseId: e.id,
      kind: "wage_arrears",
      title: "Nợ lương 2 tháng",
      startedOn: addDays(today, -40),
      workersAffected: 500,
      amountOwed: 3_000_000_000,
      arrearsMonths: 2,
    });
    await officer.post("/api/relations/incidents", {
      enterpriseId: e.id,
      kind: "si_arrears",
      title: "Nợ BHXH",
      startedOn: addDays(today, -200),
      amountOwed: 1_200_000_000,
      arrearsMonths: 6,
    });
    const risk = await scoreOf(officer, e.id);
    const wage = risk.signals.find((s: { kind: string }) => s.kind === "wage_arrears");
    expect(wage).toMatchObject({ weight: 25, value: 2, link: `/relations/incidents/${inc.json().id}` });
    expect(wage.points).toBeCloseTo(25 * (2 / 3), 1);
    expect(wage.evidence).toContain("3.000.000.000 đồng");
    expect(risk.signals.find((s: { kind: string }) => s.kind === "si_arrears")).toMatchObject({ points: 15, value: 6 });
    expect(risk.signals.find((s: { kind: string }) => s.kind === "recent_incidents")).toBeTruthy();
    await officer.patch(`/api/relations/incidents/${inc.json().id}`, { status: "resolved", endedOn: today });
    const later = await scoreOf(officer, e.id);
    expect(later.signals.find((s: { kind: string }) => s.kind === "wage_arrears")).toBeUndefined();
    expect(later.score).toBeLessThan(risk.score);
  });

  it("flags no grassroots union only from 20 workers, and an absconded employer from the registry status", async () => {
    const big = await buildEnterprise(t.database, city, { workforce: 20 });
    const small = await buildEnterprise(t.database, city, { workforce: 19 });
    const gone = await buildEnterprise(t.database, city, { workforce: 300 });
    await buildUnion(t.database, city, gone.id);
    await t.database.rows(sql`UPDATE enterprises SET status = 'absconded' WHERE id = ${gone.id}`);
    await recomputeScores(t.database);
    expect((await scoreOf(officer, big.id)).signals.map((s: { kind: string }) => s.kind)).toEqual(["no_union"]);
    expect((await scoreOf(officer, small.id)).score).toBe(0);
    expect((await scoreOf(officer, gone.id)).signals[0]).toMatchObject({ kind: "employer_absconded", points: 40 });
  });

  it("takes any registered provider's signals with no change here; an unknown kind gets the default weight", async () => {
    const e = await buildEnterprise(t.database, city, { workforce: 1000 });
    await buildUnion(t.database, city, e.id);
    const provider: RiskSignalProvider = async () => [
      {
        enterpriseId: e.id,
        kind: "voice_requests_rate",
        value: 25,
        evidence: "25 yêu cầu trên 1.000 lao động trong 90 ngày",
        link: "/voice/requests?enterpriseId=1",
      },
      // A kind the shared table does not name yet (a provider deployed before the table): the default weight.
      { enterpriseId: e.id, kind: "new_kind_from_a_module" as RiskSignalKind, value: 1, evidence: "Một tín hiệu mới" },
      { enterpriseId: 987654, kind: "voice_requests_spike", value: 3, evidence: "Doanh nghiệp không tồn tại: bị bỏ qua" },
    ];
    riskSignalProviders.push(provider);
    try {
      await recomputeScores(t.database);
      const risk = await scoreOf(officer, e.id);
      expect(risk.signals.find((s: { kind: string }) => s.kind === "voice_requests_rate")).toMatchObject({ weight: 10, points: 5 });
      expect(risk.signals.find((s: { kind: string }) => s.kind === "new_kind_from_a_module")).toMatchObject({ weight: 5, points: 5 });
      expect(risk.score).toBe(10);
    } finally {
      riskSignalProviders.splice(riskSignalProviders.indexOf(provider), 1);
    }
  });
});

describe("signal names", () => {
  it("weighs and names every kind the providers really emit, and a weight saved under an old name still counts", async () => {
    for (const kind of riskSignalKinds) {
      expect(defaultRiskSettings.weights[kind], kind).toBeGreaterThan(0);
      expect(signalLabels[kind], kind).not.toBe(kind);
    }
    const e = await buildEnterprise(t.database, city, { workforce: 100 });
    await buildUnion(t.database, city, e.id);
    const provider: RiskSignalProvider = async () => [{ enterpriseId: e.id, kind: "voice_requests_spike", value: 3, evidence: "6 yêu cầu trong 30 ngày" }];
    riskSignalProviders.push(provider);
    try {
      await t.database.rows(
        sql`INSERT INTO settings (key, value) VALUES ('relations.risk', ${JSON.stringify({ weights: { requests_spike: 20 } })}::jsonb)
            ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
      );
      await recomputeScores(t.database);
      const risk = await scoreOf(officer, e.id);
      expect(risk.signals.find((s: { kind: string }) => s.kind === "voice_requests_spike")).toMatchObject({
        label: "Yêu cầu, khiếu nại tăng đột biến (30 ngày)",
        weight: 20,
        points: 20,
      });
    } finally {
      riskSignalProviders.splice(riskSignalProviders.indexOf(provider), 1);
      await t.database.rows(sql`DELETE FROM settings WHERE key = 'relations.risk'`);
    }
  });
});

describe("weights settings", () => {
  it("lets an admin change weights (validated, audited) and the scores follow; refuses officers", async () => {
    const e = await buildEnterprise(t.database, city, { workforce: 50 });
    await recomputeScores(t.database);
    expect((await scoreOf(officer, e.id)).score).toBe(8);
    const settings = (await officer.get("/api/relations/risk/settings")).json();
    expect(settings.labels.no_union).toBeTruthy();
    const body = { weights: { ...settings.weights, no_union: 30 }, caps: settings.caps, defaultWeight: 5, threshold: 30, recentDays: 90 };
    expect((await officer.put("/api/relations/risk/settings", body)).statusCode).toBe(403);
    const admin = await clientFor("body_admin", city.authority);
    const bad = await admin.put("/api/relations/risk/settings", { ...body, weights: { no_union: -1 }, threshold: 0 });
    expect(bad.statusCode).toBe(400);
    const msgs = bad
      .json()
      .errors.map((x: { message: string }) => x.message)
      .join(" | ");
    expect(msgs).toContain("Trọng số không được âm");
    expect(msgs).toContain("Ngưỡng cảnh báo phải từ 1");
    const ok = await admin.put("/api/relations/risk/settings", body);
    expect(ok.statusCode).toBe(200);
    expect(await auditCount(t.database, "update", "setting", "relations.risk")).toBe(1);
    await recomputeScores(t.database);
    expect((await scoreOf(officer, e.id)).score).toBe(30);
    // Back to the defaults for the other tests.
    await admin.put("/api/relations/risk/settings", settings);
    await recomputeScores(t.database);
  });
});

describe("watch list, history and alerts", () => {
  it("ranks by score within scope and zone, refuses callers without the permission", async () => {
    const zu = await buildBody(t.database, "zone_union", city.federation);
    const zone = await buildZone(t.database, zu.id);
    const e = await buildEnterprise(t.database, city, { zoneId: zone, workforce: 200 });
    await recomputeScores(t.database);
    const wl = await officer.get(`/api/relations/watchlist?zone=${zone}`);
    expect(wl.json().map((w: { enterprise: { id: number } }) => w.enterprise.id)).toEqual([e.id]);
    const all = (await officer.get("/api/relations/watchlist?limit=500")).json() as { score: number }[];
    for (let i = 1; i < all.length; i++) expect(all[i - 1]?.score).toBeGreaterThanOrEqual(all[i]?.score ?? 0);
    const zoneOfficer = await clientFor("officer", city.zoneUnion);
    expect((await zoneOfficer.get("/api/relations/watchlist")).json().map((w: { enterprise: { id: number } }) => w.enterprise.id)).not.toContain(e.id);
    expect((await zoneOfficer.get(`/api/relations/enterprises/${e.id}/risk`)).statusCode).toBe(404);
    expect((await t.app.inject({ method: "GET", url: "/api/relations/watchlist" })).statusCode).toBe(401);
    const rep = await clientFor("enterprise_rep", e.id);
    expect((await rep.get("/api/relations/watchlist")).statusCode).toBe(403);
    expect((await officer.get("/api/relations/watchlist?limit=9999")).statusCode).toBe(400);
  });

  it("keeps one snapshot per enterprise and day, raises one alert on crossing, and turns it into a coordinated action", async () => {
    const e = await buildEnterprise(t.database, city, { workforce: 700 });
    await buildUnion(t.database, city, e.id);
    await officer.post("/api/relations/incidents", {
      enterpriseId: e.id,
      kind: "employer_absconded",
      title: "Chủ doanh nghiệp bỏ trốn",
      startedOn: addDays(today, -2),
      workersAffected: 700,
    });
    await recomputeScores(t.database);
    await recomputeScores(t.database);
    const [snap] = await t.database.rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM relations_risk_history WHERE enterprise_id = ${e.id} AND as_of = ${today}`,
    );
    expect(snap?.n).toBe(1);
    const past = await recomputeScores(t.database, addDays(today, -10));
    expect(past.enterprises).toBeGreaterThan(0);
    const hist = (await scoreOf(officer, e.id)).history;
    expect(hist.map((h: { asOf: string }) => h.asOf)).toContain(today);

    const alerts = (await officer.get("/api/relations/alerts?status=open")).json().filter((a: { enterpriseId: number }) => a.enterpriseId === e.id);
    expect(alerts).toHaveLength(1);
    const alertId = alerts[0].id;
    expect(alerts[0].signals[0].kind).toBe("employer_absconded");

    const zoneOfficer = await clientFor("officer", await buildBody(t.database, "zone_union", city.federation).then((b) => b.id));
    expect((await zoneOfficer.post(`/api/relations/alerts/${alertId}/acknowledge`)).statusCode).toBe(404);
    const viewer = await clientFor("viewer", city.federation);
    expect((await viewer.post(`/api/relations/alerts/${alertId}/acknowledge`)).statusCode).toBe(403);

    expect((await officer.post(`/api/relations/alerts/${alertId}/acknowledge`)).json().status).toBe("acknowledged");
    expect((await officer.post(`/api/relations/alerts/${alertId}/acknowledge`)).statusCode).toBe(409);
    const badAction = await officer.post(`/api/relations/alerts/${alertId}/action`, { title: "", leadBodyId: city.federation, deadline: addDays(today, -1) });
    expect(badAction.statusCode).toBe(400);
    const action = await officer.post(`/api/relations/alerts/${alertId}/action`, {
      title: "Phối hợp xử lý vụ chủ doanh nghiệp bỏ trốn, bảo vệ quyền lợi 700 lao động",
      leadBodyId: city.federation,
      coBodyIds: [city.authority, city.mmc],
      deadline: addDays(today, 14),
    });
    expect(action.statusCode).toBe(201);
    expect(action.json()).toMatchObject({ status: "actioned", action: { leadBodyId: city.federation, deadline: addDays(today, 14), status: "open" } });
    // Still high: no second open alert.
    await recomputeScores(t.database);
    const [n] = await t.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM relations_alerts WHERE enterprise_id = ${e.id}`);
    expect(n?.n).toBe(1);
  });

  it("evaluates precision and recall at k against stoppages, using only what was known before each", async () => {
    const warned = await buildEnterprise(t.database, city, { workforce: 900 });
    await buildUnion(t.database, city, warned.id);
    const quiet = await buildEnterprise(t.database, city, { workforce: 900 });
    await buildUnion(t.database, city, quiet.id);
    await officer.post("/api/relations/incidents", {
      enterpriseId: warned.id,
      kind: "wage_arrears",
      title: "Nợ lương",
      startedOn: "2026-03-01",
      arrearsMonths: 3,
      amountOwed: 2_000_000_000,
    });
    await officer.post("/api/relations/incidents", {
      enterpriseId: warned.id,
      kind: "work_stoppage",
      title: "Ngừng việc",
      startedOn: "2026-05-20",
      workersAffected: 900,
    });
    await officer.post("/api/relations/incidents", {
      enterpriseId: quiet.id,
      kind: "work_stoppage",
      title: "Ngừng việc bất ngờ",
      startedOn: "2026-05-25",
      workersAffected: 400,
    });
    const result = await evaluateWatchlist(t.database, { k: 3, horizonDays: 60, leadDays: 30, enterpriseIds: new Set([warned.id, quiet.id]) });
    const byEnterprise = new Map(result.stoppages.map((s) => [s.enterpriseId, s]));
    expect(byEnterprise.get(warned.id)).toMatchObject({ inTopK: true, rank: 1 });
    expect(byEnterprise.get(quiet.id)?.inTopK).toBe(false);
    expect(result.stoppagesCaught).toBe(0.5);
    expect(result.statement).toContain("dữ liệu mẫu");
    const http = await officer.get("/api/relations/evaluation?k=5");
    expect(http.statusCode).toBe(200);
    expect(http.json().stoppages.length).toBeGreaterThanOrEqual(2);
  });
});
