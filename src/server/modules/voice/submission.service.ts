/** Filing a request: the public submission (group-committed) and the one statement every filing goes through. */
import { now } from "#shared/clock.ts";
import { sql } from "drizzle-orm";
import type { Database } from "#server/db/client.ts";
import { GroupCommit } from "#server/db/group-commit.ts";
import type { RequestContext } from "#server/http/context.ts";
import { AppError } from "#server/http/errors.ts";
import { newRequestStatement, receiptStatements } from "#server/modules/notify/index.ts";
import { squeeze } from "#shared/secrets.ts";
import { cleanText } from "#shared/text.ts";
import { deadlineAfter, holidays, vnToday, voiceSettings } from "./calendar.ts";
import { enterpriseFactsCached, forgetEnterpriseFacts, routeRequest } from "./routing.ts";
import { CONSENT_VERSION, type PublicRequestBody } from "./voice.schema.ts";
import { hashSecret, keyedCodeAndSecret, newCode, newSecret } from "./tracking-code.ts";

export interface NewRequest {
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
  /** A phone or e-mail for notices only: kept apart from the request by notify, never shown to staff or the employer. */
  noticeContact?: { phone: string | null; email: string | null } | null;
  /** A public submission's key with the code and secret derived from it (a retry answers the same). */
  keyed?: { key: string; code: string; secret: string };
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
  const secret = input.keyed?.secret ?? newSecret();
  const hasIdentity = !input.anonymous && input.requester !== null;
  const sigs = input.anonymous ? [] : input.signatories;
  const enterpriseName = enterprise?.name ?? (input.enterpriseName ? cleanText(input.enterpriseName) : null);
  const signatoryCount = input.collective ? (input.signatoryCount ?? (sigs.length || null)) : null;
  const after = { kind: input.kind, topic: input.topic, channel: input.channel, anonymous: input.anonymous, responsibleBodyId: route.bodyId, deadline };
  const req = hasIdentity ? input.requester : null;
  const code = input.keyed?.code ?? newCode();
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
      submission_key: input.keyed?.key ?? null,
      has_identity: hasIdentity,
      person_id: req?.personId ?? null,
      full_name: req ? cleanText(req.fullName) : null,
      phone: req?.phone ?? null,
      citizen_id: req?.citizenId ?? null,
      email: req?.email ?? null,
      address: req?.address ?? null,
      notice_phone: input.noticeContact?.phone ?? null,
      notice_email: input.noticeContact?.email ?? null,
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
            created_by int, submission_key text, has_identity boolean, person_id int, full_name text, phone text, citizen_id text, email text, address text,
            notice_phone text, notice_email text, signatories jsonb, history_detail text, audit_user_id int, audit_username text, audit_body_id int, ip text, request_id text, after jsonb)),
        r AS (
          INSERT INTO voice_requests (code, secret_hash, kind, topic, channel, requester_kind, title, description, description_private,
            enterprise_id, enterprise_name, anonymous, collective, signatory_count, consent_version, consent_at,
            responsible_body_id, received_at, clock_started_on, deadline, created_by, submission_key)
          SELECT code, secret_hash, kind, topic, channel, requester_kind, title, description, description_private,
            enterprise_id, enterprise_name, anonymous, collective, signatory_count, consent_version, consent_at,
            responsible_body_id, received_at, clock_started_on, deadline, created_by, submission_key
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
        ${receiptStatements(database, "j")}${newRequestStatement("j")}
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
      // The same submission arrived before (a retry through the proxy): its receipt, not a second request.
      const key = p.row.submission_key;
      if (e.code === "23505" && typeof key === "string") {
        const first = await findKeyedSubmission(database, key);
        if (first) return { ...first, secret: p.secret };
      }
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

/** The request a keyed public submission stored, if it was stored (its secret is derived again by the caller). */
export async function findKeyedSubmission(database: Database, key: string): Promise<Omit<Filed, "secret"> | null> {
  const [row] = await database.rows<{ id: number; code: string; deadline: string; responsibleBodyId: number }>(
    sql`SELECT id, code, deadline::text AS deadline, responsible_body_id AS "responsibleBodyId" FROM voice_requests WHERE submission_key = ${key}`,
  );
  return row ?? null;
}

/** The receipt of a keyed submission already stored, or null: a retried POST answers it without filing again. */
export async function keyedReceipt(database: Database, sessionSecret: string, key: string | undefined) {
  if (!key) return null;
  const first = await findKeyedSubmission(database, key);
  if (!first) return null;
  return { code: first.code, secret: keyedCodeAndSecret(sessionSecret, key).secret, deadline: first.deadline };
}

export async function insertRequest(database: Database, input: NewRequest, audited: { ctx: RequestContext | null; ip: string | null; requestId: string }) {
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
export async function submitPublic(
  database: Database,
  body: PublicRequestBody,
  meta: { ip: string; requestId: string; channel: "web" | "app" /** Needed for a keyed submission (body.submissionKey). */; sessionSecret?: string },
) {
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
      noticeContact: body.notice ? { phone: body.notice.phone ?? null, email: body.notice.email ?? null } : null,
      ...(body.submissionKey && meta.sessionSecret
        ? { keyed: { key: body.submissionKey, ...keyedCodeAndSecret(meta.sessionSecret, body.submissionKey) } }
        : {}),
    },
    { ctx: null, ip: meta.ip, requestId: meta.requestId },
  );
  const r = await publicWriter(database).submit(prepared);
  return { code: r.code, secret: r.secret, deadline: r.deadline };
}
