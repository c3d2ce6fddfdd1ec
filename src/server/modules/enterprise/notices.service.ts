import { randomInt } from "node:crypto";
import { type SQL, sql } from "drizzle-orm";
import type { Database } from "#server/db/client.ts";
import type { RequestContext } from "#server/http/context.ts";
import { AppError, notFound } from "#server/http/errors.ts";
import { enterpriseScope } from "#server/modules/access/index.ts";
import { audit } from "#server/modules/access/index.ts";
import { routeEnterpriseDifficulty } from "#server/modules/voice/index.ts";
import { vnToday } from "#shared/clock.ts";
import { HAND_ALPHABET, groupFour } from "#shared/secrets.ts";
import type { Difficulty } from "./enterprise.schema.ts";
import { officerOnly } from "./decisions.service.ts";
import { ownEnterprise } from "./inbox.service.ts";

// ---------------------------------------------------------------- notices

/**
 * A notice of the zone authority to one or many enterprises (in the sender's scope). Only the zone
 * authority (and the system administrator) sends them: the unions speak to enterprises through
 * forwarded requests and inspections.
 */
export async function sendNotice(
  database: Database,
  ctx: RequestContext,
  input: { title: string; body: string; answerBy?: string | null | undefined; enterpriseIds: number[] },
) {
  officerOnly(ctx);
  if (ctx.actor.bodyKind !== "zone_authority" && ctx.actor.role !== "system_admin")
    throw new AppError("forbidden", "Chỉ Ban Quản lý Khu kinh tế gửi thông báo cho doanh nghiệp");
  if (ctx.actor.role === "viewer") throw new AppError("forbidden");
  const ids = [...new Set(input.enterpriseIds)];
  const answerBy = input.answerBy ?? null;
  if (answerBy !== null && answerBy < vnToday()) {
    const message = "Hạn trả lời không được trước hôm nay";
    throw new AppError("validation_failed", message, { errors: [{ pointer: "/body/answerBy", message }] });
  }
  return database.db.transaction(async (tx) => {
    const found = await database.rows<{ id: number }>(
      sql`SELECT e.id FROM enterprises e WHERE e.id IN (${sql.join(
        ids.map((i) => sql`${i}`),
        sql`, `,
      )}) AND ${enterpriseScope(ctx.actor.scope, sql`e.id`, sql`e.zone_id`)}`,
      tx,
    );
    if (found.length !== ids.length) {
      // One answer for "no such enterprise" and "not yours", so the form cannot probe the registry.
      const message = "Có doanh nghiệp không tìm thấy trong phạm vi quản lý";
      throw new AppError("reference_not_found", message, { errors: [{ pointer: "/body/enterpriseIds", message }] });
    }
    const [row] = await database.rows<{ id: number }>(
      sql`INSERT INTO enterprise_notices (from_body_id, title, body, answer_by, created_by)
          VALUES (${ctx.actor.bodyId}, ${input.title.normalize("NFC").trim()}, ${input.body.normalize("NFC").trim()}, ${answerBy}, ${ctx.actor.userId}) RETURNING id`,
      tx,
    );
    const id = row?.id ?? 0;
    await database.rows(
      sql`INSERT INTO enterprise_notice_recipients (notice_id, enterprise_id) SELECT ${id}, x FROM unnest(${sql`ARRAY[${sql.join(
        ids.map((i) => sql`${i}`),
        sql`, `,
      )}]::int[]`}) AS x`,
      tx,
    );
    await audit(database, tx, ctx, {
      action: "enterprise_notice_send",
      objectType: "enterprise_notice",
      objectId: id,
      after: { ...input, enterpriseIds: ids },
    });
    return { id, recipients: ids.length };
  });
}

