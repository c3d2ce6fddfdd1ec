import type { Config } from "../config.ts";
import type { Database } from "../db/client.ts";
import type { ReadRouter } from "../db/replica.ts";

/** What every module's routes are given by buildApp (app.ts): the configuration and the database. */
export interface AppDeps {
  config: Config;
  database: Database;
  /** Where reading work goes (a streaming replica when DATABASE_REPLICA_URL is set); the primary when absent. */
  reads?: ReadRouter;
  /** Where the log goes (standard output when absent); tests read it. */
  logStream?: NodeJS.WritableStream;
}

/** The session cookie's name, read by app.ts's authentication and written by the sign-in route. */
export const SESSION_COOKIE = "caunoi_session";
