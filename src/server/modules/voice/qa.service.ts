import { sql } from "drizzle-orm";
import type { Database, Tx } from "#server/db/client.ts";
import type { RequestContext } from "#server/http/context.ts";
import { AppError, notFound } from "#server/http/errors.ts";
import { audit } from "#server/modules/access/index.ts";
import { fold } from "#shared/text.ts";
import { replacedWageDecrees } from "#server/modules/relations/index.ts";
import { vnToday } from "./calendar.ts";
import { expandQuery } from "./qa-synonyms.service.ts";
import { iso, requestScope } from "./requests.shared.ts";
import type { QaEntry, QaInput } from "./voice.schema.ts";

/**
 * The public legal Q&A ("Hỏi đáp pháp luật lao động"): answered requests, edited and de-identified,
 * with citations; entries citing a replaced rule are flagged for review.
 */

const qaColumns = sql`q.id, q.request_id AS "requestId", q.question, q.answer, q.citations, q.tags, q.valid_from::text AS "validFrom",
  q.valid_to::text AS "validTo", q.published_at AS "publishedAt", q.needs_review AS "needsReview", q.review_reason AS "reviewReason", q.updated_at AS "updatedAt"`;

type QaRow = Omit<QaEntry, "publishedAt" | "updatedAt"> & { publishedAt: unknown; updatedAt: unknown };
const toQa = (r: QaRow): QaEntry => ({ ...r, publishedAt: r.publishedAt ? iso(r.publishedAt) : null, updatedAt: iso(r.updatedAt) });

/** A text[] parameter (drizzle would expand a JS array into a list of parameters). */
const textArray = (xs: string[]) => sql`ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(xs.map((x) => x.normalize("NFC").trim()))}::jsonb))::text[]`;

/** Citations compare without case, diacritics or spacing: "Nghị định 74/2024/NĐ-CP" = "nghi dinh 74/2024/nd-cp". */
export const citationKey = (c: string) => fold(c).replace(/\s+/g, " ");

/** Masks what could identify a person: the requester's own name/phone/ID, and any phone or ID number. */
export function deidentify(text: string, identity: string[]): string {
  let out = text;
  for (const s of identity.filter((x) => x && x.trim().length >= 3)) {
    out = out.split(s).join("[…]");
  }
  return out.replace(/(?<!\d)(\+84|0)\d{9,10}(?!\d)/g, "[số điện thoại]").replace(/(?<!\d)\d{12}(?!\d)/g, "[số CCCD]");
}

/** The strings that identify a request's sender and signatories (names, phones, citizen IDs). */
export async function identityStrings(database: Database, requestId: number, tx?: Tx): Promise<string[]> {
  const rows = await database.rows<{ s: string | null }>(
    sql`SELECT full_name AS s FROM voice_requesters WHERE request_id = ${requestId} UNION ALL SELECT phone FROM voice_requesters WHERE request_id = ${requestId}
        UNION ALL SELECT citizen_id FROM voice_requesters WHERE request_id = ${requestId}
        UNION ALL SELECT full_name FROM voice_signatories WHERE request_id = ${requestId} UNION ALL SELECT citizen_id FROM voice_signatories WHERE request_id = ${requestId}
        UNION ALL SELECT phone FROM voice_signatories WHERE request_id = ${requestId}`,
    tx,
  );
  return rows.map((r) => r.s).filter((s): s is string => Boolean(s));
}

/** A draft entry prefilled from an answered request, with identity masked; the officer edits it. */
export async function qaDraftFromRequest(database: Database, ctx: RequestContext, requestId: number) {
  if (ctx.actor.scope.kind === "enterprise") throw new AppError("forbidden");
  const [r] = await database.rows<{ description: string; answer: string | null; topic: string; status: string; answerStatus: string }>(
    sql`SELECT r.description, r.public_answer AS answer, r.topic, r.status, r.answer_status AS "answerStatus"
        FROM voice_requests r JOIN bodies rb ON rb.id = r.responsible_body_id LEFT JOIN enterprises e ON e.id = r.enterprise_id
        WHERE r.id = ${requestId} AND ${requestScope(ctx)}`,
  );
  if (!r) throw notFound();
  if (r.answerStatus !== "published") throw new AppError("voice_not_answered", "Chỉ đưa vào hỏi đáp yêu cầu đã có câu trả lời công bố");
  const ids = await identityStrings(database, requestId);
  return { question: deidentify(r.description, ids), answer: deidentify(r.answer ?? "", ids), tags: [r.topic], validFrom: vnToday() };
}