/** Notices sent by the caller's body (or bodies under it), with how many recipients answered. */
export async function listNotices(database: Database, ctx: RequestContext) {
  officerOnly(ctx);
  const mine = ctx.actor.role === "system_admin" ? sql`true` : sql`b.path LIKE ${`${ctx.actor.bodyPath}%`}`;
  const rows = await database.rows<{
    id: number;
    title: string;
    body: string;
    answerBy: string | null;
    fromBody: string;
    createdAt: unknown;
    recipients: number;
    answered: number;
  }>(
    sql`SELECT n.id, n.title, n.body, n.answer_by::text AS "answerBy", b.name AS "fromBody", n.created_at AS "createdAt",
               (SELECT count(*)::int FROM enterprise_notice_recipients nr WHERE nr.notice_id = n.id AND ${enterpriseScope(ctx.actor.scope, sql`nr.enterprise_id`)}) AS recipients,
               (SELECT count(DISTINCT x.enterprise_id)::int FROM enterprise_exchanges x WHERE x.item_kind = 'notice' AND x.item_id = n.id AND x.kind = 'answer'
                  AND ${enterpriseScope(ctx.actor.scope, sql`x.enterprise_id`)}) AS answered
        FROM enterprise_notices n JOIN bodies b ON b.id = n.from_body_id WHERE ${mine} ORDER BY n.id DESC LIMIT 200`,
  );
  return rows.map((r) => ({ ...r, createdAt: r.createdAt instanceof Date ? r.createdAt.toISOString() : new Date(String(r.createdAt)).toISOString() }));
}

// ---------------------------------------------------------------- difficulties

const draw = (n: number) => Array.from({ length: n }, () => HAND_ALPHABET[randomInt(HAND_ALPHABET.length)]).join("");

const difficultySelect = sql`SELECT d.id, d.code, d.enterprise_id AS "enterpriseId", e.name AS "enterpriseName", d.kind, d.topic, d.title, d.body,
    rb.name AS "responsibleBody", d.received_on::text AS "receivedOn", d.deadline::text AS deadline,
    CASE WHEN d.answered_at IS NULL THEN 'open' ELSE 'answered' END AS status, d.answer, d.answered_at AS "answeredAt", au.full_name AS "answeredBy"
  FROM enterprise_difficulties d JOIN enterprises e ON e.id = d.enterprise_id JOIN bodies rb ON rb.id = d.responsible_body_id
  LEFT JOIN users au ON au.id = d.answered_by`;

/** Who sees a difficulty: its enterprise, and the responsible body's officers (and bodies above it). */
function difficultyScope(ctx: RequestContext): SQL {
  const s = ctx.actor.scope;
  if (s.kind === "enterprise") return enterpriseScope(s, sql`d.enterprise_id`);
  if (ctx.actor.role === "system_admin") return sql`true`;
  return sql`(rb.path LIKE ${`${ctx.actor.bodyPath}%`} AND ${enterpriseScope(s, sql`d.enterprise_id`, sql`e.zone_id`)})`;
}

async function difficultiesWhere(database: Database, where: SQL): Promise<Difficulty[]> {
  const today = vnToday();
  const rows = await database.rows<Omit<Difficulty, "overdue" | "answeredAt"> & { answeredAt: unknown }>(
    sql`${difficultySelect} WHERE ${where} ORDER BY (d.answered_at IS NULL) DESC, d.deadline, d.id DESC LIMIT 500`,
  );
  return rows.map((r) => ({
    ...r,
    // "Overdue" against today in Vietnam (clock.ts), not the database's CURRENT_DATE in its own time zone.
    overdue: r.status === "open" && r.deadline < today,
    answeredAt:
      r.answeredAt === null || r.answeredAt === undefined
        ? null
        : r.answeredAt instanceof Date
          ? r.answeredAt.toISOString()
          : new Date(String(r.answeredAt)).toISOString(),
  }));
}

/**
 * The enterprise files its own difficulty or question to the authority: routed and deadlined by voice's
 * rules and calendar with the enterprise as requester, kept apart from workers' requests.
 */
