import { buildApp } from "./app.ts";
import { DataDirError, prepareDatabase } from "./bootstrap.ts";
import { ConfigError, loadConfig } from "./config.ts";
import { leaseOf } from "./jobs/define.ts";
import { openJobs } from "./jobs/queue.ts";
import { jobDefinitions } from "./modules/jobs.ts";

/** Reads config, prepares the database, builds the app, listens — nothing else. */
export async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  let database: Awaited<ReturnType<typeof prepareDatabase>>;
  try {
    database = await prepareDatabase(config, (line) => console.log(line));
  } catch (err) {
    if (err instanceof DataDirError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  // The job queue's workers and schedules (retention, escalation, folds, imports) run in this process
  // too, unless WORKER=off (then `caunoi worker` processes run them).
  await openJobs(database, jobDefinitions, { workers: config.WORKER === "on", lease: leaseOf(config.JOB_LEASE_SECONDS), log: (line) => console.log(line) });
  const app = await buildApp({ config, database });
  const shutdown = async () => {
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
  await app.listen({ port: config.PORT, host: config.HOST });
  console.log(`Cầu Nối đang chạy tại http://${config.HOST}:${config.PORT} (cơ sở dữ liệu: ${database.kind})`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
