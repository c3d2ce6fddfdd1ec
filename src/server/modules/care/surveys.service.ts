import { randomBytes } from "node:crypto";
import { type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { noticeFor } from "#server/modules/privacy/index.ts";
import type { Database, Tx } from "#server/db/client.ts";
import type { RequestContext } from "#server/http/context.ts";
import { AppError } from "#server/http/errors.ts";
import { audit } from "#server/modules/access/index.ts";
import { campaignVisible, campaignWritable } from "./care.policy.ts";
import { isoDate } from "./care.schema.ts";
import { vnToday } from "#shared/clock.ts";

/** Fewer answers than this in a group and its breakdown is not shown: no answer may be traced to a person. */
export const MIN_GROUP = 5;

const questionSchema = z
  .object({
    kind: z.enum(["single", "multiple", "scale", "text"], { error: "Loại câu hỏi: một lựa chọn, nhiều lựa chọn, thang điểm hoặc trả lời tự do" }),
    text: z.string().trim().min(3, "Nhập nội dung câu hỏi").max(500),
    options: z.array(z.string().trim().min(1, "Lựa chọn không được để trống").max(200)).max(20).default([]),
    scaleMin: z.number().int().min(0).max(1).default(1),
    scaleMax: z.number().int().min(2).max(10).default(5),
    required: z.boolean().default(true),
  })
  .superRefine((q, ctx) => {
    if ((q.kind === "single" || q.kind === "multiple") && q.options.length < 2)
      ctx.addIssue({ code: "custom", path: ["options"], message: "Câu hỏi lựa chọn cần ít nhất 2 phương án" });
    if (new Set(q.options).size !== q.options.length) ctx.addIssue({ code: "custom", path: ["options"], message: "Các phương án không được trùng nhau" });
  });

export const surveyBody = z.object({
  title: z.string().trim().min(5, "Nhập tiêu đề phiếu khảo sát").max(300),
  description: z.string().trim().max(2000).nullish(),
  questions: z.array(questionSchema).min(1, "Phiếu cần ít nhất một câu hỏi").max(30, "Tối đa 30 câu hỏi"),
  targetEnterpriseIds: z.array(z.number().int().positive()).max(3000).default([]),
  targetZoneIds: z.array(z.number().int().positive()).max(100).default([]),
  closesOn: isoDate.nullish(),
  status: z.enum(["draft", "open", "closed"]).default("draft"),
});
export const surveyPatch = surveyBody.partial();

export const answerBody = z.object({
  enterpriseId: z.number().int().positive().nullish(),
  zoneId: z.number().int().positive().nullish(),
  answers: z.record(z.string().regex(/^\d+$/), z.union([z.string().max(2000), z.number(), z.array(z.string().max(200)).max(20)])),
  /** The public proof-of-work solution (GET /api/public/challenge), spent with the answer. */
  challenge: z.object({ token: z.string().max(200), counter: z.string().max(12) }).optional(),
  /** The worker read the privacy notice (its version is stored with the answer, and the day). */
  consent: z.boolean().optional(),
});

interface QuestionRow {
  id: number;
  position: number;
  kind: "single" | "multiple" | "scale" | "text";
  text: string;
  options: string[];
  /** Only a scale question has its bounds; the others store null. */
  scaleMin: number | null;
  scaleMax: number | null;
  required: boolean;
}
interface SurveyRow {
  id: number;
  title: string;
  description: string | null;
  token: string;
  ownerBodyId: number;
  ownerBodyName: string;
  ownerPath: string;
  status: "draft" | "open" | "closed";
  targetEnterpriseIds: number[];
  targetZoneIds: number[];
  closesOn: string | null;
  createdAt: string;
}

const surveyColumns = sql`s.id, s.title, s.description, s.token, s.owner_body_id AS "ownerBodyId", b.name AS "ownerBodyName", b.path AS "ownerPath",
  s.status, s.target_enterprise_ids AS "targetEnterpriseIds", s.target_zone_ids AS "targetZoneIds", s.closes_on AS "closesOn", s.created_at::text AS "createdAt"`;

async function questions(database: Database, surveyId: number, tx?: Tx) {
  return database.rows<QuestionRow>(
    sql`SELECT id, position, kind, text, options, scale_min AS "scaleMin", scale_max AS "scaleMax", required
        FROM care_survey_questions WHERE survey_id = ${surveyId} ORDER BY position`,
    tx,
  );
}

async function loadSurvey(database: Database, ctx: RequestContext, id: number, tx?: Tx): Promise<SurveyRow> {
  const [s] = await database.rows<SurveyRow>(
    sql`SELECT ${surveyColumns} FROM care_surveys s JOIN bodies b ON b.id = s.owner_body_id WHERE s.id = ${id} AND ${campaignVisible(ctx.actor, sql`b.path`)}`,
    tx,
  );
  if (!s) throw new AppError("not_found", "Không tìm thấy phiếu khảo sát");
  return s;
}

const present = <R extends SurveyRow, E extends object = Record<never, never>>(s: R, extra?: E) => {
  const { ownerPath: _p, ...rest } = s;
  return { ...rest, link: `/khao-sat/${s.token}`, ...(extra ?? ({} as E)) };
};

export async function listSurveys(database: Database, ctx: RequestContext) {
  const rows = await database.rows<SurveyRow & { answers: number }>(
    sql`SELECT ${surveyColumns}, (SELECT count(*)::int FROM care_survey_responses r WHERE r.survey_id = s.id) AS answers
        FROM care_surveys s JOIN bodies b ON b.id = s.owner_body_id WHERE ${campaignVisible(ctx.actor, sql`b.path`)} ORDER BY s.created_at DESC, s.id DESC`,
  );
  return { total: rows.length, items: rows.map((r) => present(r)) };
}

export async function getSurvey(database: Database, ctx: RequestContext, id: number) {
  const s = await loadSurvey(database, ctx, id);
  const [n] = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM care_survey_responses WHERE survey_id = ${id}`);
  return present(s, { questions: await questions(database, id), answers: n?.n ?? 0, canWrite: campaignWritable(ctx.actor, s.ownerPath) });
}

async function checkTargets(database: Database, ctx: RequestContext, enterpriseIds: number[], zoneIds: number[], tx: Tx) {
  const scope = ctx.actor.scope;
  if (scope.kind === "zones") {
    const bad = zoneIds.filter((z) => !scope.zoneIds.includes(z));
    if (bad.length) throw new AppError("forbidden", "Chỉ gửi phiếu tới khu công nghiệp thuộc phạm vi của bạn");
  }
  if (enterpriseIds.length) {
    const ids = sql`ARRAY[${sql.join(
      enterpriseIds.map((x) => sql`${x}`),
      sql`, `,
    )}]::int[]`;
    const rows = await database.rows<{ id: number; zoneId: number | null }>(sql`SELECT id, zone_id AS "zoneId" FROM enterprises WHERE id = ANY(${ids})`, tx);
    if (rows.length !== new Set(enterpriseIds).size)
      throw new AppError("validation_failed", "Có doanh nghiệp không tồn tại trong danh sách gửi", {
        errors: [{ pointer: "/body/targetEnterpriseIds", message: "Doanh nghiệp không tồn tại" }],
      });
    const outside = rows.filter((r) =>
      scope.kind === "city"
        ? false
        : scope.kind === "zones"
          ? !scope.zoneIds.includes(r.zoneId ?? -1)
          : !("enterpriseIds" in scope && scope.enterpriseIds.includes(r.id)),
    );
    if (outside.length) throw new AppError("forbidden", "Chỉ gửi phiếu tới doanh nghiệp thuộc phạm vi của bạn");
  }
}

async function writeQuestions(database: Database, tx: Tx, surveyId: number, qs: z.infer<typeof questionSchema>[]) {
  await database.rows(sql`DELETE FROM care_survey_questions WHERE survey_id = ${surveyId}`, tx);
  for (const [i, q] of qs.entries()) {
    await database.rows(
      sql`INSERT INTO care_survey_questions (survey_id, position, kind, text, options, scale_min, scale_max, required)
          VALUES (${surveyId}, ${i + 1}, ${q.kind}, ${q.text}, ${JSON.stringify(q.kind === "single" || q.kind === "multiple" ? q.options : [])}::jsonb,
                  ${q.kind === "scale" ? q.scaleMin : null}, ${q.kind === "scale" ? q.scaleMax : null}, ${q.required})`,
      tx,
    );
  }
}

const intArr = (xs: number[]) => sql`ARRAY[${sql.join(xs.length ? xs.map((x) => sql`${x}`) : [sql`NULL`], sql`, `)}]::int[]`;
const intArrOrEmpty = (xs: number[]) => (xs.length ? intArr(xs) : sql`'{}'::int[]`);

export async function createSurvey(database: Database, ctx: RequestContext, input: z.infer<typeof surveyBody>) {
  if (ctx.actor.scope.kind === "enterprise") throw new AppError("forbidden");
  const id = await database.db.transaction(async (tx) => {
    await checkTargets(database, ctx, input.targetEnterpriseIds, input.targetZoneIds, tx);
    const [row] = await database.rows<{ id: number }>(
      sql`INSERT INTO care_surveys (title, description, token, owner_body_id, status, target_enterprise_ids, target_zone_ids, closes_on, created_by)
          VALUES (${input.title}, ${input.description ?? null}, ${randomBytes(12).toString("base64url")}, ${ctx.actor.bodyId}, ${input.status},
                  ${intArrOrEmpty(input.targetEnterpriseIds)}, ${intArrOrEmpty(input.targetZoneIds)}, ${input.closesOn ?? null}, ${ctx.actor.userId})
          RETURNING id`,
      tx,
    );
    await writeQuestions(database, tx, row?.id ?? 0, input.questions);
    await audit(database, tx, ctx, { action: "create", objectType: "care_survey", objectId: row?.id, after: input });
    return row?.id ?? 0;
  });
  return getSurvey(database, ctx, id);
}

export async function updateSurvey(database: Database, ctx: RequestContext, id: number, patch: z.infer<typeof surveyPatch>) {
  await database.db.transaction(async (tx) => {
    const s = await loadSurvey(database, ctx, id, tx);
    if (!campaignWritable(ctx.actor, s.ownerPath)) throw new AppError("forbidden", `Phiếu do ${s.ownerBodyName} quản lý`);
    const [n] = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM care_survey_responses WHERE survey_id = ${id}`, tx);
    if (patch.questions) {
      if ((n?.n ?? 0) > 0) throw new AppError("survey_locked");
      await writeQuestions(database, tx, id, patch.questions);
    }
    const ents = patch.targetEnterpriseIds ?? s.targetEnterpriseIds;
    const zones = patch.targetZoneIds ?? s.targetZoneIds;
    await checkTargets(database, ctx, patch.targetEnterpriseIds ?? [], patch.targetZoneIds ?? [], tx);
    await database.rows(
      sql`UPDATE care_surveys SET title = ${patch.title ?? s.title}, description = ${patch.description === undefined ? s.description : patch.description},
            status = ${patch.status ?? s.status}, target_enterprise_ids = ${intArrOrEmpty(ents)}, target_zone_ids = ${intArrOrEmpty(zones)},
            closes_on = ${patch.closesOn === undefined ? s.closesOn : patch.closesOn}, updated_at = now()
          WHERE id = ${id}`,
      tx,
    );
    await audit(database, tx, ctx, { action: "update", objectType: "care_survey", objectId: id, after: patch });
  });
  return getSurvey(database, ctx, id);
}

