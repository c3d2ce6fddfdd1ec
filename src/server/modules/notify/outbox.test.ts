import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "#server/db/client.ts";
import { freshDatabase } from "../../../../test/support/db.ts";
import { httpRecorder, smtpRecorder } from "../../../../test/support/recorders.ts";
import { type Channels, channelsOf, messageId } from "./channels.ts";
import { backoffSeconds, deliverOutbox, MAX_ATTEMPTS } from "./deliver.ts";
import { enqueueMessage } from "./outbox.service.ts";

let database: Database;
let drop: () => Promise<void>;
let sms: Awaited<ReturnType<typeof httpRecorder>>;
let zalo: Awaited<ReturnType<typeof httpRecorder>>;
let smtp: Awaited<ReturnType<typeof smtpRecorder>>;
let channels: Channels;
let n = 0;
const key = (p: string) => `test:${p}:${++n}:${Date.now()}`;

beforeAll(async () => {
  ({ database, drop } = await freshDatabase());
  [sms, zalo, smtp] = await Promise.all([httpRecorder(), httpRecorder(), smtpRecorder()]);
  channels = await channelsOf(database, {
    SMTP_URL: smtp.url,
    MAIL_FROM: "Cầu Nối <thongbao@caunoi.test>",
    SMS_URL: `${sms.url}/sms`,
    SMS_TOKEN: "sms-secret",
    ZALO_URL: `${zalo.url}/zns`,
    ZALO_TOKEN: "zalo-secret",
    ZALO_TEMPLATES: "answer=9001",
  });
});
afterAll(async () => {
  await Promise.all([sms.close(), zalo.close(), smtp.close()]);
  await drop();
});

const status = async (k: string) =>
  (
    await database.rows<{ status: string; attempts: number; lastError: string | null; wait: number }>(
      sql`SELECT status, attempts, last_error AS "lastError", extract(epoch FROM next_attempt_at - now())::int AS wait FROM outbound_messages WHERE key = ${k}`,
    )
  )[0];

/** Makes every pending message of these keys due now (the test does not wait out the back-off). */
const makeDue = (keys: string[]) =>
  database.rows(sql`UPDATE outbound_messages SET next_attempt_at = now() WHERE key IN (SELECT jsonb_array_elements_text(${JSON.stringify(keys)}::jsonb))`);