async function refuseIdentity(database: Database, input: { requestId?: number | undefined; question: string; answer: string }) {
  if (!input.requestId) return;
  const ids = await identityStrings(database, input.requestId);
  const text = `${input.question}\n${input.answer}`;
  const leaked = ids.filter((s) => s.trim().length >= 3 && text.includes(s));
  if (leaked.length)
    throw new AppError("voice_identity_in_text", "Nội dung còn thông tin nhận dạng người gửi (họ tên, số điện thoại hoặc CCCD); hãy xóa trước khi lưu");
}

export async function createQa(database: Database, ctx: RequestContext, input: QaInput): Promise<QaEntry> {
  if (ctx.actor.scope.kind === "enterprise") throw new AppError("forbidden");
  if (input.requestId) {
    const [r] = await database.rows<{ id: number }>(
      sql`SELECT r.id FROM voice_requests r JOIN bodies rb ON rb.id = r.responsible_body_id LEFT JOIN enterprises e ON e.id = r.enterprise_id
          WHERE r.id = ${input.requestId} AND ${requestScope(ctx)}`,
    );
    if (!r) throw notFound("Không tìm thấy yêu cầu gốc");
  }
  await refuseIdentity(database, input);
  return database.db.transaction(async (tx) => {
    const flagged = await supersededIn(database, input.citations, tx);
    const [row] = await database.rows<QaRow>(
      sql`INSERT INTO voice_qa AS q (request_id, question, answer, citations, tags, valid_from, valid_to, needs_review, review_reason, created_by)
          VALUES (${input.requestId ?? null}, ${input.question.normalize("NFC")}, ${input.answer.normalize("NFC")}, ${textArray(input.citations)}, ${textArray(input.tags)},
                  ${input.validFrom}, ${input.validTo ?? null}, ${flagged !== null}, ${flagged}, ${ctx.actor.userId})
          RETURNING ${qaColumns}`,
      tx,
    );
    if (!row) throw new Error("insert returned nothing");
    await audit(database, tx, ctx, { action: "voice_qa_create", objectType: "voice_qa", objectId: row.id });
    return toQa(row);
  });
}

export async function updateQa(database: Database, ctx: RequestContext, id: number, input: QaInput): Promise<QaEntry> {
  if (ctx.actor.scope.kind === "enterprise") throw new AppError("forbidden");
  const [cur] = await database.rows<{ requestId: number | null }>(sql`SELECT request_id AS "requestId" FROM voice_qa WHERE id = ${id}`);
  if (!cur) throw notFound();
  await refuseIdentity(database, { ...input, requestId: cur.requestId ?? undefined });
  return database.db.transaction(async (tx) => {
    const flagged = await supersededIn(database, input.citations, tx);
    const [row] = await database.rows<QaRow>(
      sql`UPDATE voice_qa AS q SET question = ${input.question.normalize("NFC")}, answer = ${input.answer.normalize("NFC")}, citations = ${textArray(input.citations)},
            tags = ${textArray(input.tags)}, valid_from = ${input.validFrom}, valid_to = ${input.validTo ?? null},
            needs_review = ${flagged !== null}, review_reason = ${flagged}, updated_at = now()
          WHERE id = ${id} RETURNING ${qaColumns}`,
      tx,
    );
    if (!row) throw notFound();
    await audit(database, tx, ctx, { action: "voice_qa_update", objectType: "voice_qa", objectId: id });
    return toQa(row);
  });
}

