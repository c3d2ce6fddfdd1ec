import { EventEmitter } from "node:events";
import { sql } from "drizzle-orm";
import pg from "pg";
import type { Database } from "#server/db/client.ts";

/**
 * A reported call reaches the officers' open streams on every app server. On PostgreSQL the webhook's
 * server sends NOTIFY on `caunoi_hotline` after its commit and every server (itself included) hears it on
 * a LISTEN connection of its own and passes it to its streams; on the embedded database there is one
 * process, and the in-process emitter is all there is. The payload carries only the call's id and the
 * path of the line's body and the officers on duty for the line when it came (decided in the webhook's
 * transaction, so no server keeps a roster of its own): with officers on duty only their streams hear
 * of it; with none (`onDuty` null) every officer of the body does. Each stream then reads the call
 * itself in its officer's scope.
 */
export interface CallEvent {
  id: number;
  bodyPath: string;
  onDuty: number[] | null;
}

const CHANNEL = "caunoi_hotline";
const emitters = new WeakMap<Database, EventEmitter>();
function emitterOf(database: Database): EventEmitter {
  let e = emitters.get(database);
  if (!e) {
    e = new EventEmitter();
    // One listener per open officer's stream.
    e.setMaxListeners(0);
    emitters.set(database, e);
  }
  return e;
}

/** Tells every server's streams of a call (after the transaction that stored it committed). */
export async function publishCall(database: Database, event: CallEvent): Promise<void> {
  if (database.kind === "postgres") {
    await database.rows(sql`SELECT pg_notify(${CHANNEL}, ${JSON.stringify(event)})`);
    return;
  }
  emitterOf(database).emit("call", event);
}

/** Calls `fn` for every call reported on any server; returns the function that stops it. */
export function onCall(database: Database, fn: (event: CallEvent) => void): () => void {
  const e = emitterOf(database);
  e.on("call", fn);
  return () => e.off("call", fn);
}

/**
 * Listens on PostgreSQL for calls reported by any server and hands them to this server's streams;
 * reconnects with back-off (a call missed while away is still in the call log). `ready` settles once the
 * first attempt to listen did (the app waits for it, so a stream opened after start-up hears every call).
 */
export function listenForCalls(database: Database, log: (msg: string) => void): { stop: () => Promise<void>; ready: Promise<void> } {
  if (database.kind !== "postgres" || !database.pool) return { stop: async () => undefined, ready: Promise.resolve() };
  const connectionString = (database.pool.options as { connectionString?: string }).connectionString;
  let client: pg.Client | null = null;
  let stopped = false;
  let attempt = 0;
  let timer: NodeJS.Timeout | null = null;
  const retry = () => {
    if (stopped || timer) return;
    client?.removeAllListeners();
    client?.end().catch(() => undefined);
    client = null;
    timer = setTimeout(
      () => {
        timer = null;
        void connect();
      },
      Math.min(30_000, 1000 * 2 ** attempt++),
    );
  };
  const connect = async () => {
    const c = new pg.Client({ connectionString });
    client = c;
    c.on("error", (err) => {
      log(`hotline listener: ${err.message}`);
      retry();
    });
    c.on("end", retry);
    c.on("notification", (msg) => {
      try {
        const ev = JSON.parse(msg.payload ?? "") as CallEvent;
        if (typeof ev.id === "number" && typeof ev.bodyPath === "string" && (ev.onDuty === null || Array.isArray(ev.onDuty)))
          emitterOf(database).emit("call", ev);
      } catch {
        // Not ours to understand: ignored.
      }
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${CHANNEL}`);
      attempt = 0;
    } catch (err) {
      log(`hotline listener: ${(err as Error).message}`);
      retry();
    }
  };
  const ready = connect();
  const stop = async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    const c = client;
    client = null;
    c?.removeAllListeners();
    await c?.end().catch(() => undefined);
  };
  return { stop, ready };
}