// ── Public side: the form behind the link, and anonymous answers ─────────────────────────────

async function openSurveyByToken(database: Database, token: string, tx?: Tx) {
  const [s] = await database.rows<SurveyRow>(
    sql`SELECT ${surveyColumns} FROM care_surveys s JOIN bodies b ON b.id = s.owner_body_id WHERE s.token = ${token}`,
    tx,
  );
  if (!s || s.status === "draft") throw new AppError("not_found", "Không tìm thấy phiếu khảo sát");
  return s;
}

function isClosed(s: SurveyRow) {
  const today = vnToday();
  return s.status === "closed" || (s.closesOn !== null && s.closesOn < today);
}

/** Where the worker may say they work: the survey's enterprises, or the enterprises of its zones. */
async function choices(database: Database, s: SurveyRow, tx?: Tx) {
  const zones = await database.rows<{ id: number; name: string }>(
    s.targetZoneIds.length
      ? sql`SELECT id, name FROM zones WHERE id = ANY(${intArr(s.targetZoneIds)}) ORDER BY name`
      : s.targetEnterpriseIds.length
        ? sql`SELECT DISTINCT z.id, z.name FROM zones z JOIN enterprises e ON e.zone_id = z.id WHERE e.id = ANY(${intArr(s.targetEnterpriseIds)}) ORDER BY z.name`
        : sql`SELECT id, name FROM zones ORDER BY name`,
    tx,
  );
  const where: SQL = s.targetEnterpriseIds.length
    ? sql`e.id = ANY(${intArr(s.targetEnterpriseIds)})`
    : s.targetZoneIds.length
      ? sql`e.zone_id = ANY(${intArr(s.targetZoneIds)})`
      : sql`false`;
  const enterprises = await database.rows<{ id: number; name: string; zoneId: number | null }>(
    sql`SELECT e.id, e.name, e.zone_id AS "zoneId" FROM enterprises e WHERE ${where} AND e.status = 'active' ORDER BY e.name LIMIT 2000`,
    tx,
  );
  return { zones, enterprises };
}