export async function publishQa(database: Database, ctx: RequestContext, id: number, publish: boolean): Promise<QaEntry> {
  if (ctx.actor.scope.kind === "enterprise") throw new AppError("forbidden");
  return database.db.transaction(async (tx) => {
    const [cur] = await database.rows<{ needsReview: boolean; citations: string[] }>(
      sql`SELECT needs_review AS "needsReview", citations FROM voice_qa WHERE id = ${id} FOR UPDATE`,
      tx,
    );
    if (!cur) throw notFound();
    if (publish && cur.needsReview) throw new AppError("voice_qa_needs_review", "Mục hỏi đáp trích dẫn văn bản đã được thay thế; hãy sửa trước khi công bố");
    if (publish && cur.citations.length === 0) throw new AppError("validation_failed", "Cần ít nhất một trích dẫn pháp luật trước khi công bố");
    const [row] = await database.rows<QaRow>(
      sql`UPDATE voice_qa AS q SET published_at = ${publish ? sql`coalesce(published_at, now())` : sql`NULL`}, updated_at = now() WHERE id = ${id} RETURNING ${qaColumns}`,
      tx,
    );
    if (!row) throw notFound();
    await audit(database, tx, ctx, { action: publish ? "voice_qa_publish" : "voice_qa_unpublish", objectType: "voice_qa", objectId: id });
    return toQa(row);
  });
}

export async function listQaStaff(database: Database, q: { needsReview?: boolean | undefined; q?: string | undefined; page: number; pageSize: number }) {
  const conds = [sql`true`];
  if (q.needsReview !== undefined) conds.push(sql`q.needs_review = ${q.needsReview}`);
  if (q.q) conds.push(sql`q.search_fold LIKE ${`%${fold(q.q).replace(/[%_\\]/g, "\\$&")}%`}`);
  const where = sql.join(conds, sql` AND `);
  const [n] = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM voice_qa q WHERE ${where}`);
  const rows = await database.rows<QaRow>(
    sql`SELECT ${qaColumns} FROM voice_qa q WHERE ${where} ORDER BY q.needs_review DESC, q.updated_at DESC, q.id DESC LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
  );
  return { total: n?.n ?? 0, items: rows.map(toQa) };
}

export async function getQa(database: Database, id: number, publicOnly: boolean): Promise<QaEntry> {
  const [row] = await database.rows<QaRow>(
    sql`SELECT ${qaColumns} FROM voice_qa q WHERE q.id = ${id} ${publicOnly ? sql`AND q.published_at IS NOT NULL AND (q.valid_to IS NULL OR q.valid_to >= ${vnToday()})` : sql``}`,
  );
  if (!row) throw notFound();
  return toQa(row);
}

/**
 * Public search: diacritics optional ("lam them gio" finds "làm thêm giờ"), exact-diacritics
 * matches first, then by trigram word similarity on the folded text.
 */
