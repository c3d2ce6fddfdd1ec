/** Staff intake (hotline, visits, letters): filing for a caller, finding them in the registry, picking an enterprise. */
import { sql } from "drizzle-orm";
import type { Database } from "#server/db/client.ts";
import type { RequestContext } from "#server/http/context.ts";
import { AppError } from "#server/http/errors.ts";
import { personScope } from "#server/modules/access/index.ts";
import { audit } from "#server/modules/access/index.ts";
import { fold } from "#shared/text.ts";
import type { IntakeBody } from "./voice.schema.ts";
import { refuseEnterprise } from "./requests.shared.ts";
import { callFor, linkCall } from "./hotline.reads.ts";
import { insertRequest, type NewRequest } from "./submission.service.ts";

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
  if (body.callId) await refuseTakenCall(database, ctx, body.callId);
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
      noticeContact: body.notice ? { phone: body.notice.phone ?? null, email: body.notice.email ?? null } : null,
    },
    { ctx, ip: ctx.ip, requestId: ctx.requestId },
  );
  const callId = body.callId;
  if (callId) await database.db.transaction((tx) => linkCall(database, tx, ctx, callId, r.id));
  return { id: r.id, code: r.code, secret: r.secret, deadline: r.deadline, responsibleBodyId: r.responsibleBodyId };
}

/** A request taken from a call: the call must be the officer's to see and not yet another request's. */
async function refuseTakenCall(database: Database, ctx: RequestContext, callId: number) {
  const call = await callFor(database, ctx, callId);
  if (!call || call.requestId !== null)
    throw new AppError("validation_failed", "Cuộc gọi không tìm thấy hoặc đã thành yêu cầu khác", {
      errors: [{ pointer: "/body/callId", message: "Cuộc gọi không tìm thấy hoặc đã thành yêu cầu khác" }],
    });
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
