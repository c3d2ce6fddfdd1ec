import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, type TestApp, auditCount, createTestApp } from "../../../../test/support/app.ts";
import { type TestCity, buildCity, buildEnterprise, buildPerson, buildUnion, buildUser } from "../../../../test/support/factories.ts";
import { holidays } from "./calendar.ts";
import { callbackDue } from "./hotline.service.ts";
import { signHotline } from "./hotline.signature.ts";

const SECRET = "hotline-secret-for-tests-0123456789";
let t: TestApp;
let city: TestCity;
let otherZoneUnion: number;
let seq = 0;

beforeAll(async () => {
  t = await createTestApp({ HOTLINE_WEBHOOK_SECRET: SECRET, PUBLIC_CHALLENGE_DIFFICULTY: "0", PUBLIC_RATE_LIMIT: "0" });
  city = await buildCity(t.database);
  const [b] = await t.database.rows<{ id: number }>(
    sql`INSERT INTO bodies (kind, name, parent_id) VALUES ('zone_union', 'Công đoàn KKT khác', ${city.federation}) RETURNING id`,
  );
  await t.database.rows(sql`UPDATE bodies SET path = (SELECT path FROM bodies WHERE id = ${city.federation}) || id || '/' WHERE id = ${b?.id ?? 0}`);
  otherZoneUnion = b?.id ?? 0;
});
afterAll(async () => t.close());

async function signIn(role: Parameters<typeof buildUser>[1], bodyId: number) {
  const u = await buildUser(t.database, role, bodyId);
  const c = new Client(t.app);
  await c.login(u.username, u.password);
  return Object.assign(c, { userId: u.id });
}

const uniqueLine = () => `0225${String(1000 + (seq++ % 9000)).padStart(4, "0")}${Math.floor(Math.random() * 90 + 10)}`;
const uniqueCallId = () => `call-${Date.now()}-${Math.random().toString(36).slice(2)}`;

/** Sends the webhook as a PBX would, signed at `ts` (Unix seconds). */
function webhook(body: object, opts: { ts?: number; signature?: string; secret?: string; app?: TestApp } = {}) {
  const raw = JSON.stringify(body);
  const ts = String(opts.ts ?? Math.floor(Date.now() / 1000));
  const signature = opts.signature ?? signHotline(opts.secret ?? SECRET, ts, raw);
  return (opts.app ?? t).app.inject({
    method: "POST",
    url: "/api/voice/calls",
    payload: raw,
    headers: { "content-type": "application/json", "x-hotline-signature": signature, "x-hotline-timestamp": ts },
  });
}

async function zoneLine(hours: { opensAt: string | null; closesAt: string | null } = { opensAt: null, closesAt: null }, bodyId = city.zoneUnion) {
  const admin = await signIn("system_admin", city.federation);
  const line = uniqueLine();
  const res = await admin.put(`/api/voice/hotline-lines/${line}`, { bodyId, ...hours });
  expect(res.statusCode, res.body).toBe(200);
  return line;
}

describe("hotline webhook signature", () => {
  it("accepts a good signature, refuses a bad, an expired and a replayed one", async () => {
    const line = await zoneLine();
    const call = { callId: uniqueCallId(), caller: "0912 345 678", line, at: new Date().toISOString(), status: "answered" };
    const raw = JSON.stringify(call);
    const ts = Math.floor(Date.now() / 1000);
    const good = await webhook(call, { ts });
    expect(good.statusCode, good.body).toBe(201);
    expect(good.json()).toMatchObject({ duplicate: false });
    // The same signed request again: a replay, refused even though its call id would be harmless.
    const replay = await webhook(call, { ts, signature: signHotline(SECRET, String(ts), raw) });
    expect(replay.statusCode).toBe(409);
    expect((await webhook({ ...call, callId: uniqueCallId() }, { secret: "another-secret-of-the-wrong-pbx" })).statusCode).toBe(401);
    // The body changed after signing.
    const tampered = await t.app.inject({
      method: "POST",
      url: "/api/voice/calls",
      payload: JSON.stringify({ ...call, caller: "0999999999" }),
      headers: { "content-type": "application/json", "x-hotline-signature": signHotline(SECRET, String(ts), raw), "x-hotline-timestamp": String(ts) },
    });
    expect(tampered.statusCode).toBe(401);
    const expired = await webhook({ ...call, callId: uniqueCallId() }, { ts: ts - 6 * 60 });
    expect(expired.statusCode).toBe(401);
    expect(expired.json().detail).toContain("5 phút");
    const unsigned = await t.app.inject({ method: "POST", url: "/api/voice/calls", payload: call });
    expect(unsigned.statusCode).toBe(401);
  });

  it("stores a call id once: a retried webhook answers the same call", async () => {
    const line = await zoneLine();
    const call = { callId: uniqueCallId(), caller: "+84912000111", line, at: new Date().toISOString(), status: "missed" };
    const first = await webhook(call);
    const again = await webhook(call, { ts: Math.floor(Date.now() / 1000) + 1 });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ id: first.json().id, duplicate: true });
    const [n] = await t.database.rows<{ n: number; phone: string }>(
      sql`SELECT count(*)::int AS n, min(caller_phone) AS phone FROM voice_calls WHERE call_id = ${call.callId}`,
    );
    expect(n).toEqual({ n: 1, phone: "0912000111" });
  });

  it("refuses a line nobody declared, and answers 404 when no secret is set", async () => {
    const res = await webhook({ callId: uniqueCallId(), caller: "0912000111", line: "0999000111", at: new Date().toISOString(), status: "missed" });
    expect(res.statusCode).toBe(400);
    const bare = await createTestApp();
    try {
      const r = await webhook(
        { callId: uniqueCallId(), caller: "0912000111", line: "0999000111", at: new Date().toISOString(), status: "missed" },
        { app: bare },
      );
      expect(r.statusCode).toBe(404);
    } finally {
      await bare.close();
    }
  });
});

