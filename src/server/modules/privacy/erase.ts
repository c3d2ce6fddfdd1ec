import { type SQL, sql } from "drizzle-orm";
import type { Database, Tx } from "#server/db/client.ts";

/** What an erased text reads as: the row stays (figures count it), the words are gone. */
export const ERASED = "[đã xóa theo quy định bảo vệ dữ liệu cá nhân]";

/** Erases who sent the requests (the identity tables, the phones' push subscriptions), keeping the requests. Returns how many requests. */
export async function eraseIdentity(database: Database, tx: Tx, ids: SQL): Promise<number> {
  const a = await database.rows<{ id: number }>(sql`DELETE FROM voice_requesters WHERE request_id IN (${ids}) RETURNING request_id AS id`, tx);
  const b = await database.rows<{ id: number }>(sql`DELETE FROM voice_signatories WHERE request_id IN (${ids}) RETURNING request_id AS id`, tx);
  // The contact left for notices only (notify) goes with the identity.
  await database.rows(sql`DELETE FROM notify_contacts WHERE request_id IN (${ids})`, tx);
  // A phone's push subscription points at the person's device: it goes with their identity.
  await database.rows(sql`DELETE FROM voice_push_subscriptions WHERE request_id IN (${ids})`, tx);
  return new Set([...a, ...b].map((r) => r.id)).size;
}

/**
 * De-identifies requests: identity, title, text, answer, rating comment, additions, notes, attachments
 * and history details erased. Kind, topic, body, enterprise, dates, status and rating stay, so every
 * figure and report counts the same before and after. Returns the ids de-identified.
 */
export async function deidentifyRequests(database: Database, tx: Tx, ids: SQL): Promise<number[]> {
  await eraseIdentity(database, tx, ids);
  await database.rows(sql`DELETE FROM voice_additions WHERE request_id IN (${ids})`, tx);
  await database.rows(sql`DELETE FROM voice_notes WHERE request_id IN (${ids})`, tx);
  await database.rows(sql`DELETE FROM voice_attachments WHERE request_id IN (${ids})`, tx);
  await database.rows(sql`UPDATE voice_history SET detail = NULL WHERE request_id IN (${ids}) AND detail IS NOT NULL`, tx);
  await database.rows(sql`UPDATE voice_transfers SET reason = ${ERASED} WHERE request_id IN (${ids})`, tx);
  const rows = await database.rows<{ id: number }>(
    sql`UPDATE voice_requests SET title = ${ERASED}, description = ${ERASED},
          public_answer = CASE WHEN public_answer IS NULL THEN NULL ELSE ${ERASED} END, rating_comment = NULL,
          enterprise_name = CASE WHEN enterprise_id IS NULL THEN NULL ELSE enterprise_name END,
          enterprise_summary = CASE WHEN enterprise_summary IS NULL THEN NULL ELSE ${ERASED} END,
          deidentified_at = now(), updated_at = now()
        WHERE id IN (${ids}) AND deidentified_at IS NULL RETURNING id`,
    tx,
  );
  return rows.map((r) => r.id);
}
