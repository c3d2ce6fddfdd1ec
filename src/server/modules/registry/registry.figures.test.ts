import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, type TestApp, createTestApp } from "../../../../test/support/app.ts";
import { type TestCity, buildCity, buildEnterprise, buildPerson, buildUnion, buildUser } from "../../../../test/support/factories.ts";
import { figureProviders, riskSignalProviders } from "../providers.ts";
import { registryFigures, registryRiskSignals } from "./registry.figures.ts";

let t: TestApp;
let city: TestCity;
let officer: Client;
let noUnion: { id: number };
let expired: { id: number };
let missing: { id: number };
let layoff: { id: number };
let unionE: { id: number };
let unionM: { id: number };
let unionL: { id: number };

beforeAll(async () => {
  t = await createTestApp();
  city = await buildCity(t.database);
  // A city of its own for this file: the numbers below are exact.
  noUnion = await buildEnterprise(t.database, city, { workforce: 25 });
  await buildEnterprise(t.database, city, { workforce: 12 }); // under 20: no union expected
  expired = await buildEnterprise(t.database, city, { workforce: 300 });
  missing = await buildEnterprise(t.database, city, { workforce: 150 });
  layoff = await buildEnterprise(t.database, city, { workforce: 400 });
  unionE = await buildUnion(t.database, city, expired.id);
  unionM = await buildUnion(t.database, city, missing.id);
  unionL = await buildUnion(t.database, city, layoff.id);
  await t.database.rows(sql`UPDATE unions SET founded_on = '2025-04-01' WHERE id = ${unionM.id}`);
  for (let i = 0; i < 3; i++) await buildPerson(t.database, { enterpriseId: expired.id, unionId: unionE.id, joinedOn: "2024-05-01" });
  for (let i = 0; i < 2; i++) await buildPerson(t.database, { enterpriseId: missing.id, unionId: unionM.id, joinedOn: "2025-05-01", gender: "male" });
  const [a] = await t.database.rows<{ id: number }>(
    sql`INSERT INTO agreements (kind, union_id, title, signed_on, effective_from, effective_to) VALUES ('enterprise', ${unionE.id}, 'TƯLĐTT 2022', '2022-01-01', '2022-01-01', '2024-12-31') RETURNING id`,
  );
  await t.database.rows(sql`INSERT INTO agreement_enterprises (agreement_id, enterprise_id) VALUES (${a?.id}, ${expired.id})`);
  const [b] = await t.database.rows<{ id: number }>(
    sql`INSERT INTO agreements (kind, union_id, title, signed_on, effective_from, effective_to) VALUES ('enterprise', ${unionL.id}, 'TƯLĐTT 2025', '2025-01-01', '2025-01-01', '2027-12-31') RETURNING id`,
  );
  await t.database.rows(sql`INSERT INTO agreement_enterprises (agreement_id, enterprise_id) VALUES (${b?.id}, ${layoff.id})`);
  await t.database.rows(
    sql`INSERT INTO labor_reports (enterprise_id, period, workforce, hires, leavers, average_wage, lowest_wage, filed_at) VALUES
        (${layoff.id}, '2025-H2', 300, 5, 120, 7000000, 4500000, '2026-01-10'),
        (${missing.id}, '2025-H2', 150, 10, 8, 7500000, 5100000, '2026-01-10')`,
  );
  const u = await buildUser(t.database, "officer", city.federation);
  officer = new Client(t.app);
  await officer.login(u.username, u.password);
});
afterAll(async () => t.close());

describe("registry figures", () => {
  it("are registered in providers.ts", () => {
    expect(figureProviders).toContain(registryFigures);
    expect(riskSignalProviders).toContain(registryRiskSignals);
  });

  it("give women members and operating unions as of the period end, and agreement coverage, each with a link", async () => {
    const sections = await registryFigures(t.database, { kind: "city" }, { from: "2025-01-01", to: "2025-12-31", label: "năm 2025" });
    const fig = (key: string) => sections.flatMap((s) => s.figures).find((f) => f.key === key);
    expect(fig("members.women")?.value).toBe(3);
    expect(fig("unions.total")?.value).toBe(3);
    expect(fig("agreements.enterprises")).toMatchObject({ value: 1, target: 3 });
    expect(sections.flatMap((s) => s.figures).every((f) => typeof f.link === "string")).toBe(true);
    // New members, new unions, the member total and 20+ coverage are coordination's party_union figures (stated once).
    for (const k of ["members.new", "unions.new", "members.total", "enterprises.20plus"]) expect(fig(k), k).toBeUndefined();
    expect(sections[0]?.key).toBe("party_union");
    expect(sections[0]?.paragraphs[0]).toBe("Trong tổng số đoàn viên có 3 đoàn viên nữ, sinh hoạt tại 3 công đoàn cơ sở đang hoạt động.");
    // The list behind "women members as of 31/12/2025" shows the same number.
    const link = fig("members.women")?.link ?? "";
    const res = await officer.get(`/api/registry/people?${link.split("?")[1]}`);
    expect(res.json().total).toBe(3);
  });

  it("do not move for a past period when someone moves today", async () => {
    const period = { from: "2025-01-01", to: "2025-12-31", label: "năm 2025" };
    const before = await registryFigures(t.database, { kind: "city" }, period);
    const [p] = await t.database.rows<{ person_id: number }>(sql`SELECT person_id FROM memberships WHERE union_id = ${unionE.id} LIMIT 1`);
    const res = await officer.post(`/api/registry/people/${p?.person_id}/transfer`, { unionId: unionM.id, date: "2026-02-01" });
    expect(res.statusCode).toBe(200);
    const after = await registryFigures(t.database, { kind: "city" }, period);
    expect(after).toEqual(before);
  });

  it("raise agreement expired/missing, mass-layoff and low-wage signals with evidence", async () => {
    const signals = await registryRiskSignals(t.database, "2026-03-01");
    const of = (id: number) =>
      signals
        .filter((s) => s.enterpriseId === id)
        .map((s) => s.kind)
        .sort();
    expect(of(noUnion.id)).toEqual([]); // relations computes no_union itself
    expect(of(expired.id)).toEqual(["agreement_expired"]);
    // 5,100,000 in 2025-H2 is above that half-year's minimum (4,960,000; the 2026 rise applies from 01/01/2026).
    expect(of(missing.id)).toEqual(["agreement_missing"]);
    expect(of(layoff.id)).toEqual(["mass_layoff", "reported_wage_below_minimum"]);
    const mass = signals.find((s) => s.kind === "mass_layoff");
    expect(mass?.value).toBe(28.6);
    expect(mass?.evidence).toMatch(/120 người nghỉ việc/);
    // Before the half-year ended, its report does not count.
    const early = await registryRiskSignals(t.database, "2025-12-01");
    expect(early.some((s) => s.kind === "mass_layoff")).toBe(false);
  });
});
