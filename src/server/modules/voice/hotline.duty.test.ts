import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, type TestApp, auditCount, createTestApp } from "../../../../test/support/app.ts";
import { type TestCity, buildCity, buildUser } from "../../../../test/support/factories.ts";
import { signHotline } from "./hotline.signature.ts";

const SECRET = "hotline-secret-for-duty-tests-0123456789";
let t: TestApp;
let city: TestCity;
let otherZoneUnion: number;
let address: string;
let seq = 0;

beforeAll(async () => {
  t = await createTestApp({ HOTLINE_WEBHOOK_SECRET: SECRET, PUBLIC_CHALLENGE_DIFFICULTY: "0", PUBLIC_RATE_LIMIT: "0", HOTLINE_RATE_LIMIT: "3" });
  city = await buildCity(t.database);
  const [b] = await t.database.rows<{ id: number }>(
    sql`INSERT INTO bodies (kind, name, parent_id) VALUES ('zone_union', 'Công đoàn KKT trực khác', ${city.federation}) RETURNING id`,
  );
  await t.database.rows(sql`UPDATE bodies SET path = (SELECT path FROM bodies WHERE id = ${city.federation}) || id || '/' WHERE id = ${b?.id ?? 0}`);
  otherZoneUnion = b?.id ?? 0;
  address = await t.app.listen({ port: 0, host: "127.0.0.1" });
});
afterAll(async () => t.close());

async function signIn(role: Parameters<typeof buildUser>[1], bodyId: number) {
  const u = await buildUser(t.database, role, bodyId);
  const c = new Client(t.app);
  await c.login(u.username, u.password);
  return Object.assign(c, { userId: u.id });
}

const uniqueLine = () => `0226${String(1000 + (seq++ % 9000)).padStart(4, "0")}${Math.floor(Math.random() * 90 + 10)}`;
const uniqueCallId = () => `duty-${Date.now()}-${Math.random().toString(36).slice(2)}`;

/** The PBX's webhook; each test sends from an address of its own, so the rate limit counts apart. */
function webhook(body: object, ip: string) {
  const raw = JSON.stringify(body);
  const ts = String(Math.floor(Date.now() / 1000));
  return t.app.inject({
    method: "POST",
    url: "/api/voice/calls",
    payload: raw,
    remoteAddress: ip,
    headers: { "content-type": "application/json", "x-hotline-signature": signHotline(SECRET, ts, raw), "x-hotline-timestamp": ts },
  });
}
const call = (line: string, ip: string) =>
  webhook({ callId: uniqueCallId(), caller: "0912345678", line, at: new Date().toISOString(), status: "answered" }, ip);

async function zoneLine(bodyId = city.zoneUnion) {
  const admin = await signIn("system_admin", city.federation);
  const line = uniqueLine();
  const res = await admin.put(`/api/voice/hotline-lines/${line}`, { bodyId });
  expect(res.statusCode, res.body).toBe(200);
  return line;
}

/** An officer's open event stream; `until` reads it until a needle shows or time runs out. */
async function open(c: Client) {
  const ac = new AbortController();
  const res = await fetch(`${address}/api/voice/calls/stream`, { headers: { cookie: c.cookie, accept: "text/event-stream" }, signal: ac.signal });
  expect(res.status).toBe(200);
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
  await until(": mở", 2000);
  return { until, close: () => ac.abort() };
}

async function logRow(c: Client, id: number) {
  const items = (await c.get("/api/voice/calls?limit=200")).json().items as { id: number; nobodyOnDuty: boolean; onDuty: string[] }[];
  return items.find((i) => i.id === id);
}

