import { type SQL, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Database, Tx } from "#server/db/client.ts";
import type { RequestContext } from "#server/http/context.ts";
import { AppError } from "#server/http/errors.ts";
import { enterpriseScope, unionScope } from "#server/modules/access/index.ts";
import { audit } from "#server/modules/access/index.ts";
import { fold } from "#shared/text.ts";
import { activityScope, zoneVisible } from "./coordination.scope.ts";
import type { ActivityKind, activityInput, activityQuery, modelInput, questionInput } from "./coordination.schema.ts";

export interface ActivityRow {
  id: number;
  kind: ActivityKind;
  title: string;
  heldOn: string;
  endedOn: string | null;
  bodyId: number;
  bodyName: string;
  zoneId: number | null;
  zoneName: string | null;
  unionId: number | null;
  enterpriseId: number | null;
  enterpriseName: string | null;
  enterpriseOwnership: string | null;
  sessions: number;
  participants: number;
  units: number | null;
  stalls: number | null;
  visitors: number | null;
  copies: number | null;
  notes: string | null;
  questionCount: number;
  /** Questions already turned into requests: they keep a dialogue conference from being deleted. */
  requestCount: number;
}

const columns = sql`a.id, a.kind, a.title, a.held_on AS "heldOn", a.ended_on AS "endedOn", a.body_id AS "bodyId", b.name AS "bodyName",
  a.zone_id AS "zoneId", z.name AS "zoneName", a.union_id AS "unionId", a.enterprise_id AS "enterpriseId", e.name AS "enterpriseName",
  e.ownership AS "enterpriseOwnership", a.sessions, a.participants, a.units, a.stalls, a.visitors, a.copies, a.notes,
  (SELECT count(*)::int FROM dialogue_questions q WHERE q.activity_id = a.id) AS "questionCount",
  (SELECT count(q.request_ref)::int FROM dialogue_questions q WHERE q.activity_id = a.id) AS "requestCount"`;
const from = sql`activities a JOIN bodies b ON b.id = a.body_id LEFT JOIN zones z ON z.id = a.zone_id LEFT JOIN enterprises e ON e.id = a.enterprise_id`;

