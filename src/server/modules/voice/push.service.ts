/**
 * Web Push for the "Hướng Công" app: the server's VAPID keys, a phone's subscription to one request
 * (proved by its code and secret), and the notice sent when the request's status changes.
 */
import { sql } from "drizzle-orm";
import webpush from "web-push";
import type { Database } from "#server/db/client.ts";
import { badInput } from "#server/http/errors.ts";
import { tracked } from "./tracking.service.ts";

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

/** The stored key pair (null before the first start made one). */
export async function vapidKeys(database: Database): Promise<VapidKeys> {
  if (cached?.database === database) return cached.keys;
  const [row] = await database.rows<VapidKeys>(sql`SELECT public_key AS "publicKey", private_key AS "privateKey", subject FROM voice_push_keys WHERE id = 1`);
  if (!row) throw new Error("voice_push_keys is empty: ensureVapidKeys runs when the app starts");
  cached = { database, keys: row };
  return row;
}

export interface SubscriptionInput {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

/**
 * Whether the server may post to this address: a known push service's host (or a subdomain of it), over
 * https unless the allowed entry says http:// (a test's local push service). Anything else would let an
 * anonymous caller make the server post to hosts of their choosing.
 */
export function allowedPushEndpoint(endpoint: string, allowed: readonly string[]): boolean {
  if (!URL.canParse(endpoint)) return false;
  const url = new URL(endpoint);
  return allowed.some((entry) => {
    const http = entry.startsWith("http://");
    const host = entry.replace(/^https?:\/\//, "").replace(/\/.*$/, "");
    const protocolOk = url.protocol === (http ? "http:" : "https:");
    return protocolOk && (url.hostname === host || url.hostname.endsWith(`.${host}`));
  });
}

/** Keeps a phone's subscription for the request opened by code and secret (a wrong secret is 404). */
export async function subscribeToRequest(
  database: Database,
  code: string,
  secret: string | undefined,
  sub: SubscriptionInput,
  allowedHosts: readonly string[],
): Promise<void> {
  const r = await tracked(database, code, secret);
  if (!allowedPushEndpoint(sub.endpoint, allowedHosts)) {
    throw badInput(
      [{ pointer: "/endpoint", message: "Địa chỉ dịch vụ thông báo đẩy không được chấp nhận" }],
      "Trình duyệt này dùng một dịch vụ thông báo đẩy không được hỗ trợ",
    );
  }
  const [row] = await database.rows<{ inserted: boolean }>(
    sql`INSERT INTO voice_push_subscriptions (request_id, endpoint, p256dh, auth) VALUES (${r.id}, ${sub.endpoint}, ${sub.keys.p256dh}, ${sub.keys.auth})
        ON CONFLICT (request_id, endpoint) DO UPDATE SET p256dh = EXCLUDED.p256dh, auth = EXCLUDED.auth, last_error = NULL
        RETURNING (xmax = 0) AS inserted`,
  );
  // A new phone still waiting for an answer is told at once that the request is received: the worker
  // sees that notices work (the offline outbox subscribes right after sending). Once, not on a refresh.
  if (row?.inserted && OPEN.includes(r.status)) void sendPushForRequest(database, r.id, "received", sub.endpoint);
}

const OPEN: readonly string[] = ["received", "assigned", "in_progress"];

/** Forgets a phone's subscription for the request (code and secret again: nobody else may silence it). */
export async function unsubscribeFromRequest(database: Database, code: string, secret: string | undefined, endpoint: string): Promise<void> {
  const r = await tracked(database, code, secret);
  await database.rows(sql`DELETE FROM voice_push_subscriptions WHERE request_id = ${r.id} AND endpoint = ${endpoint}`);
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

interface Target {
  id: number;
  endpoint: string;
  p256dh: string;
  auth: string;
}

/** Encrypts (RFC 8291, aes128gcm), signs (VAPID) and posts one message; returns the push service's status. */
async function deliver(keys: VapidKeys, target: Target, payload: string): Promise<{ status: number; text: string }> {
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
 * Tells every phone subscribed to the request that its status changed. Called after the change has
 * committed; never throws (a push service down must not undo an officer's answer): a refusal is kept
 * on the subscription, a subscription the push service says is gone (404, 410) is deleted.
 * `onlyEndpoint` limits it to one phone (the confirmation of a new subscription).
 * The outbox (issue 21, item 1) will call this from its delivery worker instead.
 */
export async function sendPushForRequest(database: Database, requestId: number, event: PushEvent, onlyEndpoint?: string): Promise<number> {
  try {
    const targets = await database.rows<Target & { code: string; status: string }>(
      sql`SELECT s.id, s.endpoint, s.p256dh, s.auth, r.code, r.status
          FROM voice_push_subscriptions s JOIN voice_requests r ON r.id = s.request_id
          WHERE s.request_id = ${requestId} AND (${onlyEndpoint ?? null}::text IS NULL OR s.endpoint = ${onlyEndpoint ?? null})`,
    );
    if (targets.length === 0) return 0;
    const keys = await vapidKeys(database);
    let sent = 0;
    for (const t of targets) {
      const outcome = await deliver(keys, t, JSON.stringify(pushPayload(t.code, t.status, event))).catch((err: unknown) => ({ status: 0, text: String(err) }));
      if (outcome.status >= 200 && outcome.status < 300) {
        sent++;
        await database.rows(sql`UPDATE voice_push_subscriptions SET last_sent_at = now(), last_error = NULL WHERE id = ${t.id}`);
      } else if (outcome.status === 404 || outcome.status === 410) {
        await database.rows(sql`DELETE FROM voice_push_subscriptions WHERE id = ${t.id}`);
      } else {
        await database.rows(sql`UPDATE voice_push_subscriptions SET last_error = ${`${outcome.status} ${outcome.text}`.slice(0, 300)} WHERE id = ${t.id}`);
      }
    }
    return sent;
  } catch {
    // The database closed under us (shutdown) or another failure outside one delivery: nothing to undo.
    return 0;
  }
}
