import { type SQL, sql } from "drizzle-orm";
import type { RequestContext } from "#server/http/context.ts";
import { addDays, vnToday } from "#shared/clock.ts";
import { maskIdentifier } from "#shared/mask.ts";

/** A problem worth telling the user that does not stop the save (check digits, ID/record mismatches). */
export interface Warning {
  field: string;
  code: string;
  message: string;
}

export interface Paged<T> {
  total: number;
  page: number;
  pageSize: number;
  items: T[];
}

/** Masks a citizen ID by the one rule of src/shared/mask.ts ("**********34"). */
export function maskCitizenId(id: string | null): string | null {
  return maskIdentifier(id);
}

/** Citizen IDs in lists and exports are shown whole only to roles holding `people:identity`. */
export function identityShown(ctx: RequestContext): boolean {
  return ctx.actor.permissions.has("people:identity");
}

export const dirSql = (dir: "asc" | "desc") => (dir === "desc" ? sql.raw("DESC") : sql.raw("ASC"));

export const whereSql = (conds: SQL[]) => (conds.length ? sql`WHERE ${sql.join(conds, sql` AND `)}` : sql``);

export const limitSql = (page: number, pageSize: number) => sql`LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`;

/** Escapes LIKE wildcards in user input. */
export const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Today in Vietnam and date arithmetic, from the one clock (src/shared/clock.ts). */
export { addDays, vnToday as todayIso };
