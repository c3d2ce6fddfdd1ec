import { coordination } from "./coordination.ts";
import { eheza } from "./eheza.ts";
import { enterprise } from "./enterprise.ts";
import { hotline } from "./hotline.ts";
import type { Strings } from "./index.ts";
import { labour } from "./labour.ts";
import { notify } from "./notify.ts";
import { registry } from "./registry.ts";
import { relations } from "./relations.ts";
import { reports } from "./reports.ts";

/** The staff workspace's namespaces (and the enterprise account's), loaded on demand by `loadStaffStrings`. */
export const staffNamespaces: Strings = {
  coordination,
  reports,
  relations,
  registry,
  enterprise,
  eheza,
  labour,
  hotline,
  notify,
};
