import { sql } from "drizzle-orm";
import type { Database } from "#server/db/client.ts";

/**
 * Per-address limits of the public routes, from PUBLIC_RATE_LIMIT (per minute; 0 lifts them, for
 * benchmarks): submissions at the limit, reads ten times more loosely.
 */
export function publicRateLimits(limit: number) {
  return {
    submitLimit: limit > 0 ? { rateLimit: { max: limit, timeWindow: "1 minute" } } : {},
    readLimit: limit > 0 ? { rateLimit: { max: limit * 10, timeWindow: "1 minute" } } : {},
  };
}

type Done = (err: Error | null, res?: { current: number; ttl: number }) => void;
interface RouteLimitOptions {
  // At run time the plugin passes the merged limit options with the route under `routeInfo`; its
  // types describe the route itself. Either names the route.
  routeInfo?: { method: string | string[]; url: string };
  method?: string | string[];
  url?: string;
}

/** One expired counter in this many hits is swept; the table holds the callers of the last minutes. */
const SWEEP_EVERY = 500;

/**
 * The counters of @fastify/rate-limit in the database (table rate_limit_hits), shared by every app
 * server on it: a caller who spreads attempts over two servers behind a proxy meets one limit. One
 * statement per counted request, atomic under concurrency (an upsert on the key); a window that has
 * run out starts again at 1. The database's clock decides the windows, the same for every server.
 */
export function databaseRateLimitStore(database: Database) {
  let calls = 0;
  return class DatabaseRateLimitStore {
    constructor(
      _options?: unknown,
      readonly prefix = "",
    ) {}

    incr(key: string, done: Done, timeWindow: number): void {
      const k = `${this.prefix}${key}`;
      database
        .rows<{ hits: number; ttl: number }>(
          sql`INSERT INTO rate_limit_hits AS r (key, hits, resets_at)
              VALUES (${k}, 1, clock_timestamp() + ${timeWindow} * interval '1 millisecond')
              ON CONFLICT (key) DO UPDATE SET
                hits = CASE WHEN r.resets_at <= clock_timestamp() THEN 1 ELSE r.hits + 1 END,
                resets_at = CASE WHEN r.resets_at <= clock_timestamp() THEN EXCLUDED.resets_at ELSE r.resets_at END
              RETURNING hits, greatest(0, ceil(extract(epoch FROM (resets_at - clock_timestamp())) * 1000))::int AS ttl`,
        )
        .then(([row]) => done(null, { current: row?.hits ?? 1, ttl: row?.ttl ?? timeWindow }), done);
      if (++calls % SWEEP_EVERY === 0) {
        database.rows(sql`DELETE FROM rate_limit_hits WHERE resets_at < clock_timestamp() - interval '1 minute'`).catch(() => undefined);
      }
    }

    /** The count without counting (`{ increment: false }`). */
    read(key: string, done: Done): void {
      const k = `${this.prefix}${key}`;
      database
        .rows<{ hits: number; ttl: number }>(
          sql`SELECT hits, greatest(0, ceil(extract(epoch FROM (resets_at - clock_timestamp())) * 1000))::int AS ttl
              FROM rate_limit_hits WHERE key = ${k} AND resets_at > clock_timestamp()`,
        )
        .then(([row]) => done(null, { current: row?.hits ?? 0, ttl: row?.ttl ?? 0 }), done);
    }

    /** A route's own limit counts apart from the others: its method and path prefix the key. */
    child(routeOptions: RouteLimitOptions) {
      const route = routeOptions.routeInfo ?? routeOptions;
      const method = Array.isArray(route.method) ? route.method.join(",") : (route.method ?? "");
      return new DatabaseRateLimitStore(undefined, `${this.prefix}${method}${route.url ?? ""}|`);
    }
  };
}
