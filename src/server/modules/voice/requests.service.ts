import { createHash, randomInt, timingSafeEqual } from "node:crypto";
import { now, vnDayEnd, vnDayStart } from "#shared/clock.ts";
import { type SQL, sql } from "drizzle-orm";
import type { Database, Tx } from "#server/db/client.ts";
import { GroupCommit } from "#server/db/group-commit.ts";
import type { RequestContext } from "#server/http/context.ts";
import { AppError, notFound } from "#server/http/errors.ts";
import { type Scope, enterpriseScope, personScope } from "#server/modules/access/index.ts";
import { audit } from "#server/modules/access/index.ts";
import { HAND_ALPHABET, groupFour, squeeze } from "#shared/secrets.ts";
import { cleanText, fold, formatDate } from "#shared/text.ts";
import { addDays, addWorkingDays, deadlineAfter, holidays, vnToday, voiceSettings } from "./calendar.ts";
import { identityStrings } from "./qa.service.ts";
import { enterpriseFactsCached, forgetEnterpriseFacts, routeRequest } from "./routing.ts";
import {
  CONSENT_VERSION,
  type EnterpriseView,
  type IntakeBody,
  type ListQuery,
  type PublicRequestBody,
  type RequestDetail,
  type RequestStatus,
  type RequestSummary,
} from "./voice.schema.ts";

const OPEN: RequestStatus[] = ["received", "assigned", "in_progress"];

/** ISO text for a timestamp from either driver. */
export function iso(v: unknown): string {
  if (v instanceof Date) return v.toISOString();
  return typeof v === "string" ? new Date(v).toISOString() : "";
}
const isoOrNull = (v: unknown) => (v === null || v === undefined ? null : iso(v));

