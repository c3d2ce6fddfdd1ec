import { randomInt } from "node:crypto";
import { type SQL, sql } from "drizzle-orm";
import type { Database, Tx } from "#server/db/client.ts";
import type { RequestContext } from "#server/http/context.ts";
import { AppError, notFound } from "#server/http/errors.ts";
import { audit } from "#server/modules/access/index.ts";
import { vnToday } from "#server/modules/voice/index.ts";
import { noticeContactOf } from "#server/modules/notify/index.ts";
import { iso, tracked } from "#server/modules/voice/index.ts";
import { HAND_ALPHABET, groupFour } from "#shared/secrets.ts";
import { eraseIdentity } from "./erase.ts";
import { deadlineRule } from "./retention.settings.ts";

/**
 * The data subject's rights (issue #15.3, Law 91/2025/QH15): see what is held, ask for a correction,
 * withdraw consent, ask for deletion. Each is a tracked request with the legal deadline of the day it
 * was received; an officer of the responsible body answers it; every step is audited. A worker uses
 * the tracking code and secret of their request; a member goes through an officer who checks their ID.
 */

import { rightKinds } from "#shared/enums.ts";

export { rightKinds };
export type RightKind = (typeof rightKinds)[number];
export const rightLabels: Record<RightKind, string> = {
  access: "Xem dữ liệu đang lưu",
  correction: "Sửa dữ liệu",
  withdraw: "Rút lại sự đồng ý",
  deletion: "Xóa dữ liệu",
};

const newCode = () => `DL-${groupFour(Array.from({ length: 8 }, () => HAND_ALPHABET[randomInt(HAND_ALPHABET.length)]).join(""))}`;

/** The deadline of a request received now: the rule in force today (Vietnam), in hours. */
async function dueOf(database: Database, tx: Tx) {
  const rule = await deadlineRule(database, vnToday(), tx);
  return { dueAt: new Date(Date.now() + rule.hours * 3600_000).toISOString(), basis: `${rule.basis}: ${rule.hours} giờ` };
}

/** What is held about the sender of a request, for the sender (code + secret). */
export async function heldAbout(database: Database, code: string, secret: string | undefined) {
  const t = await tracked(database, code, secret);
  const [r] = await database.rows<{
    code: string;
    kind: string;
    topic: string;
    title: string;
    description: string;
    receivedAt: unknown;
    status: string;
    anonymous: boolean;
    consentVersion: string | null;
    consentAt: unknown;
    withdrawnAt: unknown;
    body: string;
    forwarded: boolean;
  }>(
    sql`SELECT r.code, r.kind, r.topic, r.title, r.description, r.received_at AS "receivedAt", r.status, r.anonymous, r.consent_version AS "consentVersion",
               r.consent_at AS "consentAt", r.consent_withdrawn_at AS "withdrawnAt", b.name AS body, r.forwarded_at IS NOT NULL AS forwarded
        FROM voice_requests r JOIN bodies b ON b.id = r.responsible_body_id WHERE r.id = ${t.id}`,
  );
  if (!r) throw notFound();
  const [who] = await database.rows<{ fullName: string; phone: string | null; citizenId: string | null; email: string | null; address: string | null }>(
    sql`SELECT full_name AS "fullName", phone, citizen_id AS "citizenId", email, address FROM voice_requesters WHERE request_id = ${t.id}`,
  );
  const [counts] = await database.rows<{ signatories: number; attachments: number; additions: number }>(
    sql`SELECT (SELECT count(*)::int FROM voice_signatories WHERE request_id = ${t.id}) AS signatories,
               (SELECT count(*)::int FROM voice_attachments WHERE request_id = ${t.id}) AS attachments,
               (SELECT count(*)::int FROM voice_additions WHERE request_id = ${t.id}) AS additions`,
  );
  const requests = await database.rows<{ code: string; kind: RightKind; status: string; receivedAt: unknown; dueAt: unknown; answer: string | null }>(
    sql`SELECT code, kind, status, received_at AS "receivedAt", due_at AS "dueAt", answer FROM privacy_requests
        WHERE subject_type = 'voice_request' AND subject_id = ${t.id} ORDER BY received_at DESC`,
  );
  return {
    request: {
      code: r.code,
      kind: r.kind,
      topic: r.topic,
      title: r.title,
      description: r.description,
      receivedAt: iso(r.receivedAt),
      status: r.status,
      responsibleBody: r.body,
      forwardedToEnterprise: r.forwarded,
    },
    identity: who ?? null,
    noticeContact: await noticeContactOf(database, t.id),
    signatories: counts?.signatories ?? 0,
    attachments: counts?.attachments ?? 0,
    additions: counts?.additions ?? 0,
    consent: { version: r.consentVersion, at: r.consentAt ? iso(r.consentAt) : null, withdrawnAt: r.withdrawnAt ? iso(r.withdrawnAt) : null },
    rightsRequests: requests.map((x) => ({ ...x, receivedAt: iso(x.receivedAt), dueAt: iso(x.dueAt) })),
  };
}

