import { sql } from "drizzle-orm";
import { type Database, openDatabase } from "./client.ts";

/**
 * Reading work (dashboards, the joint report, search) on a PostgreSQL streaming replica, without
 * "I saved it and it is gone" (issue #20, item 3).
 *
 * A signed-in caller's write answers with the primary's WAL position (`pg_current_wal_lsn()`) in a
 * cookie. That caller's reads go to the replica only once the replica has replayed at least that far
 * (`pg_last_wal_replay_lsn()`); until then, to the primary. A replica that does not answer within
 * a short timeout is left alone for a few seconds and every read goes to the primary meanwhile.
 */
export interface ReadRouter {
  primary: Database;
  replica: Database | null;
  /** The database a read may use for a caller whose last write was at `writtenLsn` (null: no recent write). */
  choose(writtenLsn: string | null): Promise<Database>;
  /** Runs `read` on the chosen database; a replica failing mid-read is retried on the primary. */
  read<T>(writtenLsn: string | null, read: (database: Database) => Promise<T>): Promise<T>;
  /** The primary's current WAL position, for the caller's cookie after a write; null without a replica. */
  writtenLsn(): Promise<string | null>;
  close(): Promise<void>;
}

/** The cookie carrying the caller's last write position (a WAL LSN such as "0/3000148"). */
export const WRITTEN_COOKIE = "caunoi_written";

/** "X/Y" as a number (X is the high 32 bits): PostgreSQL's pg_lsn, comparable. */
export function parseLsn(lsn: string): bigint | null {
  const m = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/.exec(lsn.trim());
  if (!m?.[1] || !m[2]) return null;
  return (BigInt(`0x${m[1]}`) << 32n) | BigInt(`0x${m[2]}`);
}

/** True when `replayed` is at or past `written`; an unreadable position counts as not reached (primary then). */
export function lsnReached(replayed: string | null, written: string): boolean {
  const w = parseLsn(written);
  const r = replayed === null ? null : parseLsn(replayed);
  if (w === null || r === null) return false;
  return r >= w;
}

export interface ReadRouterOptions {
  /** How long a replica that failed is left alone (ms). */
  downFor?: number;
  /** How long a replay position read from the replica is trusted without asking again (ms). */
  replayTtl?: number;
  /** Connection and statement timeout on the replica (ms). */
  timeout?: number;
  now?: () => number;
}

/** A router with no replica: every read on the primary. */
export function primaryOnly(primary: Database): ReadRouter {
  return {
    primary,
    replica: null,
    choose: async () => primary,
    read: (_lsn, read) => read(primary),
    writtenLsn: async () => null,
    close: async () => undefined,
  };
}

/** Opens the replica at `url` (a pool of its own, short timeouts) and routes reads between it and `primary`. */
export async function openReadRouter(primary: Database, url: string | undefined, opts: ReadRouterOptions = {}): Promise<ReadRouter> {
  if (!url || primary.kind !== "postgres") return primaryOnly(primary);
  const timeout = opts.timeout ?? 2000;
  const replica = await openDatabase({ url, connectionTimeoutMillis: timeout, statementTimeout: 30_000 });
  return routeReads(primary, replica, opts);
}

/** The routing itself, on two open databases (tests give it their own). */
export function routeReads(primary: Database, replica: Database, opts: ReadRouterOptions = {}): ReadRouter {
  const downFor = opts.downFor ?? 5000;
  const replayTtl = opts.replayTtl ?? 100;
  const now = opts.now ?? Date.now;
  let downUntil = 0;
  // The replay position only moves forward: a cached one that already passes the caller's write is
  // enough; an older one is read again.
  let replay: { lsn: string | null; at: number } | null = null;
  let pending: Promise<string | null> | null = null;

  const markDown = () => {
    downUntil = now() + downFor;
    replay = null;
  };
  const readReplay = async (): Promise<string | null> => {
    if (replay && now() - replay.at < replayTtl) return replay.lsn;
    pending ??= replica
      .rows<{ lsn: string | null }>(sql`SELECT pg_last_wal_replay_lsn()::text AS lsn`)
      .then((rows) => {
        replay = { lsn: rows[0]?.lsn ?? null, at: now() };
        return replay.lsn;
      })
      .finally(() => {
        pending = null;
      });
    return pending;
  };

  const choose = async (writtenLsn: string | null): Promise<Database> => {
    if (now() < downUntil) return primary;
    try {
      const wasCached = replay !== null && now() - replay.at < replayTtl;
      let replayed = await readReplay();
      // Not a standby (replayed null: promoted or misconfigured): no reason to guess — primary.
      if (replayed === null) return primary;
      if (writtenLsn === null) return replica;
      if (!lsnReached(replayed, writtenLsn) && wasCached) {
        // The cached position is behind the caller's write: ask the replica once more.
        replay = null;
        replayed = await readReplay();
      }
      return lsnReached(replayed, writtenLsn) ? replica : primary;
    } catch {
      markDown();
      return primary;
    }
  };

  return {
    primary,
    replica,
    choose,
    async read(writtenLsn, read) {
      const db = await choose(writtenLsn);
      if (db === primary) return read(primary);
      try {
        return await read(db);
      } catch (err) {
        // A query the standby cancelled to go on replaying (a conflict with recovery) is the
        // standby's trouble, not the caller's: run it on the primary, without leaving the standby.
        if (isRecoveryConflict(err)) return read(primary);
        if (!isConnectionError(err)) throw err;
        markDown();
        return read(primary);
      }
    },
    async writtenLsn() {
      const [row] = await primary.rows<{ lsn: string }>(sql`SELECT pg_current_wal_lsn()::text AS lsn`);
      return row?.lsn ?? null;
    },
    async close() {
      await replica.close();
    },
  };
}

/** "canceling statement due to conflict with recovery" (SQLSTATE 40001 on a standby). */
export function isRecoveryConflict(err: unknown): boolean {
  const e = err as { code?: string; message?: string; cause?: unknown } | null;
  if (!e) return false;
  if (e.cause && isRecoveryConflict(e.cause)) return true;
  return e.code === "40001" && /conflict with recovery/i.test(e.message ?? "");
}

/** An error that says the replica is unreachable or went away, not that the query was wrong. */
export function isConnectionError(err: unknown): boolean {
  const e = err as { code?: string; message?: string; cause?: unknown } | null;
  if (!e) return false;
  if (e.cause && isConnectionError(e.cause)) return true;
  const code = e.code ?? "";
  // 57P01-03: admin shutdown, crash shutdown, cannot connect now; 08*: connection exceptions; 57014: statement timeout.
  if (/^(08|57P0)/.test(code) || code === "57014" || ["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE"].includes(code)) return true;
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect/i.test(e.message ?? "");
}
