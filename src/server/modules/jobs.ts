import type { Config } from "#server/config.ts";
import type { JobDef } from "#server/jobs/define.ts";
import { carePayoutCountsJob } from "./care/index.ts";
import { dailyNoticesJob, outboxJob } from "./notify/index.ts";
import { retentionJob } from "./privacy/index.ts";
import { importJob, membershipCountsJob } from "./registry/index.ts";
import { reportCleanupJob, reportGenerateJob } from "./reporting/index.ts";
import { escalationJob, sweepDeadlineNotices, voiceRequestCountsJob } from "./voice/index.ts";

/**
 * Every module's background jobs (src/server/jobs/): imports, schedules, the outbox. A module adds its
 * line; a job that joins two modules (the deadline sweep feeding notify's digest) is composed here.
 */
export function jobDefinitions(config: Pick<Config, "PUBLIC_URL">): JobDef[] {
  return [
    importJob,
    membershipCountsJob,
    carePayoutCountsJob,
    voiceRequestCountsJob,
    retentionJob,
    escalationJob,
    outboxJob,
    reportGenerateJob(config.PUBLIC_URL),
    reportCleanupJob,
    dailyNoticesJob({ sweep: sweepDeadlineNotices, link: `${config.PUBLIC_URL}/staff` }),
  ];
}
