import { buildApp } from "./app.ts";
import { DataDirError, prepareDatabase } from "./bootstrap.ts";
import { ConfigError, loadConfig } from "./config.ts";
import { openReadRouter } from "./db/replica.ts";
import { leaseOf } from "./jobs/define.ts";
import { openJobs } from "./jobs/queue.ts";
import { jobDefinitions } from "./modules/jobs.ts";
import { scheduleOutbox } from "./modules/notify/index.ts";

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
  // Reading work on the streaming replica when DATABASE_REPLICA_URL names one (src/server/db/replica.ts).
  if (config.DATABASE_REPLICA_URL && !config.DATABASE_URL) {
    console.warn("DATABASE_REPLICA_URL bị bỏ qua: bản sao đọc chỉ dùng với DATABASE_URL (PostgreSQL) / ignored without DATABASE_URL");
  }
  const reads = await openReadRouter(database, config.DATABASE_REPLICA_URL);
  // The job queue's workers and schedules (retention, escalation, folds, imports, the outbox's sweep and
  // the officers' daily notices) run in this process too, unless WORKER=off (then `caunoi worker` runs them).
  const working = config.WORKER === "on";
  await openJobs(database, jobDefinitions(config), { workers: working, lease: leaseOf(config.JOB_LEASE_SECONDS), log: (line) => console.log(line) });
  const app = await buildApp({ config, database, reads });
  // A working process also looks at the outbox every few seconds, so a notice leaves at once rather than at
  // the queue's next minute (the claim is the outbox's own, safe on several processes).
  const stopOutbox = working ? scheduleOutbox(database, app.log) : () => undefined;
  const shutdown = async () => {
    stopOutbox();
    await app.close();
    await reads.close();
    await database.close();
    process.exit(0);
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
  await app.listen({ port: config.PORT, host: config.HOST });
  console.log(`Cầu Nối đang chạy tại http://${config.HOST}:${config.PORT} (cơ sở dữ liệu: ${database.kind})`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
