/**
 * Web Push for the "Hướng Công" app, voice's side: a phone subscribes to one request by proving its
 * code and secret, to a known push service only. The keys, the subscriptions and the messages belong
 * to notify (push is a channel of the outbox).
 */
import type { Database } from "#server/db/client.ts";
import { badInput } from "#server/http/errors.ts";
import { type PushSubscriptionInput, subscribePush, unsubscribePush } from "#server/modules/notify/index.ts";
import { tracked } from "./tracking.service.ts";

export type SubscriptionInput = PushSubscriptionInput;

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

const OPEN: readonly string[] = ["received", "assigned", "in_progress"];

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
  // A new phone still waiting for an answer is told at once that the request is received (once, not on a refresh).
  await subscribePush(database, { id: r.id, code, status: r.status, open: OPEN.includes(r.status) }, sub);
}

/** Forgets a phone's subscription for the request (code and secret again: nobody else may silence it). */
export async function unsubscribeFromRequest(database: Database, code: string, secret: string | undefined, endpoint: string): Promise<void> {
  const r = await tracked(database, code, secret);
  await unsubscribePush(database, r.id, endpoint);
}
