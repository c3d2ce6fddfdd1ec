import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { figureProviders } from "#server/modules/providers.ts";
import { Client, type TestApp, createTestApp } from "../../../../test/support/app.ts";
import { type TestCity, buildCity, buildEnterprise, buildPerson, buildUnion, buildUser } from "../../../../test/support/factories.ts";
import { careFigures } from "./care.figures.ts";
import { moneyPhrase } from "./care.text.ts";

let t: TestApp;
let city: TestCity;

beforeAll(async () => {
  t = await createTestApp();
  city = await buildCity(t.database);
});
afterAll(async () => t.close());

describe("money in the report's words", () => {
  it("rounds down and says 'hơn' when it did", () => {
    expect(moneyPhrase(58_400_000_000)).toBe("58,4 tỷ đồng");
    expect(moneyPhrase(1_441_250_000)).toBe("hơn 1,4 tỷ đồng");
    expect(moneyPhrase(3_750_000)).toBe("3,75 triệu đồng");
    expect(moneyPhrase(945_000_000)).toBe("945 triệu đồng");
    expect(moneyPhrase(209_500_000)).toBe("209,5 triệu đồng");
    expect(moneyPhrase(209_456_000)).toBe("hơn 209,4 triệu đồng");
    expect(moneyPhrase(300_000)).toBe("300.000 đồng");
    expect(moneyPhrase(1_000_000_000_000)).toBe("1.000 tỷ đồng");
  });
});

describe("care figures for the joint report", () => {
  it("is registered, and states Tết support by kind from the payouts of the period, each figure with a link", async () => {
    expect(figureProviders).toContain(careFigures);
    const ent = await buildEnterprise(t.database, city);
    const union = await buildUnion(t.database, city, ent.id);
    const u = await buildUser(t.database, "officer", city.federation);
    const fed = new Client(t.app);
    await fed.login(u.username, u.password);
    const c = (
      await fed.post("/api/care/campaigns", { name: "Tết 2026", purpose: "tet", startsOn: "2026-01-01", endsOn: "2026-02-28", kinds: ["cash", "gift"] })
    ).json();
    const people = await Promise.all([1, 2, 3].map(() => buildPerson(t.database, { enterpriseId: ent.id, unionId: union.id })));
    await fed.post(`/api/care/campaigns/${c.id}/payouts`, { personId: people[0]?.id, kind: "cash", amount: 1_500_000, paidOn: "2026-01-20" });
    await fed.post(`/api/care/campaigns/${c.id}/payouts`, { personId: people[1]?.id, kind: "cash", amount: 1_000_000, paidOn: "2026-01-21" });
    await fed.post(`/api/care/campaigns/${c.id}/payouts`, { personId: people[2]?.id, kind: "gift", amount: 600_000, paidOn: "2025-12-30" });
    const [section] = await careFigures(t.database, { kind: "city" }, { from: "2026-01-01", to: "2026-12-31", label: "năm 2026" });
    expect(section?.figures.find((f) => f.key === "care.tet.people")).toMatchObject({ value: 2, link: expect.stringContaining("/care/") });
    expect(section?.figures.find((f) => f.key === "care.tet.amount")?.value).toBe(2_500_000);
    expect(section?.paragraphs[0]).toBe("Đã có 2 đoàn viên, NLĐ được hỗ trợ nhân dịp Tết với tổng số tiền 2,5 triệu đồng.");
    expect(section?.figures.every((f) => f.link)).toBe(true);
    const [other] = await careFigures(
      t.database,
      { kind: "union", unionIds: [-1], enterpriseIds: [-1] },
      { from: "2026-01-01", to: "2026-12-31", label: "năm 2026" },
    );
    expect(other?.figures.find((f) => f.key === "care.tet.people")).toBeUndefined();
  });
});
