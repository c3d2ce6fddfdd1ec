/**
 * Web Push, end to end on this machine: a local HTTP server plays the push service, and the test
 * decrypts what it receives (RFC 8291, aes128gcm) and checks the VAPID signature (RFC 8292) itself,
 * with node:crypto only — not with the library that encrypted it.
 */
import { createECDH, createPublicKey, createDecipheriv, hkdfSync, randomBytes, verify } from "node:crypto";
import { type IncomingHttpHeaders, type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, type TestApp, createTestApp } from "../../../../test/support/app.ts";
import { type TestCity, buildCity, buildUser } from "../../../../test/support/factories.ts";
import { deliverOutbox, enqueuePush, ensureVapidKeys, pushPayload } from "#server/modules/notify/index.ts";
import { allowedPushEndpoint } from "./push.service.ts";

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

let t: TestApp;
let city: TestCity;
let server: Server;
let origin: string;
const received: Received[] = [];
/** Paths the fake push service answers 410 Gone for (an uninstalled app). */
const gone = new Set<string>();
/** Paths the fake push service answers 503 for, while they are in this set (a push service down). */
const down = new Set<string>();

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ path: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(gone.has(req.url ?? "") ? 410 : down.has(req.url ?? "") ? 503 : 201).end();
    });
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  t = await createTestApp({
    PUBLIC_CHALLENGE_DIFFICULTY: "0",
    PUBLIC_RATE_LIMIT: "0",
    PUSH_ENDPOINT_HOSTS: "http://127.0.0.1",
    PUSH_SUBJECT: "mailto:hotro@caunoi.example",
  });
  city = await buildCity(t.database);
});
afterAll(async () => {
  await t.close();
  server.close();
});

/** A phone's subscription: its own P-256 key pair and auth secret, as a browser makes them. */
function phone(path: string) {
  const ecdh = createECDH("prime256v1");
  ecdh.generateKeys();
  const auth = randomBytes(16);
  return {
    ecdh,
    auth,
    endpoint: `${origin}${path}`,
    json: { endpoint: `${origin}${path}`, expirationTime: null, keys: { p256dh: ecdh.getPublicKey().toString("base64url"), auth: auth.toString("base64url") } },
  };
}

/** RFC 8291 §3.4 and RFC 8188 §2, by hand: one record, padding delimiter 0x02. */
function decrypt(p: ReturnType<typeof phone>, body: Buffer): string {
  const salt = body.subarray(0, 16);
  const rs = body.readUInt32BE(16);
  const idlen = body[20] ?? 0;
  const serverKey = body.subarray(21, 21 + idlen);
  const ciphertext = body.subarray(21 + idlen);
  expect(idlen).toBe(65);
  expect(ciphertext.length).toBeLessThanOrEqual(rs);
  const shared = p.ecdh.computeSecret(serverKey);
  const keyInfo = Buffer.concat([Buffer.from("WebPush: info\0"), p.ecdh.getPublicKey(), serverKey]);
  const ikm = Buffer.from(hkdfSync("sha256", shared, p.auth, keyInfo, 32));
  const cek = Buffer.from(hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: aes128gcm\0"), 16));
  const nonce = Buffer.from(hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: nonce\0"), 12));
  const decipher = createDecipheriv("aes-128-gcm", cek, nonce);
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
  const plain = Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.length - 16)), decipher.final()]);
  let end = plain.length;
  while (end > 0 && plain[end - 1] === 0) end--;
  expect(plain[end - 1]).toBe(2);
  return plain.subarray(0, end - 1).toString("utf8");
}

