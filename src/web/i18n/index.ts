import { common } from "./common.ts";
import { registry } from "./registry.ts";

/**
 * Every namespace of strings, in Vietnamese and English. A module adds one line:
 * `registry: registry,` with `src/web/i18n/registry.ts` exporting `{ vi: {...}, en: {...} }`.
 */
export const namespaces: Record<string, { vi: object; en: object }> = {
  common,
  registry,
};