// Tracking codes and secrets in the hand alphabet (no 0/O, 1/I/L): read out over the phone, copied by hand.
const CODE_ALPHABET = HAND_ALPHABET;
const draw = (n: number) => Array.from({ length: n }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join("");
function newCode(): string {
  return `YC-${groupFour(draw(8))}`;
}

/**
 * A new secret: 16 characters of 29 (≈ 78 bits), shown as `K7QM-4TRX-9BWD-2HNP`. The hash is taken
 * of the squeezed form, so case, dashes and spaces do not matter when it is typed back.
 */
export function newSecret(): string {
  return groupFour(draw(16));
}

/** The secret is random, not a password: a fast hash is enough (no dictionary to guess from). */
export const hashSecret = (secret: string) => createHash("sha256").update(secret).digest("hex");

/**
 * Whether a typed secret opens the request: compared squeezed (new secrets), and as typed for the
 * base64url secrets issued before (case matters in those), against the secret and a re-sent one.
 */
export function secretMatches(given: string | undefined, ...storedHashes: (string | null)[]): boolean {
  if (!given || given.length > 100) return false;
  const candidates = [hashSecret(squeeze(given)), hashSecret(given.trim())];
  let ok = false;
  for (const stored of storedHashes) {
    if (!stored) continue;
    const b = Buffer.from(stored, "hex");
    for (const c of candidates) {
      const a = Buffer.from(c, "hex");
      if (a.length === b.length && timingSafeEqual(a, b)) ok = true;
    }
  }
  return ok;
}

/** SQL predicate: the request (alias r, its enterprise e, its body rb) lies in the caller's scope. */
export function requestScope(ctx: RequestContext): SQL {
  return requestScopeOf(ctx.actor.scope);
}

/** The same predicate from a bare scope (figure providers receive a scope, not a caller). */
export function requestScopeOf(scope: Scope): SQL {
  switch (scope.kind) {
    case "city":
      return sql`true`;
    // An enterprise sees a request about itself only once an officer forwarded it (issue #15): until
    // then it does not exist for the enterprise, in lists, counts and figures alike.
    case "enterprise":
      return sql`(${enterpriseScope(scope, sql`r.enterprise_id`)} AND r.forwarded_at IS NOT NULL)`;
    case "zones":
      return sql`(${enterpriseScope(scope, sql`r.enterprise_id`, sql`e.zone_id`)} OR rb.path LIKE ${`${scope.bodyPath}%`})`;
    // A grassroots union sees the requests it is responsible for, not every request about the
    // enterprises it covers: a worker who went past the union (to the zone union, the city) chose
    // not to be known there, and the union's officers work beside the employer.
    case "union": {
      const ids = sql`ARRAY[${sql.join(scope.unionIds.length ? scope.unionIds.map((x) => sql`${x}`) : [sql`NULL`], sql`, `)}]::int[]`;
      return sql`(r.responsible_body_id = ANY(${ids}))`;
    }
  }
}

function refuseEnterprise(ctx: RequestContext) {
  if (ctx.actor.scope.kind === "enterprise") throw new AppError("forbidden", "Doanh nghiệp không xử lý yêu cầu của người lao động");
}

interface NewRequest {
  kind: string;
  topic: string;
  channel: string;
  requesterKind: "worker" | "enterprise";
  title: string;
  description: string;
  descriptionPrivate: boolean | undefined;
  enterpriseId: number | null;
  enterpriseName: string | null;
  anonymous: boolean;
  collective: boolean;
  signatoryCount: number | null;
  requester: { personId: number | null; fullName: string; phone: string | null; citizenId: string | null; email: string | null; address: string | null } | null;
  signatories: { fullName: string; citizenId: string | null; phone: string | null }[];
  consent: boolean;
  receivedAt: string | null;
  createdBy: number | null;
}

/** A request ready to write: routed, its deadline counted, its code and secret drawn. */
interface PreparedRequest {
  row: Record<string, unknown>;
  code: string;
  secret: string;
  deadline: string;
  responsibleBodyId: number;
  enterpriseId: number | null;
}

interface Filed {
  id: number;
  code: string;
  secret: string;
  deadline: string;
  responsibleBodyId: number;
}

/** Everything about a new request that needs no write: settings, routing, deadline (all cached). */
async function prepareRequest(
  database: Database,
  input: NewRequest,
  audited: { ctx: RequestContext | null; ip: string | null; requestId: string },
): Promise<PreparedRequest> {
  const settings = await voiceSettings(database);
  const enterprise = input.enterpriseId ? await enterpriseFactsCached(database, input.enterpriseId) : null;
  if (input.enterpriseId && !enterprise) throw enterpriseNotFound();
  const route = await routeRequest(database, settings.routing, { kind: input.kind, topic: input.topic, requesterKind: input.requesterKind, enterprise });
  const days = await holidays(database);
  const receivedAt = input.receivedAt ? new Date(input.receivedAt) : now();
  const today = vnToday(receivedAt);
  const deadline = deadlineAfter(today, settings.deadlines[input.kind as keyof typeof settings.deadlines] ?? 10, days);
  const secret = newSecret();
  const hasIdentity = !input.anonymous && input.requester !== null;
  const sigs = input.anonymous ? [] : input.signatories;
  const enterpriseName = enterprise?.name ?? (input.enterpriseName ? cleanText(input.enterpriseName) : null);
  const signatoryCount = input.collective ? (input.signatoryCount ?? (sigs.length || null)) : null;
  const after = { kind: input.kind, topic: input.topic, channel: input.channel, anonymous: input.anonymous, responsibleBodyId: route.bodyId, deadline };
  const req = hasIdentity ? input.requester : null;
  const code = newCode();
  const at = receivedAt.toISOString();
  return {
    code,
    secret,
    deadline,
    responsibleBodyId: route.bodyId,
    enterpriseId: input.enterpriseId,
    row: {
      code,
      secret_hash: hashSecret(squeeze(secret)),
      kind: input.kind,
      topic: input.topic,
      channel: input.channel,
      requester_kind: input.requesterKind,
      title: cleanText(input.title),
      description: input.description.normalize("NFC").trim(),
      // Complaints, petitions and reports are hidden from the employer unless the worker says otherwise.
      description_private: input.descriptionPrivate ?? input.kind !== "consultation",
      enterprise_id: input.enterpriseId,
      enterprise_name: enterpriseName,
      anonymous: input.anonymous,
      collective: input.collective,
      signatory_count: signatoryCount,
      consent_version: input.consent ? CONSENT_VERSION : null,
      consent_at: input.consent ? at : null,
      responsible_body_id: route.bodyId,
      received_at: at,
      clock_started_on: today,
      deadline,
      created_by: input.createdBy,
      has_identity: hasIdentity,
      person_id: req?.personId ?? null,
      full_name: req ? cleanText(req.fullName) : null,
      phone: req?.phone ?? null,
      citizen_id: req?.citizenId ?? null,
      email: req?.email ?? null,
      address: req?.address ?? null,
      signatories: sigs.map((s) => ({ full_name: cleanText(s.fullName), citizen_id: s.citizenId, phone: s.phone })),
      history_detail: `Kênh: ${input.channel}`,
      audit_user_id: audited.ctx?.actor.userId ?? null,
      audit_username: audited.ctx?.actor.username ?? null,
      audit_body_id: audited.ctx?.actor.bodyId ?? null,
      // An anonymous request keeps no trace of who sent it: not even the address in the audit row.
      ip: input.anonymous ? null : audited.ip,
      request_id: audited.requestId,
      after,
    },
  };
}

const enterpriseNotFound = () =>
  new AppError("validation_failed", "Không tìm thấy doanh nghiệp", {
    errors: [{ pointer: "/body/enterpriseId", message: "Không tìm thấy doanh nghiệp" }],
  });

/**
 * Files requests in ONE statement (requests, identities, signatories, history, audit rows as
 * data-modifying CTEs over one JSON parameter): atomic without an explicit transaction, and one round
 * trip however many requests it carries — the group commit of the public flood before Tết.
 */
async function insertPrepared(database: Database, items: PreparedRequest[]): Promise<Filed[]> {
  const rows = await database.rows<{ id: number; code: string }>(
    sql`WITH x AS MATERIALIZED (
          SELECT * FROM jsonb_to_recordset(${JSON.stringify(items.map((p, ord) => ({ ...p.row, ord })))}::jsonb) AS x(
            ord int, code text, secret_hash text, kind text, topic text, channel text, requester_kind text, title text, description text,
            description_private boolean, enterprise_id int, enterprise_name text, anonymous boolean, collective boolean, signatory_count int,
            consent_version text, consent_at timestamptz, responsible_body_id int, received_at timestamptz, clock_started_on date, deadline date,
            created_by int, has_identity boolean, person_id int, full_name text, phone text, citizen_id text, email text, address text,
            signatories jsonb, history_detail text, audit_user_id int, audit_username text, audit_body_id int, ip text, request_id text, after jsonb)),
        r AS (
          INSERT INTO voice_requests (code, secret_hash, kind, topic, channel, requester_kind, title, description, description_private,
            enterprise_id, enterprise_name, anonymous, collective, signatory_count, consent_version, consent_at,
            responsible_body_id, received_at, clock_started_on, deadline, created_by)
          SELECT code, secret_hash, kind, topic, channel, requester_kind, title, description, description_private,
            enterprise_id, enterprise_name, anonymous, collective, signatory_count, consent_version, consent_at,
            responsible_body_id, received_at, clock_started_on, deadline, created_by
          FROM x ORDER BY ord
          RETURNING id, code),
        j AS (SELECT r.id, x.* FROM r JOIN x ON x.code = r.code),
        q AS (
          INSERT INTO voice_requesters (request_id, person_id, full_name, phone, citizen_id, email, address)
          SELECT id, person_id, full_name, phone, citizen_id, email, address FROM j WHERE has_identity),
        s AS (
          INSERT INTO voice_signatories (request_id, full_name, citizen_id, phone)
          SELECT j.id, y.full_name, y.citizen_id, y.phone
          FROM j, jsonb_to_recordset(j.signatories) AS y(full_name text, citizen_id text, phone text)),
        h AS (
          INSERT INTO voice_history (request_id, at, action, to_status, body_id, user_id, detail)
          SELECT id, received_at, 'received', 'received', responsible_body_id, created_by, history_detail FROM j),
        a AS (
          INSERT INTO audit_log (user_id, username, body_id, action, object_type, object_id, ip, request_id, after)
          SELECT audit_user_id, audit_username, audit_body_id, 'voice_request_create', 'voice_request', id::text, ip, request_id, after FROM j)
        SELECT id, code FROM r`,
  );
  const ids = new Map(rows.map((r) => [r.code, r.id]));
  return items.map((p) => {
    const id = ids.get(p.code);
    if (id === undefined) throw new Error("insert returned no row for a request");
    return { id, code: p.code, secret: p.secret, deadline: p.deadline, responsibleBodyId: p.responsibleBodyId };
  });
}

/** The driver's error under drizzle's wrapper: SQLSTATE code and constraint are on the cause. */
const pgError = (err: unknown) => ((err as { cause?: unknown }).cause ?? err) as { code?: string; message?: string; constraint?: string };

/** Writes one prepared request alone; a code collision (1 in 10^12) is retried with a new code. */
async function insertOne(database: Database, prepared: PreparedRequest): Promise<Filed> {
  let p = prepared;
  for (let attempt = 0; ; attempt++) {
    try {
      const [filed] = await insertPrepared(database, [p]);
      return filed as Filed;
    } catch (err) {
      const e = pgError(err);
      if (e.code === "23505" && attempt < 3 && String(e.constraint ?? e.message).includes("code")) {
        const code = newCode();
        p = { ...p, code, row: { ...p.row, code } };
        continue;
      }
      // The enterprise left the registry after its routing facts were cached: answer as if unknown.
      if (e.code === "23503" && p.enterpriseId !== null && String(e.constraint ?? e.message).includes("enterprise")) {
        forgetEnterpriseFacts(database, p.enterpriseId);
        throw enterpriseNotFound();
      }
      throw err;
    }
  }
}

async function insertRequest(database: Database, input: NewRequest, audited: { ctx: RequestContext | null; ip: string | null; requestId: string }) {
  return insertOne(database, await prepareRequest(database, input, audited));
}

// Public submissions share statements under load (see GroupCommit); one writer per database.
const publicWriters = new WeakMap<Database, GroupCommit<PreparedRequest, Filed>>();
function publicWriter(database: Database): GroupCommit<PreparedRequest, Filed> {
  let w = publicWriters.get(database);
  if (!w) {
    // Four batches in flight leave the rest of the pool (10) to staff work; PGlite has one connection anyway.
    w = new GroupCommit({
      many: (items) => insertPrepared(database, items),
      one: (item) => insertOne(database, item),
      maxInFlight: 4,
      maxBatch: 200,
      // Data exceptions (22…) and constraint violations (23…) belong to one item; anything else to all.
      itemError: (err) => /^2[23]/.test(pgError(err).code ?? ""),
    });
    publicWriters.set(database, w);
  }
  return w;
}

/** A public submission from the portal or app: no account, a tracking code and secret in return. */
export async function submitPublic(database: Database, body: PublicRequestBody, meta: { ip: string; requestId: string; channel: "web" | "app" }) {
  const prepared = await prepareRequest(
    database,
    {
      kind: body.kind,
      topic: body.topic,
      channel: meta.channel,
      requesterKind: "worker",
      title: body.title,
      description: body.description,
      descriptionPrivate: body.descriptionPrivate,
      enterpriseId: body.enterpriseId ?? null,
      enterpriseName: body.enterpriseName ?? null,
      anonymous: body.anonymous,
      collective: body.collective,
      signatoryCount: body.signatoryCount ?? null,
      requester:
        !body.anonymous && body.requester
          ? {
              personId: null,
              fullName: body.requester.fullName,
              phone: body.requester.phone ?? null,
              citizenId: body.requester.citizenId ?? null,
              email: body.requester.email ?? null,
              address: body.requester.address ?? null,
            }
          : null,
      signatories: (body.signatories ?? []).map((s) => ({ fullName: s.fullName, citizenId: s.citizenId ?? null, phone: s.phone ?? null })),
      consent: true,
      receivedAt: null,
      createdBy: null,
    },
    { ctx: null, ip: meta.ip, requestId: meta.requestId },
  );
  const r = await publicWriter(database).submit(prepared);
  return { code: r.code, secret: r.secret, deadline: r.deadline };
}

/** Staff intake for the hotline, visits, letters and dialogue conferences. */
export async function intakeRequest(database: Database, ctx: RequestContext, body: IntakeBody) {
  refuseEnterprise(ctx);
  let requester: NewRequest["requester"] = null;
  if (body.requesterKind === "worker" && !body.anonymous && body.requester) {
    requester = {
      personId: body.personId ?? null,
      fullName: body.requester.fullName,
      phone: body.requester.phone ?? null,
      citizenId: body.requester.citizenId ?? null,
      email: body.requester.email ?? null,
      address: body.requester.address ?? null,
    };
  }
  if (body.personId) {
    // Linking a request to a registry person is reading that person: the same answer whether the
    // person does not exist or lies outside the caller's scope.
    const [p] = ctx.actor.permissions.has("people:read")
      ? await database.rows<{ id: number }>(
          sql`SELECT p.id FROM people p WHERE p.id = ${body.personId} AND ${personScope(ctx.actor.scope, sql`p.id`, sql`p.enterprise_id`)}`,
        )
      : [];
    if (!p)
      throw new AppError("validation_failed", "Không tìm thấy người lao động", {
        errors: [{ pointer: "/body/personId", message: "Không tìm thấy người lao động" }],
      });
  }
  const r = await insertRequest(
    database,
    {
      kind: body.kind,
      topic: body.topic,
      channel: body.channel,
      requesterKind: body.requesterKind,
      title: body.title,
      description: body.description,
      descriptionPrivate: body.descriptionPrivate,
      enterpriseId: body.enterpriseId ?? null,
      enterpriseName: body.enterpriseName ?? null,
      anonymous: body.requesterKind === "enterprise" ? false : body.anonymous,
      collective: body.collective,
      signatoryCount: body.signatoryCount ?? null,
      requester,
      signatories: (body.signatories ?? []).map((s) => ({ fullName: s.fullName, citizenId: s.citizenId ?? null, phone: s.phone ?? null })),
      consent: body.consent,
      receivedAt: body.receivedAt ?? null,
      createdBy: ctx.actor.userId,
    },
    { ctx, ip: ctx.ip, requestId: ctx.requestId },
  );
  return { id: r.id, code: r.code, secret: r.secret, deadline: r.deadline, responsibleBodyId: r.responsibleBodyId };
}

/** Finds a caller in the registry by phone or citizen ID (the officer on the phone); audited. */
export async function findCaller(database: Database, ctx: RequestContext, q: { phone?: string | undefined; citizenId?: string | undefined }) {
  refuseEnterprise(ctx);
  if (!q.phone && !q.citizenId) throw new AppError("validation_failed", "Nhập số điện thoại hoặc số CCCD");
  return database.db.transaction(async (tx) => {
    const rows = await database.rows<{
      id: number;
      fullName: string;
      phone: string | null;
      citizenId: string | null;
      enterpriseId: number | null;
      enterpriseName: string | null;
    }>(
      sql`SELECT p.id, p.full_name AS "fullName", p.phone, p.citizen_id AS "citizenId", p.enterprise_id AS "enterpriseId", e.name AS "enterpriseName"
          FROM people p LEFT JOIN enterprises e ON e.id = p.enterprise_id
          WHERE ${q.citizenId ? sql`p.citizen_id = ${q.citizenId}` : sql`p.phone = ${q.phone ?? ""}`}
            AND ${personScope(ctx.actor.scope, sql`p.id`, sql`p.enterprise_id`)}
          ORDER BY p.id LIMIT 5`,
      tx,
    );
    await audit(database, tx, ctx, {
      action: "voice_caller_lookup",
      objectType: "person",
      objectId: rows.map((r) => r.id).join(",") || null,
      detail: { by: q.citizenId ? "citizen_id" : "phone", found: rows.length },
    });
    return rows;
  });
}

// ---------------------------------------------------------------- public tracking

interface Tracked {
  id: number;
  secretHash: string;
  secretHashResent: string | null;
  status: RequestStatus;
  answerStatus: string;
  answeredAt: unknown;
  closedAt: unknown;
  rating: number | null;
}

export async function tracked(database: Database, code: string, secret: string | undefined, tx?: Tx): Promise<Tracked> {
  const [row] = await database.rows<Tracked>(
    sql`SELECT id, secret_hash AS "secretHash", secret_hash_resent AS "secretHashResent", status, answer_status AS "answerStatus", answered_at AS "answeredAt", closed_at AS "closedAt", rating
        FROM voice_requests WHERE code = ${code}`,
    tx,
  );
  // A wrong secret answers exactly like an unknown code: a guesser learns nothing.
  if (!row || !secretMatches(secret, row.secretHash, row.secretHashResent)) throw notFound("Không tìm thấy yêu cầu với mã và mật mã này");
  return row;
}

/** Re-sends per request per day, at most: a code in the wrong hands must not flood the worker's phone. */
const RESENDS_PER_DAY = 3;

/**
 * A lost secret: a new one goes to the phone (else the e-mail) the worker gave, as an outbound message
 * row; it is never in the answer, which is the same whether or not there was a contact to send to.
 * The first secret keeps working.
 */
export async function resendSecret(database: Database, code: string, meta: { requestId: string }) {
  await database.db.transaction(async (tx) => {
    const [r] = await database.rows<{ id: number; phone: string | null; email: string | null; sent: number }>(
      sql`SELECT r.id, q.phone, q.email,
                 (SELECT count(*)::int FROM outbound_messages m WHERE m.purpose = 'voice_secret:' || r.id AND m.created_at > now() - interval '1 day') AS sent
          FROM voice_requests r LEFT JOIN voice_requesters q ON q.request_id = r.id WHERE r.code = ${code} FOR UPDATE OF r`,
      tx,
    );
    if (!r || (!r.phone && !r.email) || r.sent >= RESENDS_PER_DAY) return;
    const secret = newSecret();
    const channel = r.phone ? "sms" : "email";
    await database.rows(sql`UPDATE voice_requests SET secret_hash_resent = ${hashSecret(squeeze(secret))}, updated_at = now() WHERE id = ${r.id}`, tx);
    await database.rows(
      sql`INSERT INTO outbound_messages (channel, recipient, body, purpose)
          VALUES (${channel}, ${r.phone ?? r.email}, ${`Cau Noi: mat ma moi cua yeu cau ${code} la ${secret}. Khong chia se mat ma nay cho ai.`}, ${`voice_secret:${r.id}`})`,
      tx,
    );
    await audit(database, tx, null, {
      action: "voice_secret_resend",
      objectType: "voice_request",
      objectId: r.id,
      detail: { channel, requestId: meta.requestId },
    });
  });
  return { message: "Nếu người gửi đã để lại số điện thoại hoặc email, mật mã mới đã được gửi đến đó. Mật mã cũ vẫn dùng được." };
}

/** The status page: progress and the published answer, nothing internal. */
export async function publicStatus(database: Database, code: string, secret: string | undefined) {
  const t = await tracked(database, code, secret);
  const [r] = await database.rows<{
    code: string;
    kind: "consultation";
    topic: "wages";
    title: string;
    status: RequestStatus;
    receivedAt: unknown;
    deadline: string;
    body: string;
    answer: string | null;
    answeredAt: unknown;
    rating: number | null;
  }>(
    sql`SELECT r.code, r.kind, r.topic, r.title, r.status, r.received_at AS "receivedAt", r.deadline::text AS deadline, b.name AS body,
               CASE WHEN r.answer_status = 'published' THEN r.public_answer END AS answer, r.answered_at AS "answeredAt", r.rating
        FROM voice_requests r JOIN bodies b ON b.id = r.responsible_body_id WHERE r.id = ${t.id}`,
  );
  if (!r) throw notFound();
  const history = await database.rows<{ at: unknown; status: string | null; action: string }>(
    sql`SELECT at, to_status AS status, action FROM voice_history WHERE request_id = ${t.id}
        AND action IN ('received','assigned','started','transferred','answered','closed','reopened') ORDER BY at, id`,
  );
  const additions = await database.rows<{ at: unknown; body: string; source: string }>(
    sql`SELECT created_at AS at, body, source FROM voice_additions WHERE request_id = ${t.id} AND source = 'requester' ORDER BY created_at, id`,
  );
  return {
    code: r.code,
    kind: r.kind,
    topic: r.topic,
    title: r.title,
    status: r.status,
    receivedAt: iso(r.receivedAt),
    deadline: r.deadline,
    responsibleBody: r.body,
    answer: r.answer,
    answeredAt: r.answer ? isoOrNull(r.answeredAt) : null,
    rating: r.rating,
    canRate: r.answer !== null && (r.status === "answered" || r.status === "closed"),
    history: history.map((h) => ({ at: iso(h.at), status: h.status, action: h.action })),
    additions: additions.map((a) => ({ at: iso(a.at), body: a.body, source: a.source })),
  };
}

/** The requester adds information; a closed request is not reopened by it (staff decide). */
export async function publicAddition(database: Database, code: string, secret: string | undefined, body: string, meta: { requestId: string }) {
  return database.db.transaction(async (tx) => {
    const t = await tracked(database, code, secret, tx);
    if (t.status === "closed") throw new AppError("voice_bad_transition", "Yêu cầu đã đóng; hãy gửi yêu cầu mới hoặc liên hệ đường dây nóng");
    await database.rows(sql`INSERT INTO voice_additions (request_id, body, source) VALUES (${t.id}, ${body.normalize("NFC").trim()}, 'requester')`, tx);
    await database.rows(sql`INSERT INTO voice_history (request_id, action, detail) VALUES (${t.id}, 'requester_added', 'Người gửi bổ sung thông tin')`, tx);
    await database.rows(sql`UPDATE voice_requests SET updated_at = now() WHERE id = ${t.id}`, tx);
    await audit(database, tx, null, { action: "voice_request_addition", objectType: "voice_request", objectId: t.id, detail: { requestId: meta.requestId } });
  });
}

/** The requester rates the published answer (once; a new rating replaces the old). */
export async function publicRate(database: Database, code: string, secret: string | undefined, score: number, comment: string | undefined) {
  return database.db.transaction(async (tx) => {
    const t = await tracked(database, code, secret, tx);
    if (t.answerStatus !== "published") throw new AppError("voice_not_answered", "Chỉ đánh giá được khi đã có câu trả lời");
    await database.rows(
      sql`UPDATE voice_requests SET rating = ${score}, rating_comment = ${comment?.trim() || null}, rated_at = now(), updated_at = now() WHERE id = ${t.id}`,
      tx,
    );
    await database.rows(sql`INSERT INTO voice_history (request_id, action, detail) VALUES (${t.id}, 'rated', ${`Đánh giá ${score}/5`})`, tx);
    await audit(database, tx, null, { action: "voice_request_rate", objectType: "voice_request", objectId: t.id, after: { rating: score } });
  });
}

// ---------------------------------------------------------------- attachments

export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
export const MAX_ATTACHMENTS = 5;

/** The type by content (magic bytes), never by name or declared type. */
export function sniffMime(buf: Buffer): "image/jpeg" | "image/png" | "application/pdf" | null {
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
  return cleaned || "tep";
}

async function storeAttachment(database: Database, tx: Tx, requestId: number, file: { name: string; data: Buffer }, source: "requester" | "staff") {
  if (file.data.length === 0) throw new AppError("validation_failed", "Tệp rỗng");
  if (file.data.length > MAX_ATTACHMENT_BYTES) throw new AppError("payload_too_large", "Mỗi tệp tối đa 5 MB");
  const mime = sniffMime(file.data);
  if (!mime) throw new AppError("unsupported_media_type", "Chỉ nhận ảnh JPEG, PNG hoặc tệp PDF");
  const [n] = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM voice_attachments WHERE request_id = ${requestId}`, tx);
  if ((n?.n ?? 0) >= MAX_ATTACHMENTS) throw new AppError("payload_too_large", `Tối đa ${MAX_ATTACHMENTS} tệp cho một yêu cầu`);
  const sha = createHash("sha256").update(file.data).digest("hex");
  const [row] = await database.rows<{ id: number }>(
    sql`INSERT INTO voice_attachments (request_id, file_name, mime, size_bytes, sha256, content, source)
        VALUES (${requestId}, ${safeFileName(file.name)}, ${mime}, ${file.data.length}, ${sha}, decode(${file.data.toString("base64")}, 'base64'), ${source}) RETURNING id`,
    tx,
  );
  return { id: row?.id ?? 0, mime, sizeBytes: file.data.length };
}

export async function publicAttach(database: Database, code: string, secret: string | undefined, file: { name: string; data: Buffer }) {
  return database.db.transaction(async (tx) => {
    const t = await tracked(database, code, secret, tx);
    if (t.status === "closed") throw new AppError("voice_bad_transition", "Yêu cầu đã đóng");
    const a = await storeAttachment(database, tx, t.id, file, "requester");
    await audit(database, tx, null, {
      action: "voice_attachment_add",
      objectType: "voice_request",
      objectId: t.id,
      after: { attachmentId: a.id, mime: a.mime, size: a.sizeBytes },
    });
    return a;
  });
}

export async function staffAttach(database: Database, ctx: RequestContext, id: number, file: { name: string; data: Buffer }) {
  refuseEnterprise(ctx);
  return database.db.transaction(async (tx) => {
    await loadForWrite(database, ctx, id, tx);
    const a = await storeAttachment(database, tx, id, file, "staff");
    await audit(database, tx, ctx, {
      action: "voice_attachment_add",
      objectType: "voice_request",
      objectId: id,
      after: { attachmentId: a.id, mime: a.mime, size: a.sizeBytes },
    });
    return a;
  });
}

/** An attachment's content for staff (may identify the requester: needs voice:identity, audited). */
export async function readAttachment(database: Database, ctx: RequestContext, id: number, attachmentId: number) {
  refuseEnterprise(ctx);
  return database.db.transaction(async (tx) => {
    await loadForWrite(database, ctx, id, tx, { read: true });
    const [row] = await database.rows<{ fileName: string; mime: string; content: string }>(
      sql`SELECT file_name AS "fileName", mime, encode(content, 'base64') AS content FROM voice_attachments WHERE id = ${attachmentId} AND request_id = ${id}`,
      tx,
    );
    if (!row) throw notFound();
    await audit(database, tx, ctx, { action: "voice_attachment_read", objectType: "voice_request", objectId: id, detail: { attachmentId } });
    return { fileName: row.fileName, mime: row.mime, data: Buffer.from(row.content, "base64") };
  });
}

// ---------------------------------------------------------------- staff reads

const summaryColumns = sql`r.id, r.code, r.kind, r.topic, r.channel, r.requester_kind AS "requesterKind", r.title, r.status,
  r.enterprise_id AS "enterpriseId", r.enterprise_name AS "enterpriseName", e.zone_id AS "zoneId", z.name AS "zoneName",
  r.responsible_body_id AS "responsibleBodyId", rb.name AS "responsibleBodyName", r.assigned_user_id AS "assignedUserId",
  au.full_name AS "assignedUserName", r.anonymous, r.collective, r.signatory_count AS "signatoryCount", r.received_at AS "receivedAt",
  r.deadline::text AS deadline, r.answer_status AS "answerStatus", r.escalated_at AS "escalatedAt", r.rating`;

const fromRequests = sql`FROM voice_requests r
  JOIN bodies rb ON rb.id = r.responsible_body_id
  LEFT JOIN enterprises e ON e.id = r.enterprise_id
  LEFT JOIN zones z ON z.id = e.zone_id
  LEFT JOIN users au ON au.id = r.assigned_user_id`;

type SummaryRow = Omit<RequestSummary, "receivedAt" | "overdue" | "dueSoon" | "escalated"> & { receivedAt: unknown; escalatedAt: unknown };

function toSummary(row: SummaryRow, today: string, dueSoonBy: string): RequestSummary {
  const { escalatedAt, ...rest } = row;
  const open = OPEN.includes(row.status);
  return {
    ...rest,
    receivedAt: iso(row.receivedAt),
    overdue: open && row.deadline < today,
    dueSoon: open && row.deadline >= today && row.deadline <= dueSoonBy,
    escalated: escalatedAt !== null && open,
  };
}

async function horizon(database: Database) {
  const today = vnToday();
  const settings = await voiceSettings(database);
  const dueSoonBy = addWorkingDays(today, settings.dueSoonDays, await holidays(database));
  return { today, dueSoonBy, settings };
}

/** Staff list with filters; an enterprise representative gets the redacted list of their enterprise. */
export async function listRequests(
  database: Database,
  ctx: RequestContext,
  q: ListQuery,
): Promise<{ total: number; items: RequestSummary[] | EnterpriseView[] }> {
  if (ctx.actor.scope.kind === "enterprise") return listForwarded(database, ctx, q);
  const { today, dueSoonBy } = await horizon(database);
  const where: SQL[] = [requestScope(ctx)];
  if (q.status) where.push(sql`r.status = ${q.status}`);
  if (q.kind) where.push(sql`r.kind = ${q.kind}`);
  if (q.topic) where.push(sql`r.topic = ${q.topic}`);
  if (q.bodyId) where.push(sql`r.responsible_body_id = ${q.bodyId}`);
  if (q.zoneId) where.push(sql`e.zone_id = ${q.zoneId}`);
  if (q.enterpriseId) where.push(sql`r.enterprise_id = ${q.enterpriseId}`);
  if (q.open) where.push(sql`r.status IN ('received','assigned','in_progress')`);
  if (q.overdue) where.push(sql`r.status IN ('received','assigned','in_progress') AND r.deadline < ${today}`);
  if (q.dueSoon) where.push(sql`r.status IN ('received','assigned','in_progress') AND r.deadline >= ${today} AND r.deadline <= ${dueSoonBy}`);
  // Days of the filter are Vietnamese days: a request received at 01:00 on the 2nd (Vietnam) is on the 2nd.
  if (q.from) where.push(sql`r.received_at >= ${vnDayStart(q.from)}::timestamptz`);
  if (q.to) where.push(sql`r.received_at < ${vnDayEnd(q.to)}::timestamptz`);
  if (q.q) where.push(sql`r.search_fold LIKE ${`%${fold(q.q).replace(/[%_\\]/g, "\\$&")}%`}`);
  const cond = sql.join(where, sql` AND `);
  const [count] = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n ${fromRequests} WHERE ${cond}`);
  const order = q.overdue || q.dueSoon || q.open ? sql`r.deadline, r.id` : sql`r.received_at DESC, r.id DESC`;
  const rows = await database.rows<SummaryRow>(
    sql`SELECT ${summaryColumns} ${fromRequests} WHERE ${cond} ORDER BY ${order} LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
  );
  return { total: count?.n ?? 0, items: rows.map((r) => toSummary(r, today, dueSoonBy)) };
}

// What an enterprise sees is what an officer wrote for it: the summary, the day it was forwarded,
// the body that forwarded it and a random reference. Nothing the worker wrote (title, text, the
// published answer addressed to them), no time of day, no request id (one city-wide sequence that
// would date the filing), nothing from identity, notes, additions, attachments or history.
const enterpriseColumns = sql`r.enterprise_ref AS ref, r.enterprise_summary AS summary,
  (r.forwarded_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date::text AS "forwardedOn", rb.name AS "responsibleBodyName"`;

/**
 * The enterprise's list: forwarded requests only, searchable in the summary alone. The staff
 * filters (status, kind, topic, dates) are ignored: each would be an oracle on what the worker wrote
 * or when.
 */
async function listForwarded(database: Database, ctx: RequestContext, q: ListQuery): Promise<{ total: number; items: EnterpriseView[] }> {
  const where: SQL[] = [requestScope(ctx), sql`r.forwarded_at IS NOT NULL`];
  if (q.q) where.push(sql`vn_fold(r.enterprise_summary || ' ' || r.enterprise_ref) LIKE ${`%${fold(q.q).replace(/[%_\\]/g, "\\$&")}%`}`);
  const cond = sql.join(where, sql` AND `);
  const [count] = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n ${fromRequests} WHERE ${cond}`);
  const rows = await database.rows<EnterpriseView>(
    sql`SELECT ${enterpriseColumns} ${fromRequests} WHERE ${cond}
        ORDER BY (r.forwarded_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date DESC, r.enterprise_ref LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
  );
  return {
    total: count?.n ?? 0,
    items: rows.map((r) => ({ ref: r.ref, summary: r.summary, forwardedOn: r.forwardedOn, responsibleBodyName: r.responsibleBodyName })),
  };
}

/** One request: the full staff view (identity apart), or the redacted enterprise view. */
export async function getRequest(database: Database, ctx: RequestContext, id: number): Promise<RequestDetail | EnterpriseView> {
  // The enterprise's list carries everything it may see; request ids are not its to use.
  if (ctx.actor.scope.kind === "enterprise") throw notFound();
  const { today, dueSoonBy, settings } = await horizon(database);
  const [row] = await database.rows<
    SummaryRow & {
      description: string;
      descriptionPrivate: boolean;
      consentAt: unknown;
      hasIdentity: boolean;
      publicAnswer: string | null;
      answerDraftedBy: string | null;
      answerDraftedById: number | null;
      answerReviewedBy: string | null;
      answeredAt: unknown;
      closedAt: unknown;
      ratingComment: string | null;
      responsibleBodyPath: string;
      forwardedAt: unknown;
      forwardedBy: string | null;
      enterpriseSummary: string | null;
      enterpriseRef: string | null;
    }
  >(
    sql`SELECT ${summaryColumns}, rb.path AS "responsibleBodyPath", r.description, r.description_private AS "descriptionPrivate", r.consent_at AS "consentAt",
          (EXISTS (SELECT 1 FROM voice_requesters q WHERE q.request_id = r.id) OR EXISTS (SELECT 1 FROM voice_signatories s WHERE s.request_id = r.id)) AS "hasIdentity",
          r.public_answer AS "publicAnswer", du.full_name AS "answerDraftedBy", r.answer_drafted_by AS "answerDraftedById", ru.full_name AS "answerReviewedBy",
          r.answered_at AS "answeredAt", r.closed_at AS "closedAt", r.rating_comment AS "ratingComment",
          r.forwarded_at AS "forwardedAt", fu.full_name AS "forwardedBy", r.enterprise_summary AS "enterpriseSummary", r.enterprise_ref AS "enterpriseRef"
        ${fromRequests} LEFT JOIN users du ON du.id = r.answer_drafted_by LEFT JOIN users ru ON ru.id = r.answer_reviewed_by
          LEFT JOIN users fu ON fu.id = r.forwarded_by
        WHERE r.id = ${id} AND ${requestScope(ctx)}`,
  );
  if (!row) throw notFound();
  const [history, notes, transfers, additions, attachments] = await Promise.all([
    database.rows<{
      at: unknown;
      action: string;
      fromStatus: string | null;
      toStatus: string | null;
      bodyName: string | null;
      userName: string | null;
      detail: string | null;
    }>(
      sql`SELECT h.at, h.action, h.from_status AS "fromStatus", h.to_status AS "toStatus", b.name AS "bodyName", u.full_name AS "userName", h.detail
          FROM voice_history h LEFT JOIN bodies b ON b.id = h.body_id LEFT JOIN users u ON u.id = h.user_id WHERE h.request_id = ${id} ORDER BY h.at, h.id`,
    ),
    database.rows<{ id: number; body: string; userName: string; createdAt: unknown }>(
      sql`SELECT n.id, n.body, u.full_name AS "userName", n.created_at AS "createdAt" FROM voice_notes n JOIN users u ON u.id = n.user_id WHERE n.request_id = ${id} ORDER BY n.created_at, n.id`,
    ),
    database.rows<{ fromBody: string; toBody: string; reason: string; oldDeadline: string; newDeadline: string; at: unknown }>(
      sql`SELECT fb.name AS "fromBody", tb.name AS "toBody", t.reason, t.old_deadline::text AS "oldDeadline", t.new_deadline::text AS "newDeadline", t.at
          FROM voice_transfers t JOIN bodies fb ON fb.id = t.from_body_id JOIN bodies tb ON tb.id = t.to_body_id WHERE t.request_id = ${id} ORDER BY t.at, t.id`,
    ),
    database.rows<{ id: number; body: string; source: string; private: boolean; createdAt: unknown }>(
      sql`SELECT id, body, source, private, created_at AS "createdAt" FROM voice_additions WHERE request_id = ${id} ORDER BY created_at, id`,
    ),
    database.rows<{ id: number; fileName: string; mime: string; sizeBytes: number; source: string; createdAt: unknown }>(
      sql`SELECT id, file_name AS "fileName", mime, size_bytes AS "sizeBytes", source, created_at AS "createdAt" FROM voice_attachments WHERE request_id = ${id} ORDER BY id`,
    ),
  ]);
  const endedAt = row.closedAt ?? row.answeredAt;
  const canReopenUntil =
    endedAt && (row.status === "answered" || row.status === "closed") ? addDays(vnToday(new Date(iso(endedAt))), settings.reopenDays) : null;
  const { consentAt, answeredAt, closedAt, responsibleBodyPath, forwardedAt, forwardedBy, enterpriseSummary, enterpriseRef, ...rest } = row;
  // Notes, additions and attachments may name the requester: only callers allowed to see identity get them.
  const mayIdentify = ctx.actor.permissions.has("voice:identity");
  return {
    ...toSummary(rest, today, dueSoonBy),
    description: row.description,
    descriptionPrivate: row.descriptionPrivate,
    consentAt: isoOrNull(consentAt),
    hasIdentity: row.hasIdentity,
    publicAnswer: row.publicAnswer,
    answerDraftedBy: row.answerDraftedBy,
    answerReviewedBy: row.answerReviewedBy,
    answeredAt: isoOrNull(answeredAt),
    closedAt: isoOrNull(closedAt),
    ratingComment: row.ratingComment,
    canReopenUntil,
    forward: forwardedAt ? { at: iso(forwardedAt), by: forwardedBy, summary: enterpriseSummary ?? "", ref: enterpriseRef ?? "" } : null,
    canForward: row.enterpriseId !== null && mayForward(ctx, responsibleBodyPath),
    canTakeOn: OPEN.includes(row.status) && row.assignedUserId !== ctx.actor.userId && mayTakeOn(ctx, responsibleBodyPath),
    // A second officer reviews (reviewAnswer refuses the author): the author is not shown "Duyệt".
    canReview: row.answerStatus === "in_review" && row.answerDraftedById !== ctx.actor.userId && ctx.actor.permissions.has("voice:write"),
    history: history.map((h) => ({ ...h, at: iso(h.at) })),
    notes: mayIdentify ? notes.map((n) => ({ ...n, createdAt: iso(n.createdAt) })) : [],
    transfers: transfers.map((t) => ({ ...t, at: iso(t.at) })),
    additions: mayIdentify ? additions.map((a) => ({ ...a, createdAt: iso(a.createdAt) })) : [],
    attachments: mayIdentify ? attachments.map((a) => ({ ...a, createdAt: iso(a.createdAt) })) : [],
  };
}

/** Who filed the request: only with `voice:identity`, and every look is audited. */
export async function getIdentity(database: Database, ctx: RequestContext, id: number, purpose: string) {
  refuseEnterprise(ctx);
  return database.db.transaction(async (tx) => {
    const [r] = await database.rows<{ id: number; anonymous: boolean }>(
      sql`SELECT r.id, r.anonymous ${fromRequests} WHERE r.id = ${id} AND ${requestScope(ctx)}`,
      tx,
    );
    if (!r) throw notFound();
    const [q] = await database.rows<{
      personId: number | null;
      fullName: string;
      phone: string | null;
      citizenId: string | null;
      email: string | null;
      address: string | null;
    }>(
      sql`SELECT person_id AS "personId", full_name AS "fullName", phone, citizen_id AS "citizenId", email, address FROM voice_requesters WHERE request_id = ${id}`,
      tx,
    );
    const signatories = await database.rows<{ fullName: string; citizenId: string | null; phone: string | null }>(
      sql`SELECT full_name AS "fullName", citizen_id AS "citizenId", phone FROM voice_signatories WHERE request_id = ${id} ORDER BY id`,
      tx,
    );
    await audit(database, tx, ctx, {
      action: "voice_identity_read",
      objectType: "voice_request",
      objectId: id,
      detail: { purpose, signatories: signatories.length },
    });
    return { requestId: id, anonymous: r.anonymous, requester: q ?? null, signatories };
  });
}

// ---------------------------------------------------------------- workflow

interface WriteRow {
  id: number;
  status: RequestStatus;
  responsibleBodyId: number;
  bodyPath: string;
  responsibleBodyName: string;
  kind: string;
  assignedUserId: number | null;
  answerStatus: string;
  answerDraftedBy: number | null;
  answeredAt: unknown;
  closedAt: unknown;
  deadline: string;
  clockStartedOn: string;
}

/** Locks the request for a change by a caller in scope, or 404. */
async function loadForWrite(database: Database, ctx: RequestContext, id: number, tx: Tx, opts: { read?: boolean } = {}): Promise<WriteRow> {
  const [row] = await database.rows<WriteRow>(
    sql`SELECT r.id, r.status, r.responsible_body_id AS "responsibleBodyId", rb.path AS "bodyPath", rb.name AS "responsibleBodyName", r.kind, r.assigned_user_id AS "assignedUserId",
               r.answer_status AS "answerStatus", r.answer_drafted_by AS "answerDraftedBy", r.answered_at AS "answeredAt", r.closed_at AS "closedAt",
               r.deadline::text AS deadline, r.clock_started_on::text AS "clockStartedOn"
        ${fromRequests} WHERE r.id = ${id} AND ${requestScope(ctx)} ${opts.read ? sql`` : sql`FOR UPDATE OF r`}`,
    tx,
  );
  if (!row) throw notFound();
  return row;
}

function transition(from: RequestStatus, allowed: RequestStatus[], what: string) {
  if (!allowed.includes(from)) throw new AppError("voice_bad_transition", `Không thể ${what} khi yêu cầu đang ở trạng thái "${statusLabel[from]}"`);
}

export const statusLabel: Record<RequestStatus, string> = {
  received: "Đã tiếp nhận",
  assigned: "Đã phân công",
  in_progress: "Đang giải quyết",
  answered: "Đã trả lời",
  closed: "Đã đóng",
};

async function history(
  database: Database,
  tx: Tx,
  ctx: RequestContext,
  id: number,
  action: string,
  from: RequestStatus | null,
  to: RequestStatus | null,
  bodyId: number | null,
  detail: string | null,
) {
  await database.rows(
    sql`INSERT INTO voice_history (request_id, action, from_status, to_status, body_id, user_id, detail)
        VALUES (${id}, ${action}, ${from}, ${to}, ${bodyId}, ${ctx.actor.userId}, ${detail})`,
    tx,
  );
}

/**
 * Whether the caller may take a request on themself ("Nhận xử lý"): staff who write requests, in the
 * responsible body or a body under it — the same rule as for any officer assigned (assignRequest).
 * The detail page shows the action only when this holds.
 */
export function mayTakeOn(ctx: RequestContext, responsibleBodyPath: string): boolean {
  return ctx.actor.permissions.has("voice:write") && ctx.actor.role !== "enterprise_rep" && ctx.actor.bodyPath.startsWith(responsibleBodyPath);
}

/**
 * Whether the caller may forward a request to its enterprise: an officer who writes requests, of the
 * responsible body, a body above it or below it (the officer who knows the case writes the summary).
 */
export function mayForward(ctx: RequestContext, responsibleBodyPath: string): boolean {
  if (!ctx.actor.permissions.has("voice:write") || ctx.actor.role === "enterprise_rep" || ctx.actor.role === "viewer") return false;
  if (ctx.actor.role === "system_admin") return true;
  return ctx.actor.bodyPath.startsWith(responsibleBodyPath) || responsibleBodyPath.startsWith(ctx.actor.bodyPath);
}

const notResponsible = (bodyName: string) =>
  new AppError(
    "voice_not_responsible",
    `Yêu cầu do ${bodyName} chịu trách nhiệm: chỉ cán bộ của đơn vị này hoặc đơn vị trực thuộc mới nhận xử lý được. Hãy phân công cán bộ của đơn vị đó hoặc chuyển yêu cầu.`,
  );

/** Starting or drafting on an unassigned request assigns the caller, but only if they may take it on. */
const selfIfAllowed = (ctx: RequestContext, r: WriteRow) => (mayTakeOn(ctx, r.bodyPath) ? ctx.actor.userId : null);

/** Assigns an officer of the responsible body (or a body under it). */
export async function assignRequest(database: Database, ctx: RequestContext, id: number, userId: number) {
  refuseEnterprise(ctx);
  return database.db.transaction(async (tx) => {
    const r = await loadForWrite(database, ctx, id, tx);
    transition(r.status, ["received", "assigned", "in_progress"], "phân công");
    if (userId === ctx.actor.userId && !mayTakeOn(ctx, r.bodyPath)) throw notResponsible(r.responsibleBodyName);
    const [u] = await database.rows<{ id: number; fullName: string }>(
      sql`SELECT u.id, u.full_name AS "fullName" FROM users u JOIN bodies b ON b.id = u.body_id
          WHERE u.id = ${userId} AND u.active AND u.role <> 'enterprise_rep' AND b.path LIKE ${`${r.bodyPath}%`}`,
      tx,
    );
    if (!u)
      throw new AppError("validation_failed", "Cán bộ được phân công phải thuộc đơn vị đang chịu trách nhiệm", {
        errors: [{ pointer: "/body/userId", message: "Cán bộ không thuộc đơn vị chịu trách nhiệm" }],
      });
    const to: RequestStatus = r.status === "received" ? "assigned" : r.status;
    await database.rows(sql`UPDATE voice_requests SET assigned_user_id = ${userId}, status = ${to}, updated_at = now() WHERE id = ${id}`, tx);
    await history(database, tx, ctx, id, "assigned", r.status, to, r.responsibleBodyId, `Phân công: ${u.fullName}`);
    await audit(database, tx, ctx, {
      action: "voice_request_assign",
      objectType: "voice_request",
      objectId: id,
      before: { assignedUserId: r.assignedUserId },
      after: { assignedUserId: userId },
    });
  });
}

/** The assigned officer starts working on it. */
export async function startRequest(database: Database, ctx: RequestContext, id: number) {
  refuseEnterprise(ctx);
  return database.db.transaction(async (tx) => {
    const r = await loadForWrite(database, ctx, id, tx);
    transition(r.status, ["received", "assigned"], "bắt đầu giải quyết");
    await database.rows(
      sql`UPDATE voice_requests SET status = 'in_progress', assigned_user_id = coalesce(assigned_user_id, ${selfIfAllowed(ctx, r)}::int), updated_at = now() WHERE id = ${id}`,
      tx,
    );
    await history(database, tx, ctx, id, "started", r.status, "in_progress", r.responsibleBodyId, null);
    await audit(database, tx, ctx, { action: "voice_request_start", objectType: "voice_request", objectId: id });
  });
}

/**
 * Transfers to another body with a reason: the old clock is closed (kept in voice_transfers) and a
 * new deadline counts from today — a deadline that survives a transfer is the classic helpdesk bug.
 */
export async function transferRequest(database: Database, ctx: RequestContext, id: number, input: { toBodyId: number; reason: string }) {
  refuseEnterprise(ctx);
  return database.db.transaction(async (tx) => {
    const r = await loadForWrite(database, ctx, id, tx);
    transition(r.status, ["received", "assigned", "in_progress"], "chuyển");
    if (input.toBodyId === r.responsibleBodyId)
      throw new AppError("validation_failed", "Yêu cầu đã thuộc đơn vị này", { errors: [{ pointer: "/body/toBodyId", message: "Chọn đơn vị khác" }] });
    const [b] = await database.rows<{ id: number; name: string }>(
      sql`SELECT id, name FROM bodies WHERE id = ${input.toBodyId} AND kind IN ('federation','zone_union','grassroots_union','zone_authority')`,
      tx,
    );
    if (!b)
      throw new AppError("validation_failed", "Đơn vị nhận không hợp lệ", { errors: [{ pointer: "/body/toBodyId", message: "Đơn vị nhận không hợp lệ" }] });
    const settings = await voiceSettings(database, tx);
    const today = vnToday();
    const newDeadline = addWorkingDays(today, settings.deadlines[r.kind as keyof typeof settings.deadlines] ?? 10, await holidays(database, tx));
    await database.rows(
      sql`INSERT INTO voice_transfers (request_id, from_body_id, to_body_id, reason, old_clock_started_on, old_deadline, new_deadline, user_id)
          VALUES (${id}, ${r.responsibleBodyId}, ${b.id}, ${input.reason}, ${r.clockStartedOn}, ${r.deadline}, ${newDeadline}, ${ctx.actor.userId})`,
      tx,
    );
    await database.rows(
      sql`UPDATE voice_requests SET responsible_body_id = ${b.id}, assigned_user_id = NULL, status = 'received', clock_started_on = ${today},
            deadline = ${newDeadline}, escalated_at = NULL, answer_status = CASE WHEN answer_status = 'published' THEN answer_status ELSE 'none' END,
            updated_at = now() WHERE id = ${id}`,
      tx,
    );
    await history(
      database,
      tx,
      ctx,
      id,
      "transferred",
      r.status,
      "received",
      b.id,
      `Chuyển đến ${b.name}. Lý do: ${input.reason}. Hạn mới: ${formatDate(newDeadline)}`,
    );
    await audit(database, tx, ctx, {
      action: "voice_request_transfer",
      objectType: "voice_request",
      objectId: id,
      before: { bodyId: r.responsibleBodyId, deadline: r.deadline },
      after: { bodyId: b.id, deadline: newDeadline },
      detail: { reason: input.reason },
    });
    return { deadline: newDeadline, responsibleBodyId: b.id };
  });
}

/** Runs of this many words copied from the worker's text count as the worker's words. */
const COPIED_RUN = 6;
function copiedRun(summary: string, source: string): boolean {
  const words = (t: string) =>
    fold(t)
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean);
  const src = words(source);
  if (src.length < COPIED_RUN) return false;
  const runs = new Set<string>();
  for (let i = 0; i + COPIED_RUN <= src.length; i++) runs.add(src.slice(i, i + COPIED_RUN).join(" "));
  const sum = words(summary);
  for (let i = 0; i + COPIED_RUN <= sum.length; i++) if (runs.has(sum.slice(i, i + COPIED_RUN).join(" "))) return true;
  return false;
}

/**
 * "Chuyển doanh nghiệp": the officer forwards the request to its enterprise with a summary they wrote.
 * The enterprise sees that summary and the day, nothing else. The summary may not carry the sender's
 * name, phone or ID, nor the worker's title or a run of their words; a request the worker asked to
 * keep from the employer needs the officer's explicit confirmation. Forwarding again replaces the summary.
 */
export async function forwardRequest(
  database: Database,
  ctx: RequestContext,
  id: number,
  input: { summary: string; acknowledgePrivate?: boolean | undefined },
) {
  refuseEnterprise(ctx);
  const summary = cleanText(input.summary);
  return database.db.transaction(async (tx) => {
    const r = await loadForWrite(database, ctx, id, tx);
    if (!mayForward(ctx, r.bodyPath)) throw notResponsible(r.responsibleBodyName);
    const [x] = await database.rows<{ enterpriseId: number | null; title: string; description: string; private: boolean; ref: string | null }>(
      sql`SELECT enterprise_id AS "enterpriseId", title, description, description_private AS private, enterprise_ref AS ref FROM voice_requests WHERE id = ${id}`,
      tx,
    );
    if (!x?.enterpriseId) throw new AppError("voice_bad_transition", "Yêu cầu không gắn với doanh nghiệp nào trong danh bạ: không có doanh nghiệp để chuyển");
    const bad = (message: string) => new AppError("validation_failed", message, { errors: [{ pointer: "/body/summary", message }] });
    const ids = (await identityStrings(database, id, tx)).filter((v) => v.trim().length >= 3);
    const folded = fold(summary);
    if (ids.some((v) => folded.includes(fold(v)))) throw bad("Tóm tắt còn họ tên, số điện thoại hoặc số CCCD của người gửi; hãy xóa trước khi chuyển");
    if (folded.includes(fold(x.title)) || copiedRun(summary, `${x.title}\n${x.description}`))
      throw bad("Tóm tắt chép nguyên văn lời người gửi; hãy viết lại bằng lời của cán bộ, không nêu chi tiết có thể nhận ra người gửi");
    if (x.private && !input.acknowledgePrivate)
      throw new AppError(
        "voice_private_forward",
        "Người gửi đề nghị không cho doanh nghiệp biết nội dung: xác nhận rằng tóm tắt không để lộ người gửi trước khi chuyển",
        {
          errors: [{ pointer: "/body/acknowledgePrivate", message: "Xác nhận tóm tắt không để lộ người gửi" }],
        },
      );
    const ref = x.ref ?? newForwardRef();
    await database.rows(
      sql`UPDATE voice_requests SET forwarded_at = now(), forwarded_by = ${ctx.actor.userId}, enterprise_summary = ${summary}, enterprise_ref = ${ref}, updated_at = now()
          WHERE id = ${id}`,
      tx,
    );
    await history(database, tx, ctx, id, "forwarded", r.status, r.status, r.responsibleBodyId, `Chuyển doanh nghiệp (${ref}): ${summary}`);
    await audit(database, tx, ctx, {
      action: "voice_request_forward",
      objectType: "voice_request",
      objectId: id,
      after: { enterpriseId: x.enterpriseId, ref, summary },
      detail: { private: x.private, again: x.ref !== null },
    });
    return { ref, forwardedOn: vnToday() };
  });
}

/** The enterprise's reference of a forwarded request: random, so it does not date the filing. */
function newForwardRef(): string {
  return `CV-${groupFour(draw(8))}`;
}

export async function addNote(database: Database, ctx: RequestContext, id: number, body: string) {
  refuseEnterprise(ctx);
  return database.db.transaction(async (tx) => {
    const r = await loadForWrite(database, ctx, id, tx);
    const [n] = await database.rows<{ id: number }>(
      sql`INSERT INTO voice_notes (request_id, body, user_id) VALUES (${id}, ${body.normalize("NFC").trim()}, ${ctx.actor.userId}) RETURNING id`,
      tx,
    );
    await history(database, tx, ctx, id, "note", r.status, r.status, null, null);
    await audit(database, tx, ctx, { action: "voice_note_add", objectType: "voice_request", objectId: id, detail: { noteId: n?.id } });
    return { id: n?.id ?? 0 };
  });
}

/** The answer is drafted and goes to review; nothing reaches the public yet. */
export async function draftAnswer(database: Database, ctx: RequestContext, id: number, answer: string) {
  refuseEnterprise(ctx);
  return database.db.transaction(async (tx) => {
    const r = await loadForWrite(database, ctx, id, tx);
    transition(r.status, ["received", "assigned", "in_progress"], "soạn câu trả lời");
    await database.rows(
      sql`UPDATE voice_requests SET public_answer = ${answer.normalize("NFC").trim()}, answer_status = 'in_review', answer_drafted_by = ${ctx.actor.userId},
            answer_reviewed_by = NULL, status = 'in_progress', assigned_user_id = coalesce(assigned_user_id, ${selfIfAllowed(ctx, r)}::int), updated_at = now() WHERE id = ${id}`,
      tx,
    );
    await history(database, tx, ctx, id, "answer_drafted", r.status, "in_progress", r.responsibleBodyId, "Câu trả lời chờ duyệt");
    await audit(database, tx, ctx, { action: "voice_answer_draft", objectType: "voice_request", objectId: id });
  });
}

/** A second person approves or returns the draft; the drafter cannot approve their own. */
export async function reviewAnswer(database: Database, ctx: RequestContext, id: number, input: { approve: boolean; comment?: string | undefined }) {
  refuseEnterprise(ctx);
  return database.db.transaction(async (tx) => {
    const r = await loadForWrite(database, ctx, id, tx);
    if (r.answerStatus !== "in_review") throw new AppError("voice_bad_transition", "Không có câu trả lời nào đang chờ duyệt");
    if (r.answerDraftedBy === ctx.actor.userId) throw new AppError("voice_review_self", "Người soạn không tự duyệt câu trả lời của mình");
    await database.rows(
      sql`UPDATE voice_requests SET answer_status = ${input.approve ? "approved" : "none"}, answer_reviewed_by = ${ctx.actor.userId}, updated_at = now() WHERE id = ${id}`,
      tx,
    );
    await history(database, tx, ctx, id, input.approve ? "answer_approved" : "answer_returned", r.status, r.status, r.responsibleBodyId, input.comment ?? null);
    await audit(database, tx, ctx, {
      action: input.approve ? "voice_answer_approve" : "voice_answer_return",
      objectType: "voice_request",
      objectId: id,
      detail: { comment: input.comment },
    });
  });
}

/** Publishes the approved answer: the requester sees it and the request is answered. */
export async function publishAnswer(database: Database, ctx: RequestContext, id: number) {
  refuseEnterprise(ctx);
  return database.db.transaction(async (tx) => {
    const r = await loadForWrite(database, ctx, id, tx);
    if (r.answerStatus !== "approved") throw new AppError("voice_bad_transition", "Câu trả lời cần được duyệt trước khi công bố");
    await database.rows(
      sql`UPDATE voice_requests SET answer_status = 'published', status = 'answered', answered_at = now(), updated_at = now() WHERE id = ${id}`,
      tx,
    );
    await history(database, tx, ctx, id, "answered", r.status, "answered", r.responsibleBodyId, "Công bố câu trả lời");
    await audit(database, tx, ctx, { action: "voice_answer_publish", objectType: "voice_request", objectId: id });
  });
}

export async function closeRequest(database: Database, ctx: RequestContext, id: number, reason: string | undefined) {
  refuseEnterprise(ctx);
  return database.db.transaction(async (tx) => {
    const r = await loadForWrite(database, ctx, id, tx);
    transition(r.status, ["answered"], "đóng");
    await database.rows(sql`UPDATE voice_requests SET status = 'closed', closed_at = now(), updated_at = now() WHERE id = ${id}`, tx);
    await history(database, tx, ctx, id, "closed", r.status, "closed", r.responsibleBodyId, reason ?? null);
    await audit(database, tx, ctx, { action: "voice_request_close", objectType: "voice_request", objectId: id });
  });
}

/** Reopens an answered or closed request within the configured window; a new clock starts. */
export async function reopenRequest(database: Database, ctx: RequestContext, id: number, reason: string) {
  refuseEnterprise(ctx);
  return database.db.transaction(async (tx) => {
    const r = await loadForWrite(database, ctx, id, tx);
    transition(r.status, ["answered", "closed"], "mở lại");
    const settings = await voiceSettings(database, tx);
    const ended = r.closedAt ?? r.answeredAt;
    const until = addDays(vnToday(ended ? new Date(iso(ended)) : now()), settings.reopenDays);
    const today = vnToday();
    if (today > until) throw new AppError("voice_reopen_expired", `Chỉ mở lại được trong ${settings.reopenDays} ngày (đến ${formatDate(until)})`);
    const deadline = addWorkingDays(today, settings.deadlines[r.kind as keyof typeof settings.deadlines] ?? 10, await holidays(database, tx));
    await database.rows(
      sql`UPDATE voice_requests SET status = 'in_progress', closed_at = NULL, answer_status = 'none', clock_started_on = ${today}, deadline = ${deadline},
            escalated_at = NULL, updated_at = now() WHERE id = ${id}`,
      tx,
    );
    await history(database, tx, ctx, id, "reopened", r.status, "in_progress", r.responsibleBodyId, `${reason}. Hạn mới: ${formatDate(deadline)}`);
    await audit(database, tx, ctx, { action: "voice_request_reopen", objectType: "voice_request", objectId: id, detail: { reason }, after: { deadline } });
    return { deadline };
  });
}

/**
 * Escalates overdue requests in the caller's scope to the head of their body: stamps them, writes
 * the history, and returns them. The "quá hạn" list of a body admin shows them.
 */
export async function escalateOverdue(database: Database, ctx: RequestContext) {
  refuseEnterprise(ctx);
  const today = vnToday();
  return database.db.transaction(async (tx) => {
    const rows = await database.rows<{ id: number; bodyId: number; deadline: string }>(
      sql`UPDATE voice_requests r SET escalated_at = now() FROM bodies rb
          WHERE rb.id = r.responsible_body_id AND r.status IN ('received','assigned','in_progress') AND r.deadline < ${today} AND r.escalated_at IS NULL
            AND r.id IN (SELECT r.id ${fromRequests} WHERE ${requestScope(ctx)})
          RETURNING r.id, r.responsible_body_id AS "bodyId", r.deadline::text AS deadline`,
      tx,
    );
    if (rows.length) {
      await database.rows(
        sql`INSERT INTO voice_history (request_id, action, body_id, user_id, detail)
            SELECT x.id, 'escalated', x.body_id, ${ctx.actor.userId}::int, 'Quá hạn — báo cáo lãnh đạo đơn vị (hạn ' || x.deadline || ')'
            FROM jsonb_to_recordset(${JSON.stringify(rows.map((r) => ({ id: r.id, body_id: r.bodyId, deadline: r.deadline })))}::jsonb) AS x(id int, body_id int, deadline text)`,
        tx,
      );
    }
    await audit(database, tx, ctx, { action: "voice_escalate_overdue", objectType: "voice_request", detail: { count: rows.length } });
    return { escalated: rows.length };
  });
}

/** The "quá hạn" list for a body head: overdue requests of their body and the bodies under it. */
export async function overdueForHead(database: Database, ctx: RequestContext) {
  refuseEnterprise(ctx);
  if (ctx.actor.role !== "body_admin" && ctx.actor.role !== "system_admin") throw new AppError("forbidden", "Danh sách quá hạn dành cho lãnh đạo đơn vị");
  const { today, dueSoonBy } = await horizon(database);
  const rows = await database.rows<SummaryRow>(
    sql`SELECT ${summaryColumns} ${fromRequests}
        WHERE ${requestScope(ctx)} AND rb.path LIKE ${`${ctx.actor.bodyPath}%`} AND r.status IN ('received','assigned','in_progress') AND r.deadline < ${today}
        ORDER BY r.deadline, r.id LIMIT 500`,
  );
  return rows.map((r) => toSummary(r, today, dueSoonBy));
}

/** Public enterprise picker: name or tax code, without diacritics; only name and zone. */
export async function lookupEnterprises(database: Database, q: string) {
  const f = fold(q);
  if (f.length < 2) return [];
  const digits = q.replace(/\D/g, "");
  const like = `%${f.replace(/[%_\\]/g, "\\$&")}%`;
  const rows = await database.rows<{ id: number; name: string; zone: string | null }>(
    sql`SELECT e.id, e.name, z.name AS zone FROM enterprises e LEFT JOIN zones z ON z.id = e.zone_id
        WHERE e.status = 'active' AND (e.name_fold LIKE ${like} ${digits.length >= 6 ? sql`OR e.tax_code LIKE ${`${digits}%`}` : sql``})
        ORDER BY (e.name ILIKE ${`%${q.trim()}%`}) DESC, similarity(e.name_fold, ${f}) DESC, e.name LIMIT 10`,
  );
  return rows;
}

/** Bodies a request can be transferred to, searched by name without diacritics. */
export async function receivingBodies(database: Database, ctx: RequestContext, q: string | undefined) {
  refuseEnterprise(ctx);
  const f = q ? fold(q) : "";
  // City-level callers may send anywhere; others up to the city bodies, to their own parent, or down their subtree.
  const reach =
    ctx.actor.scope.kind === "city"
      ? sql`true`
      : sql`(kind IN ('federation','zone_authority') OR path LIKE ${`${ctx.actor.bodyPath}%`} OR id = (SELECT parent_id FROM bodies WHERE id = ${ctx.actor.bodyId}))`;
  return database.rows<{ id: number; name: string; kind: string }>(
    sql`SELECT id, name, kind FROM bodies WHERE kind IN ('federation','zone_union','grassroots_union','zone_authority') AND ${reach}
        ${f ? sql`AND name_fold LIKE ${`%${f.replace(/[%_\\]/g, "\\$&")}%`}` : sql``}
        ORDER BY CASE kind WHEN 'federation' THEN 0 WHEN 'zone_authority' THEN 1 WHEN 'zone_union' THEN 2 ELSE 3 END, name LIMIT 20`,
  );
}

/** Officers who may be assigned a request: active staff of its responsible body or below. */
export async function assignableOfficers(database: Database, ctx: RequestContext, id: number) {
  refuseEnterprise(ctx);
  const [r] = await database.rows<{ path: string }>(sql`SELECT rb.path ${fromRequests} WHERE r.id = ${id} AND ${requestScope(ctx)}`);
  if (!r) throw notFound();
  return database.rows<{ id: number; fullName: string; bodyName: string }>(
    sql`SELECT u.id, u.full_name AS "fullName", b.name AS "bodyName" FROM users u JOIN bodies b ON b.id = u.body_id
        WHERE u.active AND u.role IN ('body_admin','officer','union_officer') AND b.path LIKE ${`${r.path}%`} ORDER BY b.path, u.full_name LIMIT 100`,
  );
}
