/**
 * Web Push as a channel of the outbox: the server's VAPID keys, the phones' subscriptions (one request
 * each, made by voice after it checked the code and secret) and the push messages. A status change
 * enqueues one message per subscription in its own transaction; the deliverer encrypts (RFC 8291),
 * signs (VAPID) and posts it with retries. One per subscription rather than one per request: a retry
 * re-sends only to the phone whose push service failed, and each phone's message has its own key.
 */
import { sql } from "drizzle-orm";
import webpush from "web-push";
import type { Database, Tx } from "#server/db/client.ts";

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
  subject: string;
}

/** The status changes a worker is told about; each is one short Vietnamese line with the code only. */
export type PushEvent = "received" | "transferred" | "answered" | "closed" | "reopened";

const EVENT_TEXT: Record<PushEvent, string> = {
  received: "đã được tiếp nhận",
  transferred: "đã được chuyển đến cơ quan có thẩm quyền",
  answered: "đã có câu trả lời",
  closed: "đã kết thúc",
  reopened: "đã được mở lại để giải quyết tiếp",
};

// The pair never changes once stored, so one read per process is enough (every server reads the same row).
let cached: { database: Database; keys: VapidKeys } | null = null;

/**
 * The installation's VAPID key pair, generated at the first start and stored, so every app server and
 * every restart signs with the same key. Two servers starting together agree: the second insert loses.
 */
export async function ensureVapidKeys(database: Database, subject: string): Promise<VapidKeys> {
  const fresh = webpush.generateVAPIDKeys();
  await database.rows(
    sql`INSERT INTO voice_push_keys (id, public_key, private_key, subject) VALUES (1, ${fresh.publicKey}, ${fresh.privateKey}, ${subject})
        ON CONFLICT (id) DO UPDATE SET subject = EXCLUDED.subject WHERE voice_push_keys.subject <> EXCLUDED.subject`,
  );
  cached = null;
  return vapidKeys(database);
}

/** The stored key pair. */
export async function vapidKeys(database: Database): Promise<VapidKeys> {
  if (cached?.database === database) return cached.keys;
  const [row] = await database.rows<VapidKeys>(sql`SELECT public_key AS "publicKey", private_key AS "privateKey", subject FROM voice_push_keys WHERE id = 1`);
  if (!row) throw new Error("voice_push_keys is empty: ensureVapidKeys runs when the app starts");
  cached = { database, keys: row };
  return row;
}

/** What the phone shows: the code, the status and a link; never the complaint's title or content. */
export function pushPayload(code: string, status: string, event: PushEvent) {
  return {
    title: "Cầu Nối",
    body: `Yêu cầu ${code} ${EVENT_TEXT[event]}. Mở để xem chi tiết.`,
    code,
    status,
    event,
    url: `/theo-doi/${encodeURIComponent(code)}`,
  };
}

