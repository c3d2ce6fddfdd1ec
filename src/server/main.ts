import { buildApp } from "./app.ts";
import { DataDirError, prepareDatabase } from "./bootstrap.ts";
import { ConfigError, loadConfig } from "./config.ts";
import { openReadRouter } from "./db/replica.ts";
import { scheduleRetention } from "./modules/privacy/retention.ts";
import { dailyNotices, scheduleOutbox } from "./modules/notify/deliver.ts";
import { sweepDeadlineNotices } from "./modules/voice/index.ts";

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
  const app = await buildApp({ config, database, reads });
  // Personal data past its retention is erased once a day (an in-process timer until a job queue exists).
  const stopRetention = scheduleRetention(database, app.log);
  // The outbox is delivered, and officers' deadline notices and 07:00 digest written, by an in-process
  // timer until the job queue takes them over (every step safe on several servers at once).
  const stopOutbox = scheduleOutbox(database, app.log, {
    onTick: () => dailyNotices(database, { sweep: sweepDeadlineNotices, link: `${config.PUBLIC_URL}/staff` }),
  });
  const shutdown = async () => {
    stopRetention();
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
