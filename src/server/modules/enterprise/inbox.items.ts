/** The enterprise's inbox items as they are assembled from their own modules (forwarded requests, findings, notices) and the exchanges about them. */

import { type SQL, sql } from "drizzle-orm";
import type { Database, Tx } from "#server/db/client.ts";
import type { RequestContext } from "#server/http/context.ts";
import { type Scope, enterpriseScope } from "#server/modules/access/index.ts";
import { type RecommendationRow, recommendationsInScope } from "#server/modules/relations/index.ts";
import { type ForwardedRequest, addWorkingDays, forwardedRequests, holidays, mayDecideForwarded } from "#server/modules/voice/index.ts";
import { vnToday } from "#shared/clock.ts";
import type { Exchange, ExchangeKind, InboxItem, ItemKind, ItemState } from "./enterprise.schema.ts";

/** Working days an enterprise has to answer a forwarded request, counted from the day it was forwarded. */
export const FORWARD_ANSWER_WORKING_DAYS = 5;
export const MAX_EVIDENCE_BYTES = 5 * 1024 * 1024;
export const MAX_EVIDENCE_PER_ANSWER = 5;

/** An item as its own module keeps it, before the exchanges say where it stands. */
export interface Source {
  kind: ItemKind;
  id: number;
  key: string;
  enterpriseId: number;
  title: string;
  summary: string;
  from: string;
  receivedOn: string;
  /** The deadline before any extension (a finding's own deadline already carries its extensions). */
  baseDeadline: string | null;
  /** A finding closed in relations (by an officer, or by accepting the enterprise's answer). */
  closed: boolean;
  /** Who decides on the enterprise's answers to it. */
  decide: (ctx: RequestContext) => boolean;
}

interface ExchangeRow extends Exchange {
  enterpriseId: number;
  itemId: number;
}

const mayWrite = (ctx: RequestContext) => ctx.actor.role !== "viewer" && ctx.actor.role !== "enterprise_rep";

export function fromRequest(r: ForwardedRequest, days: ReadonlySet<string>): Source {
  return {
    kind: "request",
    id: r.id,
    key: r.ref,
    enterpriseId: r.enterpriseId,
    title: `Yêu cầu ${r.ref} do ${r.responsibleBodyName} chuyển`,
    summary: r.summary,
    from: r.responsibleBodyName,
    receivedOn: r.forwardedOn,
    baseDeadline: addWorkingDays(r.forwardedOn, FORWARD_ANSWER_WORKING_DAYS, days),
    closed: false,
    decide: (ctx) => mayDecideForwarded(ctx, r.responsibleBodyPath),
  };
}

function fromFinding(f: RecommendationRow, leadBody: string): Source {
  return {
    kind: "finding",
    id: f.id,
    key: String(f.id),
    enterpriseId: f.enterpriseId,
    title: f.question ? `Kiến nghị sau kiểm tra: ${f.question}` : "Kiến nghị sau kiểm tra",
    summary: f.text,
    from: leadBody,
    receivedOn: f.issuedOn,
    baseDeadline: f.deadline,
    closed: f.status === "closed",
    decide: (ctx) => mayWrite(ctx) && ctx.actor.permissions.has("relations:write"),
  };
}

interface NoticeRow {
  id: number;
  enterpriseId: number;
  title: string;
  body: string;
  answerBy: string | null;
  fromBody: string;
  fromPath: string;
  sentOn: string;
}

function fromNotice(n: NoticeRow): Source {
  return {
    kind: "notice",
    id: n.id,
    key: String(n.id),
    enterpriseId: n.enterpriseId,
    title: n.title,
    summary: n.body,
    from: n.fromBody,
    receivedOn: n.sentOn,
    baseDeadline: n.answerBy,
    closed: false,
    decide: (ctx) => mayWrite(ctx) && (ctx.actor.role === "system_admin" || ctx.actor.bodyPath.startsWith(n.fromPath)),
  };
}

