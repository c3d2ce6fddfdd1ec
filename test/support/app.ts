import { randomBytes } from "node:crypto";
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import { sql } from "drizzle-orm";
import { buildApp } from "#server/app.ts";
import { loadConfig } from "#server/config.ts";
import type { Database } from "#server/db/client.ts";
import { freshDatabase } from "./db.ts";

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  close: () => Promise<void>;
}

/** The whole app on a fresh database, as main.ts builds it, without listening. */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const { database, drop } = await freshDatabase();
  const config = loadConfig({
    LOG_LEVEL: "silent",
    DATA_DIR: `/tmp/caunoi-test-${randomBytes(4).toString("hex")}`,
    SESSION_SECRET: "t".repeat(40),
    LOGIN_RATE_LIMIT: "10000",
    ...env,
  });
  const app = await buildApp({ config, database });
  await app.ready();
  return {
    app,
    database,
    close: async () => {
      await app.close();
      await drop();
    },
  };
}

/** A signed-in client: keeps the session cookie and sends the CSRF token on writes. */
export class Client {
  cookie = "";
  csrf = "";
  constructor(readonly app: FastifyInstance) {}

  async login(username: string, password: string): Promise<LightMyRequestResponse> {
    const res = await this.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username, password },
      ...(this.cookie ? { headers: { cookie: this.cookie } } : {}),
    });
    const setCookie = res.headers["set-cookie"];
    const first = Array.isArray(setCookie) ? setCookie[0] : setCookie;
    if (res.statusCode === 200 && first) {
      this.cookie = first.split(";")[0] ?? "";
      this.csrf = (res.json() as { csrfToken: string }).csrfToken;
    }
    return res;
  }

  request(opts: InjectOptions): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { ...(opts.headers as Record<string, string> | undefined) };
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrf && opts.method && !["GET", "HEAD"].includes(opts.method)) headers["x-csrf-token"] = this.csrf;
    return this.app.inject({ ...opts, headers });
  }
  get(url: string, headers?: Record<string, string>) {
    return this.request({ method: "GET", url, ...(headers ? { headers } : {}) });
  }
  post(url: string, payload?: unknown) {
    return this.request({ method: "POST", url, ...(payload === undefined ? {} : { payload: payload as InjectOptions["payload"] }) });
  }
  patch(url: string, payload: unknown) {
    return this.request({ method: "PATCH", url, payload: payload as InjectOptions["payload"] });
  }
  put(url: string, payload: unknown) {
    return this.request({ method: "PUT", url, payload: payload as InjectOptions["payload"] });
  }
  delete(url: string) {
    return this.request({ method: "DELETE", url });
  }
}

/** Counts audit rows matching an action and object. */
export async function auditCount(database: Database, action: string, objectType: string, objectId?: string | number): Promise<number> {
  const [row] = await database.rows<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM audit_log WHERE action = ${action} AND object_type = ${objectType}
        ${objectId === undefined ? sql`` : sql`AND object_id = ${String(objectId)}`}`,
  );
  return row?.n ?? 0;
}