export async function publicSurvey(database: Database, token: string) {
  const s = await openSurveyByToken(database, token);
  const qs = await questions(database, s.id);
  return {
    title: s.title,
    description: s.description,
    ownerBodyName: s.ownerBodyName,
    closed: isClosed(s),
    closesOn: s.closesOn,
    questions: qs.map(({ position: _p, ...q }) => q),
    ...(await choices(database, s)),
  };
}

/** Stores one anonymous answer: no person, no address, no time of day. */
/**
 * Records one anonymous answer. `opts.device` is a digest of the answering device (its cookie): one
 * answer per device and survey, kept apart from the answer. `opts.spend` spends the anti-flood
 * challenge inside the same transaction, so a refused answer leaves the solution unspent.
 */
export async function submitAnswer(
  database: Database,
  token: string,
  body: z.infer<typeof answerBody>,
  opts: { device?: (surveyId: number) => string; spend?: (tx: Tx) => Promise<void> } = {},
) {
  return database.db.transaction(async (tx) => {
    const s = await openSurveyByToken(database, token, tx);
    if (isClosed(s)) throw new AppError("survey_closed");
    const qs = await questions(database, s.id, tx);
    const errors: { pointer: string; message: string }[] = [];
    const clean: Record<string, string | number | string[]> = {};
    for (const q of qs) {
      const v = body.answers[String(q.id)];
      const pointer = `/body/answers/${q.id}`;
      const empty = v === undefined || v === "" || (Array.isArray(v) && v.length === 0);
      if (empty) {
        if (q.required) errors.push({ pointer, message: `Câu ${q.position}: chưa trả lời` });
        continue;
      }
      if (q.kind === "single" && !(typeof v === "string" && q.options.includes(v)))
        errors.push({ pointer, message: `Câu ${q.position}: chọn một phương án có sẵn` });
      else if (q.kind === "multiple" && !(Array.isArray(v) && v.every((x) => q.options.includes(x)) && new Set(v).size === v.length))
        errors.push({ pointer, message: `Câu ${q.position}: chọn các phương án có sẵn` });
      else if (q.kind === "scale" && !(typeof v === "number" && Number.isInteger(v) && v >= (q.scaleMin ?? 1) && v <= (q.scaleMax ?? 5)))
        errors.push({ pointer, message: `Câu ${q.position}: chọn điểm từ ${q.scaleMin} đến ${q.scaleMax}` });
      else if (q.kind === "text" && typeof v !== "string") errors.push({ pointer, message: `Câu ${q.position}: nhập câu trả lời bằng chữ` });
      else clean[String(q.id)] = typeof v === "string" ? v.trim() : v;
    }
    const unknown = Object.keys(body.answers).filter((k) => !qs.some((q) => String(q.id) === k));
    if (unknown.length) errors.push({ pointer: "/body/answers", message: "Có câu trả lời cho câu hỏi không có trong phiếu" });
    let zoneId = body.zoneId ?? null;
    let enterpriseId = body.enterpriseId ?? null;
    if (enterpriseId !== null || zoneId !== null || s.targetEnterpriseIds.length || s.targetZoneIds.length) {
      const c = await choices(database, s, tx);
      if (enterpriseId !== null) {
        const e = c.enterprises.find((x) => x.id === enterpriseId);
        if (!e) errors.push({ pointer: "/body/enterpriseId", message: "Doanh nghiệp không thuộc danh sách của phiếu" });
        else zoneId = e.zoneId;
      } else if (zoneId !== null && !c.zones.some((z) => z.id === zoneId))
        errors.push({ pointer: "/body/zoneId", message: "Khu công nghiệp không thuộc danh sách của phiếu" });
      if (s.targetEnterpriseIds.length && enterpriseId === null) errors.push({ pointer: "/body/enterpriseId", message: "Chọn doanh nghiệp nơi bạn làm việc" });
    }
    if (errors.length) throw new AppError("validation_failed", errors[0]?.message, { errors });
    await opts.spend?.(tx);
    if (opts.device) {
      const first = await database.rows(
        sql`INSERT INTO care_survey_devices (survey_id, device_digest) VALUES (${s.id}, ${opts.device(s.id)}) ON CONFLICT DO NOTHING RETURNING survey_id`,
        tx,
      );
      if (!first.length) throw new AppError("survey_already_answered");
    }
    if (enterpriseId === null) enterpriseId = null;
    await database.rows(
      sql`INSERT INTO care_survey_responses (survey_id, enterprise_id, zone_id, answers, submitted_on, consent_version, consent_on)
          VALUES (${s.id}, ${enterpriseId}, ${zoneId}, ${JSON.stringify(clean)}::jsonb, ${vnToday()}, ${body.consent ? noticeFor("survey").version : null},
                  ${body.consent ? vnToday() : null})`,
      tx,
    );
    return { received: true };
  });
}

