import { randomInt } from "node:crypto";
import { checkCitizenIdProvince } from "#shared/identifiers.ts";
import { type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { noticeFor } from "#server/modules/privacy/index.ts";
import type { Database, Tx } from "#server/db/client.ts";
import type { RequestContext } from "#server/http/context.ts";
import { AppError } from "#server/http/errors.ts";
import { PERSON_OUT_OF_SCOPE, personScope, unionScope } from "#server/modules/access/index.ts";
import { audit } from "#server/modules/access/index.ts";
import { completePerson, openMembership, registerPeople } from "#server/modules/registry/index.ts";
import { normalizePhone } from "#shared/identifiers.ts";
import { maskIdentifier } from "#shared/mask.ts";
import { HAND_ALPHABET, groupFour } from "#shared/secrets.ts";
import { cleanText, fold, formatDate, splitFullName } from "#shared/text.ts";
import { isoDate } from "./care.schema.ts";
import { isUniqueViolation } from "./payouts.service.ts";
import { vnToday, vnYear } from "#shared/clock.ts";

export const joinBody = z
  .object({
    fullName: z.string().trim().min(3, "Nhập họ và tên").max(200),
    birthDate: isoDate,
    citizenId: z
      .string()
      .trim()
      .regex(/^(\d{12}|\d{9})$/, "Số CCCD gồm 12 chữ số (hoặc CMND 9 chữ số)")
      .superRefine(checkCitizenIdProvince),
    phone: z.string().trim().min(9, "Nhập số điện thoại").max(20),
    enterpriseId: z.number().int().positive().nullish(),
    enterpriseName: z.string().trim().max(300).nullish(),
    consent: z.literal(true, { error: "Cần đồng ý cho công đoàn sử dụng thông tin để xét kết nạp" }),
  })
  .superRefine((b, ctx) => {
    if (!normalizePhone(b.phone)) ctx.addIssue({ code: "custom", path: ["phone"], message: "Số điện thoại không hợp lệ" });
    if (!b.enterpriseId && !b.enterpriseName)
      ctx.addIssue({ code: "custom", path: ["enterpriseId"], message: "Chọn hoặc nhập tên doanh nghiệp nơi bạn làm việc" });
    const y = Number(b.birthDate.slice(0, 4));
    const age = vnYear() - y;
    if (age < 15 || age > 80) ctx.addIssue({ code: "custom", path: ["birthDate"], message: "Ngày sinh không hợp lệ (người lao động từ 15 tuổi)" });
  });

export const joinDecision = z.discriminatedUnion("decision", [
  z.object({
    decision: z.literal("approve"),
    unionId: z.number().int().positive().optional(),
    cardNo: z.string().trim().max(50).optional(),
    validFrom: isoDate.optional(),
  }),
  z.object({ decision: z.literal("decline"), reason: z.string().trim().min(5, "Nêu lý do từ chối (ít nhất 5 ký tự)").max(1000) }),
]);

/** Who decides: the enterprise's grassroots union, else its zone's union, else the city federation. */
async function targetFor(database: Database, enterpriseId: number | null, tx: Tx): Promise<{ bodyId: number; name: string } | null> {
  if (enterpriseId !== null) {
    const [t] = await database.rows<{ bodyId: number | null; name: string | null }>(
      sql`SELECT coalesce(ue.union_id, z.zone_union_id) AS "bodyId", b.name
          FROM enterprises e LEFT JOIN union_enterprises ue ON ue.enterprise_id = e.id LEFT JOIN zones z ON z.id = e.zone_id
          LEFT JOIN bodies b ON b.id = coalesce(ue.union_id, z.zone_union_id)
          WHERE e.id = ${enterpriseId}`,
      tx,
    );
    if (!t)
      throw new AppError("validation_failed", "Doanh nghiệp không tồn tại", {
        errors: [{ pointer: "/body/enterpriseId", message: "Doanh nghiệp không tồn tại" }],
      });
    if (t.bodyId !== null && t.name) return { bodyId: t.bodyId, name: t.name };
  }
  const [f] = await database.rows<{ id: number; name: string }>(sql`SELECT id, name FROM bodies WHERE kind = 'federation' ORDER BY id LIMIT 1`, tx);
  return f ? { bodyId: f.id, name: f.name } : null;
}

/** A join request's code in the hand alphabet (no 0/O, 1/I/L), grouped: `KN-K7QM-4TRX`. */
const newCode = () => `KN-${groupFour(Array.from({ length: 8 }, () => HAND_ALPHABET[randomInt(HAND_ALPHABET.length)]).join(""))}`;

/** A worker asks to join from the public side: filed, routed, answered with a code to follow. */
export async function fileJoinRequest(database: Database, body: z.infer<typeof joinBody>) {
  try {
    return await database.db.transaction(async (tx) => {
      let enterpriseName = body.enterpriseName ? cleanText(body.enterpriseName) : "";
      if (body.enterpriseId) {
        const [e] = await database.rows<{ name: string }>(sql`SELECT name FROM enterprises WHERE id = ${body.enterpriseId}`, tx);
        if (e) enterpriseName = e.name;
      }
      const target = await targetFor(database, body.enterpriseId ?? null, tx);
      if (!target) throw new AppError("internal");
      const code = newCode();
      await database.rows(
        sql`INSERT INTO care_join_requests (code, full_name, birth_date, citizen_id, phone, enterprise_id, enterprise_name, target_body_id, consent_at, consent_version)
            VALUES (${code}, ${cleanText(body.fullName)}, ${body.birthDate}, ${body.citizenId}, ${normalizePhone(body.phone)}, ${body.enterpriseId ?? null},
                    ${enterpriseName}, ${target.bodyId}, now(), ${noticeFor("join").version})`,
        tx,
      );
      await audit(database, tx, null, { action: "create", objectType: "care_join_request", objectId: code, detail: { targetBodyId: target.bodyId } });
      return { code, status: "pending" as const, targetName: target.name };
    });
  } catch (err) {
    // Only the same citizen ID with the same phone meets this: the sender's own second press.
    if (isUniqueViolation(err, "care_join_requests_one_pending"))
      throw new AppError("join_request_pending", "Đơn với số CCCD và số điện thoại này đã được gửi và đang chờ xét: theo dõi bằng mã đã nhận");
    throw err;
  }
}

/** What the public may read by code: the state, never the personal data. */
export async function joinStatus(database: Database, code: string) {
  const [r] = await database.rows<{
    code: string;
    status: "pending" | "approved" | "declined";
    createdAt: string;
    decidedAt: string | null;
    declineReason: string | null;
    targetName: string;
  }>(
    sql`SELECT j.code, j.status, (j.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date::text AS "createdAt", (j.decided_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date::text AS "decidedAt", j.decline_reason AS "declineReason", b.name AS "targetName"
        FROM care_join_requests j JOIN bodies b ON b.id = j.target_body_id WHERE j.code = ${code.trim().toUpperCase()}`,
  );
  if (!r) throw new AppError("not_found", "Không tìm thấy đơn với mã này");
  return r;
}

const queueScope = (ctx: RequestContext): SQL => (ctx.actor.scope.kind === "city" ? sql`true` : sql`(tb.path LIKE ${`${ctx.actor.bodyPath}%`})`);

export interface JoinRow {
  id: number;
  code: string;
  fullName: string;
  birthDate: string;
  citizenId: string;
  phone: string;
  enterpriseId: number | null;
  enterpriseName: string;
  targetBodyId: number;
  targetName: string;
  targetKind: string;
  status: "pending" | "approved" | "declined";
  declineReason: string | null;
  personId: number | null;
  alreadyMemberOf: string | null;
  createdAt: string;
  decidedAt: string | null;
}

async function joinRows(database: Database, ctx: RequestContext, where: SQL, limit: number, offset: number, tx?: Tx) {
  return database.rows<JoinRow>(
    sql`SELECT j.id, j.code, j.full_name AS "fullName", j.birth_date AS "birthDate", j.citizen_id AS "citizenId", j.phone, j.enterprise_id AS "enterpriseId",
          j.enterprise_name AS "enterpriseName", j.target_body_id AS "targetBodyId", tb.name AS "targetName", tb.kind AS "targetKind", j.status,
          j.decline_reason AS "declineReason", j.person_id AS "personId",
          (SELECT u.name FROM people p JOIN memberships m ON m.person_id = p.id AND m.valid_to IS NULL JOIN unions u ON u.id = m.union_id
            WHERE (p.citizen_id = j.citizen_id OR p.legacy_id = j.citizen_id) AND ${personScope(ctx.actor.scope, sql`p.id`, sql`p.enterprise_id`)} LIMIT 1) AS "alreadyMemberOf",
          j.created_at::text AS "createdAt", j.decided_at::text AS "decidedAt"
        FROM care_join_requests j JOIN bodies tb ON tb.id = j.target_body_id
        WHERE ${where} AND ${queueScope(ctx)}
        ORDER BY j.created_at, j.id LIMIT ${limit} OFFSET ${offset}`,
    tx,
  );
}

export async function listJoinRequests(database: Database, ctx: RequestContext, q: { status?: string | undefined; page: number; pageSize: number }) {
  const cond = q.status ? sql`j.status = ${q.status}` : sql`true`;
  const [n] = await database.rows<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM care_join_requests j JOIN bodies tb ON tb.id = j.target_body_id WHERE ${cond} AND ${queueScope(ctx)}`,
  );
  const items = await joinRows(database, ctx, cond, q.pageSize, (q.page - 1) * q.pageSize);
  const showId = ctx.actor.permissions.has("people:identity");
  return {
    total: n?.n ?? 0,
    items: items.map((i) => ({
      ...i,
      citizenId: showId ? i.citizenId : (maskIdentifier(i.citizenId) ?? ""),
      phone: showId ? i.phone : (maskIdentifier(i.phone) ?? ""),
    })),
  };
}

/** The union approves (person created or linked, membership opened) or declines with a reason. */
export async function decideJoinRequest(database: Database, ctx: RequestContext, id: number, d: z.infer<typeof joinDecision>) {
  try {
    return await database.db.transaction(async (tx) => {
      const [j] = await joinRows(database, ctx, sql`j.id = ${id}`, 1, 0, tx);
      if (!j) throw new AppError("not_found", "Không tìm thấy đơn xin gia nhập");
      if (j.status !== "pending") throw new AppError("join_request_decided");
      if (d.decision === "decline") {
        await database.rows(
          sql`UPDATE care_join_requests SET status = 'declined', decline_reason = ${d.reason}, decided_by = ${ctx.actor.userId}, decided_at = now() WHERE id = ${id}`,
          tx,
        );
        await audit(database, tx, ctx, { action: "decline", objectType: "care_join_request", objectId: id, detail: { reason: d.reason } });
        const [after] = await joinRows(database, ctx, sql`j.id = ${id}`, 1, 0, tx);
        return after;
      }
      // The union the member joins: the grassroots union itself, or one the zone union names.
      let unionId: number;
      if (j.targetKind === "grassroots_union") unionId = j.targetBodyId;
      else {
        if (!d.unionId) {
          throw new AppError("validation_failed", "Chọn công đoàn cơ sở tiếp nhận đoàn viên (doanh nghiệp chưa có công đoàn cơ sở)", {
            errors: [{ pointer: "/body/unionId", message: "Chọn công đoàn cơ sở tiếp nhận" }],
          });
        }
        const [u] = await database.rows<{ id: number }>(
          sql`SELECT u.id FROM unions u WHERE u.id = ${d.unionId} AND ${unionScope(ctx.actor.scope, sql`u.id`)}`,
          tx,
        );
        if (!u) throw new AppError("not_found", "Không tìm thấy công đoàn cơ sở này trong phạm vi của bạn");
        unionId = u.id;
      }
      const legacy = j.citizenId.length === 9;
      const [existing] = await database.rows<{ id: number; nameFold: string; memberOf: string | null; since: string | null; inScope: boolean }>(
        sql`SELECT p.id, p.name_fold AS "nameFold", u.name AS "memberOf", m.valid_from AS since,
                   ${personScope(ctx.actor.scope, sql`p.id`, sql`p.enterprise_id`)} AS "inScope"
            FROM people p LEFT JOIN memberships m ON m.person_id = p.id AND m.valid_to IS NULL LEFT JOIN unions u ON u.id = m.union_id
            WHERE ${legacy ? sql`p.legacy_id = ${j.citizenId}` : sql`p.citizen_id = ${j.citizenId}`} LIMIT 1`,
        tx,
      );
      // A record the decider cannot see is neither named nor compared (its union, its name): the
      // same neutral refusal as an import row about that person; a superior body decides.
      if (existing && !existing.inScope) {
        throw new AppError("validation_failed", PERSON_OUT_OF_SCOPE, { errors: [{ pointer: "/citizenId", message: PERSON_OUT_OF_SCOPE }] });
      }
      if (existing?.memberOf) {
        throw new AppError(
          "already_member",
          `Người có số CCCD này đang là đoàn viên của ${existing.memberOf} từ ${formatDate(existing.since)}; không mở thêm thẻ đoàn viên`,
        );
      }
      let personId = existing?.id ?? null;
      if (existing && existing.nameFold !== fold(j.fullName)) {
        throw new AppError("conflict", "Số CCCD trong đơn đã có trong hồ sơ với họ tên khác; liên hệ người lao động để kiểm tra lại");
      }
      if (personId === null) {
        const n = splitFullName(j.fullName);
        const [id] = await registerPeople(
          database,
          tx,
          ctx,
          [
            {
              citizenId: legacy ? null : j.citizenId,
              legacyId: legacy ? j.citizenId : null,
              ...n,
              birthDate: j.birthDate,
              phone: j.phone,
              enterpriseId: j.enterpriseId,
            },
          ],
          "care_join_request",
        );
        personId = id ?? null;
      } else {
        await completePerson(database, tx, ctx, personId, { phone: j.phone, enterpriseId: j.enterpriseId }, "care_join_request");
      }
      const validFrom = d.validFrom ?? vnToday();
      const membershipId = await openMembership(
        database,
        tx,
        ctx,
        { personId: personId ?? 0, unionId, cardNo: d.cardNo ?? null, validFrom },
        "care_join_request",
      );
      const m = { id: membershipId };
      await database.rows(
        sql`UPDATE care_join_requests SET status = 'approved', decided_by = ${ctx.actor.userId}, decided_at = now(), person_id = ${personId}, membership_id = ${m?.id ?? null}
            WHERE id = ${id}`,
        tx,
      );
      await audit(database, tx, ctx, {
        action: "approve",
        objectType: "care_join_request",
        objectId: id,
        after: { personId, unionId, membershipId: m?.id, validFrom },
      });
      const [after] = await joinRows(database, ctx, sql`j.id = ${id}`, 1, 0, tx);
      return after;
    });
  } catch (err) {
    if (isUniqueViolation(err, "memberships_one_open"))
      throw new AppError("already_member", "Người này vừa được ghi nhận là đoàn viên; không mở thêm thẻ đoàn viên");
    throw err;
  }
}
