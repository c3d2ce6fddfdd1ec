/** The admin's view of the outbox (pending, sent, dead; resend a dead message) and of the channels. */
import { sql } from "drizzle-orm";
import type { Database } from "#server/db/client.ts";
import type { RequestContext } from "#server/http/context.ts";
import { notFound } from "#server/http/errors.ts";
import { audit } from "#server/modules/access/index.ts";
import { channelsOf } from "./channels.ts";

/** A recipient as the admin sees it: enough to tell two apart, not to reach the worker (0901***567, ng***@vidu.vn). */
export function maskRecipient(r: string): string {
  const at = r.indexOf("@");
  if (at > 0) return `${r.slice(0, Math.min(2, at))}***${r.slice(at)}`;
  return r.length > 6 ? `${r.slice(0, 4)}***${r.slice(-3)}` : "***";
}

export type OutboxStatus = "pending" | "sent" | "dead";

/** The outbox by status, newest first; never the body (a secret or a link may be in it), nor a worker's notice's subject. */
export async function listOutbox(database: Database, q: { status?: OutboxStatus | undefined }) {
  const rows = await database.rows<{
    id: number;
    channel: string;
    recipient: string;
    purpose: string;
    subject: string | null;
    status: OutboxStatus;
    attempts: number;
    lastError: string | null;
    via: string | null;
    createdAt: string;
    sentAt: string | null;
    nextAttemptAt: string;
  }>(
    // A worker's notice names their request's code: with the recipient that would tie a contact to a request.
    sql`SELECT id, channel, recipient, purpose, CASE WHEN purpose LIKE 'notice:%' OR purpose LIKE 'voice_secret:%' THEN NULL ELSE subject END AS subject, status, attempts, last_error AS "lastError", via,
               to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "createdAt",
               to_char(sent_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "sentAt",
               to_char(next_attempt_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "nextAttemptAt"
        FROM outbound_messages ${q.status ? sql`WHERE status = ${q.status}` : sql``}
        ORDER BY created_at DESC, id DESC LIMIT 200`,
  );
  const counts = await database.rows<{ status: OutboxStatus; n: number }>(sql`SELECT status, count(*)::int AS n FROM outbound_messages GROUP BY status`);
  const by = Object.fromEntries(counts.map((c) => [c.status, c.n]));
  return {
    counts: { pending: by.pending ?? 0, sent: by.sent ?? 0, dead: by.dead ?? 0 },
    items: rows.map((r) => ({ ...r, recipient: maskRecipient(r.recipient) })),
  };
}

/** Puts a dead message back in line with its attempts reset; the same key, so the channel still sees one message. */
export async function resendDead(database: Database, ctx: RequestContext, id: number) {
  return database.db.transaction(async (tx) => {
    const [r] = await database.rows<{ id: number; key: string }>(
      sql`UPDATE outbound_messages SET status = 'pending', attempts = 0, next_attempt_at = now(), lease_until = NULL
          WHERE id = ${id} AND status = 'dead' RETURNING id, key`,
      tx,
    );
    if (!r) throw notFound("Không có tin nhắn hỏng nào với mã này");
    await audit(database, tx, ctx, { action: "notify_resend", objectType: "outbound_message", objectId: id, detail: { key: r.key } });
    return { id, status: "pending" as const };
  });
}

/** Which channels are configured (never their credentials): the settings page says when none is. */
export async function channelStatus(database: Database) {
  const c = await channelsOf(database);
  const host = (u: string) => {
    try {
      return new URL(u).host;
    } catch {
      return null;
    }
  };
  return {
    email: { configured: c.email !== null, host: c.email ? host(c.email.url) : null, from: c.email?.from ?? null },
    sms: { configured: c.sms !== null, host: c.sms ? host(c.sms.url) : null, brandname: c.sms?.brandname ?? null },
    zalo: { configured: c.zalo !== null, host: c.zalo ? host(c.zalo.url) : null, templates: Object.keys(c.zalo?.templates ?? {}) },
    anyConfigured: Boolean(c.email || c.sms || c.zalo),
  };
}
