import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readZipEntry } from "../../../../test/support/unzip.ts";
import { Client, type TestApp, auditCount, createTestApp } from "../../../../test/support/app.ts";
import { type TestCity, buildCity, buildEnterprise, buildUnion, buildUser } from "../../../../test/support/factories.ts";

/**
 * Issue #15.1: the employer sees only what an officer sends. Requests carry planted words in every
 * place a worker writes (title, text, line, unit, name, phone, ID, file name, addition); every GET
 * route an enterprise account (and a grassroots account, for a request not routed to it) can call is
 * walked with every id and code we know, and no answer may carry any of them.
 */

let t: TestApp;
let city: TestCity;
const YEAR = new Date().getUTCFullYear();

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
const pub = (payload: unknown) => t.app.inject({ method: "POST", url: "/api/public/requests", payload: payload as object });

const planted = {
  title: "Plantitlexq",
  text: "Plantextzk",
  line: "PLANTLINE77",
  unit: "Plantunitwv",
  name: "Plantnamejj",
  phone: "0911222333",
  cid: "031195000777",
  file: "plantfilebb",
  addition: "Plantaddyy",
};

/** The text of a response, unzipped when it is an .xlsx or .docx. */
function textOf(res: { rawPayload: Buffer; body: string; headers: Record<string, unknown> }): string {
  const type = String(res.headers["content-type"] ?? "");
  if (!type.includes("openxmlformats")) return res.body;
  const entries = ["xl/sharedStrings.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "word/document.xml"];
  return entries.map((e) => readZipEntry(res.rawPayload, e) ?? "").join("\n");
}

/** Every GET route of the app, with each path parameter filled by every candidate we know. */
function urlsOf(candidates: Record<string, string[]>, words: string[]): string[] {
  const urls = new Set<string>();
  for (const r of t.app.routeTable.filter((x) => x.method === "GET")) {
    const params = [...r.url.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1] as string);
    let filled = [r.url];
    for (const p of params) {
      const values = candidates[p] ?? candidates.id ?? ["1"];
      filled = filled.flatMap((u) => values.map((v) => u.replace(`:${p}`, encodeURIComponent(v))));
    }
    for (const u of filled) urls.add(params.length ? u : `${u}?pageSize=200&period=${YEAR}`);
    // Lists are searched for what the worker wrote: a count that moves would be an oracle.
    if (!params.length) for (const w of words) urls.add(`${r.url}?q=${encodeURIComponent(w)}&pageSize=200`);
  }
  return [...urls];
}

