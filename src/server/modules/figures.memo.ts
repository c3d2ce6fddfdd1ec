import { AsyncLocalStorage } from "node:async_hooks";
import type { SQL } from "drizzle-orm";
import type { Database, Tx } from "#server/db/client.ts";

/**
 * One dashboard or report asks for the same figure several times (members on the period's last day
 * for the headline, the figures, the targets and the drill-down table; several modules ask). Inside
 * `withFigureMemo`, identical queries run once; outside it (and inside transactions) nothing is kept,
 * so a figure is never stale.
 */
const store = new AsyncLocalStorage<Map<string, Promise<unknown>>>();

export function withFigureMemo<T>(fn: () => Promise<T>): Promise<T> {
  return store.run(new Map(), fn);
}

/** Whether queries are kept for the view being computed (inside `withFigureMemo`, outside a transaction). */
export function figureMemoActive(tx?: Tx): boolean {
  return !tx && store.getStore() !== undefined;
}

/** `run()`'s result for the query `key` (its SQL text and parameters), once per `withFigureMemo`. */
export function memoized<T>(database: Database, key: SQL, tx: Tx | undefined, run: () => Promise<T>): Promise<T> {
  const memo = store.getStore();
  if (!memo || tx) return run();
  const k = keyOf(database, key);
  let hit = memo.get(k) as Promise<T> | undefined;
  if (!hit) {
    hit = run();
    memo.set(k, hit);
  }
  return hit;
}

function keyOf(database: Database, q: SQL): string {
  const dialect = (database.db as unknown as { dialect: { sqlToQuery(q: SQL): { sql: string; params: unknown[] } } }).dialect;
  const compiled = dialect.sqlToQuery(q);
  return `${compiled.sql}|${JSON.stringify(compiled.params)}`;
}
