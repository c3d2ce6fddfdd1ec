import type { FastifyPluginAsync } from "fastify";
import type { AppDeps } from "#server/http/deps.ts";
import { accessRoutes } from "./access/access.routes.ts";
import { backupRoutes } from "./access/backup.routes.ts";
import { jobsRoutes } from "./access/jobs.routes.ts";
import { enterpriseAccountRoutes } from "./access/enterprise-accounts.routes.ts";
import { enterpriseHomeRoutes } from "./eheza/home.routes.ts";
import { careRoutes } from "./care/care.routes.ts";
import { coordinationRoutes } from "./coordination/coordination.routes.ts";
import { enterpriseRoutes } from "./enterprise/enterprise.routes.ts";
import { labourRoutes } from "./labour/labour.routes.ts";
import { notifyRoutes } from "./notify/notify.routes.ts";
import { privacyRoutes } from "./privacy/privacy.routes.ts";
import { agreementRoutes } from "./registry/agreements.routes.ts";
import { importRoutes } from "./registry/import.routes.ts";
import { registryRoutes } from "./registry/registry.routes.ts";
import { relationsRoutes } from "./relations/relations.routes.ts";
import { referenceRoutes } from "./reference/reference.routes.ts";
import { reportingRoutes } from "./reporting/reporting.routes.ts";
import { hotlineRoutes } from "./voice/hotline.routes.ts";
import { voicePublicRoutes } from "./voice/public.routes.ts";
import { voicePushRoutes } from "./voice/push.routes.ts";
import { voiceRoutes } from "./voice/voice.routes.ts";

/** Every module's routes, registered by buildApp in this order. A new module adds one line. */
export const modules: FastifyPluginAsync<{ deps: AppDeps }>[] = [
  accessRoutes,
  backupRoutes,
  jobsRoutes,
  registryRoutes,
  agreementRoutes,
  importRoutes,
  relationsRoutes,
  coordinationRoutes,
  reportingRoutes,
  referenceRoutes,
  careRoutes,
  voicePublicRoutes,
  voicePushRoutes,
  voiceRoutes,
  hotlineRoutes,
  privacyRoutes,
  enterpriseRoutes,
  enterpriseAccountRoutes,
  enterpriseHomeRoutes,
  labourRoutes,
  notifyRoutes,
];