describe("forwarding to the enterprise", () => {
  it("shows the enterprise nothing until an officer forwards, then only the officer's summary and the day", async () => {
    const ent = await buildEnterprise(t.database, city, { name: "Công ty TNHH Điện Tử Kín Đáo" });
    const union = await buildUnion(t.database, city, ent.id, "Công đoàn cơ sở Điện Tử Kín Đáo");
    const complaint = await pub({
      kind: "complaint",
      topic: "overtime",
      title: `Tổ trưởng ${planted.title} quấy rối, ép tăng ca`,
      description: `Tôi làm ở chuyền ${planted.line}, tổ ${planted.unit}; ${planted.text} bắt làm thêm 4 giờ mỗi ngày không trả lương.`,
      enterpriseId: ent.id,
      anonymous: false,
      requester: { fullName: `Nguyễn ${planted.name}`, phone: planted.phone, citizenId: planted.cid },
      consent: true,
    });
    expect(complaint.statusCode).toBe(201);
    const question = await pub({
      kind: "consultation",
      topic: "wages",
      title: `Hỏi lương ${planted.title} tháng 13`,
      description: `Chuyền ${planted.line} hỏi ${planted.text} về thưởng Tết.`,
      enterpriseId: ent.id,
      anonymous: true,
      consent: true,
    });
    const report = await pub({
      kind: "report",
      topic: "osh",
      title: `Phản ánh ${planted.title} an toàn`,
      description: `${planted.unit}: máy dập không có che chắn, ${planted.text}.`,
      enterpriseId: ent.id,
      anonymous: true,
      consent: true,
    });
    const codes = [complaint, question, report].map((r) => r.json().code as string);
    const rows = await t.database.rows<{ id: number; code: string; private: boolean; received: string }>(
      sql`SELECT id, code, description_private AS private, to_char(received_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'HH24:MI') AS received
          FROM voice_requests WHERE code IN (${codes[0]}, ${codes[1]}, ${codes[2]}) ORDER BY id`,
    );
    // Complaints and reports default to hidden; a question may be shown.
    expect(rows.map((r) => r.private)).toEqual([true, false, true]);
    const [c0, q0, r0] = rows as [(typeof rows)[0], (typeof rows)[0], (typeof rows)[0]];
    const secret = complaint.json().secret as string;
    await t.app.inject({
      method: "POST",
      url: `/api/public/requests/${c0.code}/additions`,
      headers: { "x-request-secret": secret },
      payload: { body: `${planted.addition} thêm: ca đêm` },
    });
    const boundary = "----p";
    await t.app.inject({
      method: "POST",
      url: `/api/public/requests/${c0.code}/attachments`,
      headers: { "x-request-secret": secret, "content-type": `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${planted.file}.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4`,
        ),
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
    });

    const rep = await signIn("enterprise_rep", ent.id);
    expect((await rep.get("/api/voice/requests")).json()).toEqual({ total: 0, items: [] });

    // The responsible body (the grassroots union, by routing) forwards the complaint.
    const officer = await signIn("union_officer", union.id);
    const url = `/api/voice/requests/${c0.id}/forward`;
    const summary = "Đề nghị doanh nghiệp rà soát việc trả tiền làm thêm giờ và thời giờ làm thêm theo Điều 107 Bộ luật Lao động 2019.";
    const named = await officer.post(url, { summary: `${summary} Người gửi: Nguyễn ${planted.name}.`, acknowledgePrivate: true });
    expect(named.statusCode).toBe(400);
    const copied = await officer.post(url, { summary: `Tổ trưởng ${planted.title} quấy rối, ép tăng ca — đề nghị xử lý.`, acknowledgePrivate: true });
    expect(copied.statusCode).toBe(400);
    const run = await officer.post(url, {
      summary: `Có phản ánh: ${planted.text} bắt làm thêm 4 giờ mỗi ngày không trả lương, đề nghị kiểm tra.`,
      acknowledgePrivate: true,
    });
    expect(run.statusCode).toBe(400);
    const unacknowledged = await officer.post(url, { summary });
    expect(unacknowledged.statusCode).toBe(422);
    expect(unacknowledged.json().code).toBe("voice_private_forward");
    expect((await rep.post(url, { summary, acknowledgePrivate: true })).statusCode).toBe(403);
    const viewer = await signIn("viewer", city.federation);
    expect((await viewer.post(url, { summary, acknowledgePrivate: true })).statusCode).toBe(403);
    const before = await auditCount(t.database, "voice_request_forward", "voice_request", c0.id);
    const ok = await officer.post(url, { summary, acknowledgePrivate: true });
    expect(ok.statusCode).toBe(200);
    const ref = ok.json().ref as string;
    expect(ref).toMatch(/^CV-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(await auditCount(t.database, "voice_request_forward", "voice_request", c0.id)).toBe(before + 1);

    const list = (await rep.get("/api/voice/requests")).json();
    expect(list.total).toBe(1);
    expect(list.items[0]).toEqual({ ref, summary, forwardedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), responsibleBodyName: expect.any(String) });
    // The staff detail shows what went and who sent it.
    const detail = (await officer.get(`/api/voice/requests/${c0.id}`)).json();
    expect(detail.forward).toMatchObject({ summary, ref });
    expect(detail.history.some((h: { action: string }) => h.action === "forwarded")).toBe(true);

    // A second enterprise sees none of it.
    const other = await buildEnterprise(t.database, city);
    const rep2 = await signIn("enterprise_rep", other.id);
    expect((await rep2.get("/api/voice/requests")).json().total).toBe(0);

    // A zone-union officer takes the report over (transfer): the grassroots union no longer sees it.
    const zone = await signIn("officer", city.zoneUnion);
    expect((await zone.post(`/api/voice/requests/${r0.id}/transfer`, { toBodyId: city.zoneUnion, reason: "Cần khu công nghiệp xử lý" })).statusCode).toBe(200);
    expect((await officer.get(`/api/voice/requests/${r0.id}`)).statusCode).toBe(404);

    // Every GET route, every id and code, every planted word as a search: nothing the worker wrote.
    const words = Object.values(planted);
    const searched = [planted.title, planted.name, planted.line];
    const ids = [c0.id, q0.id, r0.id].map(String);
    const candidates = {
      id: [...ids, String(ent.id)],
      code: codes,
      attachmentId: ["1", "2", "3"],
      token: ["x"],
      key: ["voice.received", "members"],
      day: ["2026-01-01"],
    };
    const times = rows.map((r) => r.received);
    const check = async (who: string, c: Client, forbidden: string[]) => {
      const leaks: string[] = [];
      let n = 0;
      const started = Date.now();
      for (const u of urlsOf(candidates, searched)) {
        const res = await c.get(u);
        n++;
        const text = textOf(res);
        // A value the caller put in the URL and the answer echoes (a problem's "instance") is no leak.
        for (const w of forbidden) if (!decodeURIComponent(u).includes(w) && text.includes(w)) leaks.push(`${who} GET ${u} → ${res.statusCode} carries "${w}"`);
      }
      console.log(`${who}: ${n} GETs in ${Date.now() - started} ms`);
      return leaks;
    };
    const forEnterprise = [...words, ...codes, ...times.map((h) => `T${h}`), "Tổ trưởng", "quấy rối"];
    const leaks = await check("enterprise", rep, forEnterprise);
    // The grassroots officer handles the complaint and the question; the transferred report is not theirs.
    leaks.push(...(await check("grassroots", officer, [`Phản ánh ${planted.title}`, "máy dập", r0.code])));
    expect(leaks).toEqual([]);
  }, 300_000);

  it("hides one-workplace breakdowns with fewer than 5 requests in a cell", async () => {
    const ent = await buildEnterprise(t.database, city, { name: "Công ty TNHH Ít Yêu Cầu" });
    const union = await buildUnion(t.database, city, ent.id);
    for (const topic of ["wages", "osh"])
      await pub({
        kind: "complaint",
        topic,
        title: "Tiêu đề đủ dài",
        description: "Nội dung đủ dài để gửi.",
        enterpriseId: ent.id,
        anonymous: true,
        consent: true,
      });
    const officer = await signIn("union_officer", union.id);
    const dash = await officer.get(`/api/reports/preview?period=${YEAR}`);
    expect(dash.statusCode).toBe(200);
    expect(dash.body).toContain("voice.received");
    expect(dash.body).not.toContain("quan tâm nhiều nhất");
    // The city sees the breakdown (a city-wide cell is no one's workplace).
    const fed = await signIn("officer", city.federation);
    expect((await fed.get(`/api/reports/preview?period=${YEAR}`)).body).toContain("quan tâm nhiều nhất");
  });
});
