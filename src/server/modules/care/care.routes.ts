import type { FastifyPluginAsync } from "fastify";
import type { AppDeps } from "#server/http/deps.ts";
import { campaignRoutes } from "./campaigns.routes.ts";
import { welfareRoutes } from "./welfare.routes.ts";

/** The care module: every area's routes. */
export const careRoutes: FastifyPluginAsync<{ deps: AppDeps }> = async (app, opts) => {
  await campaignRoutes(app, opts);
  await welfareRoutes(app, opts);
};