// ── Results, with small groups suppressed ──────────────────────────────────────────────────────

type Answer = Record<string, string | number | string[]>;
interface QuestionResult {
  questionId: number;
  kind: QuestionRow["kind"];
  text: string;
  answered: number;
  /** single/multiple: one bar per option; scale: one bar per point. */
  counts?: { label: string; count: number }[];
  average?: number | null;
  /** Free text, only when the group is large enough. */
  texts?: string[];
}

function tally(qs: QuestionRow[], answers: Answer[]): QuestionResult[] {
  return qs.map((q) => {
    const vals = answers.map((a) => a[String(q.id)]).filter((v) => v !== undefined);
    const base = { questionId: q.id, kind: q.kind, text: q.text, answered: vals.length };
    if (q.kind === "single" || q.kind === "multiple") {
      return {
        ...base,
        counts: q.options.map((o) => ({ label: o, count: vals.filter((v) => (Array.isArray(v) ? v.includes(o) : v === o)).length })),
      };
    }
    if (q.kind === "scale") {
      const nums = vals.filter((v): v is number => typeof v === "number");
      const lo = q.scaleMin ?? 1;
      const points = Array.from({ length: (q.scaleMax ?? 5) - lo + 1 }, (_, i) => lo + i);
      return {
        ...base,
        counts: points.map((p) => ({ label: String(p), count: nums.filter((n) => n === p).length })),
        average: nums.length ? Math.round((nums.reduce((s, n) => s + n, 0) / nums.length) * 100) / 100 : null,
      };
    }
    return { ...base, texts: vals.filter((v): v is string => typeof v === "string") };
  });
}