/** RFC 8292: `vapid t=<JWT>, k=<public key>`, the JWT signed ES256 by the server's stored key, for this origin. */
function checkVapid(headers: IncomingHttpHeaders, publicKey: string) {
  const m = /^vapid t=([^,]+), k=(.+)$/.exec(headers.authorization ?? "");
  expect(m).not.toBeNull();
  const [jwt, k] = [m?.[1] ?? "", m?.[2] ?? ""];
  expect(k).toBe(publicKey);
  const [h, c, s] = jwt.split(".") as [string, string, string];
  const point = Buffer.from(k, "base64url");
  const key = createPublicKey({
    key: { kty: "EC", crv: "P-256", x: point.subarray(1, 33).toString("base64url"), y: point.subarray(33).toString("base64url") },
    format: "jwk",
  });
  expect(verify("sha256", Buffer.from(`${h}.${c}`), { key, dsaEncoding: "ieee-p1363" }, Buffer.from(s, "base64url"))).toBe(true);
  const claims = JSON.parse(Buffer.from(c, "base64url").toString()) as { aud: string; sub: string; exp: number };
  expect(claims).toMatchObject({ aud: origin, sub: "mailto:hotro@caunoi.example" });
  expect(claims.exp * 1000).toBeGreaterThan(Date.now());
}

async function waitFor(path: string, count = 1): Promise<Received[]> {
  for (let i = 0; i < 200; i++) {
    // The outbox's deliverer, as the working process's poll or the queue's sweep runs it.
    await deliverOutbox(t.database);
    const got = received.filter((r) => r.path === path);
    if (got.length >= count) return got;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`no push to ${path}`);
}

async function fileRequest(title: string) {
  const res = await t.app.inject({
    method: "POST",
    url: "/api/public/requests",
    headers: { "x-client": "app" },
    payload: {
      kind: "complaint",
      topic: "overtime",
      title,
      description: "Bí mật: quản đốc ca đêm ép làm thêm 4 tiếng mỗi ngày không trả lương.",
      anonymous: true,
      consent: true,
    },
  });
  expect(res.statusCode).toBe(201);
  const { code, secret } = res.json() as { code: string; secret: string };
  const [r] = await t.database.rows<{ id: number; body: number; channel: string }>(
    sql`SELECT id, responsible_body_id AS body, channel FROM voice_requests WHERE code = ${code}`,
  );
  return { code, secret, id: r?.id ?? 0, body: r?.body ?? 0, channel: r?.channel };
}

const subscribe = (code: string, secret: string, payload: object) =>
  t.app.inject({ method: "POST", url: `/api/public/requests/${code}/push`, headers: { "x-request-secret": secret }, payload });

async function officer(role: "officer" | "body_admin", bodyId: number) {
  const u = await buildUser(t.database, role, bodyId);
  const c = new Client(t.app);
  await c.login(u.username, u.password);
  return c;
}