export interface PushSubscriptionInput {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

/**
 * Keeps a phone's subscription for a request (the caller proved the code and secret). A new one is
 * told at once, through the outbox in the same transaction, that the request is received when it is
 * still open: the worker sees notices work. Subscribing again refreshes the keys and tells nothing.
 */
export async function subscribePush(
  database: Database,
  r: { id: number; code: string; status: string; open: boolean },
  sub: PushSubscriptionInput,
): Promise<void> {
  await database.db.transaction(async (tx) => {
    const [row] = await database.rows<{ id: number; inserted: boolean }>(
      sql`INSERT INTO voice_push_subscriptions (request_id, endpoint, p256dh, auth) VALUES (${r.id}, ${sub.endpoint}, ${sub.keys.p256dh}, ${sub.keys.auth})
          ON CONFLICT (request_id, endpoint) DO UPDATE SET p256dh = EXCLUDED.p256dh, auth = EXCLUDED.auth, last_error = NULL
          RETURNING id, (xmax = 0) AS inserted`,
      tx,
    );
    if (row?.inserted && r.open) await enqueuePush(tx, { requestId: r.id, code: r.code, status: r.status, event: "received", subscriptionId: row.id });
  });
}

/** Forgets a phone's subscription for a request (the caller proved the code and secret). */
export async function unsubscribePush(database: Database, requestId: number, endpoint: string): Promise<void> {
  await database.rows(sql`DELETE FROM voice_push_subscriptions WHERE request_id = ${requestId} AND endpoint = ${endpoint}`);
}

/**
 * Queues the push message of a status change for every phone subscribed to the request, in the
 * change's transaction (rolled back with it, delivered after it commits). The key carries the
 * transaction's time, so a second transfer or reopening is a new message while a retry is the same.
 */
export async function enqueuePush(tx: Tx, e: { requestId: number; code: string; status: string; event: PushEvent; subscriptionId?: number }): Promise<number> {
  const body = JSON.stringify(pushPayload(e.code, e.status, e.event));
  const only = e.subscriptionId ?? null;
  const res = (await tx.execute(
    sql`INSERT INTO outbound_messages (key, channel, recipient, subject, body, purpose)
        SELECT 'push:' || ${e.event} || ':' || s.request_id || ':' || (extract(epoch FROM now()) * 1000000)::bigint || ':' || s.id,
               'push', s.id::text, NULL, ${body}, ${`push:${e.event}`}
        FROM voice_push_subscriptions s
        WHERE s.request_id = ${e.requestId} AND (${only}::int IS NULL OR s.id = ${only}::int)
        ON CONFLICT (key) DO NOTHING RETURNING id`,
  )) as unknown as { rows: unknown[] };
  return res.rows.length;
}

interface Target {
  id: number;
  endpoint: string;
  p256dh: string;
  auth: string;
}

/** Encrypts (RFC 8291, aes128gcm), signs (VAPID) and posts one message; returns the push service's status. */
async function post(keys: VapidKeys, target: Target, payload: string): Promise<{ status: number; text: string }> {
  const details = webpush.generateRequestDetails({ endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } }, payload, {
    vapidDetails: keys,
    TTL: 7 * 24 * 3600,
    contentEncoding: "aes128gcm",
  });
  // web-push's own sender speaks https only; fetch posts the same bytes and headers to any push service.
  const res = await fetch(details.endpoint, {
    method: details.method,
    headers: details.headers as Record<string, string>,
    body: details.body as Uint8Array<ArrayBuffer>,
    signal: AbortSignal.timeout(10_000),
  });
  return { status: res.status, text: res.ok ? "" : (await res.text()).slice(0, 200) };
}

/**
 * Delivers one outbox push message (recipient = the subscription's id). Returns how it went; throws
 * when the push service failed (the deliverer retries with back-off, then dead letter). A subscription
 * that is gone — withdrawn, erased, or answered 404/410 by its push service, then deleted here — settles
 * the message as done: there is nobody left to tell.
 */
export async function sendPush(database: Database, m: { recipient: string; body: string }): Promise<string> {
  const [target] = await database.rows<Target>(sql`SELECT id, endpoint, p256dh, auth FROM voice_push_subscriptions WHERE id = ${Number(m.recipient)}`);
  if (!target) return "push:gone";
  const outcome = await post(await vapidKeys(database), target, m.body);
  if (outcome.status >= 200 && outcome.status < 300) {
    await database.rows(sql`UPDATE voice_push_subscriptions SET last_sent_at = now(), last_error = NULL WHERE id = ${target.id}`);
    return "push";
  }
  if (outcome.status === 404 || outcome.status === 410) {
    await database.rows(sql`DELETE FROM voice_push_subscriptions WHERE id = ${target.id}`);
    return "push:gone";
  }
  const error = `${outcome.status} ${outcome.text}`.slice(0, 300);
  await database.rows(sql`UPDATE voice_push_subscriptions SET last_error = ${error} WHERE id = ${target.id}`);
  throw new Error(`Push ${error}`);
}
