import type { JobDef } from "#server/jobs/define.ts";
import { retentionJob } from "./privacy/index.ts";
import { importJob, membershipCountsJob } from "./registry/index.ts";
import { escalationJob } from "./voice/index.ts";

/** Every module's background jobs (src/server/jobs/): imports, schedules. A module adds its line. */
export const jobDefinitions: JobDef[] = [importJob, membershipCountsJob, retentionJob, escalationJob];