describe("Web Push for the installed portal", () => {
  it("makes the VAPID key pair once and keeps it across starts", async () => {
    const key = (await t.app.inject({ method: "GET", url: "/api/public/push/key" })).json().publicKey as string;
    expect(Buffer.from(key, "base64url")).toHaveLength(65);
    const again = await ensureVapidKeys(t.database, "mailto:hotro@caunoi.example");
    expect(again.publicKey).toBe(key);
    const rows = await t.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM voice_push_keys`);
    expect(rows[0]?.n).toBe(1);
  });

  it("takes a subscription only with the request's code and secret, and only to a push service", async () => {
    const r = await fileRequest("Làm thêm giờ không được trả lương");
    expect(r.channel).toBe("app");
    const p = phone("/push/refused");
    expect((await subscribe(r.code, "SAI-MAT-MA", p.json)).statusCode).toBe(404);
    expect((await subscribe("YC-0000-0000", r.secret, p.json)).statusCode).toBe(404);
    const other = await fileRequest("Một yêu cầu khác");
    expect((await subscribe(other.code, r.secret, p.json)).statusCode).toBe(404);
    const elsewhere = await subscribe(r.code, r.secret, { ...p.json, endpoint: "http://10.0.0.5/internal" });
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.json().errors[0].pointer).toBe("/endpoint");
    expect((await subscribe(r.code, r.secret, { endpoint: p.endpoint, keys: { p256dh: "x", auth: "y" } })).statusCode).toBe(400);
    const none = await t.database.rows(sql`SELECT 1 FROM voice_push_subscriptions WHERE request_id = ${r.id}`);
    expect(none).toHaveLength(0);
    expect(allowedPushEndpoint("https://fcm.googleapis.com/fcm/send/abc", ["fcm.googleapis.com"])).toBe(true);
    expect(allowedPushEndpoint("http://fcm.googleapis.com/fcm/send/abc", ["fcm.googleapis.com"])).toBe(false);
    expect(allowedPushEndpoint("https://evilfcm.googleapis.com.attacker.net/", ["fcm.googleapis.com"])).toBe(false);
    expect(allowedPushEndpoint("https://wns2-par02p.notify.windows.com/w/?token=1", ["notify.windows.com"])).toBe(true);
  });

  it("tells the phone of a transfer and of the answer: encrypted, signed, the code and no content", async () => {
    const r = await fileRequest("Tăng ca bắt buộc ở xưởng may");
    const p = phone(`/push/${r.code}`);
    expect((await subscribe(r.code, r.secret, p.json)).statusCode).toBe(204);
    const key = (await t.app.inject({ method: "GET", url: "/api/public/push/key" })).json().publicKey as string;
    // A new subscription hears at once that the request is received: the worker sees notices work.
    const [hello] = await waitFor(`/push/${r.code}`);
    expect(JSON.parse(decrypt(p, hello?.body ?? Buffer.alloc(0)))).toEqual(pushPayload(r.code, "received", "received"));
    // The same phone subscribing again refreshes its keys; it is not told twice.
    expect((await subscribe(r.code, r.secret, p.json)).statusCode).toBe(204);

    const first = await officer("officer", r.body);
    const to = r.body === city.federation ? city.zoneUnion : city.federation;
    expect((await first.post(`/api/voice/requests/${r.id}/transfer`, { toBodyId: to, reason: "Thuộc thẩm quyền đơn vị khác" })).statusCode).toBe(200);
    const transfer = (await waitFor(`/push/${r.code}`, 2))[1];
    expect(transfer?.headers["content-encoding"]).toBe("aes128gcm");
    expect(Number(transfer?.headers.ttl)).toBeGreaterThan(0);
    checkVapid(transfer?.headers ?? {}, key);
    const message = decrypt(p, transfer?.body ?? Buffer.alloc(0));
    expect(JSON.parse(message)).toEqual(pushPayload(r.code, "received", "transferred"));
    expect(message).not.toContain("Tăng ca");
    expect(message).not.toContain("quản đốc");

    const fed = await officer("officer", to);
    const head = await officer("body_admin", to);
    const answer = "Theo Điều 107 Bộ luật Lao động 2019, làm thêm giờ phải được người lao động đồng ý.";
    expect((await fed.post(`/api/voice/requests/${r.id}/answer`, { answer })).statusCode).toBe(204);
    expect((await head.post(`/api/voice/requests/${r.id}/answer/review`, { approve: true })).statusCode).toBe(204);
    expect((await fed.post(`/api/voice/requests/${r.id}/answer/publish`)).statusCode).toBe(204);
    const pushes = await waitFor(`/push/${r.code}`, 3);
    expect(pushes).toHaveLength(3);
    const answered = JSON.parse(decrypt(p, pushes[2]?.body ?? Buffer.alloc(0)));
    expect(answered).toMatchObject({ code: r.code, status: "answered", event: "answered", url: `/theo-doi/${r.code}` });
    expect(answered.body).toContain("đã có câu trả lời");
    expect(JSON.stringify(answered)).not.toContain("Điều 107");
  });

  it("forgets a subscription the push service says is gone, and one the worker withdraws", async () => {
    const r = await fileRequest("Nợ bảo hiểm xã hội");
    const lost = phone(`/push/gone-${r.code}`);
    const kept = phone(`/push/kept-${r.code}`);
    gone.add(`/push/gone-${r.code}`);
    expect((await subscribe(r.code, r.secret, lost.json)).statusCode).toBe(204);
    expect((await subscribe(r.code, r.secret, kept.json)).statusCode).toBe(204);
    // Each new subscription's confirmation: the lost phone's answers 410 Gone.
    await waitFor(`/push/gone-${r.code}`);
    await waitFor(`/push/kept-${r.code}`);
    // The 410 deleted the subscription and settled its message as done (sent, by way of `push:gone`), not dead.
    const settled = await t.database.rows<{ status: string; via: string }>(
      sql`SELECT m.status, m.via FROM outbound_messages m WHERE m.channel = 'push' AND m.key LIKE ${`push:received:${r.id}:%`} ORDER BY m.id`,
    );
    expect(settled.map((m) => m.via).sort()).toEqual(["push", "push:gone"]);
    expect(settled.every((m) => m.status === "sent")).toBe(true);
    const left = await t.database.rows<{ endpoint: string }>(sql`SELECT endpoint FROM voice_push_subscriptions WHERE request_id = ${r.id}`);
    expect(left.map((x) => x.endpoint)).toEqual([kept.endpoint]);

    const withdraw = (secret: string) =>
      t.app.inject({
        method: "DELETE",
        url: `/api/public/requests/${r.code}/push`,
        headers: { "x-request-secret": secret },
        payload: { endpoint: kept.endpoint },
      });
    expect((await withdraw("SAI-MAT-MA")).statusCode).toBe(404);
    expect((await withdraw(r.secret)).statusCode).toBe(204);
    expect(await t.database.db.transaction((tx) => enqueuePush(tx, { requestId: r.id, code: r.code, status: "received", event: "received" }))).toBe(0);
  });

  it("keeps a message a push service refused and sends it again after the back-off, once", async () => {
    const r = await fileRequest("Chậm trả lương tháng");
    const path = `/push/down-${r.code}`;
    down.add(path);
    expect((await subscribe(r.code, r.secret, phone(path).json)).statusCode).toBe(204);
    await waitFor(path);
    const key = `push:received:${r.id}:%`;
    const [pending] = await t.database.rows<{ status: string; attempts: number; last_error: string }>(
      sql`SELECT status, attempts, last_error FROM outbound_messages WHERE key LIKE ${key}`,
    );
    expect(pending).toMatchObject({ status: "pending", attempts: 1 });
    expect(pending?.last_error).toContain("503");
    down.delete(path);
    // The back-off has not ended: nothing is sent again yet.
    await deliverOutbox(t.database);
    expect(received.filter((x) => x.path === path)).toHaveLength(1);
    await t.database.rows(sql`UPDATE outbound_messages SET next_attempt_at = now() WHERE key LIKE ${key}`);
    await waitFor(path, 2);
    await deliverOutbox(t.database);
    expect(received.filter((x) => x.path === path)).toHaveLength(2);
    const [sent] = await t.database.rows<{ status: string; via: string }>(sql`SELECT status, via FROM outbound_messages WHERE key LIKE ${key}`);
    expect(sent).toEqual({ status: "sent", via: "push" });
  });

  it("forgets the phone when the worker withdraws consent (its identity erased)", async () => {
    const r = await fileRequest("Không ký hợp đồng lao động");
    expect((await subscribe(r.code, r.secret, phone(`/push/consent-${r.code}`).json)).statusCode).toBe(204);
    const res = await t.app.inject({
      method: "POST",
      url: `/api/public/privacy/requests/${r.code}/rights`,
      headers: { "x-request-secret": r.secret },
      payload: { kind: "withdraw" },
    });
    expect(res.statusCode).toBe(201);
    expect(await t.database.rows(sql`SELECT 1 FROM voice_push_subscriptions WHERE request_id = ${r.id}`)).toHaveLength(0);
  });
});
