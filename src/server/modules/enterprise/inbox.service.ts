import { createHash } from "node:crypto";
import { type SQL, sql } from "drizzle-orm";
import type { Database, Tx } from "#server/db/client.ts";
import type { RequestContext } from "#server/http/context.ts";
import { AppError, notFound } from "#server/http/errors.ts";
import { type Scope, enterpriseScope } from "#server/modules/access/index.ts";
import { audit } from "#server/modules/access/index.ts";
import { type RecommendationRow, recommendationChanged, recommendationsInScope, settleRecommendation } from "#server/modules/relations/index.ts";
import { type ForwardedRequest, addWorkingDays, forwardedRequests, holidays, mayDecideForwarded, noteEnterpriseStep } from "#server/modules/voice/index.ts";
import { vnToday } from "#shared/clock.ts";
import { formatDate } from "#shared/text.ts";
import type { Exchange, ExchangeKind, InboxItem, ItemKind, ItemState } from "./enterprise.schema.ts";

/** Working days an enterprise has to answer a forwarded request, counted from the day it was forwarded. */
export const FORWARD_ANSWER_WORKING_DAYS = 5;
export const MAX_EVIDENCE_BYTES = 5 * 1024 * 1024;
export const MAX_EVIDENCE_PER_ANSWER = 5;