/** The inspections' lead bodies of some findings, by finding id (the body the enterprise answers to). */
async function leadBodies(database: Database, ids: number[], tx?: Tx): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const rows = await database.rows<{ id: number; name: string }>(
    sql`SELECT r.id, coalesce(b.name, 'Đoàn kiểm tra') AS name FROM relations_recommendations r JOIN relations_inspections i ON i.id = r.inspection_id
        LEFT JOIN bodies b ON b.id = i.lead_body_id WHERE r.id IN (${sql.join(
          ids.map((i) => sql`${i}`),
          sql`, `,
        )})`,
    tx,
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function notices(database: Database, scope: Scope, filter: { enterpriseId?: number; ids?: number[] }, tx?: Tx): Promise<NoticeRow[]> {
  const where: SQL[] = [enterpriseScope(scope, sql`nr.enterprise_id`)];
  if (filter.enterpriseId !== undefined) where.push(sql`nr.enterprise_id = ${filter.enterpriseId}`);
  if (filter.ids !== undefined) {
    if (!filter.ids.length) return [];
    where.push(
      sql`n.id IN (${sql.join(
        filter.ids.map((i) => sql`${i}`),
        sql`, `,
      )})`,
    );
  }
  return database.rows<NoticeRow>(
    sql`SELECT n.id, nr.enterprise_id AS "enterpriseId", n.title, n.body, n.answer_by::text AS "answerBy", b.name AS "fromBody", b.path AS "fromPath",
               (n.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date::text AS "sentOn"
        FROM enterprise_notices n JOIN enterprise_notice_recipients nr ON nr.notice_id = n.id JOIN bodies b ON b.id = n.from_body_id
        WHERE ${sql.join(where, sql` AND `)} ORDER BY n.id DESC`,
    tx,
  );
}

/** Every item of one enterprise (or some items by id) that `scope` may see. */
export async function sources(
  database: Database,
  scope: Scope,
  filter: { enterpriseId?: number; requestIds?: number[]; findingIds?: number[]; noticeIds?: number[] },
  tx?: Tx,
): Promise<Source[]> {
  const e = filter.enterpriseId !== undefined ? { enterpriseId: filter.enterpriseId } : {};
  const [requests, findings, sent, days] = await Promise.all([
    filter.requestIds === undefined && filter.enterpriseId === undefined
      ? []
      : forwardedRequests(database, scope, { ...e, ...(filter.requestIds ? { ids: filter.requestIds } : {}) }, tx),
    filter.findingIds === undefined && filter.enterpriseId === undefined
      ? []
      : recommendationsInScope(database, scope, { ...e, ...(filter.findingIds ? { ids: filter.findingIds } : {}) }, tx),
    filter.noticeIds === undefined && filter.enterpriseId === undefined
      ? []
      : notices(database, scope, { ...e, ...(filter.noticeIds ? { ids: filter.noticeIds } : {}) }, tx),
    holidays(database, tx),
  ]);
  const leads = await leadBodies(
    database,
    findings.map((f) => f.id),
    tx,
  );
  return [...requests.map((r) => fromRequest(r, days)), ...findings.map((f) => fromFinding(f, leads.get(f.id) ?? "Đoàn kiểm tra")), ...sent.map(fromNotice)];
}

const exchangeSelect = sql`SELECT x.id, x.enterprise_id AS "enterpriseId", x.item_kind AS "itemKind", x.item_id AS "itemId", x.kind, x.side, x.body,
    x.until::text AS until, u.full_name AS "byName", b.name AS "byBody", x.created_at AS at,
    coalesce((SELECT json_agg(json_build_object('id', v.id, 'fileName', v.file_name, 'mime', v.mime, 'sizeBytes', v.size_bytes) ORDER BY v.id)
              FROM enterprise_evidence v WHERE v.exchange_id = x.id), '[]'::json) AS evidence
  FROM enterprise_exchanges x JOIN bodies b ON b.id = x.by_body_id LEFT JOIN users u ON u.id = x.by_user`;

export async function exchangesWhere(database: Database, where: SQL, tx?: Tx): Promise<ExchangeRow[]> {
  const rows = await database.rows<Omit<ExchangeRow, "at" | "itemKey" | "itemTitle"> & { at: unknown }>(
    sql`${exchangeSelect} WHERE ${where} ORDER BY x.id`,
    tx,
  );
  return rows.map((r) => ({ ...r, at: r.at instanceof Date ? r.at.toISOString() : new Date(String(r.at)).toISOString(), itemKey: "", itemTitle: "" }));
}

export const keyOf = (kind: string, enterpriseId: number, itemId: number) => `${kind}:${enterpriseId}:${itemId}`;

/** Where an item stands, read from its exchanges in order. */
function derive(s: Source, xs: ExchangeRow[], today: string): InboxItem & { latestAnswer: ExchangeRow | null; pendingRequest: ExchangeRow | null } {
  let state: ItemState = s.kind === "notice" && s.baseDeadline === null ? "info" : "awaiting_answer";
  let deadline = s.baseDeadline;
  let latestAnswer: ExchangeRow | null = null;
  let pendingRequest: ExchangeRow | null = null;
  for (const x of xs) {
    switch (x.kind as ExchangeKind) {
      case "answer":
        state = "awaiting_decision";
        latestAnswer = x;
        break;
      case "accepted":
        state = "accepted";
        break;
      case "reopened":
        state = "awaiting_answer";
        break;
      case "extension_request":
        pendingRequest = x;
        break;
      case "extension_granted":
        pendingRequest = null;
        // A finding's deadline lives in relations and already carries the extension.
        if (s.kind !== "finding") deadline = x.until;
        break;
      case "extension_refused":
        pendingRequest = null;
        break;
    }
  }
  // A finding closed on the officer's own follow-up is done too; reopened there, it awaits an answer again.
  if (s.kind === "finding") {
    if (s.closed) state = "accepted";
    else if (state === "accepted") state = "awaiting_answer";
  }
  if (state === "accepted") pendingRequest = null;
  return {
    kind: s.kind,
    key: s.key,
    enterpriseId: s.enterpriseId,
    enterpriseName: "",
    title: s.title,
    summary: s.summary,
    from: s.from,
    receivedOn: s.receivedOn,
    deadline,
    overdue: deadline !== null && state === "awaiting_answer" && deadline < today,
    state,
    pendingExtension: pendingRequest ? { until: pendingRequest.until ?? "", reason: pendingRequest.body } : null,
    latestAnswer,
    pendingRequest,
  };
}

async function enterpriseNames(database: Database, ids: number[], tx?: Tx): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const rows = await database.rows<{ id: number; name: string }>(
    sql`SELECT id, name FROM enterprises WHERE id IN (${sql.join(
      [...new Set(ids)].map((i) => sql`${i}`),
      sql`, `,
    )})`,
    tx,
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Items with their state, exchanges attached, for a set of sources. */
export async function assemble(database: Database, list: Source[], tx?: Tx) {
  const byKey = new Map<string, ExchangeRow[]>();
  if (list.length) {
    const pairs = list.map((s) => sql`(${s.kind}, ${s.enterpriseId}, ${s.id})`);
    const xs = await exchangesWhere(database, sql`(x.item_kind, x.enterprise_id, x.item_id) IN (${sql.join(pairs, sql`, `)})`, tx);
    for (const x of xs) {
      const k = keyOf(x.itemKind, x.enterpriseId, x.itemId);
      byKey.set(k, [...(byKey.get(k) ?? []), x]);
    }
  }
  const names = await enterpriseNames(
    database,
    list.map((s) => s.enterpriseId),
    tx,
  );
  const today = vnToday();
  return list.map((s) => {
    const xs = (byKey.get(keyOf(s.kind, s.enterpriseId, s.id)) ?? []).map((x) => ({ ...x, itemKey: s.key, itemTitle: s.title }));
    const item = derive(s, xs, today);
    return { source: s, item: { ...item, enterpriseName: names.get(s.enterpriseId) ?? "" }, exchanges: xs };
  });
}

const stateOrder: Record<ItemState, number> = { awaiting_answer: 0, awaiting_decision: 1, info: 2, accepted: 3 };
export const byUrgency = (a: InboxItem, b: InboxItem) =>
  stateOrder[a.state] - stateOrder[b.state] || (a.deadline ?? "9999").localeCompare(b.deadline ?? "9999") || b.receivedOn.localeCompare(a.receivedOn);

/** What an exchange shows: never the internal ids of voice (the enterprise knows a request by its reference). */
export function publicExchange(x: ExchangeRow): Exchange {
  const { enterpriseId: _e, itemId: _i, ...rest } = x;
  return rest;
}
export const publicItem = (i: ReturnType<typeof derive> & { enterpriseName: string }): InboxItem => {
  const { latestAnswer: _a, pendingRequest: _p, ...rest } = i;
  return rest;
};
