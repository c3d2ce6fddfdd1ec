import { sql } from "drizzle-orm";
import type { Database, Tx } from "#server/db/client.ts";
import type { RequestContext } from "#server/http/context.ts";
import { AppError, notFound } from "#server/http/errors.ts";
import { audit } from "#server/modules/access/index.ts";
import { cleanText, fold } from "#shared/text.ts";
import { iso } from "./requests.shared.ts";

/**
 * Everyday words for the legal Q&A search: groups of words that mean the same thing ("tăng ca",
 * "làm thêm giờ"), edited by administrators. A query containing one word of a group also finds the
 * entries that use another.
 */

export interface SynonymGroup {
  id: number;
  terms: string[];
  updatedAt: string;
  updatedBy: string | null;
}

/** A query phrase longer than this many words is not looked up (no group has longer words). */
const MAX_PHRASE_WORDS = 6;

/** The words of a group as stored: cleaned, without folded duplicates, in the order typed. */
export function cleanTerms(terms: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const t of terms.map(cleanText)) {
    const k = fold(t);
    if (!k || seen.has(k)) continue;
    seen.add(k);
    out.push(t);
  }
  return out;
}

/** Each problem on its own word: too short (it would match inside other words), too many words, already in another group. */
async function checkTerms(database: Database, terms: string[], exceptId: number | null): Promise<string[]> {
  const errors: { pointer: string; message: string }[] = [];
  const cleaned = cleanTerms(terms);
  if (cleaned.length < 2) errors.push({ pointer: "/body/terms", message: "Nhóm cần ít nhất hai từ khác nhau" });
  cleaned.forEach((t, i) => {
    const f = fold(t);
    if (f.replace(/\s/g, "").length < 3)
      errors.push({ pointer: `/body/terms/${i}`, message: `"${t}" quá ngắn: cần ít nhất 3 chữ cái để không khớp nhầm giữa các từ khác` });
    else if (f.split(" ").length > MAX_PHRASE_WORDS) errors.push({ pointer: `/body/terms/${i}`, message: `"${t}" dài quá ${MAX_PHRASE_WORDS} từ` });
  });
  // A word in two groups would make the search's meaning depend on which group it read first.
  {
    const taken = await database.rows<{ term: string; first: string }>(
      sql`SELECT t.term, s.terms[1] AS first FROM voice_qa_synonyms s, unnest(s.terms_fold) AS t(term)
          WHERE s.terms_fold && ${foldedArray(cleaned)} AND t.term = ANY(${foldedArray(cleaned)}) AND s.id <> ${exceptId ?? 0}`,
    );
    for (const hit of taken) {
      const i = cleaned.findIndex((t) => fold(t) === hit.term);
      errors.push({ pointer: `/body/terms/${i}`, message: `"${cleaned[i]}" đã có trong nhóm "${hit.first}"` });
    }
  }
  if (errors.length) throw new AppError("validation_failed", "Danh sách từ chưa hợp lệ", { errors });
  return cleaned;
}

/** A text[] of folded words, as one parameter (drizzle would expand a JS array into a list). */
const foldedArray = (xs: string[]) => sql`ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(xs.map(fold))}::jsonb))::text[]`;
const textArray = (xs: string[]) => sql`ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(xs)}::jsonb))::text[]`;

type Row = { id: number; terms: string[]; updatedAt: unknown; updatedBy: string | null };
const toGroup = (r: Row): SynonymGroup => ({ ...r, updatedAt: iso(r.updatedAt) });
const columns = sql`s.id, s.terms, s.updated_at AS "updatedAt", u.full_name AS "updatedBy"`;

export async function listSynonyms(database: Database): Promise<SynonymGroup[]> {
  const rows = await database.rows<Row>(
    sql`SELECT ${columns} FROM voice_qa_synonyms s LEFT JOIN users u ON u.id = s.updated_by ORDER BY vn_fold(s.terms[1]), s.id`,
  );
  return rows.map(toGroup);
}

async function getSynonym(database: Database, id: number, tx?: Tx): Promise<SynonymGroup> {
  const [row] = await database.rows<Row>(sql`SELECT ${columns} FROM voice_qa_synonyms s LEFT JOIN users u ON u.id = s.updated_by WHERE s.id = ${id}`, tx);
  if (!row) throw notFound("Không tìm thấy nhóm từ đồng nghĩa");
  return toGroup(row);
}

