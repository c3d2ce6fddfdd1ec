import { randomBytes } from "node:crypto";
import pg from "pg";

/** Helpers of the failure tests, which drive real server and worker processes on a PostgreSQL server. */

/** Runs `fn` on one connection to `url`, closed afterwards. */
export async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** A database of its own on the server at `serverUrl` (named `prefix_<random>`): its URL, and its drop. */
export async function scratchDatabase(serverUrl: string, prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${randomBytes(4).toString("hex")}`;
  await withClient(serverUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return { url: u.toString(), drop: () => withClient(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined) };
}

/** Polls `what` every `everyMs` until `ok` holds of its value; throws, naming `label`, after `seconds`. */
export async function waitFor<T>(
  what: () => Promise<T> | T,
  ok: (v: T) => boolean,
  seconds: number,
  label: string | (() => string),
  everyMs = 250,
): Promise<T> {
  const end = Date.now() + seconds * 1000;
  for (;;) {
    const v = await what();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out: ${typeof label === "string" ? label : label()}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