describe("the call on the officer's screen", () => {
  it("reaches the line's officers by server-sent events, not another body's; the card is scoped and audited", async () => {
    const line = await zoneLine();
    const mine = await signIn("officer", city.zoneUnion);
    const other = await signIn("officer", otherZoneUnion);
    const enterprise = await buildEnterprise(t.database, city);
    const union = await buildUnion(t.database, city, enterprise.id);
    const phone = `09${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`;
    const person = await buildPerson(t.database, { enterpriseId: enterprise.id, unionId: union.id, phone });

    const address = await t.app.listen({ port: 0, host: "127.0.0.1" });
    const open = async (c: Client) => {
      const ac = new AbortController();
      const res = await fetch(`${address}/api/voice/calls/stream`, { headers: { cookie: c.cookie, accept: "text/event-stream" }, signal: ac.signal });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toContain("text/event-stream");
      const reader = (res.body as ReadableStream<Uint8Array>).getReader();
      let text = "";
      const until = async (needle: string, ms: number) => {
        const end = Date.now() + ms;
        while (!text.includes(needle) && Date.now() < end) {
          const r = await Promise.race([reader.read(), new Promise<null>((ok) => setTimeout(() => ok(null), end - Date.now()))]);
          if (!r || r.done) break;
          text += new TextDecoder().decode(r.value);
        }
        return text;
      };
      return { until, close: () => ac.abort() };
    };
    expect((await mine.get("/api/voice/calls/stream")).statusCode).toBe(400);
    const a = await open(mine);
    const b = await open(other);
    await a.until(": mở", 2000);
    await b.until(": mở", 2000);
    const callId = uniqueCallId();
    const sent = await webhook({ callId, caller: phone, line, at: new Date().toISOString(), status: "answered" });
    expect(sent.statusCode).toBe(201);
    const id = sent.json().id as number;
    expect(await a.until(callId, 5000)).toContain("event: call");
    expect(await b.until(callId, 1000)).not.toContain(callId);
    a.close();
    b.close();

    const card = await mine.get(`/api/voice/calls/${id}/card`);
    expect(card.statusCode, card.body).toBe(200);
    expect(card.json().people).toEqual([expect.objectContaining({ id: person.id, unionName: union.name, memberSince: "2022-01-01" })]);
    expect(await auditCount(t.database, "voice_call_card", "voice_call", id)).toBe(1);
    expect((await other.get(`/api/voice/calls/${id}/card`)).statusCode).toBe(404);
    expect((await other.get("/api/voice/calls")).json().items.map((c: { id: number }) => c.id)).not.toContain(id);

    // "Tạo yêu cầu" from the card: the request links back to the call, and only once.
    const intake = {
      kind: "consultation",
      topic: "wages",
      channel: "hotline",
      title: "Hỏi về lương làm thêm giờ",
      description: "Người lao động gọi hỏi cách tính lương làm thêm giờ ngày nghỉ.",
      anonymous: false,
      requester: { fullName: "Nguyễn Thị Lan", phone },
      consent: true,
      enterpriseId: enterprise.id,
      callId: id,
    };
    const made = await mine.post("/api/voice/requests", intake);
    expect(made.statusCode, made.body).toBe(201);
    const log = (await mine.get("/api/voice/calls")).json().items.find((c: { id: number }) => c.id === id);
    expect(log).toMatchObject({ requestId: made.json().id, requestCode: made.json().code, line, status: "answered" });
    const detail = (await mine.get(`/api/voice/requests/${made.json().id}`)).json();
    expect(detail.fromCall).toMatchObject({ id, line });
    expect(Date.parse(detail.fromCall.calledAt)).toBe(Date.parse(log.calledAt));
    expect((await mine.post("/api/voice/requests", intake)).statusCode).toBe(400);
    expect((await other.post("/api/voice/requests", { ...intake, callId: id })).statusCode).toBe(400);
    // The caller's earlier request now shows on the next card.
    const next = await webhook({ callId: uniqueCallId(), caller: phone, line, at: new Date().toISOString(), status: "answered" });
    const card2 = await mine.get(`/api/voice/calls/${next.json().id}/card`);
    expect(card2.json().requests.map((r: { code: string }) => r.code)).toEqual([made.json().code]);
  });
});

