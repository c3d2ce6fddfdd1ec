import type { FastifyReply, FastifyRequest } from "fastify";
import type { Database } from "../db/client.ts";
import { WRITTEN_COOKIE, parseLsn } from "../db/replica.ts";
import type { AppDeps } from "./deps.ts";

/**
 * Runs a reading route's work where it may read (issue #20, item 3): on the replica unless the caller
 * wrote something the replica has not replayed yet, or the replica is down; else on the primary.
 * Only pure reads go through here: a route that also writes (an audit row) writes on `deps.database`.
 */
export function readFor<T>(deps: AppDeps, request: FastifyRequest, read: (database: Database) => Promise<T>): Promise<T> {
  const reads = deps.reads;
  if (!reads?.replica) return read(deps.database);
  const cookie = request.cookies[WRITTEN_COOKIE];
  const written = cookie && parseLsn(cookie) !== null ? cookie : null;
  return reads.read(written, (database) => {
    // The last database the request read from (a replica failing mid-read is retried on the primary).
    servedFrom.set(request, database === reads.replica ? "replica" : "primary");
    return read(database);
  });
}

const servedFrom = new WeakMap<FastifyRequest, "replica" | "primary">();

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * After a signed-in caller's successful write, the primary's WAL position goes into their cookie, so
 * their next reads wait for the replica to have it. Public callers read nothing from the replica
 * (every routed read needs a signed-in caller), so public submissions pay nothing for it.
 */
export async function rememberWrite(deps: AppDeps, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  // Where a routed read was served from, for operators (and the replica tests): x-read-from.
  const from = servedFrom.get(request);
  if (from) void reply.header("x-read-from", from);
  if (!deps.reads?.replica || SAFE.has(request.method) || !request.actor || reply.statusCode >= 400) return;
  const lsn = await deps.reads.writtenLsn().catch(() => null);
  // Ten minutes: far beyond any replay lag worth serving from; after that the replica has it or is down.
  if (lsn) void reply.setCookie(WRITTEN_COOKIE, lsn, { path: "/api", httpOnly: true, sameSite: "lax", maxAge: 600 });
}
