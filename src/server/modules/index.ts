import type { FastifyPluginAsync } from "fastify";
import type { AppDeps } from "#server/app.ts";
import { accessRoutes } from "./access/access.routes.ts";
import { voicePublicRoutes } from "./voice/public.routes.ts";
import { voiceRoutes } from "./voice/voice.routes.ts";

/** Every module's routes, registered by buildApp in this order. A new module adds one line. */
export const modules: FastifyPluginAsync<{ deps: AppDeps }>[] = [accessRoutes, voicePublicRoutes, voiceRoutes];