export async function searchQa(database: Database, q: string | undefined, opts: { tag?: string | undefined; limit: number; offset: number }) {
  const today = vnToday();
  const conds = [sql`q.published_at IS NOT NULL`, sql`(q.valid_to IS NULL OR q.valid_to >= ${today})`];
  if (opts.tag) conds.push(sql`${opts.tag} = ANY(q.tags)`);
  const query = q?.trim() ? q.normalize("NFC").trim() : "";
  const f = fold(query);
  const like = (w: string) => sql`q.search_fold LIKE ${`%${w.replace(/[%_\\]/g, "\\$&")}%`}`;
  const expanded = f ? await expandQuery(database, f) : { parts: [], alsoSearched: [] };
  // Every word must appear (folded), or for a word of a synonym group any word of its group
  // ("tăng ca" or "làm thêm giờ"); the trigram index serves these LIKEs and their ORs.
  // A group's words are looked up one by one and united: written as one OR, the planner prices the
  // trigram index scans together above a sequential scan and reads the whole table.
  for (const alternatives of expanded.parts)
    conds.push(
      alternatives.length === 1
        ? like(alternatives[0] ?? "")
        : sql`q.id IN (${sql.join(
            alternatives.map((w) => sql`SELECT s.id FROM voice_qa s WHERE s.search_fold LIKE ${`%${w.replace(/[%_\\]/g, "\\$&")}%`}`),
            sql` UNION `,
          )})`,
    );
  const where = sql.join(conds, sql` AND `);
  const rank = f
    ? sql`(q.search_text ILIKE ${`%${query.replace(/[%_\\]/g, "\\$&")}%`})::int * 2 + (q.search_fold LIKE ${`%${f.replace(/[%_\\]/g, "\\$&")}%`})::int DESC,
          word_similarity(${f}, q.search_fold) DESC, q.published_at DESC`
    : sql`q.published_at DESC`;
  const [n] = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM voice_qa q WHERE ${where}`);
  const rows = await database.rows<QaRow>(
    sql`SELECT ${qaColumns} FROM voice_qa q WHERE ${where} ORDER BY ${rank}, q.id DESC LIMIT ${opts.limit} OFFSET ${opts.offset}`,
  );
  return {
    total: n?.n ?? 0,
    alsoSearched: expanded.alsoSearched,
    items: rows.map((r) => ({
      id: r.id,
      question: r.question,
      answer: r.answer,
      citations: r.citations,
      tags: r.tags,
      validFrom: r.validFrom,
      validTo: r.validTo,
    })),
  };
}

/** "Replaced by …" when one of these citations was superseded, else null. */
async function supersededIn(database: Database, citations: string[], tx: Tx): Promise<string | null> {
  if (!citations.length) return null;
  const rows = [
    ...(await database.rows<{ old: string; neu: string }>(sql`SELECT old_citation AS old, new_citation AS neu FROM voice_superseded`, tx)),
    // Minimum-wage decrees replaced by a later one, from the one dated table.
    ...(await replacedWageDecrees(database, vnToday(), tx)).map((r) => ({ old: r.old, neu: `Nghị định ${r.neu}` })),
  ];
  const keys = citations.map(citationKey);
  const hits = rows.filter((r) => keys.some((k) => k.includes(citationKey(r.old))));
  return hits.length ? hits.map((h) => `Trích dẫn "${h.old}" đã được thay thế bởi "${h.neu}"`).join("; ") : null;
}

/** Marks a rule replaced; every entry citing it is flagged for review. Returns how many were flagged. */
export async function markSuperseded(database: Database, ctx: RequestContext, input: { oldCitation: string; newCitation: string; note?: string | undefined }) {
  if (ctx.actor.scope.kind === "enterprise") throw new AppError("forbidden");
  return database.db.transaction(async (tx) => {
    await database.rows(
      sql`INSERT INTO voice_superseded (old_citation, new_citation, note, user_id) VALUES (${input.oldCitation.trim()}, ${input.newCitation.trim()}, ${input.note ?? null}, ${ctx.actor.userId})
          ON CONFLICT (old_citation) DO UPDATE SET new_citation = EXCLUDED.new_citation, note = EXCLUDED.note, user_id = EXCLUDED.user_id, at = now()`,
      tx,
    );
    const reason = `Trích dẫn "${input.oldCitation.trim()}" đã được thay thế bởi "${input.newCitation.trim()}"`;
    const key = citationKey(input.oldCitation);
    // Citations are matched folded, so "NĐ" and "ND" or a different tone placement still match.
    const flagged = await database.rows<{ id: number }>(
      sql`UPDATE voice_qa q SET needs_review = true,
            review_reason = CASE WHEN q.review_reason IS NULL OR q.review_reason = '' THEN ${reason} WHEN position(${reason} in q.review_reason) > 0 THEN q.review_reason ELSE q.review_reason || '; ' || ${reason} END,
            updated_at = now()
          WHERE EXISTS (SELECT 1 FROM unnest(q.citations) c WHERE position(${key} in regexp_replace(vn_fold(c), '\\s+', ' ', 'g')) > 0)
          RETURNING q.id`,
      tx,
    );
    await audit(database, tx, ctx, { action: "voice_citation_superseded", objectType: "voice_qa", detail: { ...input, flagged: flagged.length } });
    return { flagged: flagged.length, ids: flagged.map((f) => f.id) };
  });
}

export async function listSuperseded(database: Database) {
  const rows = await database.rows<{ id: number; oldCitation: string; newCitation: string; note: string | null; at: unknown; entries: number }>(
    sql`SELECT s.id, s.old_citation AS "oldCitation", s.new_citation AS "newCitation", s.note, s.at,
          (SELECT count(*)::int FROM voice_qa q WHERE q.needs_review AND EXISTS (SELECT 1 FROM unnest(q.citations) c WHERE position(vn_fold(s.old_citation) in vn_fold(c)) > 0)) AS entries
        FROM voice_superseded s ORDER BY s.at DESC`,
  );
  return rows.map((r) => ({ ...r, at: iso(r.at) }));
}
