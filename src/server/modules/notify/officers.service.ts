/**
 * Officers' notices: the bell in the staff app (unread count, list, mark read) and the daily e-mail
 * digest at 07:00 Vietnam time, each a per-user setting (both on unless turned off).
 */
import { type SQL, sql } from "drizzle-orm";
import type { Database, Tx } from "#server/db/client.ts";
import { vnDate, vnDayStart } from "#shared/clock.ts";
import { enqueueMessage } from "./outbox.service.ts";

export const officerKinds = ["new_request", "assigned", "review", "due_tomorrow", "overdue", "escalated"] as const;
export type OfficerKind = (typeof officerKinds)[number];

/** Who is told of an event: one user, or the officers (or the heads) of a body. */
export type Audience = { userId: number } | { bodyId: number; heads?: boolean; except?: number | null };

const run = async <T>(tx: Tx, q: SQL) => ((await tx.execute(q)) as unknown as { rows: T[] }).rows;

function audienceSql(a: Audience): SQL {
  if ("userId" in a) return sql`u.id = ${a.userId}`;
  const roles = a.heads ? ["body_admin"] : ["body_admin", "officer", "union_officer"];
  return sql`u.body_id = ${a.bodyId} AND u.role IN (SELECT jsonb_array_elements_text(${JSON.stringify(roles)}::jsonb))
             AND u.id IS DISTINCT FROM ${a.except ?? null}::int`;
}

/**
 * Puts a notice in the bell of each officer in the audience who keeps the bell on, in the event's
 * transaction. `key` makes it once per event and user (a sweep run twice adds nothing).
 */
export async function noticeOfficers(tx: Tx, e: { kind: OfficerKind; requestId: number; code: string; key: string; to: Audience }): Promise<number> {
  const rows = await run<{ id: number }>(
    tx,
    sql`INSERT INTO notify_notices (user_id, kind, request_id, code, key)
        SELECT u.id, ${e.kind}, ${e.requestId}, ${e.code}, ${e.key}
        FROM users u LEFT JOIN notify_preferences p ON p.user_id = u.id
        WHERE u.active AND u.role <> 'enterprise_rep' AND coalesce(p.bell, true) AND ${audienceSql(e.to)}
        ON CONFLICT (user_id, key) DO NOTHING RETURNING id`,
  );
  return rows.length;
}

/** The statement a filing appends (one statement, voice's group commit): "new request for my body" for rows of `source`. */
export function newRequestStatement(source: string): SQL {
  return sql`,
    notice_new AS (
      INSERT INTO notify_notices (user_id, kind, request_id, code, key)
      SELECT u.id, 'new_request', s.id, s.code, 'new_request:' || s.id
      FROM ${sql.raw(source)} s JOIN users u ON u.body_id = s.responsible_body_id LEFT JOIN notify_preferences p ON p.user_id = u.id
      WHERE u.active AND u.role IN ('body_admin','officer','union_officer') AND coalesce(p.bell, true)
      ON CONFLICT (user_id, key) DO NOTHING)`;
}

export const kindTexts: Record<OfficerKind, string> = {
  new_request: "Yêu cầu mới gửi đơn vị",
  assigned: "Yêu cầu được phân công cho bạn",
  review: "Câu trả lời chờ bạn duyệt",
  due_tomorrow: "Yêu cầu đến hạn ngày mai",
  overdue: "Yêu cầu quá hạn",
  escalated: "Yêu cầu quá hạn báo cáo lãnh đạo",
};

/** A user's bell: the unread count and the latest notices. */
export async function bell(database: Database, userId: number) {
  const [c] = await database.rows<{ unread: number }>(sql`SELECT count(*)::int AS unread FROM notify_notices WHERE user_id = ${userId} AND read_at IS NULL`);
  const items = await database.rows<{ id: number; kind: OfficerKind; requestId: number | null; code: string; createdAt: string; read: boolean }>(
    sql`SELECT id, kind, request_id AS "requestId", code, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "createdAt", read_at IS NOT NULL AS read
        FROM notify_notices WHERE user_id = ${userId} ORDER BY created_at DESC, id DESC LIMIT 30`,
  );
  return { unread: c?.unread ?? 0, items: items.map((i) => ({ ...i, text: kindTexts[i.kind] })) };
}