interface Group {
  key: number | null;
  name: string;
  /** null when suppressed: even the exact size of a small group is withheld. */
  answers: number | null;
  suppressed: boolean;
  note?: string;
  results?: QuestionResult[];
}

/**
 * A breakdown with every group under MIN_GROUP hidden. When exactly one group is hidden, the
 * smallest shown group is hidden too: otherwise the total minus the others would reveal it.
 */
function breakdown(qs: QuestionRow[], rows: { key: number | null; name: string; answers: Answer }[]): Group[] {
  const by = new Map<string, { key: number | null; name: string; list: Answer[] }>();
  for (const r of rows) {
    const k = String(r.key);
    const g = by.get(k) ?? { key: r.key, name: r.name, list: [] };
    g.list.push(r.answers);
    by.set(k, g);
  }
  const groups: Group[] = [...by.values()].map((g) => ({ key: g.key, name: g.name, answers: g.list.length, suppressed: g.list.length < MIN_GROUP }));
  const hidden = groups.filter((g) => g.suppressed);
  if (hidden.length === 1 && groups.length > 1) {
    const smallest = groups.filter((g) => !g.suppressed).sort((a, b) => (a.answers ?? 0) - (b.answers ?? 0))[0];
    if (smallest) {
      smallest.suppressed = true;
      smallest.note = "Ẩn thêm nhóm này để không suy ra được câu trả lời của nhóm dưới 5 người";
    }
  }
  for (const g of groups) {
    if (g.suppressed) {
      g.note ??= `Dưới ${MIN_GROUP} câu trả lời — không hiển thị để bảo vệ người trả lời`;
      g.answers = null;
    } else g.results = tally(qs, by.get(String(g.key))?.list ?? []);
  }
  return groups.sort((a, b) => Number(a.suppressed) - Number(b.suppressed) || (b.answers ?? 0) - (a.answers ?? 0) || a.name.localeCompare(b.name, "vi"));
}

