import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import pg from "pg";
import type { Database } from "./client.ts";

/**
 * Caches one app server keeps in memory (routing facts, the voice calendar and settings) go stale when
 * another server writes what they were drawn from. A writer calls `invalidate(database, topic)`: this
 * server's handlers run at once, and on PostgreSQL a NOTIFY on channel `caunoi_invalidate` reaches every
 * other server on the database, whose listener (`listenForInvalidations`, started by the app) runs its
 * own handlers — the second server answers like the first within milliseconds, not after a cache's
 * lifetime. On the embedded database there is one process: the local call is all there is.
 *
 * A listener that loses its connection reconnects with back-off, and then runs every handler: what
 * was notified while it was away is not replayed by PostgreSQL, so it forgets everything instead.
 */
export type InvalidationTopic = "registry" | "voice-settings";
type Handler = (database: Database) => void;

const CHANNEL = "caunoi_invalidate";
const handlers = new Map<InvalidationTopic, Set<Handler>>();
/** Each database handle (one per server process), so that its own notifications, already handled, are skipped. */
const origins = new WeakMap<Database, string>();
function originOf(database: Database): string {
  let o = origins.get(database);
  if (!o) {
    o = randomUUID();
    origins.set(database, o);
  }
  return o;
}

/** Runs `handler` whenever `topic` is invalidated, by this server or another. */
export function onInvalidate(topic: InvalidationTopic, handler: Handler): void {
  let set = handlers.get(topic);
  if (!set) {
    set = new Set();
    handlers.set(topic, set);
  }
  set.add(handler);
}

function runHandlers(database: Database, topic: InvalidationTopic): void {
  for (const h of handlers.get(topic) ?? []) h(database);
}

/** Forgets what `topic` covers here, and tells the other servers on the database. */
export function invalidate(database: Database, topic: InvalidationTopic): void {
  runHandlers(database, topic);
  if (database.kind !== "postgres") return;
  // After the writer's commit; a lost notification costs a cache's lifetime, never a wrong write.
  database.rows(sql`SELECT pg_notify(${CHANNEL}, ${`${topic}|${originOf(database)}`})`).catch(() => undefined);
}

/** Seconds between reconnection attempts: 1, 2, 4 … 30. */
const backoff = (attempt: number) => Math.min(30_000, 1000 * 2 ** attempt);

/**
 * Listens for other servers' invalidations on a connection of its own (LISTEN holds it). Returns
 * the function that stops listening. Nothing to do on the embedded database.
 */
export function listenForInvalidations(database: Database, log: (msg: string) => void = () => undefined): () => Promise<void> {
  if (database.kind !== "postgres" || !database.pool) return async () => undefined;
  const connectionString = (database.pool.options as { connectionString?: string }).connectionString;
  let client: pg.Client | null = null;
  let stopped = false;
  let attempt = 0;
  let timer: NodeJS.Timeout | null = null;

  const onNotification = (msg: pg.Notification) => {
    const [topic, from] = (msg.payload ?? "").split("|");
    if (from === originOf(database) || !topic) return;
    if (handlers.has(topic as InvalidationTopic)) runHandlers(database, topic as InvalidationTopic);
  };
  const retry = () => {
    if (stopped || timer) return;
    client?.removeAllListeners();
    client?.end().catch(() => undefined);
    client = null;
    timer = setTimeout(() => {
      timer = null;
      void connect();
    }, backoff(attempt++));
  };
  const connect = async () => {
    const c = new pg.Client({ connectionString });
    client = c;
    c.on("error", (err) => {
      log(`invalidation listener: ${err.message}`);
      retry();
    });
    c.on("end", retry);
    c.on("notification", onNotification);
    try {
      await c.connect();
      await c.query(`LISTEN ${CHANNEL}`);
      if (attempt > 0) for (const topic of handlers.keys()) runHandlers(database, topic);
      attempt = 0;
    } catch (err) {
      log(`invalidation listener: ${(err as Error).message}`);
      retry();
    }
  };
  void connect();
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    const c = client;
    client = null;
    c?.removeAllListeners();
    await c?.end().catch(() => undefined);
  };
}
