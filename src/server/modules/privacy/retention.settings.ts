import { sql } from "drizzle-orm";
import type { Database, Tx } from "#server/db/client.ts";
import type { retentionKinds } from "#shared/enums.ts";

export type RetentionKind = (typeof retentionKinds)[number];

/**
 * How long each kind of personal data is kept, in months, with the defaults an administrator may
 * change (setting `privacy.retention`). What happens past it is fixed per kind in retention.ts:
 * erased, or de-identified where the figures need the row.
 */
export const RETENTION_DEFAULTS = {
  /** A request answered or closed: title, text, identity, additions and notes erased; counts kept. */
  closed_requests: 36,
  /** Anonymous requests keep no identity, only free text that may still identify: erased sooner. */
  anonymous_contacts: 12,
  /** Attachments of closed requests (photos, documents often show faces and names). */
  attachments: 12,
  /** Free-text survey answers (choices stay, they make the results). */
  survey_answers: 24,
  /** Import runs' row-by-row reports (names and IDs of the rows). */
  import_files: 3,
  /** Ended sessions (address and browser of a sign-in). */
  sessions: 1,
  /** Audit rows: the addresses go after a year, the rows after this. */
  audit: 60,
  /** Join requests declined or withdrawn. */
  join_requests: 12,
  /** Messages sent (they may hold a secret). */
  outbound_messages: 1,
} as const satisfies Record<RetentionKind, number>;
export type Retention = Record<RetentionKind, number>;

/** The retention in force: the setting over the defaults. */
export async function retentionSettings(database: Database, tx?: Tx): Promise<Retention> {
  const [row] = await database.rows<{ value: Partial<Retention> }>(sql`SELECT value FROM settings WHERE key = 'privacy.retention'`, tx);
  const out: Retention = { ...RETENTION_DEFAULTS };
  for (const k of Object.keys(RETENTION_DEFAULTS) as RetentionKind[]) {
    const v = row?.value?.[k];
    if (typeof v === "number" && Number.isInteger(v) && v >= 1) out[k] = v;
  }
  return out;
}

/**
 * The time a data subject's request must be answered in, as a dated rule: the rule in force on the
 * day it is received applies. Decree 13/2023 gave 72 hours for most requests; Law 91/2025 and Decree
 * 356/2025 apply from 01/01/2026 — the figure below must be checked against the gazette text (see
 * domain-facts §4, open item 4) and is an admin setting (`privacy.deadlines`) for that reason.
 */
export interface DeadlineRule {
  from: string;
  hours: number;
  basis: string;
}
export const DEADLINE_DEFAULTS: DeadlineRule[] = [
  { from: "2023-07-01", hours: 72, basis: "Nghị định 13/2023/NĐ-CP (Điều 9, 14, 16)" },
  { from: "2026-01-01", hours: 72, basis: "Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15; Nghị định 356/2025/NĐ-CP" },
];

/** The rule in force on a day (ISO). */
export async function deadlineRule(database: Database, day: string, tx?: Tx): Promise<DeadlineRule> {
  const [row] = await database.rows<{ value: DeadlineRule[] }>(sql`SELECT value FROM settings WHERE key = 'privacy.deadlines'`, tx);
  const rules = (Array.isArray(row?.value) && row.value.length ? row.value : DEADLINE_DEFAULTS).filter((r) => r.from <= day);
  rules.sort((a, b) => (a.from < b.from ? -1 : 1));
  return rules[rules.length - 1] ?? (DEADLINE_DEFAULTS[0] as DeadlineRule);
}