export async function createSynonym(database: Database, ctx: RequestContext, input: { terms: string[] }): Promise<SynonymGroup> {
  const terms = await checkTerms(database, input.terms, null);
  return database.db.transaction(async (tx) => {
    const [row] = await database.rows<{ id: number }>(
      sql`INSERT INTO voice_qa_synonyms (terms, updated_by) VALUES (${textArray(terms)}, ${ctx.actor.userId}) RETURNING id`,
      tx,
    );
    if (!row) throw new Error("insert returned nothing");
    await audit(database, tx, ctx, { action: "voice_qa_synonyms_create", objectType: "voice_qa_synonyms", objectId: row.id, after: { terms } });
    return getSynonym(database, row.id, tx);
  });
}

export async function updateSynonym(database: Database, ctx: RequestContext, id: number, input: { terms: string[] }): Promise<SynonymGroup> {
  const terms = await checkTerms(database, input.terms, id);
  return database.db.transaction(async (tx) => {
    const before = await getSynonym(database, id, tx);
    await database.rows(
      sql`UPDATE voice_qa_synonyms SET terms = ${textArray(terms)}, updated_by = ${ctx.actor.userId}, updated_at = now() WHERE id = ${id}`,
      tx,
    );
    await audit(database, tx, ctx, {
      action: "voice_qa_synonyms_update",
      objectType: "voice_qa_synonyms",
      objectId: id,
      before: { terms: before.terms },
      after: { terms },
    });
    return getSynonym(database, id, tx);
  });
}

export async function deleteSynonym(database: Database, ctx: RequestContext, id: number): Promise<void> {
  await database.db.transaction(async (tx) => {
    const before = await getSynonym(database, id, tx);
    await database.rows(sql`DELETE FROM voice_qa_synonyms WHERE id = ${id}`, tx);
    await audit(database, tx, ctx, { action: "voice_qa_synonyms_delete", objectType: "voice_qa_synonyms", objectId: id, before: { terms: before.terms } });
  });
}

/** A folded query cut into what each part may match: a group's words (any one of them), or a single word. */
export interface ExpandedQuery {
  /** Each part: the folded alternatives, at least one of which must appear. */
  parts: string[][];
  /** The other words of the groups used, as typed by the administrator (shown to the worker). */
  alsoSearched: string[];
}

/**
 * Cuts a folded query into groups and words. Every phrase of up to six words is looked up at once
 * (one GIN probe); the longest phrase wins where two overlap ("làm thêm giờ" before "làm thêm").
 */
export async function expandQuery(database: Database, folded: string): Promise<ExpandedQuery> {
  const words = folded.split(" ").filter((w) => w.length > 0);
  const phrases = new Set<string>();
  for (let i = 0; i < words.length; i++) for (let n = 1; n <= MAX_PHRASE_WORDS && i + n <= words.length; n++) phrases.add(words.slice(i, i + n).join(" "));
  const groups = phrases.size
    ? await database.rows<{ terms: string[]; fold: string[] }>(
        sql`SELECT terms, terms_fold AS fold FROM voice_qa_synonyms WHERE terms_fold && ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify([...phrases])}::jsonb))::text[]`,
      )
    : [];
  const parts: string[][] = [];
  const also = new Set<string>();
  let i = 0;
  while (i < words.length) {
    let used = 0;
    const alternatives = new Set<string>();
    for (let n = Math.min(MAX_PHRASE_WORDS, words.length - i); n >= 1 && !used; n--) {
      const phrase = words.slice(i, i + n).join(" ");
      for (const g of groups) {
        if (!g.fold.includes(phrase)) continue;
        used = n;
        for (const f of g.fold) alternatives.add(f);
        g.terms.forEach((t, k) => {
          if (g.fold[k] !== phrase) also.add(t);
        });
      }
    }
    if (used) {
      parts.push([...alternatives]);
      i += used;
    } else {
      parts.push([words[i] ?? ""]);
      i += 1;
    }
  }
  return { parts, alsoSearched: [...also] };
}
