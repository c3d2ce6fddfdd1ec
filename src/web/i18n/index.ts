import { care } from "./care.ts";
import { common } from "./common.ts";
import { coordination } from "./coordination.ts";
import { enterprise } from "./enterprise.ts";
import { eheza } from "./eheza.ts";
import { labour } from "./labour.ts";
import { notify } from "./notify.ts";
import { reports } from "./reports.ts";
import { privacy } from "./privacy.ts";
import { voice } from "./voice.ts";
import { relations } from "./relations.ts";
import { registry } from "./registry.ts";

/**
 * Every namespace of strings, in Vietnamese and English. A module adds one line:
 * `registry: registry,` with `src/web/i18n/registry.ts` exporting `{ vi: {...}, en: {...} }`.
 */
export const namespaces: Record<string, { vi: object; en: object }> = {
  common,
  care,
  coordination,
  reports,
  voice,
  relations,
  registry,
  privacy,
  enterprise,
  eheza,
  labour,
  notify,
};