/**
 * The sender files a rights request. Withdrawing consent takes effect at once (the identity is erased,
 * the request goes on without it) and is answered on the spot; the others wait for an officer.
 */
export async function fileFromPortal(
  database: Database,
  code: string,
  secret: string | undefined,
  input: { kind: RightKind; detail?: string | undefined },
  meta: { requestId: string },
) {
  return database.db.transaction(async (tx) => {
    const t = await tracked(database, code, secret, tx);
    const [r] = await database.rows<{ bodyId: number; withdrawn: boolean }>(
      sql`SELECT responsible_body_id AS "bodyId", consent_withdrawn_at IS NOT NULL AS withdrawn FROM voice_requests WHERE id = ${t.id} FOR UPDATE`,
      tx,
    );
    if (!r) throw notFound();
    const due = await dueOf(database, tx);
    const rcode = newCode();
    let status = "received";
    let answer: string | null = null;
    if (input.kind === "withdraw") {
      if (r.withdrawn) throw new AppError("privacy_already_withdrawn", "Bạn đã rút lại sự đồng ý cho yêu cầu này");
      const erased = await eraseIdentity(database, tx, sql`${t.id}`);
      await database.rows(sql`UPDATE voice_requests SET consent_withdrawn_at = now(), updated_at = now() WHERE id = ${t.id}`, tx);
      await database.rows(sql`INSERT INTO voice_history (request_id, action, detail) VALUES (${t.id}, 'consent_withdrawn', 'Người gửi rút lại sự đồng ý')`, tx);
      status = "done";
      answer =
        erased > 0
          ? "Đã ghi nhận việc rút lại sự đồng ý. Họ tên và thông tin liên hệ của bạn đã được xóa; yêu cầu tiếp tục được giải quyết không kèm danh tính."
          : "Đã ghi nhận việc rút lại sự đồng ý. Yêu cầu không lưu thông tin nhận dạng nào của bạn.";
    }
    const [row] = await database.rows<{ id: number }>(
      sql`INSERT INTO privacy_requests (code, kind, subject_type, subject_id, detail, channel, responsible_body_id, status, due_at, due_basis, answer, handled_at)
          VALUES (${rcode}, ${input.kind}, 'voice_request', ${t.id}, ${input.detail?.normalize("NFC").trim() || null}, 'portal', ${r.bodyId}, ${status},
                  ${due.dueAt}, ${due.basis}, ${answer}, ${status === "done" ? sql`now()` : null}) RETURNING id`,
      tx,
    );
    await audit(database, tx, null, {
      action: "privacy_request_create",
      objectType: "privacy_request",
      objectId: row?.id,
      after: { kind: input.kind, subject: "voice_request", status },
      detail: { requestId: meta.requestId },
    });
    return { code: rcode, kind: input.kind, status, dueAt: due.dueAt, answer };
  });
}

/** Officers' scope over rights requests: those of their body and the bodies under it (the city: all). */
function scopeOf(ctx: RequestContext): SQL {
  return ctx.actor.scope.kind === "city" ? sql`true` : sql`b.path LIKE ${`${ctx.actor.bodyPath}%`}`;
}

/** A member's rights request, filed by an officer who checked the member's identity document. */
export async function fileForMember(
  database: Database,
  ctx: RequestContext,
  input: { personId: number; kind: RightKind; detail: string; identityChecked: true },
) {
  return database.db.transaction(async (tx) => {
    const [p] = await database.rows<{ id: number }>(
      sql`SELECT p.id FROM people p WHERE p.id = ${input.personId}
          AND (${ctx.actor.scope.kind === "city"} OR EXISTS (SELECT 1 FROM memberships m JOIN bodies b ON b.id = m.union_id
                 WHERE m.person_id = p.id AND b.path LIKE ${`${ctx.actor.bodyPath}%`}))`,
      tx,
    );
    if (!p) throw notFound("Không tìm thấy đoàn viên trong phạm vi của bạn");
    const due = await dueOf(database, tx);
    const code = newCode();
    const [row] = await database.rows<{ id: number }>(
      sql`INSERT INTO privacy_requests (code, kind, subject_type, subject_id, detail, channel, identity_checked_by, responsible_body_id, due_at, due_basis)
          VALUES (${code}, ${input.kind}, 'person', ${p.id}, ${input.detail.normalize("NFC").trim()}, 'officer', ${ctx.actor.userId}, ${ctx.actor.bodyId},
                  ${due.dueAt}, ${due.basis}) RETURNING id`,
      tx,
    );
    await audit(database, tx, ctx, {
      action: "privacy_request_create",
      objectType: "privacy_request",
      objectId: row?.id,
      after: { kind: input.kind, subject: "person", personId: p.id, identityChecked: true },
    });
    return { id: row?.id ?? 0, code, dueAt: due.dueAt };
  });
}