describe("call-backs after hours", () => {
  const hours = { opensAt: "07:00", closesAt: "17:00" };
  const none = new Set<string>();
  const due = (vn: string, days: ReadonlySet<string> = none) => callbackDue(new Date(`${vn}+07:00`), hours, days)?.toISOString() ?? null;

  it("is due at 12:00 of the next working day, Vietnam time", () => {
    // Tuesday 08/12/2026 00:30 and 06:59, before the line opens: the same working morning.
    expect(due("2026-12-08T00:30:00")).toBe("2026-12-08T05:00:00.000Z");
    expect(due("2026-12-08T06:59:00")).toBe("2026-12-08T05:00:00.000Z");
    expect(due("2026-12-08T07:00:00")).toBeNull();
    expect(due("2026-12-08T16:59:00")).toBeNull();
    expect(due("2026-12-08T17:00:00")).toBe("2026-12-09T05:00:00.000Z");
    // Friday evening → Monday noon; with Monday a holiday, Tuesday.
    expect(due("2026-12-11T19:30:00")).toBe("2026-12-14T05:00:00.000Z");
    expect(due("2026-12-11T19:30:00", new Set(["2026-12-14"]))).toBe("2026-12-15T05:00:00.000Z");
    // A line staffed around the clock has no call-backs.
    expect(callbackDue(new Date("2026-12-11T19:30:00+07:00"), { opensAt: null, closesAt: null }, none)).toBeNull();
  });

  it("uses the holiday calendar: a missed call on the eve of Tết is called back after it", async () => {
    const days = await holidays(t.database);
    expect(due("2026-02-13T18:00:00", days)).toBe("2026-02-23T05:00:00.000Z");
  });

  it("a missed call after hours becomes a call-back task an officer closes", async () => {
    const line = await zoneLine(hours);
    const officer = await signIn("officer", city.zoneUnion);
    const friday = "2026-12-11T19:30:00+07:00";
    const res = await webhook({ callId: uniqueCallId(), caller: "0912777888", line, at: friday, status: "missed" });
    const id = res.json().id as number;
    const inHours = await webhook({ callId: uniqueCallId(), caller: "0912777889", line, at: "2026-12-11T09:00:00+07:00", status: "missed" });
    const list = (await officer.get("/api/voice/calls?callbacks=true&limit=200")).json().items as { id: number; callbackDue: string }[];
    expect(list.find((c) => c.id === id)?.callbackDue).toBe("2026-12-14T05:00:00.000Z");
    expect(list.map((c) => c.id)).not.toContain(inHours.json().id);
    const other = await signIn("officer", otherZoneUnion);
    expect((await other.post(`/api/voice/calls/${id}/callback`, { note: "Đã gọi lại" })).statusCode).toBe(404);
    const closed = await officer.post(`/api/voice/calls/${id}/callback`, { note: "Đã gọi lại, hẹn đến trụ sở" });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().callbackClosedAt).not.toBeNull();
    expect((await officer.post(`/api/voice/calls/${id}/callback`, { note: "Lần nữa" })).statusCode).toBe(409);
    expect((await officer.get("/api/voice/calls?callbacks=true&limit=200")).json().items.map((c: { id: number }) => c.id)).not.toContain(id);
  });
});

describe("hotline lines", () => {
  it("an officer cannot declare lines; an administrator may not take another body's line", async () => {
    const officer = await signIn("officer", city.zoneUnion);
    expect((await officer.put(`/api/voice/hotline-lines/${uniqueLine()}`, { bodyId: city.zoneUnion })).statusCode).toBe(403);
    const line = await zoneLine({ opensAt: null, closesAt: null }, otherZoneUnion);
    const zoneAdmin = await signIn("body_admin", city.zoneUnion);
    expect((await zoneAdmin.put(`/api/voice/hotline-lines/${line}`, { bodyId: city.zoneUnion })).statusCode).toBe(404);
    expect((await zoneAdmin.put(`/api/voice/hotline-lines/${uniqueLine()}`, { bodyId: city.zoneUnion, opensAt: "17:00", closesAt: "07:00" })).statusCode).toBe(
      400,
    );
  });
});