export async function listActivities(database: Database, ctx: RequestContext, q: z.infer<typeof activityQuery>) {
  const where: SQL[] = [activityScope(ctx.actor.scope, "a")];
  if (q.kind) where.push(sql`a.kind = ${q.kind}`);
  if (q.from) where.push(sql`a.held_on >= ${q.from}::date`);
  if (q.to) where.push(sql`a.held_on <= ${q.to}::date`);
  if (q.zoneId) where.push(sql`a.zone_id = ${q.zoneId}`);
  if (q.enterpriseOwnership) where.push(sql`e.ownership = ${q.enterpriseOwnership}`);
  if (q.q) where.push(sql`a.title_fold LIKE ${`%${fold(q.q)}%`}`);
  const cond = sql.join(where, sql` AND `);
  const [totals] = await database.rows<{ total: number; sessions: number; participants: number; visitors: number; stalls: number; enterprises: number }>(
    sql`SELECT count(*)::int AS total, coalesce(sum(a.sessions),0)::int AS sessions, coalesce(sum(a.participants),0)::int AS participants,
          coalesce(sum(a.visitors),0)::int AS visitors, coalesce(sum(a.stalls),0)::int AS stalls, count(DISTINCT a.enterprise_id)::int AS enterprises
        FROM ${from} WHERE ${cond}`,
  );
  const items = await database.rows<ActivityRow>(
    sql`SELECT ${columns} FROM ${from} WHERE ${cond} ORDER BY a.held_on DESC, a.id DESC LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
  );
  return { total: totals?.total ?? 0, totals: totals ?? null, items };
}

export async function getActivity(database: Database, ctx: RequestContext, id: number, tx?: Tx) {
  const [row] = await database.rows<ActivityRow>(sql`SELECT ${columns} FROM ${from} WHERE a.id = ${id} AND ${activityScope(ctx.actor.scope, "a")}`, tx);
  if (!row) throw new AppError("not_found");
  const questions = await database.rows<{
    id: number;
    no: number;
    text: string;
    asker: string | null;
    enterpriseId: number | null;
    topic: string | null;
    answer: string | null;
    requestRef: string | null;
  }>(
    sql`SELECT id, no, text, asker, enterprise_id AS "enterpriseId", topic, answer, request_ref AS "requestRef" FROM dialogue_questions WHERE activity_id = ${id} ORDER BY no`,
    tx,
  );
  return { ...row, questions };
}

async function insertQuestions(database: Database, tx: Tx, activityId: number, questions: z.infer<typeof questionInput>[], startNo: number) {
  let no = startNo;
  for (const q of questions) {
    no += 1;
    await database.rows(
      sql`INSERT INTO dialogue_questions (activity_id, no, text, asker, enterprise_id, topic, answer)
          VALUES (${activityId}, ${no}, ${q.text}, ${q.asker ?? null}, ${q.enterpriseId ?? null}, ${q.topic ?? null}, ${q.answer ?? null})`,
      tx,
    );
  }
}

/** Where an activity happened must lie in the caller's scope: the enterprise, the union and the zone named. */
async function checkPlace(database: Database, ctx: RequestContext, tx: Tx, input: z.infer<typeof activityInput>) {
  const scope = ctx.actor.scope;
  const bad = (pointer: string, message: string) => new AppError("validation_failed", undefined, { errors: [{ pointer, message }] });
  if (input.enterpriseId) {
    const [e] = await database.rows<{ id: number }>(
      sql`SELECT e.id FROM enterprises e WHERE e.id = ${input.enterpriseId} AND ${enterpriseScope(scope, sql`e.id`, sql`e.zone_id`)}`,
      tx,
    );
    if (!e) throw bad("/body/enterpriseId", "Doanh nghiệp không tồn tại hoặc ngoài phạm vi quản lý của bạn");
  }
  if (input.unionId) {
    const [u] = await database.rows<{ id: number }>(sql`SELECT u.id FROM unions u WHERE u.id = ${input.unionId} AND ${unionScope(scope, sql`u.id`)}`, tx);
    if (!u) throw bad("/body/unionId", "Công đoàn không tồn tại hoặc ngoài phạm vi quản lý của bạn");
  }
  if (input.zoneId) {
    const [z] = await database.rows<{ id: number }>(sql`SELECT id FROM zones WHERE id = ${input.zoneId}`, tx);
    const inScope = scope.kind === "city" || (scope.kind === "zones" && scope.zoneIds.includes(input.zoneId));
    if (!z || !inScope) throw bad("/body/zoneId", "Khu không tồn tại hoặc ngoài phạm vi quản lý của bạn");
  }
  if (input.bodyId && input.bodyId !== ctx.actor.bodyId) {
    const [b] = await database.rows<{ id: number }>(
      sql`SELECT id FROM bodies WHERE id = ${input.bodyId} AND (${scope.kind === "city"} OR path LIKE ${`${ctx.actor.bodyPath}%`})`,
      tx,
    );
    if (!b) throw bad("/body/bodyId", "Đơn vị tổ chức không tồn tại hoặc ngoài phạm vi quản lý của bạn");
  }
}

/** The activity must lie in the caller's scope once written: an officer records their own work. */
async function assertInScope(database: Database, ctx: RequestContext, tx: Tx, id: number) {
  const [ok] = await database.rows<{ id: number }>(sql`SELECT a.id FROM activities a WHERE a.id = ${id} AND ${activityScope(ctx.actor.scope, "a")}`, tx);
  if (!ok) {
    throw new AppError("validation_failed", undefined, {
      errors: [{ pointer: "/body/enterpriseId", message: "Nơi tổ chức nằm ngoài phạm vi quản lý của bạn" }],
    });
  }
}

export async function createActivity(database: Database, ctx: RequestContext, input: z.infer<typeof activityInput>) {
  return database.db.transaction(async (tx) => {
    await checkPlace(database, ctx, tx, input);
    const bodyId = input.bodyId ?? ctx.actor.bodyId;
    const [row] = await database.rows<{ id: number }>(
      sql`INSERT INTO activities (kind, title, held_on, ended_on, body_id, zone_id, union_id, enterprise_id, sessions, participants, units, stalls, visitors, copies, notes, created_by)
          VALUES (${input.kind}, ${input.title}, ${input.heldOn}, ${input.endedOn ?? null}, ${bodyId}, ${input.zoneId ?? null}, ${input.unionId ?? null},
                  ${input.enterpriseId ?? null}, ${input.sessions}, ${input.participants}, ${input.units ?? null}, ${input.stalls ?? null}, ${input.visitors ?? null},
                  ${input.copies ?? null}, ${input.notes ?? null}, ${ctx.actor.userId}) RETURNING id`,
      tx,
    );
    const id = row?.id ?? 0;
    await assertInScope(database, ctx, tx, id);
    if (input.questions?.length) await insertQuestions(database, tx, id, input.questions, 0);
    const after = await getActivity(database, ctx, id, tx);
    await audit(database, tx, ctx, { action: "create", objectType: "activity", objectId: id, after });
    return after;
  });
}

export async function updateActivity(database: Database, ctx: RequestContext, id: number, input: z.infer<typeof activityInput>) {
  return database.db.transaction(async (tx) => {
    const before = await getActivity(database, ctx, id, tx);
    await checkPlace(database, ctx, tx, input);
    await database.rows(
      sql`UPDATE activities SET kind = ${input.kind}, title = ${input.title}, held_on = ${input.heldOn}, ended_on = ${input.endedOn ?? null},
            body_id = ${input.bodyId ?? before.bodyId}, zone_id = ${input.zoneId ?? null}, union_id = ${input.unionId ?? null}, enterprise_id = ${input.enterpriseId ?? null},
            sessions = ${input.sessions}, participants = ${input.participants}, units = ${input.units ?? null}, stalls = ${input.stalls ?? null},
            visitors = ${input.visitors ?? null}, copies = ${input.copies ?? null}, notes = ${input.notes ?? null}, updated_at = now()
          WHERE id = ${id}`,
      tx,
    );
    await assertInScope(database, ctx, tx, id);
    if (input.questions) {
      // Questions already handed to the voice module stay; the others are replaced by the list sent.
      await database.rows(sql`DELETE FROM dialogue_questions WHERE activity_id = ${id} AND request_ref IS NULL`, tx);
      const [max] = await database.rows<{ n: number }>(sql`SELECT coalesce(max(no), 0)::int AS n FROM dialogue_questions WHERE activity_id = ${id}`, tx);
      await insertQuestions(database, tx, id, input.questions, max?.n ?? 0);
    }
    const after = await getActivity(database, ctx, id, tx);
    await audit(database, tx, ctx, { action: "update", objectType: "activity", objectId: id, before, after });
    return after;
  });
}

export async function deleteActivity(database: Database, ctx: RequestContext, id: number) {
  await database.db.transaction(async (tx) => {
    const before = await getActivity(database, ctx, id, tx);
    if (before.questions.some((q) => q.requestRef)) throw new AppError("activity_has_requests");
    await database.rows(sql`DELETE FROM activities WHERE id = ${id}`, tx);
    await audit(database, tx, ctx, { action: "delete", objectType: "activity", objectId: id, before });
  });
}

/**
 * Questions raised at dialogue conferences that have not become requests yet: the worker-voice
 * module reads this list and calls linkQuestion() with the code of the request it created.
 */
export async function pendingQuestions(database: Database, ctx: RequestContext) {
  return database.rows<{
    id: number;
    activityId: number;
    activityTitle: string;
    heldOn: string;
    no: number;
    text: string;
    asker: string | null;
    enterpriseId: number | null;
    topic: string | null;
  }>(
    sql`SELECT q.id, q.activity_id AS "activityId", a.title AS "activityTitle", a.held_on AS "heldOn", q.no, q.text, q.asker, q.enterprise_id AS "enterpriseId", q.topic
        FROM dialogue_questions q JOIN activities a ON a.id = q.activity_id
        WHERE q.request_ref IS NULL AND ${activityScope(ctx.actor.scope, "a")} ORDER BY a.held_on, q.activity_id, q.no LIMIT 1000`,
  );
}

export async function linkQuestion(database: Database, ctx: RequestContext, questionId: number, requestRef: string) {
  return database.db.transaction(async (tx) => {
    const [q] = await database.rows<{ id: number; requestRef: string | null }>(
      sql`SELECT q.id, q.request_ref AS "requestRef" FROM dialogue_questions q JOIN activities a ON a.id = q.activity_id
          WHERE q.id = ${questionId} AND ${activityScope(ctx.actor.scope, "a")} FOR UPDATE OF q`,
      tx,
    );
    if (!q) throw new AppError("not_found");
    if (q.requestRef && q.requestRef !== requestRef) throw new AppError("conflict", "Câu hỏi đã được chuyển thành yêu cầu khác");
    await database.rows(sql`UPDATE dialogue_questions SET request_ref = ${requestRef} WHERE id = ${questionId}`, tx);
    await audit(database, tx, ctx, { action: "link_request", objectType: "dialogue_question", objectId: questionId, before: q, after: { requestRef } });
    return { id: questionId, requestRef };
  });
}

// "Dân vận khéo" models

export interface ModelRow {
  id: number;
  name: string;
  bodyId: number;
  bodyName: string;
  zoneId: number | null;
  year: number;
  field: string | null;
  description: string | null;
  awards: { year: number; level: string; title: string }[];
}

const modelColumns = sql`m.id, m.name, m.body_id AS "bodyId", b.name AS "bodyName", m.zone_id AS "zoneId", m.year, m.field, m.description, m.awards`;

/** Whether the caller may change a model in this zone (a city-wide model: only the city's bodies). */
function mayEditModel(ctx: RequestContext, zoneId: number | null): boolean {
  const s = ctx.actor.scope;
  return ctx.actor.permissions.has("coordination:write") && (s.kind === "city" || (s.kind === "zones" && zoneId !== null && s.zoneIds.includes(zoneId)));
}

/** Models the caller sees; `editable` says whether they may change each (the page offers its actions only then). */
export async function listModels(database: Database, ctx: RequestContext, q: { year?: number | undefined }) {
  const rows = await database.rows<ModelRow>(
    sql`SELECT ${modelColumns} FROM mobilization_models m JOIN bodies b ON b.id = m.body_id
        WHERE ${zoneVisible(ctx.actor.scope, sql`m.zone_id`)} ${q.year ? sql`AND m.year = ${q.year}` : sql``} ORDER BY m.year DESC, m.id`,
  );
  return rows.map((r) => ({ ...r, editable: mayEditModel(ctx, r.zoneId) }));
}

async function getModel(database: Database, ctx: RequestContext, id: number, tx?: Tx) {
  const [row] = await database.rows<ModelRow>(
    sql`SELECT ${modelColumns} FROM mobilization_models m JOIN bodies b ON b.id = m.body_id WHERE m.id = ${id} AND ${zoneVisible(ctx.actor.scope, sql`m.zone_id`)}`,
    tx,
  );
  if (!row) throw new AppError("not_found");
  return row;
}

function checkModelZone(ctx: RequestContext, zoneId: number | null | undefined) {
  const s = ctx.actor.scope;
  if (s.kind === "city" || (s.kind === "zones" && zoneId && s.zoneIds.includes(zoneId))) return;
  throw new AppError("validation_failed", undefined, { errors: [{ pointer: "/body/zoneId", message: "Chọn khu thuộc phạm vi quản lý của bạn" }] });
}

export async function createModel(database: Database, ctx: RequestContext, input: z.infer<typeof modelInput>) {
  checkModelZone(ctx, input.zoneId);
  return database.db.transaction(async (tx) => {
    const [row] = await database.rows<{ id: number }>(
      sql`INSERT INTO mobilization_models (name, body_id, zone_id, year, field, description, awards, created_by)
          VALUES (${input.name}, ${input.bodyId ?? ctx.actor.bodyId}, ${input.zoneId ?? null}, ${input.year}, ${input.field ?? null}, ${input.description ?? null},
                  ${JSON.stringify(input.awards)}::jsonb, ${ctx.actor.userId}) RETURNING id`,
      tx,
    );
    const after = await getModel(database, ctx, row?.id ?? 0, tx);
    await audit(database, tx, ctx, { action: "create", objectType: "mobilization_model", objectId: after.id, after });
    return after;
  });
}

export async function updateModel(database: Database, ctx: RequestContext, id: number, input: z.infer<typeof modelInput>) {
  return database.db.transaction(async (tx) => {
    const before = await getModel(database, ctx, id, tx);
    checkModelZone(ctx, before.zoneId);
    checkModelZone(ctx, input.zoneId);
    await database.rows(
      sql`UPDATE mobilization_models SET name = ${input.name}, body_id = ${input.bodyId ?? before.bodyId}, zone_id = ${input.zoneId ?? null}, year = ${input.year},
            field = ${input.field ?? null}, description = ${input.description ?? null}, awards = ${JSON.stringify(input.awards)}::jsonb, updated_at = now() WHERE id = ${id}`,
      tx,
    );
    const after = await getModel(database, ctx, id, tx);
    await audit(database, tx, ctx, { action: "update", objectType: "mobilization_model", objectId: id, before, after });
    return after;
  });
}

export async function deleteModel(database: Database, ctx: RequestContext, id: number) {
  await database.db.transaction(async (tx) => {
    const before = await getModel(database, ctx, id, tx);
    checkModelZone(ctx, before.zoneId);
    await database.rows(sql`DELETE FROM mobilization_models WHERE id = ${id}`, tx);
    await audit(database, tx, ctx, { action: "delete", objectType: "mobilization_model", objectId: id, before });
  });
}
