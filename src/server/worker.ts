import { prepareDatabase } from "./bootstrap.ts";
import type { Config } from "./config.ts";
import { leaseOf } from "./jobs/define.ts";
import { closeJobs, openJobs } from "./jobs/queue.ts";
import { jobDefinitions } from "./modules/jobs.ts";
import { scheduleOutbox, configureNotify } from "./modules/notify/index.ts";

/**
 * `caunoi worker`: the job queue's workers and schedules without HTTP, on the configured database
 * (on the embedded one the server itself runs them: its directory is locked by one process).
 */
export async function runWorker(config: Config): Promise<void> {
  const database = await prepareDatabase({ ...config, CAUNOI_DEMO: false }, (line) => console.log(line));
  // The gateways and the portal's address come from this process's configuration, as in the web app.
  configureNotify(database, config);
  await openJobs(database, jobDefinitions(config), { workers: true, lease: leaseOf(config.JOB_LEASE_SECONDS), log: (line) => console.log(line) });
  // Notices leave within seconds, not at the queue's next minute (see main.ts).
  const stopOutbox = scheduleOutbox(database, { error: (o, msg) => console.error(msg, o) });
  console.log(`Cầu Nối: tiến trình việc nền đang chạy (cơ sở dữ liệu: ${database.kind}) — worker running`);
  const shutdown = async () => {
    stopOutbox();
    await closeJobs(database);
    await database.close();
    process.exit(0);
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
  // The workers' timers are unref'd: this keeps the process alive until a signal.
  setInterval(() => undefined, 1 << 30);
}
