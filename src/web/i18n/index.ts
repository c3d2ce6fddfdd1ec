import { app } from "./app.ts";
import { care } from "./care.ts";
import { common } from "./common.ts";
import { privacy } from "./privacy.ts";
import { voice } from "./voice.ts";

/** A namespace of strings, in Vietnamese and English. */
export type Strings = Record<string, { vi: object; en: object }>;

/**
 * The namespaces the public portal needs on its first page, loaded with it. The staff workspace's
 * namespaces are in `staff.ts`, loaded with the workspace: a worker on a phone downloads none of them.
 * A module adds one line here (public words) or in `staff.ts`, with `src/web/i18n/<module>.ts`
 * exporting `{ vi: {...}, en: {...} }`.
 */
export const namespaces: Strings = {
  common,
  app,
  care,
  voice,
  privacy,
};
