/**
 * The deliverer: claims due messages with FOR UPDATE SKIP LOCKED and a lease, sends each with its key
 * as the idempotency key, and records the outcome — sent, retried later with back-off, or dead after
 * MAX_ATTEMPTS. Safe on any number of servers at once: a claimed message is invisible to the others
 * until its lease ends (a server that died mid-send), and then it is sent again with the same key.
 */
import { sql } from "drizzle-orm";
import type { Database } from "#server/db/client.ts";
import { defineJob } from "#server/jobs/define.ts";
import { now, vnDate } from "#shared/clock.ts";
import { type Channels, channelsOf, deliverable, type Sendable, send } from "./channels.ts";
import { runDigest } from "./officers.service.ts";
import { sendPush } from "./push.ts";

export const MAX_ATTEMPTS = 6;
/** How long a claim holds: longer than one send can take (the HTTP adapters time out at 15 s). */
const LEASE_SECONDS = 120;
const SEND_CONCURRENCY = 8;

/** Seconds before attempt n+1 after n failed: 30 s, 2 min, 8 min, 32 min, 2 h 8 min. */
export function backoffSeconds(attempts: number): number {
  return Math.min(30 * 4 ** Math.max(0, attempts - 1), 6 * 3600);
}

interface Claimed extends Sendable {
  id: number;
  attempts: number;
}

async function claim(database: Database, kinds: string[], limit: number): Promise<Claimed[]> {
  if (kinds.length === 0) return [];
  // The attempt is counted at the claim, so a server dying mid-send still moves a message towards dead.
  return database.rows<Claimed>(
    sql`UPDATE outbound_messages m SET attempts = m.attempts + 1, lease_until = now() + make_interval(secs => ${LEASE_SECONDS})
        WHERE m.id IN (
          SELECT id FROM outbound_messages
          WHERE status = 'pending' AND next_attempt_at <= now() AND (lease_until IS NULL OR lease_until < now())
            AND channel IN (SELECT jsonb_array_elements_text(${JSON.stringify(kinds)}::jsonb))
          ORDER BY next_attempt_at, id LIMIT ${limit}
          FOR UPDATE SKIP LOCKED)
        RETURNING m.id, m.key, m.channel, m.recipient, m.subject, m.body, m.template, m.data, m.attempts`,
  );
}

async function settle(database: Database, m: Claimed, outcome: { via: string } | { error: string }): Promise<"sent" | "retry" | "dead"> {
  // `attempts = claimed` fences a late answer: a claim that outlived its lease and was taken over writes nothing.
  if ("via" in outcome) {
    await database.rows(
      sql`UPDATE outbound_messages SET status = 'sent', sent_at = now(), lease_until = NULL, via = ${outcome.via}, last_error = NULL
          WHERE id = ${m.id} AND attempts = ${m.attempts}`,
    );
    return "sent";
  }
  const dead = m.attempts >= MAX_ATTEMPTS;
  await database.rows(
    sql`UPDATE outbound_messages SET status = ${dead ? "dead" : "pending"}, lease_until = NULL, last_error = ${outcome.error.slice(0, 500)},
          next_attempt_at = now() + make_interval(secs => ${backoffSeconds(m.attempts)})
        WHERE id = ${m.id} AND attempts = ${m.attempts}`,
  );
  return dead ? "dead" : "retry";
}

/** Delivers up to `limit` due messages; returns what happened. A plain function: a timer or a queue job calls it. */
export async function deliverOutbox(database: Database, opts: { limit?: number; channels?: Channels } = {}) {
  const channels = opts.channels ?? (await channelsOf(database));
  const claimed = await claim(database, deliverable(channels), opts.limit ?? 50);
  const done = { sent: 0, retry: 0, dead: 0 };
  const one = async (m: Claimed) => {
    let outcome: { via: string } | { error: string };
    try {
      outcome = { via: m.channel === "push" ? await sendPush(database, m) : await send(channels, m) };
    } catch (err) {
      outcome = { error: err instanceof Error ? err.message : String(err) };
    }
    done[await settle(database, m, outcome)]++;
  };
  // A few at a time: the gateways answer in tens of milliseconds, one after another would be the bottleneck.
  for (let i = 0; i < claimed.length; i += SEND_CONCURRENCY) await Promise.all(claimed.slice(i, i + SEND_CONCURRENCY).map(one));
  return { claimed: claimed.length, ...done };
}

/** Delivers what is due until a batch comes back short (a full batch means more may be waiting). */
async function drain(database: Database): Promise<number> {
  let claimed = 0;
  for (let i = 0; i < 20; i++) {
    const batch = await deliverOutbox(database, { limit: 50 });
    claimed += batch.claimed;
    if (batch.claimed < 50) break;
  }
  return claimed;
}

/**
 * The outbox's sweep on the job queue, every minute: what is due (new, or a retry whose back-off ended)
 * leaves even when no process polls faster. Each message is claimed with its own lease, so the sweep,
 * the poll below and another server's sweep never send one twice.
 */
export const outboxJob = defineJob({
  name: "notify.deliver",
  cron: "* * * * *",
  retry: { limit: 0 },
  run: async (job) => {
    const claimed = await drain(job.database);
    if (claimed) job.log(`outbox: ${claimed} messages`);
  },
});

/**
 * The officers' daily notices on the job queue, every minute: the deadline sweep once per Vietnam day,
 * then the 07:00 digest (written once per officer and day, whoever runs it). The sweep belongs to the
 * module that owns the deadlines, and the link to the configuration: the job list passes them.
 */
export function dailyNoticesJob(opts: { sweep: (database: Database, today: string) => Promise<unknown>; link: string }) {
  return defineJob({
    name: "notify.daily",
    cron: "* * * * *",
    retry: { limit: 0 },
    run: async (job) => {
      await dailyNotices(job.database, { ...opts, at: now() });
    },
  });
}

/**
 * A working process's poll of the outbox every few seconds, so a notice leaves at once rather than at the
 * queue's next minute. Returns a stop function.
 */
export function scheduleOutbox(database: Database, log: { error: (o: unknown, msg: string) => void }, opts: { everyMs?: number } = {}): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await drain(database);
    } catch (err) {
      log.error({ err }, "outbox delivery failed");
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), opts.everyMs ?? 5000);
  timer.unref();
  return () => clearInterval(timer);
}

// The last Vietnam day the deadline sweep ran on, per database: once a day is enough (and it is keyed anyway).
const swept = new WeakMap<Database, string>();
const lastDaily = new WeakMap<Database, number>();

/**
 * The officers' daily notices: the deadline sweep (due tomorrow, overdue — given by the module that
 * owns the deadlines) once per Vietnam day, then the 07:00 digest. Safe to run every minute.
 */
export async function dailyNotices(database: Database, opts: { sweep: (database: Database, today: string) => Promise<unknown>; link: string; at?: Date }) {
  const at = opts.at ?? now();
  // The outbox ticks every few seconds; the digest's query needs asking once a minute at most.
  if (!opts.at && at.getTime() - (lastDaily.get(database) ?? 0) < 60_000) return 0;
  lastDaily.set(database, at.getTime());
  const today = vnDate(at);
  if (swept.get(database) !== today) {
    await opts.sweep(database, today);
    swept.set(database, today);
  }
  return runDigest(database, at, { link: opts.link });
}
