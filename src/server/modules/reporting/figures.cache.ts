import { sql } from "drizzle-orm";
import type { Database } from "#server/db/client.ts";
import { vnToday } from "#shared/clock.ts";

/**
 * Figures drawn from the whole city (members as of a date, every request of the year, every payout)
 * take about a second at Hải Phòng's scale, and leaders open the dashboard far more often than the
 * data changes. A computed result is kept with the data version it was computed under and served
 * only while that version is current.
 *
 * The version (migration 0411) grows with every committed write to any table a figure is drawn from,
 * by a statement trigger. It is read BEFORE the figures are computed: a write that commits while they
 * are computed may or may not be in them, but it has moved the version, so the next reader computes
 * again. A figure is therefore never older than the data a reader could see when asking. The day is
 * part of the key (figures "as of today", overdue counts). Nothing here is shared between processes:
 * each server keeps its own results and checks the version in the database on every read.
 */
const MAX_ENTRIES = 200;
const stores = new WeakMap<Database, Map<string, { version: string; value: Promise<unknown> }>>();

export async function figuresVersion(database: Database): Promise<string> {
  const [row] = await database.rows<{ v: string }>(sql`SELECT sum(version)::text AS v FROM figure_versions`);
  return row?.v ?? "0";
}

/** `compute()`'s result for `key` (scope, period, …) as long as no figure's data has changed since. */
export async function cachedFigures<T>(database: Database, key: string, compute: () => Promise<T>): Promise<T> {
  let store = stores.get(database);
  if (!store) {
    store = new Map();
    stores.set(database, store);
  }
  const version = await figuresVersion(database);
  const k = `${vnToday()}|${key}`;
  const hit = store.get(k);
  if (hit && hit.version === version) {
    // Most recently used last, so the oldest entry is the first to go.
    store.delete(k);
    store.set(k, hit);
    return hit.value as Promise<T>;
  }
  const value = compute();
  store.delete(k);
  store.set(k, { version, value });
  // A failed computation is not kept.
  value.catch(() => {
    if (store.get(k)?.value === value) store.delete(k);
  });
  while (store.size > MAX_ENTRIES) {
    const oldest = store.keys().next().value;
    if (oldest === undefined) break;
    store.delete(oldest);
  }
  return value;
}
