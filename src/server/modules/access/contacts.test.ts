import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, type TestApp, auditCount, createTestApp } from "../../../../test/support/app.ts";
import { type TestCity, buildCity, buildUser } from "../../../../test/support/factories.ts";

let t: TestApp;
let city: TestCity;

beforeAll(async () => {
  t = await createTestApp({ PUBLIC_RATE_LIMIT: "0" });
  city = await buildCity(t.database);
});
afterAll(async () => t.close());

async function signIn(role: Parameters<typeof buildUser>[1], bodyId: number) {
  const u = await buildUser(t.database, role, bodyId);
  const c = new Client(t.app);
  await c.login(u.username, u.password);
  return c;
}

type Contact = { bodyId: number; bodyName: string; phone: string };
const contacts = async () => {
  const res = await t.app.inject({ method: "GET", url: "/api/public/contacts" });
  expect(res.statusCode).toBe(200);
  return { cache: res.headers["cache-control"], ...(res.json() as { hotline: Contact[]; housing: Contact[] }) };
};

describe("the numbers the portal shows", () => {
  it("a body's administrator sets its hotline and housing line (audited, stored as digits); anyone reads them, cached", async () => {
    const admin = await signIn("body_admin", city.federation);
    const audits = await auditCount(t.database, "update", "body", city.federation);
    const saved = await admin.patch(`/api/admin/bodies/${city.federation}`, { hotlinePhone: "0225.3842.609", housingPhone: "1900 6868" });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ hotlinePhone: "02253842609", housingPhone: "19006868" });
    expect(await auditCount(t.database, "update", "body", city.federation)).toBe(audits + 1);

    const shown = await contacts();
    expect(shown.cache).toBe("public, max-age=300");
    expect(shown.hotline.find((c) => c.bodyId === city.federation)?.phone).toBe("02253842609");
    expect(shown.housing.find((c) => c.bodyId === city.federation)?.phone).toBe("19006868");

    // Cleared: the number leaves the portal.
    expect((await admin.patch(`/api/admin/bodies/${city.federation}`, { housingPhone: "" })).json().housingPhone).toBeNull();
    expect((await contacts()).housing.some((c) => c.bodyId === city.federation)).toBe(false);
  });

  it("refuses what is not a phone number, on its field; an officer may not change it, nor another body's administrator", async () => {
    const admin = await signIn("body_admin", city.federation);
    const bad = await admin.patch(`/api/admin/bodies/${city.federation}`, { hotlinePhone: "gọi chị Hà" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toMatchObject({ pointer: "/body/hotlinePhone" });
    const officer = await signIn("officer", city.federation);
    expect((await officer.patch(`/api/admin/bodies/${city.federation}`, { hotlinePhone: "02253842600" })).statusCode).toBe(403);
    const other = await signIn("body_admin", city.zoneUnion);
    expect((await other.patch(`/api/admin/bodies/${city.federation}`, { hotlinePhone: "02253842600" })).statusCode).toBe(404);
  });
});