/** An item as its own module keeps it, before the exchanges say where it stands. */
interface Source {
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

function fromRequest(r: ForwardedRequest, days: ReadonlySet<string>): Source {
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

async function notices(database: Database, scope: Scope, filter: { enterpriseId?: number; ids?: number[] }, tx?: Tx): Promise<NoticeRow[]> {
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
async function sources(
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

async function exchangesWhere(database: Database, where: SQL, tx?: Tx): Promise<ExchangeRow[]> {
  const rows = await database.rows<Omit<ExchangeRow, "at" | "itemKey" | "itemTitle"> & { at: unknown }>(
    sql`${exchangeSelect} WHERE ${where} ORDER BY x.id`,
    tx,
  );
  return rows.map((r) => ({ ...r, at: r.at instanceof Date ? r.at.toISOString() : new Date(String(r.at)).toISOString(), itemKey: "", itemTitle: "" }));
}

const keyOf = (kind: string, enterpriseId: number, itemId: number) => `${kind}:${enterpriseId}:${itemId}`;

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
async function assemble(database: Database, list: Source[], tx?: Tx) {
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
const byUrgency = (a: InboxItem, b: InboxItem) =>
  stateOrder[a.state] - stateOrder[b.state] || (a.deadline ?? "9999").localeCompare(b.deadline ?? "9999") || b.receivedOn.localeCompare(a.receivedOn);

/** What an exchange shows: never the internal ids of voice (the enterprise knows a request by its reference). */
function publicExchange(x: ExchangeRow): Exchange {
  const { enterpriseId: _e, itemId: _i, ...rest } = x;
  return rest;
}
const publicItem = (i: ReturnType<typeof derive> & { enterpriseName: string }): InboxItem => {
  const { latestAnswer: _a, pendingRequest: _p, ...rest } = i;
  return rest;
};

// ---------------------------------------------------------------- the enterprise's side

/** The enterprise of an enterprise account; any other account is refused (officers decide, they do not answer). */
export function ownEnterprise(ctx: RequestContext): number {
  const s = ctx.actor.scope;
  if (s.kind !== "enterprise" || s.enterpriseIds.length !== 1) throw new AppError("enterprise_only");
  return s.enterpriseIds[0] as number;
}

/** The enterprise's inbox: forwarded requests, findings and notices, the ones awaiting its answer first. */
export async function listInbox(database: Database, ctx: RequestContext): Promise<InboxItem[]> {
  const enterpriseId = ownEnterprise(ctx);
  const all = await assemble(database, await sources(database, ctx.actor.scope, { enterpriseId }));
  return all.map((a) => publicItem(a.item)).sort(byUrgency);
}

async function ownItem(database: Database, ctx: RequestContext, kind: ItemKind, key: string, tx?: Tx) {
  const enterpriseId = ownEnterprise(ctx);
  const id = kind === "request" ? null : Number(key);
  if (id !== null && !(Number.isInteger(id) && id > 0 && id < 2 ** 31)) throw notFound();
  let list: Source[];
  if (kind === "request") {
    const days = await holidays(database, tx);
    list = (await forwardedRequests(database, ctx.actor.scope, { enterpriseId, ref: key }, tx)).map((r) => fromRequest(r, days));
  } else {
    list = await sources(
      database,
      ctx.actor.scope,
      { enterpriseId, ...(kind === "finding" ? { findingIds: [id as number] } : { noticeIds: [id as number] }) },
      tx,
    );
    list = list.filter((s) => s.kind === kind);
  }
  const [found] = await assemble(database, list, tx);
  if (!found) throw notFound();
  return found;
}

/** One item with every exchange about it. */
export async function getInboxItem(database: Database, ctx: RequestContext, kind: ItemKind, key: string) {
  const found = await ownItem(database, ctx, kind, key);
  return { ...publicItem(found.item), exchanges: found.exchanges.map(publicExchange) };
}

async function insertExchange(
  database: Database,
  tx: Tx,
  ctx: RequestContext,
  s: Source,
  x: { kind: ExchangeKind; side: "enterprise" | "authority"; body: string; until?: string | null },
): Promise<number> {
  const [row] = await database.rows<{ id: number }>(
    sql`INSERT INTO enterprise_exchanges (enterprise_id, item_kind, item_id, kind, side, body, until, by_user, by_body_id)
        VALUES (${s.enterpriseId}, ${s.kind}, ${s.id}, ${x.kind}, ${x.side}, ${x.body}, ${x.until ?? null}, ${ctx.actor.userId}, ${ctx.actor.bodyId})
        RETURNING id`,
    tx,
  );
  const id = row?.id ?? 0;
  await audit(database, tx, ctx, {
    action: `enterprise_${x.kind}`,
    objectType: "enterprise_exchange",
    objectId: id,
    after: { enterpriseId: s.enterpriseId, itemKind: s.kind, itemId: s.id, body: x.body, until: x.until ?? null },
  });
  return id;
}

const stateError = (message: string) => new AppError("enterprise_item_state", message);

/** The enterprise answers an item (what it did, or what it replies); evidence is attached to the answer afterwards. */
export async function answerItem(database: Database, ctx: RequestContext, kind: ItemKind, key: string, body: string) {
  const text = body.normalize("NFC").trim();
  return database.db.transaction(async (tx) => {
    const found = await ownItem(database, ctx, kind, key, tx);
    if (found.item.state === "accepted") throw stateError("Mục này đã được cơ quan chấp nhận: không cần trả lời thêm");
    const id = await insertExchange(database, tx, ctx, found.source, { kind: "answer", side: "enterprise", body: text });
    if (kind === "request") await noteEnterpriseStep(database, tx, ctx, found.source.id, `Doanh nghiệp trả lời: ${text}`);
    return { exchangeId: id };
  });
}

/** The enterprise asks for more time, with a reason and the day it needs. */
export async function requestExtension(database: Database, ctx: RequestContext, kind: ItemKind, key: string, input: { until: string; reason: string }) {
  const reason = input.reason.normalize("NFC").trim();
  return database.db.transaction(async (tx) => {
    const found = await ownItem(database, ctx, kind, key, tx);
    const { item } = found;
    if (item.state === "accepted") throw stateError("Mục này đã được cơ quan chấp nhận: không cần gia hạn");
    if (item.deadline === null) throw stateError("Mục này không có hạn trả lời để gia hạn");
    if (item.pendingExtension) throw stateError(`Đề nghị gia hạn đến ${formatDate(item.pendingExtension.until)} đang chờ cơ quan quyết định`);
    const field = (message: string) => new AppError("validation_failed", message, { errors: [{ pointer: "/body/until", message }] });
    if (input.until <= item.deadline) throw field(`Ngày xin gia hạn phải sau hạn hiện tại (${formatDate(item.deadline)})`);
    if (input.until < vnToday()) throw field("Ngày xin gia hạn không được trước hôm nay");
    const id = await insertExchange(database, tx, ctx, found.source, { kind: "extension_request", side: "enterprise", body: reason, until: input.until });
    if (kind === "request")
      await noteEnterpriseStep(database, tx, ctx, found.source.id, `Doanh nghiệp xin gia hạn trả lời đến ${formatDate(input.until)}: ${reason}`);
    return { exchangeId: id };
  });
}

/** The type by content (magic bytes), never by the name or the declared type. */
export function sniffEvidence(buf: Buffer): "image/jpeg" | "image/png" | "application/pdf" | null {
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return "image/jpeg";
  if (buf.length >= 8 && buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return "image/png";
  if (buf.length >= 5 && buf.subarray(0, 5).toString("latin1") === "%PDF-") return "application/pdf";
  return null;
}

function safeFileName(name: string): string {
  const cleaned = name
    .normalize("NFC")
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what a file name must not carry
    .replace(/[\\/\0-\x1f"<>|:*?]/g, "_")
    .slice(-120);
  return cleaned || "minh-chung";
}

const fileError = (code: "payload_too_large" | "unsupported_media_type" | "validation_failed", message: string) =>
  new AppError(code, message, { errors: [{ pointer: "/body/file", message }] });

/** Evidence of remediation (a photo, a scan) attached to the enterprise's own answer, checked by its content. */
export async function addEvidence(database: Database, ctx: RequestContext, exchangeId: number, file: { name: string; data: Buffer }) {
  const enterpriseId = ownEnterprise(ctx);
  if (file.data.length === 0) throw fileError("validation_failed", "Tệp rỗng: hãy chọn lại ảnh hoặc tệp PDF");
  if (file.data.length > MAX_EVIDENCE_BYTES) throw fileError("payload_too_large", "Tệp quá lớn: mỗi tệp tối đa 5 MB");
  const mime = sniffEvidence(file.data);
  if (!mime) throw fileError("unsupported_media_type", "Chỉ nhận ảnh JPEG, PNG hoặc tệp PDF (kiểm tra theo nội dung tệp, không theo tên)");
  return database.db.transaction(async (tx) => {
    const [x] = await exchangesWhere(database, sql`x.id = ${exchangeId} AND x.enterprise_id = ${enterpriseId}`, tx);
    if (!x) throw notFound();
    if (x.kind !== "answer") throw stateError("Chỉ đính kèm minh chứng vào câu trả lời của doanh nghiệp");
    const [decided] = await database.rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM enterprise_exchanges WHERE enterprise_id = ${enterpriseId} AND item_kind = ${x.itemKind} AND item_id = ${x.itemId}
          AND id > ${x.id} AND kind IN ('accepted','reopened')`,
      tx,
    );
    if ((decided?.n ?? 0) > 0) throw stateError("Câu trả lời này đã được cơ quan quyết định: hãy gửi câu trả lời mới kèm minh chứng");
    if (x.evidence.length >= MAX_EVIDENCE_PER_ANSWER) throw fileError("payload_too_large", `Tối đa ${MAX_EVIDENCE_PER_ANSWER} tệp cho một câu trả lời`);
    const sha = createHash("sha256").update(file.data).digest("hex");
    const [row] = await database.rows<{ id: number }>(
      sql`INSERT INTO enterprise_evidence (exchange_id, enterprise_id, file_name, mime, size_bytes, sha256, content)
          VALUES (${exchangeId}, ${enterpriseId}, ${safeFileName(file.name)}, ${mime}, ${file.data.length}, ${sha},
                  decode(${file.data.toString("base64")}, 'base64')) RETURNING id`,
      tx,
    );
    const id = row?.id ?? 0;
    await audit(database, tx, ctx, {
      action: "enterprise_evidence_add",
      objectType: "enterprise_exchange",
      objectId: exchangeId,
      after: { evidenceId: id, mime, size: file.data.length, sha256: sha },
    });
    return { id, mime, sizeBytes: file.data.length };
  });
}

// ---------------------------------------------------------------- both sides

/** Whether an officer may see an item of an enterprise (the item's module decides). */
async function visibleToOfficer(database: Database, ctx: RequestContext, kind: string, enterpriseId: number, itemId: number, tx?: Tx) {
  const filter =
    kind === "request" ? { requestIds: [itemId] } : kind === "finding" ? { findingIds: [itemId] } : kind === "notice" ? { noticeIds: [itemId] } : null;
  if (!filter) return null;
  const list = (await sources(database, ctx.actor.scope, filter, tx)).filter((s) => s.kind === kind && s.enterpriseId === enterpriseId);
  return list[0] ?? null;
}

/** A file of evidence, for the enterprise that sent it or an officer who may see the item; every look is audited. */
export async function readEvidence(database: Database, ctx: RequestContext, evidenceId: number) {
  return database.db.transaction(async (tx) => {
    const [row] = await database.rows<{
      fileName: string;
      mime: string;
      content: string;
      enterpriseId: number;
      itemKind: string;
      itemId: number;
      exchangeId: number;
    }>(
      sql`SELECT v.file_name AS "fileName", v.mime, encode(v.content, 'base64') AS content, v.enterprise_id AS "enterpriseId",
                 x.item_kind AS "itemKind", x.item_id AS "itemId", x.id AS "exchangeId"
          FROM enterprise_evidence v JOIN enterprise_exchanges x ON x.id = v.exchange_id WHERE v.id = ${evidenceId}`,
      tx,
    );
    if (!row) throw notFound();
    const scope = ctx.actor.scope;
    if (scope.kind === "enterprise") {
      if (!scope.enterpriseIds.includes(row.enterpriseId)) throw notFound();
    } else if (!(await visibleToOfficer(database, ctx, row.itemKind, row.enterpriseId, row.itemId, tx))) throw notFound();
    await audit(database, tx, ctx, { action: "enterprise_evidence_read", objectType: "enterprise_exchange", objectId: row.exchangeId, detail: { evidenceId } });
    return { fileName: row.fileName, mime: row.mime, data: Buffer.from(row.content, "base64") };
  });
}

export interface TimelineEntry {
  at: string;
  kind: "exchange" | "item" | "difficulty_filed" | "difficulty_answered";
  itemKind: ItemKind | "difficulty";
  itemKey: string;
  itemTitle: string;
  exchange: Exchange | null;
  text: string;
}

/**
 * The enterprise's timeline, the same for both sides: what reached its inbox, every exchange about it,
 * and its difficulties filed and answered — only what the caller may see of each.
 */
export async function timeline(database: Database, ctx: RequestContext, enterpriseId: number): Promise<TimelineEntry[]> {
  const scope = ctx.actor.scope;
  if (scope.kind === "enterprise" && !scope.enterpriseIds.includes(enterpriseId)) throw notFound();
  const [inScope] = await database.rows<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM enterprises e WHERE e.id = ${enterpriseId} AND ${enterpriseScope(scope, sql`e.id`, sql`e.zone_id`)}`,
  );
  if (!inScope?.n) throw notFound();
  const all = await assemble(database, await sources(database, scope, { enterpriseId }));
  const out: TimelineEntry[] = [];
  for (const a of all) {
    out.push({
      at: `${a.item.receivedOn}T00:00:00+07:00`,
      kind: "item",
      itemKind: a.item.kind,
      itemKey: a.item.key,
      itemTitle: a.item.title,
      exchange: null,
      text: a.item.summary,
    });
    for (const x of a.exchanges)
      out.push({ at: x.at, kind: "exchange", itemKind: a.item.kind, itemKey: a.item.key, itemTitle: a.item.title, exchange: publicExchange(x), text: x.body });
  }
  const diffWhere = scope.kind === "enterprise" || ctx.actor.role === "system_admin" ? sql`true` : sql`rb.path LIKE ${`${ctx.actor.bodyPath}%`}`;
  const diffs = await database.rows<{ code: string; title: string; body: string; createdAt: unknown; answer: string | null; answeredAt: unknown }>(
    sql`SELECT d.code, d.title, d.body, d.created_at AS "createdAt", d.answer, d.answered_at AS "answeredAt"
        FROM enterprise_difficulties d JOIN bodies rb ON rb.id = d.responsible_body_id WHERE d.enterprise_id = ${enterpriseId} AND ${diffWhere}`,
  );
  const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());
  for (const d of diffs) {
    const base = { itemKind: "difficulty" as const, itemKey: d.code, itemTitle: d.title, exchange: null };
    out.push({ ...base, at: iso(d.createdAt), kind: "difficulty_filed", text: d.body });
    if (d.answer && d.answeredAt) out.push({ ...base, at: iso(d.answeredAt), kind: "difficulty_answered", text: d.answer });
  }
  if (scope.kind !== "enterprise")
    await database.db.transaction((tx) => audit(database, tx, ctx, { action: "enterprise_timeline_read", objectType: "enterprise", objectId: enterpriseId }));
  return out.sort((a, b) => b.at.localeCompare(a.at));
}

// ---------------------------------------------------------------- the officers' side

/** A staff account that may decide on enterprises' answers (not an enterprise, not a read-only viewer). */
export function officerOnly(ctx: RequestContext): RequestContext {
  if (ctx.actor.scope.kind === "enterprise") throw new AppError("forbidden", "Doanh nghiệp không quyết định thay cơ quan");
  if (!ctx.actor.permissions.has("voice:write") && !ctx.actor.permissions.has("relations:write")) throw new AppError("forbidden");
  return ctx;
}

/**
 * What awaits this officer's decision: answers not yet accepted or reopened, and extension requests
 * not yet granted or refused, on items the officer may decide (scoped like the items' own modules).
 */
export async function listDecisions(database: Database, ctx: RequestContext) {
  officerOnly(ctx);
  // Items whose latest answer or extension request is undecided, read from the exchanges alone first.
  const open = await database.rows<{ itemKind: ItemKind; itemId: number; enterpriseId: number }>(
    sql`SELECT DISTINCT x.item_kind AS "itemKind", x.item_id AS "itemId", x.enterprise_id AS "enterpriseId" FROM enterprise_exchanges x
        WHERE x.kind IN ('answer','extension_request')
          AND NOT EXISTS (SELECT 1 FROM enterprise_exchanges y WHERE y.enterprise_id = x.enterprise_id AND y.item_kind = x.item_kind AND y.item_id = x.item_id
                          AND y.id > x.id AND y.kind IN (CASE WHEN x.kind = 'answer' THEN 'accepted' ELSE 'extension_granted' END,
                                                         CASE WHEN x.kind = 'answer' THEN 'reopened' ELSE 'extension_refused' END))
          AND ${enterpriseScope(ctx.actor.scope, sql`x.enterprise_id`)}`,
  );
  const ids = (k: ItemKind) => [...new Set(open.filter((o) => o.itemKind === k).map((o) => o.itemId))];
  const list = await sources(database, ctx.actor.scope, { requestIds: ids("request"), findingIds: ids("finding"), noticeIds: ids("notice") });
  const wanted = new Set(open.map((o) => keyOf(o.itemKind, o.enterpriseId, o.itemId)));
  const mine = list.filter((s) => wanted.has(keyOf(s.kind, s.enterpriseId, s.id)) && s.decide(ctx));
  const all = await assemble(database, mine);
  return all
    .map(({ source, item }) => {
      const answer = item.state === "awaiting_decision" ? item.latestAnswer : null;
      const extension = item.pendingRequest;
      return {
        ...publicItem(item),
        id: source.id,
        answer: answer ? publicExchange(answer) : null,
        extension: extension ? publicExchange(extension) : null,
      };
    })
    .filter((d) => d.answer || d.extension)
    .sort((a, b) => (a.answer?.at ?? a.extension?.at ?? "").localeCompare(b.answer?.at ?? b.extension?.at ?? ""));
}

/**
 * The officer decides on one exchange of the enterprise: accepts the answer (a finding is closed, a
 * request's step done), reopens it with a reason, grants the extension (the deadline moves) or refuses it.
 */
export async function decide(
  database: Database,
  ctx: RequestContext,
  exchangeId: number,
  input: { decision: "accept" | "reopen" | "grant" | "refuse"; reason: string; until?: string | undefined },
) {
  officerOnly(ctx);
  const result = await database.db.transaction(async (tx) => {
    let findingEnterprise: number | null = null;
    const [x] = await exchangesWhere(database, sql`x.id = ${exchangeId}`, tx);
    if (!x) throw notFound();
    const s = await visibleToOfficer(database, ctx, x.itemKind, x.enterpriseId, x.itemId, tx);
    if (!s) throw notFound();
    if (!s.decide(ctx)) throw new AppError("forbidden", `Chỉ cán bộ của ${s.from} (hoặc đơn vị cấp trên) quyết định được mục này`);
    const [found] = await assemble(database, [s], tx);
    if (!found) throw notFound();
    const { item } = found;
    const reason = input.reason.normalize("NFC").trim();
    let kind: ExchangeKind;
    let until: string | null = null;
    if (input.decision === "accept" || input.decision === "reopen") {
      if (x.kind !== "answer" || item.latestAnswer?.id !== x.id) throw stateError("Chỉ quyết định trên câu trả lời mới nhất của doanh nghiệp");
      if (input.decision === "accept" && item.state !== "awaiting_decision") throw stateError("Câu trả lời này đã được quyết định");
      if (input.decision === "reopen" && item.state === "awaiting_answer") throw stateError("Mục này đang chờ doanh nghiệp trả lời");
      kind = input.decision === "accept" ? "accepted" : "reopened";
    } else {
      if (x.kind !== "extension_request" || item.pendingRequest?.id !== x.id) throw stateError("Đề nghị gia hạn này đã được quyết định");
      kind = input.decision === "grant" ? "extension_granted" : "extension_refused";
      if (input.decision === "grant") {
        until = input.until ?? x.until;
        const current = item.deadline ?? "";
        if (!until || until <= current) {
          const message = `Hạn mới phải sau hạn hiện tại (${formatDate(current)})`;
          throw new AppError("validation_failed", message, { errors: [{ pointer: "/body/until", message }] });
        }
      }
    }
    const body =
      reason ||
      (kind === "accepted" ? "Chấp nhận câu trả lời" : kind === "extension_granted" ? `Đồng ý gia hạn đến ${formatDate(until ?? "")}` : "Đã quyết định");
    const id = await insertExchange(database, tx, ctx, s, { kind, side: "authority", body, until });
    if (s.kind === "finding") {
      if (kind === "accepted")
        await settleRecommendation(database, tx, ctx, s.id, { outcome: "closed" }, `Chấp nhận minh chứng khắc phục của doanh nghiệp. ${reason}`.trim());
      if (kind === "reopened") await settleRecommendation(database, tx, ctx, s.id, { outcome: "reopened" }, `Mở lại: ${reason}`);
      if (kind === "extension_granted" && until) await settleRecommendation(database, tx, ctx, s.id, { outcome: "extended", deadline: until }, x.body);
      findingEnterprise = s.enterpriseId;
    }
    if (s.kind === "request") await noteEnterpriseStep(database, tx, ctx, s.id, `${decisionLabel[kind]}: ${body}`);
    return { exchangeId: id, findingEnterprise };
  });
  if (result.findingEnterprise !== null) await recommendationChanged(database, result.findingEnterprise);
  return { exchangeId: result.exchangeId };
}

const decisionLabel: Record<ExchangeKind, string> = {
  answer: "Doanh nghiệp trả lời",
  extension_request: "Doanh nghiệp xin gia hạn",
  accepted: "Chấp nhận câu trả lời của doanh nghiệp",
  reopened: "Mở lại, yêu cầu doanh nghiệp trả lời tiếp",
  extension_granted: "Đồng ý gia hạn cho doanh nghiệp",
  extension_refused: "Không đồng ý gia hạn",
};
