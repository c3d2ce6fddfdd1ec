import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, type TestApp, createTestApp } from "../../../../test/support/app.ts";
import { type TestCity, buildCity, buildEnterprise, buildUnion, buildUser } from "../../../../test/support/factories.ts";
import { addDays, todayIso } from "./relations.common.ts";

/**
 * The judged scenario, walked over HTTP: an officer plans and records an inspection of an FDI
 * garment factory paying below the 2026 Region I minimum, whose agreement expired; the findings and
 * their deadlines appear; the enterprise rises on the watch list with those reasons; once resolved
 * it falls again. "Agreement expired" comes from the registry's provider: the agreements are
 * recorded, and renewed, through the registry's own API.
 */
let t: TestApp;
let city: TestCity;

beforeAll(async () => {
  t = await createTestApp();
  city = await buildCity(t.database);
});
afterAll(async () => t.close());

const agreement = (enterpriseId: number, from: string, to: string) => ({
  enterpriseIds: [enterpriseId],
  title: "Thỏa ước lao động tập thể",
  signedOn: from,
  effectiveFrom: from,
  effectiveTo: to,
  approvalShare: 78,
  grade: "B",
});

describe("an inspection of an FDI garment factory paying below the 2026 Region I minimum", () => {
  it("plans, records, shows findings and deadlines, raises and then lowers the enterprise on the watch list", async () => {
    const factory = await buildEnterprise(t.database, city, {
      name: "Công ty TNHH May mặc Hansae Hải Phòng",
      ownership: "fdi",
      country: "Hàn Quốc",
      sector: "May mặc",
      workforce: 1200,
    });
    await buildUnion(t.database, city, factory.id);
    // Another enterprise already on the list, so "rises" and "falls" are relative to someone.
    const other = await buildEnterprise(t.database, city, { name: "Công ty TNHH Điện tử Thử", workforce: 400 });
    await buildUnion(t.database, city, other.id);
    const officer = await buildUser(t.database, "officer", city.authority);
    const c = new Client(t.app);
    expect((await c.login(officer.username, officer.password)).statusCode).toBe(200);
    const today = todayIso();
    const inspectedOn = addDays(today, -3);

    const arrears = await c.post("/api/relations/incidents", {
      enterpriseId: other.id,
      kind: "wage_arrears",
      title: "Chậm trả lương tháng 10",
      startedOn: addDays(today, -20),
      workersAffected: 150,
      amountOwed: 900_000_000,
      arrearsMonths: 1,
    });
    expect(arrears.statusCode).toBe(201);
    // The factory's agreement ran out months ago; the other enterprise's is valid.
    const old = await c.post("/api/registry/agreements", agreement(factory.id, addDays(today, -900), addDays(today, -140)));
    expect(old.statusCode).toBe(201);
    expect((await c.post("/api/registry/agreements", agreement(other.id, addDays(today, -100), addDays(today, 900)))).statusCode).toBe(201);

    // 1. The yearly plan with the factory as a target.
    const plan = await c.post("/api/relations/plans", {
      year: Number(today.slice(0, 4)),
      title: "Kế hoạch kiểm tra, giám sát việc thực hiện pháp luật lao động năm 2026",
      leadBodyId: city.authority,
      coBodyIds: [city.zoneUnion, city.federation],
      startsOn: `${today.slice(0, 4)}-01-01`,
      endsOn: `${today.slice(0, 4)}-12-31`,
      targets: [{ enterpriseId: factory.id, plannedOn: inspectedOn }],
    });
    expect(plan.statusCode).toBe(201);
    expect(plan.json().targets).toHaveLength(1);

    // 2. The form pre-fills the minimum that applied: Region I, Decree 293/2025.
    const form = await c.get(`/api/relations/inspections/form?enterpriseId=${factory.id}&date=${inspectedOn}`);
    expect(form.statusCode).toBe(200);
    const items = form.json().items as { id: number; pointCode: string; prefill: string | null; prefillText: string | null; legalBasis: string }[];
    const wageItem = items.find((i) => i.prefill === "minimum_wage");
    expect(wageItem?.prefillText).toContain("5.310.000");
    expect(form.json().minimum).toMatchObject({ region: 1, monthly: 5_310_000, decree: "293/2025/NĐ-CP" });
    const cba = items.find((i) => i.pointCode === "CBA");
    if (!wageItem || !cba) throw new Error("checklist incomplete");

    // 3. The inspection: wages of 5,000,000 judged by the server; the agreement has expired.
    const answers = items.map((i) =>
      i.id === wageItem.id
        ? { itemId: i.id, observedValue: 5_000_000 }
        : i.id === cba.id
          ? { itemId: i.id, result: "non_compliant", evidence: "Thỏa ước hết hạn 30/06/2026, chưa thương lượng ký mới" }
          : { itemId: i.id, result: "compliant" },
    );
    const cbaDeadline = addDays(inspectedOn, 60);
    const rec = await c.post("/api/relations/inspections", {
      planId: plan.json().id,
      enterpriseId: factory.id,
      inspectedOn,
      leadBodyId: city.authority,
      summary: "Doanh nghiệp trả lương thấp hơn mức tối thiểu vùng I; thỏa ước hết hạn.",
      answers,
      findings: [{ itemId: cba.id, text: "Tổ chức thương lượng, ký thỏa ước lao động tập thể mới", deadline: cbaDeadline }],
      complete: true,
    });
    expect(rec.statusCode).toBe(201);
    const inspection = rec.json();
    expect(inspection.status).toBe("completed");
    const wageAnswer = inspection.answers.find((a: { itemId: number }) => a.itemId === wageItem.id);
    expect(wageAnswer).toMatchObject({ result: "non_compliant", observedValue: 5_000_000, referenceValue: 5_310_000 });

    // 4. Findings with their deadlines: the one given, and the default 30 days for the wage.
    const recs = inspection.recommendations as { id: number; itemId: number; deadline: string; status: string }[];
    expect(recs).toHaveLength(2);
    expect(recs.find((r) => r.itemId === cba.id)?.deadline).toBe(cbaDeadline);
    expect(recs.find((r) => r.itemId === wageItem.id)?.deadline).toBe(addDays(inspectedOn, 30));
    const listed = await c.get(`/api/relations/recommendations?enterpriseId=${factory.id}&status=open`);
    expect(listed.json()).toHaveLength(2);

    // 5. The watch list: the factory first, with the reasons.
    const wl = await c.get(`/api/relations/watchlist?zone=${city.zoneId}`);
    expect(wl.statusCode).toBe(200);
    const top = wl.json()[0];
    expect(top.enterprise.id).toBe(factory.id);
    const kinds = top.signals.map((s: { kind: string }) => s.kind);
    expect(kinds).toEqual(expect.arrayContaining(["below_minimum_wage", "findings_open", "agreement_expired"]));
    const wageSignal = top.signals.find((s: { kind: string }) => s.kind === "below_minimum_wage");
    expect(wageSignal.evidence).toContain("5.000.000");
    expect(wageSignal.evidence).toContain("5.310.000");
    expect(wageSignal.link).toBe(`/relations/inspections/${inspection.id}`);
    expect(wageSignal.weight).toBeGreaterThan(0);
    expect(top.signals.find((s: { kind: string }) => s.kind === "agreement_expired").link).toContain(`/registry/enterprises/${factory.id}`);
    const risen = top.score;
    expect(risen).toBeGreaterThanOrEqual(30);

    // An alert was raised, visible in the alert list.
    const alerts = await c.get("/api/relations/alerts?status=open");
    expect(alerts.json().map((a: { enterpriseId: number }) => a.enterpriseId)).toContain(factory.id);

    // 6. Resolved: wages raised, a new agreement signed; the officer closes the recommendations.
    const renewed = await c.post("/api/registry/agreements", agreement(factory.id, addDays(today, -1), addDays(today, 1000)));
    expect(renewed.statusCode).toBe(201);
    for (const r of recs) {
      const f = await c.post(`/api/relations/recommendations/${r.id}/followups`, {
        outcome: "closed",
        onDate: today,
        note: "Doanh nghiệp đã khắc phục, có chứng từ",
      });
      expect(f.statusCode).toBe(200);
      expect(f.json().status).toBe("closed");
    }
    // The half-year labour report it owed comes in too, with the raised wages: a report still
    // missing would keep it on the list (the labour module's "late report" signal).
    const owed = today.slice(5, 7) >= "07" ? `${today.slice(0, 4)}-H1` : `${Number(today.slice(0, 4)) - 1}-H2`;
    const report = await c.post(`/api/registry/enterprises/${factory.id}/labor-reports`, { period: owed, workforce: 1200, lowestWage: 5_600_000 });
    expect(report.statusCode, report.body).toBe(201);
    const after = await c.get(`/api/relations/watchlist?zone=${city.zoneId}`);
    const ids = after.json().map((w: { enterprise: { id: number } }) => w.enterprise.id);
    expect(ids[0]).toBe(other.id);
    expect(ids).not.toContain(factory.id);
    const risk = await c.get(`/api/relations/enterprises/${factory.id}/risk`);
    expect(risk.json().score).toBe(0);
    expect(risk.json().history.at(-1)).toMatchObject({ asOf: today, score: 0 });
  });
});