describe("officers on duty for a hotline line", () => {
  it("a call pops up only for the officer on duty; another officer of the same body gets nothing", async () => {
    const line = await zoneLine();
    const onDuty = await signIn("officer", city.zoneUnion);
    const colleague = await signIn("officer", city.zoneUnion);
    const started = await onDuty.post("/api/voice/hotline-duty/start", { line });
    expect(started.statusCode, started.body).toBe(200);
    expect(started.json().mine).toMatchObject({ line });
    expect(started.json().lines.find((l: { line: string }) => l.line === line).officers).toEqual([expect.objectContaining({ userId: onDuty.userId })]);
    expect(await auditCount(t.database, "voice_hotline_duty_start", "voice_hotline_line", line)).toBe(1);
    // A second shift while one is open is refused.
    const again = await onDuty.post("/api/voice/hotline-duty/start", { line });
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toContain("kết thúc ca trực");

    const a = await open(onDuty);
    const b = await open(colleague);
    const sent = await call(line, "10.9.0.1");
    expect(sent.statusCode, sent.body).toBe(201);
    const callId = sent.json().id as number;
    expect(await a.until(`"id":${callId}`, 5000)).toContain("event: call");
    expect(await b.until(`"id":${callId}`, 1000)).not.toContain(`"id":${callId}`);
    a.close();
    b.close();
    // The colleague still sees it in the log, with who was on duty.
    const row = await logRow(colleague, callId);
    expect(row).toMatchObject({ nobodyOnDuty: false });
    expect(row?.onDuty).toHaveLength(1);
  });

  it("with nobody on duty the call goes to every officer of the body and is marked so; a stale shift does not count", async () => {
    const line = await zoneLine();
    const first = await signIn("officer", city.zoneUnion);
    const second = await signIn("officer", city.zoneUnion);
    const forgetful = await signIn("officer", city.zoneUnion);
    // A shift started 15 hours ago and never ended: forgotten, not on duty.
    await t.database.rows(sql`INSERT INTO voice_hotline_duty (user_id, line, started_at) VALUES (${forgetful.userId}, ${line}, now() - interval '15 hours')`);
    expect((await first.get("/api/voice/hotline-duty")).json().lines.find((l: { line: string }) => l.line === line).officers).toEqual([]);
    const a = await open(first);
    const b = await open(second);
    const sent = await call(line, "10.9.0.2");
    expect(sent.statusCode, sent.body).toBe(201);
    const id = sent.json().id as number;
    expect(await a.until(`"id":${id}`, 5000)).toContain("event: call");
    expect(await b.until(`"id":${id}`, 5000)).toContain("event: call");
    a.close();
    b.close();
    expect(await logRow(first, id)).toMatchObject({ nobodyOnDuty: true, onDuty: [] });
    // The forgetful officer may start again: the stale shift is closed where it stopped counting.
    expect((await forgetful.post("/api/voice/hotline-duty/start", { line })).statusCode).toBe(200);
    const [closed] = await t.database.rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM voice_hotline_duty WHERE user_id = ${forgetful.userId} AND ended_at = started_at + interval '14 hours'`,
    );
    expect(closed?.n).toBe(1);
  });

  it("ends a shift: one's own, or another's by an administrator of the body only", async () => {
    const line = await zoneLine();
    const officer = await signIn("officer", city.zoneUnion);
    const colleague = await signIn("officer", city.zoneUnion);
    expect((await officer.post("/api/voice/hotline-duty/end", {})).statusCode).toBe(409);
    expect((await officer.post("/api/voice/hotline-duty/start", { line })).statusCode).toBe(200);
    const ended = await officer.post("/api/voice/hotline-duty/end", {});
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json().mine).toBeNull();
    expect(await auditCount(t.database, "voice_hotline_duty_end", "voice_hotline_line", line)).toBe(1);
    // After the shift ended, the call falls back to the whole body.
    const sent = await call(line, "10.9.0.3");
    expect(await logRow(officer, sent.json().id)).toMatchObject({ nobodyOnDuty: true });

    expect((await colleague.post("/api/voice/hotline-duty/start", { line })).statusCode).toBe(200);
    expect((await officer.post("/api/voice/hotline-duty/end", { userId: colleague.userId })).statusCode).toBe(403);
    const otherAdmin = await signIn("body_admin", otherZoneUnion);
    expect((await otherAdmin.post("/api/voice/hotline-duty/end", { userId: colleague.userId })).statusCode).toBe(404);
    const admin = await signIn("body_admin", city.zoneUnion);
    const byAdmin = await admin.post("/api/voice/hotline-duty/end", { userId: colleague.userId });
    expect(byAdmin.statusCode, byAdmin.body).toBe(200);
    expect(byAdmin.json().lines.find((l: { line: string }) => l.line === line).officers).toEqual([]);
    const [row] = await t.database.rows<{ endedBy: number }>(
      sql`SELECT ended_by AS "endedBy" FROM voice_hotline_duty WHERE user_id = ${colleague.userId} AND line = ${line}`,
    );
    expect(row?.endedBy).toBe(admin.userId);
  });

  it("a line moved to another body leaves its old officers off duty: the call goes to the new body", async () => {
    const line = await zoneLine();
    const officer = await signIn("officer", city.zoneUnion);
    expect((await officer.post("/api/voice/hotline-duty/start", { line })).statusCode).toBe(200);
    const admin = await signIn("system_admin", city.federation);
    expect((await admin.put(`/api/voice/hotline-lines/${line}`, { bodyId: otherZoneUnion })).statusCode).toBe(200);
    const sent = await call(line, "10.9.0.4");
    const [row] = await t.database.rows<{ nobody: boolean }>(sql`SELECT nobody_on_duty AS nobody FROM voice_calls WHERE id = ${sent.json().id}`);
    expect(row?.nobody).toBe(true);
  });

  it("an officer of another body cannot start a shift on this line, nor see who is on it", async () => {
    const line = await zoneLine();
    const stranger = await signIn("officer", otherZoneUnion);
    const res = await stranger.post("/api/voice/hotline-duty/start", { line });
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toBe("Đường dây không thuộc đơn vị của bạn");
    expect((await stranger.get("/api/voice/hotline-duty")).json().lines.map((l: { line: string }) => l.line)).not.toContain(line);
    expect((await stranger.post("/api/voice/hotline-duty/start", { line: "0999000999" })).statusCode).toBe(400);
  });

  it("limits the webhook per address, counted in the database: the fourth request in a minute is 429", async () => {
    const line = await zoneLine();
    for (let i = 0; i < 3; i++) expect((await call(line, "10.9.0.9")).statusCode).toBe(201);
    const refused = await call(line, "10.9.0.9");
    expect(refused.statusCode).toBe(429);
    expect(refused.json().title).toBe("Bạn thao tác quá nhanh, hãy thử lại sau");
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
    const [hits] = await t.database.rows<{ n: number }>(sql`SELECT max(hits)::int AS n FROM rate_limit_hits WHERE key LIKE ${"%10.9.0.9"}`);
    expect(hits?.n).toBe(4);
    // Another address is not held back.
    expect((await call(line, "10.9.0.10")).statusCode).toBe(201);
  });
});