/** Marks the user's notices read: the ones named, or all. Only their own. */
export async function markRead(database: Database, userId: number, ids: number[] | undefined) {
  const rows = await database.rows<{ id: number }>(
    ids
      ? sql`UPDATE notify_notices SET read_at = now() WHERE user_id = ${userId} AND read_at IS NULL
              AND id IN (SELECT jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::bigint) RETURNING id`
      : sql`UPDATE notify_notices SET read_at = now() WHERE user_id = ${userId} AND read_at IS NULL RETURNING id`,
  );
  return { marked: rows.length };
}

export async function preferences(database: Database, userId: number) {
  const [p] = await database.rows<{ bell: boolean; digest: boolean }>(sql`SELECT bell, digest FROM notify_preferences WHERE user_id = ${userId}`);
  const [u] = await database.rows<{ email: string | null }>(sql`SELECT email FROM users WHERE id = ${userId}`);
  return { bell: p?.bell ?? true, digest: p?.digest ?? true, email: u?.email ?? null };
}

export async function setPreferences(database: Database, userId: number, v: { bell: boolean; digest: boolean }) {
  await database.rows(
    sql`INSERT INTO notify_preferences (user_id, bell, digest) VALUES (${userId}, ${v.bell}, ${v.digest})
        ON CONFLICT (user_id) DO UPDATE SET bell = EXCLUDED.bell, digest = EXCLUDED.digest, updated_at = now()`,
  );
  return preferences(database, userId);
}

/** The hour of the digest, Vietnam time. */
export const DIGEST_HOUR = 7;

/**
 * The daily digest: from 07:00 Vietnam time, one e-mail per officer who keeps it on, has an e-mail and
 * has unread notices, listing them. The key (user, Vietnam day) makes it once a day however often it
 * runs and on however many servers. Before 07:00 it does nothing (00:30 is already "today" in Vietnam
 * but still before the hour).
 */
export async function runDigest(database: Database, at: Date, opts: { link: string }): Promise<number> {
  const day = vnDate(at);
  if (at.getTime() < Date.parse(vnDayStart(day)) + DIGEST_HOUR * 3600_000) return 0;
  const rows = await database.rows<{ userId: number; email: string; fullName: string; items: { kind: OfficerKind; code: string }[] }>(
    sql`SELECT u.id AS "userId", u.email, u.full_name AS "fullName",
               jsonb_agg(jsonb_build_object('kind', n.kind, 'code', n.code) ORDER BY n.created_at) AS items
        FROM users u JOIN notify_notices n ON n.user_id = u.id AND n.read_at IS NULL
        LEFT JOIN notify_preferences p ON p.user_id = u.id
        WHERE u.active AND u.email IS NOT NULL AND coalesce(p.digest, true)
          AND NOT EXISTS (SELECT 1 FROM outbound_messages m WHERE m.key = 'digest:' || u.id || ':' || ${day})
        GROUP BY u.id`,
  );
  let n = 0;
  for (const r of rows) {
    const [y, m, d] = day.split("-");
    const lines = r.items.slice(0, 50).map((i) => `- ${kindTexts[i.kind]}: ${i.code}`);
    if (r.items.length > 50) lines.push(`… và ${r.items.length - 50} thông báo khác`);
    const body = [
      `Chào ${r.fullName},`,
      "",
      `Bạn có ${r.items.length} thông báo chưa đọc trên Cầu Nối:`,
      ...lines,
      "",
      `Mở Cầu Nối: ${opts.link}`,
      "Tắt bản tin hằng ngày trong phần Cài đặt thông báo.",
    ].join("\n");
    await database.db.transaction(async (tx) => {
      if (
        await enqueueMessage(tx, {
          key: `digest:${r.userId}:${day}`,
          channel: "email",
          recipient: r.email,
          subject: `Cầu Nối — bản tin ngày ${d}/${m}/${y}: ${r.items.length} thông báo`,
          body,
          purpose: "digest",
        })
      )
        n++;
    });
  }
  return n;
}