export async function fileDifficulty(
  database: Database,
  ctx: RequestContext,
  input: { kind: "consultation" | "petition"; topic: string; title: string; body: string },
) {
  const enterpriseId = ownEnterprise(ctx);
  // Routed before the transaction: the routing facts are read (and cached) on their own connection turn.
  const route = await routeEnterpriseDifficulty(database, { kind: input.kind, topic: input.topic, enterpriseId });
  return database.db.transaction(async (tx) => {
    const code = `DN-${groupFour(draw(8))}`;
    const [row] = await database.rows<{ id: number }>(
      sql`INSERT INTO enterprise_difficulties (code, enterprise_id, kind, topic, title, body, responsible_body_id, received_on, deadline, created_by)
          VALUES (${code}, ${enterpriseId}, ${input.kind}, ${input.topic}, ${input.title.normalize("NFC").trim()}, ${input.body.normalize("NFC").trim()},
                  ${route.responsibleBodyId}, ${route.receivedOn}, ${route.deadline}, ${ctx.actor.userId}) RETURNING id`,
      tx,
    );
    const id = row?.id ?? 0;
    await audit(database, tx, ctx, {
      action: "enterprise_difficulty_file",
      objectType: "enterprise_difficulty",
      objectId: id,
      after: { code, ...input, responsibleBodyId: route.responsibleBodyId, deadline: route.deadline },
    });
    return { id, code, deadline: route.deadline, responsibleBodyId: route.responsibleBodyId };
  });
}

/** The enterprise's own difficulties, or those an officer's body must answer. */
export async function listDifficulties(database: Database, ctx: RequestContext, q: { status?: "open" | "answered" | undefined }) {
  if (ctx.actor.scope.kind !== "enterprise") officerOnly(ctx);
  const where: SQL[] = [difficultyScope(ctx)];
  if (q.status === "open") where.push(sql`d.answered_at IS NULL`);
  if (q.status === "answered") where.push(sql`d.answered_at IS NOT NULL`);
  return difficultiesWhere(database, sql.join(where, sql` AND `));
}

export async function getDifficulty(database: Database, ctx: RequestContext, id: number) {
  if (ctx.actor.scope.kind !== "enterprise") officerOnly(ctx);
  const [d] = await difficultiesWhere(database, sql`d.id = ${id} AND ${difficultyScope(ctx)}`);
  if (!d) throw notFound();
  return d;
}

/** An officer of the responsible body (or above it) answers; the enterprise sees the answer on its side. */
export async function answerDifficulty(database: Database, ctx: RequestContext, id: number, answer: string) {
  officerOnly(ctx);
  if (!ctx.actor.permissions.has("voice:write") || ctx.actor.role === "viewer") throw new AppError("forbidden");
  const text = answer.normalize("NFC").trim();
  await database.db.transaction(async (tx) => {
    const [d] = await database.rows<{ id: number; answered: boolean; enterpriseId: number }>(
      sql`SELECT d.id, d.answered_at IS NOT NULL AS answered, d.enterprise_id AS "enterpriseId"
          FROM enterprise_difficulties d JOIN enterprises e ON e.id = d.enterprise_id JOIN bodies rb ON rb.id = d.responsible_body_id
          WHERE d.id = ${id} AND ${difficultyScope(ctx)} FOR UPDATE OF d`,
      tx,
    );
    if (!d) throw notFound();
    if (d.answered) throw new AppError("enterprise_item_state", "Khó khăn, vướng mắc này đã được trả lời");
    await database.rows(sql`UPDATE enterprise_difficulties SET answer = ${text}, answered_at = now(), answered_by = ${ctx.actor.userId} WHERE id = ${id}`, tx);
    await audit(database, tx, ctx, { action: "enterprise_difficulty_answer", objectType: "enterprise_difficulty", objectId: id, after: { answer: text } });
  });
  return getDifficulty(database, ctx, id);
}
