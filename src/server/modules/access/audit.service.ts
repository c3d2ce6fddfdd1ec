import { type SQL, sql } from "drizzle-orm";
import type { Database, Tx } from "#server/db/client.ts";
import type { RequestContext } from "#server/http/context.ts";
import type { AuditAction, AuditObjectType } from "#shared/audit.ts";
import { bodySubtree } from "./access.policy.ts";

/** One audit row: the action and object type come from the shared table (src/shared/audit.ts), so each has words. */
export interface AuditEntry {
  action: AuditAction;
  objectType: AuditObjectType;
  objectId?: string | number | null;
  before?: unknown;
  after?: unknown;
  detail?: unknown;
}

// A lone UTF-16 surrogate (from a file, or any path the edge guard does not see) is written by
// JSON.stringify as the escape "\ud800", which jsonb refuses: the audit row, and with it the change
// it records, would fail. Paired surrogates are written as themselves, so only lone ones match;
// the check is a substring test, so an import's 100.000 audit rows pay nothing for it.
const auditJson = (v: unknown) => {
  const json = JSON.stringify(v);
  return json.includes("\\ud") || json.includes("\\uD") ? json.replace(/(?<!\\)\\u[dD][89a-fA-F][0-9a-fA-F]{2}/g, "\\ufffd") : json;
};

/**
 * Appends one audit row. Call it inside the transaction of the change it records, so a change
 * and its audit row commit or vanish together.
 */
export async function audit(database: Database, tx: Tx, ctx: RequestContext | null, entry: AuditEntry): Promise<void> {
  const json = (v: unknown) => (v === undefined || v === null ? null : auditJson(v));
  await database.rows(
    sql`INSERT INTO audit_log (user_id, username, body_id, action, object_type, object_id, ip, request_id, before, after, detail)
        VALUES (${ctx?.actor.userId ?? null}, ${ctx?.actor.username ?? null}, ${ctx?.actor.bodyId ?? null}, ${entry.action},
                ${entry.objectType}, ${entry.objectId === undefined || entry.objectId === null ? null : String(entry.objectId)},
                ${ctx?.ip ?? null}, ${ctx?.requestId ?? null}, ${json(entry.before)}::jsonb, ${json(entry.after)}::jsonb, ${json(entry.detail)}::jsonb)`,
    tx,
  );
}

/** Appends many audit rows in one statement (an import's creates and updates), inside the change's transaction. */
export async function auditMany(database: Database, tx: Tx, ctx: RequestContext | null, entries: AuditEntry[]): Promise<void> {
  for (let i = 0; i < entries.length; i += 1000) {
    const chunk = entries.slice(i, i + 1000).map((e) => ({
      action: e.action,
      objectType: e.objectType,
      objectId: e.objectId === undefined || e.objectId === null ? null : String(e.objectId),
      before: e.before ?? null,
      after: e.after ?? null,
      detail: e.detail ?? null,
    }));
    await database.rows(
      sql`INSERT INTO audit_log (user_id, username, body_id, action, object_type, object_id, ip, request_id, before, after, detail)
          SELECT ${ctx?.actor.userId ?? null}::int, ${ctx?.actor.username ?? null}::text, ${ctx?.actor.bodyId ?? null}::int, x.action, x."objectType",
                 x."objectId", ${ctx?.ip ?? null}::text, ${ctx?.requestId ?? null}::text, x.before, x.after, x.detail
          FROM jsonb_to_recordset(${auditJson(chunk)}::jsonb) AS x(action text, "objectType" text, "objectId" text, before jsonb, after jsonb, detail jsonb)`,
      tx,
    );
  }
}

export interface AuditQuery {
  q?: string | undefined;
  action?: string | undefined;
  objectType?: string | undefined;
  objectId?: string | undefined;
  userId?: number | undefined;
  from?: string | undefined;
  to?: string | undefined;
  page: number;
  pageSize: number;
}

export interface AuditRow {
  id: number;
  at: string;
  userId: number | null;
  username: string | null;
  /** The acting user's full name, for the page to show instead of a login. */
  userFullName: string | null;
  bodyId: number | null;
  action: string;
  objectType: string;
  objectId: string | null;
  /** What the object is called now (a user's name, an enterprise's, a request's code); null when it has no name to show. */
  objectName: string | null;
  ip: string | null;
  requestId: string | null;
  before: unknown;
  after: unknown;
  detail: unknown;
}

// The object's id as an integer when it is one (object_id is text: some objects are keyed by name).
const objectInt = sql`(CASE WHEN a.object_id ~ '^[0-9]{1,9}$' THEN a.object_id::int END)`;

/**
 * The names an audit row's object goes by, read when the page is shown (a renamed enterprise shows its
 * current name). A person's name is not among them: reading the log is not a look at a person's record,
 * so a person is shown by number, with a link to the record that audits its own look.
 */
const objectName = sql`CASE a.object_type
  WHEN 'user' THEN (SELECT x.full_name FROM users x WHERE x.id = ${objectInt})
  WHEN 'body' THEN (SELECT x.name FROM bodies x WHERE x.id = ${objectInt})
  WHEN 'enterprise' THEN (SELECT x.name FROM enterprises x WHERE x.id = ${objectInt})
  WHEN 'union' THEN (SELECT x.name FROM unions x WHERE x.id = ${objectInt})
  WHEN 'care_campaign' THEN (SELECT x.name FROM care_campaigns x WHERE x.id = ${objectInt})
  WHEN 'care_survey' THEN (SELECT x.title FROM care_surveys x WHERE x.id = ${objectInt})
  WHEN 'coordination_plan' THEN (SELECT x.title FROM coordination_plans x WHERE x.id = ${objectInt})
  WHEN 'voice_request' THEN (SELECT x.code FROM voice_requests x WHERE x.id = ${objectInt})
END`;

/** Searches the audit log; a body admin sees the rows written by users of their bodies. */
export async function searchAudit(database: Database, ctx: RequestContext, q: AuditQuery): Promise<{ total: number; items: AuditRow[] }> {
  const where: SQL[] = [];
  if (ctx.actor.role !== "system_admin") {
    where.push(sql`a.body_id IN (SELECT b.id FROM bodies b WHERE ${bodySubtree(ctx.actor.bodyPath, sql`b.path`)})`);
  }
  if (q.action) where.push(sql`a.action = ${q.action}`);
  if (q.objectType) where.push(sql`a.object_type = ${q.objectType}`);
  if (q.objectId) where.push(sql`a.object_id = ${q.objectId}`);
  if (q.userId) where.push(sql`a.user_id = ${q.userId}`);
  if (q.from) where.push(sql`a.at >= ${q.from}::date`);
  if (q.to) where.push(sql`a.at < (${q.to}::date + 1)`);
  if (q.q) where.push(sql`(a.username ILIKE ${`%${q.q}%`} OR a.object_id = ${q.q} OR a.action ILIKE ${`%${q.q}%`})`);
  const cond = where.length ? sql`WHERE ${sql.join(where, sql` AND `)}` : sql``;
  const [count] = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log a ${cond}`);
  const items = await database.rows<AuditRow>(sql`
    SELECT a.id::int AS id, a.at::text AS at, a.user_id AS "userId", a.username, (SELECT u.full_name FROM users u WHERE u.id = a.user_id) AS "userFullName",
           a.body_id AS "bodyId", a.action, a.object_type AS "objectType", a.object_id AS "objectId", ${objectName} AS "objectName",
           a.ip, a.request_id AS "requestId", a.before, a.after, a.detail
    FROM audit_log a ${cond}
    ORDER BY a.id DESC
    LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`);
  return { total: count?.n ?? 0, items };
}