export async function surveyResults(database: Database, ctx: RequestContext, id: number) {
  const s = await loadSurvey(database, ctx, id);
  const qs = await questions(database, id);
  const rows = await database.rows<{
    enterpriseId: number | null;
    enterpriseName: string | null;
    zoneId: number | null;
    zoneName: string | null;
    answers: Answer;
  }>(
    sql`SELECT r.enterprise_id AS "enterpriseId", e.name AS "enterpriseName", r.zone_id AS "zoneId", z.name AS "zoneName", r.answers
        FROM care_survey_responses r LEFT JOIN enterprises e ON e.id = r.enterprise_id LEFT JOIN zones z ON z.id = r.zone_id
        WHERE r.survey_id = ${id}`,
  );
  const total = rows.length;
  const enough = total >= MIN_GROUP;
  return {
    surveyId: s.id,
    title: s.title,
    total,
    minGroup: MIN_GROUP,
    overall: enough
      ? {
          suppressed: false,
          results: tally(
            qs,
            rows.map((r) => r.answers),
          ),
        }
      : { suppressed: true, note: `Chưa đủ ${MIN_GROUP} câu trả lời — kết quả sẽ hiển thị khi có từ ${MIN_GROUP} câu trả lời` },
    byEnterprise: breakdown(
      qs,
      rows.map((r) => ({ key: r.enterpriseId, name: r.enterpriseName ?? "Không nêu doanh nghiệp", answers: r.answers })),
    ),
    byZone: breakdown(
      qs,
      rows.map((r) => ({ key: r.zoneId, name: r.zoneName ?? "Không nêu khu công nghiệp", answers: r.answers })),
    ),
  };
}