/** The officers' queue: open first, by deadline; overdue flagged. */
export async function listRightsRequests(database: Database, ctx: RequestContext, q: { open?: boolean | undefined }) {
  const rows = await database.rows<{
    id: number;
    code: string;
    kind: RightKind;
    subjectType: string;
    subjectId: number;
    subjectRef: string | null;
    detail: string | null;
    channel: string;
    status: string;
    receivedAt: unknown;
    dueAt: unknown;
    dueBasis: string;
    answer: string | null;
    bodyName: string;
  }>(
    sql`SELECT x.id, x.code, x.kind, x.subject_type AS "subjectType", x.subject_id AS "subjectId",
               CASE x.subject_type WHEN 'voice_request' THEN (SELECT r.code FROM voice_requests r WHERE r.id = x.subject_id) END AS "subjectRef",
               x.detail, x.channel, x.status, x.received_at AS "receivedAt", x.due_at AS "dueAt", x.due_basis AS "dueBasis", x.answer, b.name AS "bodyName"
        FROM privacy_requests x JOIN bodies b ON b.id = x.responsible_body_id
        WHERE ${scopeOf(ctx)} ${q.open ? sql`AND x.status = 'received'` : sql``}
        ORDER BY (x.status = 'received') DESC, x.due_at LIMIT 500`,
  );
  const now = Date.now();
  return rows.map((r) => ({
    ...r,
    receivedAt: iso(r.receivedAt),
    dueAt: iso(r.dueAt),
    overdue: r.status === "received" && new Date(iso(r.dueAt)).getTime() < now,
  }));
}

/**
 * The officer answers. A correction done may carry the corrected contact fields (applied to the
 * request's identity); a deletion done erases the identity of the request. The answer reaches the
 * sender on the portal; everything is audited.
 */
export async function resolveRightsRequest(
  database: Database,
  ctx: RequestContext,
  id: number,
  input: {
    outcome: "done" | "refused";
    answer: string;
    correction?: { fullName?: string | undefined; phone?: string | undefined; email?: string | undefined; address?: string | undefined } | undefined;
  },
) {
  return database.db.transaction(async (tx) => {
    const [x] = await database.rows<{ id: number; kind: RightKind; status: string; subjectType: string; subjectId: number }>(
      sql`SELECT x.id, x.kind, x.status, x.subject_type AS "subjectType", x.subject_id AS "subjectId"
          FROM privacy_requests x JOIN bodies b ON b.id = x.responsible_body_id WHERE x.id = ${id} AND ${scopeOf(ctx)} FOR UPDATE OF x`,
      tx,
    );
    if (!x) throw notFound();
    if (x.status !== "received") throw new AppError("privacy_request_closed", "Yêu cầu này đã được trả lời");
    let applied: Record<string, unknown> = {};
    if (input.outcome === "done" && x.subjectType === "voice_request") {
      if (x.kind === "deletion") applied = { erased: await eraseIdentity(database, tx, sql`${x.subjectId}`) };
      if (x.kind === "correction" && input.correction) {
        const c = input.correction;
        const rows = await database.rows<{ id: number }>(
          sql`UPDATE voice_requesters SET full_name = coalesce(${c.fullName ?? null}, full_name), phone = coalesce(${c.phone ?? null}, phone),
                email = coalesce(${c.email ?? null}, email), address = coalesce(${c.address ?? null}, address)
              WHERE request_id = ${x.subjectId} RETURNING request_id AS id`,
          tx,
        );
        applied = { corrected: rows.length > 0 ? Object.keys(c) : [] };
      }
    }
    await database.rows(
      sql`UPDATE privacy_requests SET status = ${input.outcome}, answer = ${input.answer.normalize("NFC").trim()}, handled_by = ${ctx.actor.userId}, handled_at = now()
          WHERE id = ${id}`,
      tx,
    );
    await audit(database, tx, ctx, {
      action: "privacy_request_resolve",
      objectType: "privacy_request",
      objectId: id,
      after: { outcome: input.outcome, kind: x.kind, ...applied },
    });
    return { status: input.outcome };
  });
}