describe("outbox", () => {
  it("writes a message with its event: rolled back with it, kept when it commits", async () => {
    const gone = key("rollback");
    await expect(
      database.db.transaction(async (tx) => {
        await enqueueMessage(tx, { key: gone, channel: "sms", recipient: "0901234567", body: "x", purpose: "test" });
        throw new Error("event failed");
      }),
    ).rejects.toThrow("event failed");
    expect(await status(gone)).toBeUndefined();
    const kept = key("commit");
    await database.db.transaction(async (tx) => {
      expect(await enqueueMessage(tx, { key: kept, channel: "sms", recipient: "0901234567", body: "x", purpose: "test" })).toBe(true);
      // The same key again is the same message.
      expect(await enqueueMessage(tx, { key: kept, channel: "sms", recipient: "0901234567", body: "x", purpose: "test" })).toBe(false);
    });
    expect((await status(kept))?.status).toBe("pending");
  });

  it("sends an e-mail over SMTP with its Vietnamese subject and body intact, Message-ID from the key", async () => {
    const k = key("mail");
    const subject = "Yêu cầu YC-ĐỨC đã có trả lời";
    const body = "Chào anh/chị, yêu cầu của anh/chị đã được trả lời. Xem tại đường dẫn: http://x/theo-doi — Liên đoàn Lao động";
    await database.db.transaction((tx) => enqueueMessage(tx, { key: k, channel: "email", recipient: "nld@vidu.vn", subject, body, purpose: "test" }));
    await deliverOutbox(database, { channels });
    const mail = smtp.mails.find((m) => m.messageId === messageId(k));
    expect(mail).toBeDefined();
    expect(mail?.subject).toBe(subject);
    expect(mail?.text.trim()).toBe(body);
    expect(mail?.to).toEqual(["nld@vidu.vn"]);
    expect((await status(k))?.status).toBe("sent");
  });

  it("sends an SMS in ASCII to the HTTP gateway with the key as idempotency key, and ZNS when a template is set", async () => {
    const a = key("sms");
    const b = key("zns");
    await database.db.transaction(async (tx) => {
      await enqueueMessage(tx, { key: a, channel: "sms", recipient: "0901234567", body: "Yêu cầu HN-123 đã được tiếp nhận. Đường dây nóng", purpose: "test" });
      await enqueueMessage(tx, {
        key: b,
        channel: "sms",
        recipient: "0901234567",
        body: "Yêu cầu HN-124 đã có trả lời",
        purpose: "test",
        template: "answer",
        data: { code: "HN-124", link: "http://x/theo-doi" },
      });
    });
    await deliverOutbox(database, { channels });
    const s = sms.received.find((r) => r.headers["idempotency-key"] === a);
    expect(s?.path).toBe("/sms");
    expect(s?.headers.authorization).toBe("Bearer sms-secret");
    expect(s?.body).toMatchObject({ to: "0901234567", text: "Yeu cau HN-123 da duoc tiep nhan. Duong day nong", request_id: a });
    const z = zalo.received.find((r) => r.headers["idempotency-key"] === b);
    expect(z?.headers.access_token).toBe("zalo-secret");
    expect(z?.body).toMatchObject({ phone: "84901234567", template_id: "9001", template_data: { code: "HN-124", link: "http://x/theo-doi" }, tracking_id: b });
    expect(sms.received.some((r) => r.headers["idempotency-key"] === b)).toBe(false);
  });

  it("retries with back-off and gives up after six attempts (dead letter)", async () => {
    const k = key("dead");
    await database.db.transaction((tx) => enqueueMessage(tx, { key: k, channel: "sms", recipient: "0907654321", body: "x", purpose: "test" }));
    sms.failNext(100);
    try {
      await deliverOutbox(database, { channels });
      const first = await status(k);
      expect(first).toMatchObject({ status: "pending", attempts: 1 });
      expect(first?.lastError).toContain("503");
      expect(first?.wait).toBeGreaterThanOrEqual(backoffSeconds(1) - 2);
      // Not due yet: a second run does not touch it.
      await deliverOutbox(database, { channels });
      expect((await status(k))?.attempts).toBe(1);
      for (let i = 2; i <= MAX_ATTEMPTS; i++) {
        await makeDue([k]);
        await deliverOutbox(database, { channels });
        const s = await status(k);
        expect(s?.attempts).toBe(i);
        if (i < MAX_ATTEMPTS) expect(s?.wait).toBeGreaterThanOrEqual(backoffSeconds(i) - 2);
      }
      expect((await status(k))?.status).toBe("dead");
      await makeDue([k]);
      expect((await deliverOutbox(database, { channels })).claimed).toBe(0);
    } finally {
      sms.failNext(0);
    }
    expect([backoffSeconds(1), backoffSeconds(2), backoffSeconds(3)]).toEqual([30, 120, 480]);
  });

  it("delivers each message exactly once under two concurrent deliverers", async () => {
    const keys = Array.from({ length: 40 }, () => key("race"));
    await database.db.transaction(async (tx) => {
      for (const k of keys) await enqueueMessage(tx, { key: k, channel: "sms", recipient: "0912345678", body: k, purpose: "test" });
    });
    await Promise.all([deliverOutbox(database, { channels, limit: 25 }), deliverOutbox(database, { channels, limit: 25 })]);
    await deliverOutbox(database, { channels, limit: 50 });
    for (const k of keys) expect(sms.received.filter((r) => r.headers["idempotency-key"] === k)).toHaveLength(1);
    const rows = await database.rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM outbound_messages WHERE status = 'sent' AND key IN (SELECT jsonb_array_elements_text(${JSON.stringify(keys)}::jsonb))`,
    );
    expect(rows[0]?.n).toBe(40);
  });

  it("a server dying mid-send: the message is sent again after its lease with the same key, so the gateway keeps one", async () => {
    const k = key("crash");
    await database.db.transaction((tx) => enqueueMessage(tx, { key: k, channel: "sms", recipient: "0912000111", body: "x", purpose: "test" }));
    // The first server sent and died before recording it: the gateway has the message, the row is still claimed.
    await deliverOutbox(database, { channels });
    await database.rows(sql`UPDATE outbound_messages SET status = 'pending', sent_at = NULL, lease_until = now() + interval '1 minute' WHERE key = ${k}`);
    // While the lease holds, no other server takes it.
    expect((await deliverOutbox(database, { channels })).claimed).toBe(0);
    await database.rows(sql`UPDATE outbound_messages SET lease_until = now() - interval '1 second' WHERE key = ${k}`);
    await deliverOutbox(database, { channels });
    const seen = sms.received.filter((r) => r.headers["idempotency-key"] === k);
    expect(seen).toHaveLength(2);
    expect(sms.delivered.get(k)).toBeDefined();
    expect(new Set(seen.map((r) => r.body.request_id))).toEqual(new Set([k]));
  });

  it("with no channel configured, messages wait and nothing fails", async () => {
    const k = key("none");
    await database.db.transaction((tx) => enqueueMessage(tx, { key: k, channel: "email", recipient: "a@b.vn", body: "x", purpose: "test" }));
    const none = await channelsOf(database, {});
    expect(none).toEqual({ email: null, sms: null, zalo: null });
    expect(await deliverOutbox(database, { channels: none })).toMatchObject({ claimed: 0 });
    expect(await status(k)).toMatchObject({ status: "pending", attempts: 0 });
  });
});
