/** The outbox: a message is a row written in the transaction of the event that causes it. */
import { type SQL, sql } from "drizzle-orm";
import type { Tx } from "#server/db/client.ts";

export type Channel = "sms" | "email" | "zalo" | "push";

export interface OutboundMessage {
  /** The idempotency key: one message per key, passed to the channel so a resend after a crash is recognised. */
  key: string;
  channel: Channel;
  recipient: string;
  subject?: string | null;
  body: string;
  /** What it is for (`voice_secret:12`, `notice:receipt`): counted by the sender's own limits, shown to the admin. */
  purpose: string;
  /** The Zalo ZNS template name and its parameters (a phone message goes through ZNS when that template is configured). */
  template?: string | null;
  data?: Record<string, string>;
}

const run = async <T>(tx: Tx, q: SQL) => ((await tx.execute(q)) as unknown as { rows: T[] }).rows;

/**
 * Writes a message to the outbox inside the caller's transaction: rolled back with the event, or
 * delivered after it commits. A key already enqueued is not enqueued again (returns false).
 */
export async function enqueueMessage(tx: Tx, m: OutboundMessage): Promise<boolean> {
  const rows = await run<{ id: number }>(
    tx,
    sql`INSERT INTO outbound_messages (key, channel, recipient, subject, body, purpose, template, data)
        VALUES (${m.key}, ${m.channel}, ${m.recipient}, ${m.subject ?? null}, ${m.body}, ${m.purpose}, ${m.template ?? null}, ${JSON.stringify(m.data ?? {})}::jsonb)
        ON CONFLICT (key) DO NOTHING RETURNING id`,
  );
  return rows.length > 0;
}

/** How many messages for `purpose` were enqueued in the last day (a sender's own flood limit). */
export async function messagesToday(tx: Tx, purpose: string): Promise<number> {
  const [r] = await run<{ n: number }>(
    tx,
    sql`SELECT count(*)::int AS n FROM outbound_messages WHERE purpose = ${purpose} AND created_at > now() - interval '1 day'`,
  );
  return r?.n ?? 0;
}
