import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, type TestApp, auditCount, createTestApp } from "../../../../test/support/app.ts";
import { type TestCity, buildCity, buildUser } from "../../../../test/support/factories.ts";

let t: TestApp;
let city: TestCity;

beforeAll(async () => {
  t = await createTestApp({ PUBLIC_CHALLENGE_DIFFICULTY: "0", PUBLIC_RATE_LIMIT: "0" });
  city = await buildCity(t.database);
});
afterAll(async () => t.close());

async function signIn(role: Parameters<typeof buildUser>[1], bodyId: number) {
  const u = await buildUser(t.database, role, bodyId);
  const c = new Client(t.app);
  await c.login(u.username, u.password);
  return c;
}

const search = async (q: string) =>
  (await t.app.inject({ method: "GET", url: `/api/public/qa?q=${encodeURIComponent(q)}&pageSize=50` })).json() as {
    total: number;
    alsoSearched: string[];
    items: { id: number }[];
  };

/** A published entry with unique words, so other tests' entries do not count. */
async function published(officer: Client, question: string, answer: string): Promise<number> {
  const made = await officer.post("/api/voice/qa", { question, answer, citations: ["Điều 107 Bộ luật Lao động 2019"], validFrom: "2021-01-01" });
  expect(made.statusCode).toBe(201);
  const id = made.json().id as number;
  expect((await officer.post(`/api/voice/qa/${id}/publish`, { publish: true })).statusCode).toBe(200);
  return id;
}

describe("Q&A search with everyday words", () => {
  it("finds an entry by the starter list's synonyms, with or without diacritics, and says what else it searched", async () => {
    const officer = await signIn("officer", city.federation);
    const overtime = await published(
      officer,
      "Công ty Zenkova bắt làm thêm giờ không trả lương có đúng không?",
      "Làm thêm giờ phải được trả ít nhất 150% lương.",
    );
    const dismissal = await published(
      officer,
      "Công ty Zenkova sa thải tôi khi đang nuôi con nhỏ?",
      "Không được sa thải lao động nữ nuôi con dưới 12 tháng tuổi.",
    );
    const maternity = await published(officer, "Chế độ thai sản ở Zenkova được bao lâu?", "Lao động nữ được nghỉ thai sản 6 tháng.");
    for (const [q, id] of [
      ["tăng ca Zenkova", overtime],
      ["tang ca zenkova", overtime],
      ["đuổi việc Zenkova", dismissal],
      ["bầu Zenkova", maternity],
      ["co bau zenkova", maternity],
    ] as const) {
      const found = await search(q);
      expect(
        found.items.map((e) => e.id),
        q,
      ).toContain(id);
    }
    // The other words of the group used, to show the worker; the unrelated entries are not found.
    const ot = await search("tăng ca Zenkova");
    expect(ot.alsoSearched).toContain("làm thêm giờ");
    expect(ot.items.map((e) => e.id)).not.toContain(maternity);
    // Without a synonym, a word still has to appear: nothing invents matches.
    expect((await search("Zenkova trực đêm")).total).toBe(0);
  });

  it("administrators edit the list (audited, each problem on its word); the search follows at once; officers may only read", async () => {
    const officer = await signIn("officer", city.federation);
    const admin = await signIn("system_admin", city.federation);
    const id = await published(officer, "Nhà trọ Quovix có phải đóng tiền điện giá kinh doanh?", "Giá điện cho người thuê trọ theo giá sinh hoạt.");
    expect((await search("phòng trọ Quovix")).items.map((e) => e.id)).not.toContain(id);

    expect((await officer.get("/api/voice/qa-synonyms")).statusCode).toBe(200);
    expect((await officer.post("/api/voice/qa-synonyms", { terms: ["nhà trọ", "phòng trọ"] })).statusCode).toBe(403);

    const audits = await auditCount(t.database, "voice_qa_synonyms_create", "voice_qa_synonyms");
    const made = await admin.post("/api/voice/qa-synonyms", { terms: ["Nhà trọ", "phòng trọ", "nha tro", "xóm trọ"] });
    expect(made.statusCode).toBe(201);
    // A folded duplicate is dropped, the words are kept as typed.
    expect(made.json().terms).toEqual(["Nhà trọ", "phòng trọ", "xóm trọ"]);
    expect(await auditCount(t.database, "voice_qa_synonyms_create", "voice_qa_synonyms")).toBe(audits + 1);
    expect((await search("phong tro Quovix")).items.map((e) => e.id)).toContain(id);

    // A word already in another group, or too short to match safely, lands on its own word.
    const bad = await admin.post("/api/voice/qa-synonyms", { terms: ["chỗ ở", "tăng ca", "ở"] });
    expect(bad.statusCode).toBe(400);
    const pointers = (bad.json().errors as { pointer: string; message: string }[]).map((e) => e.pointer);
    expect(pointers).toEqual(expect.arrayContaining(["/body/terms/2"]));
    const clash = await admin.post("/api/voice/qa-synonyms", { terms: ["chỗ ở tập thể", "tang ca"] });
    expect(clash.statusCode).toBe(400);
    expect(clash.json().errors[0]).toMatchObject({ pointer: "/body/terms/1" });
    expect(clash.json().errors[0].message).toContain("làm thêm giờ");

    const group = made.json().id as number;
    expect((await admin.put(`/api/voice/qa-synonyms/${group}`, { terms: ["nhà trọ", "chỗ ở thuê"] })).statusCode).toBe(200);
    expect((await search("phòng trọ Quovix")).items.map((e) => e.id)).not.toContain(id);
    expect((await admin.delete(`/api/voice/qa-synonyms/${group}`)).statusCode).toBe(204);
    const [row] = await t.database.rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_log WHERE object_type = 'voice_qa_synonyms' AND object_id = ${String(group)}`,
    );
    expect(row?.n).toBe(3);
  });

  it("looks the groups up through the index, not by reading the list", async () => {
    await t.database.rows(sql`SET enable_seqscan = off`);
    const plan = await t.database.rows<{ "QUERY PLAN": string }>(
      sql`EXPLAIN SELECT terms FROM voice_qa_synonyms WHERE terms_fold && ARRAY['tang ca', 'tang', 'ca']::text[]`,
    );
    await t.database.rows(sql`SET enable_seqscan = on`);
    expect(plan.map((p) => p["QUERY PLAN"]).join("\n")).toContain("voice_qa_synonyms_fold_idx");
  });
});
