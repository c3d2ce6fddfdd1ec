/** What a worker does with a code and secret: follow the request, add to it, rate the answer, get a new secret. */
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Database, Tx } from "#server/db/client.ts";
import { AppError, notFound } from "#server/http/errors.ts";
import { audit } from "#server/modules/access/index.ts";
import { enqueueMessage, messagesToday, noticeContactOf } from "#server/modules/notify/index.ts";
import { squeeze } from "#shared/secrets.ts";
import type { RequestStatus } from "./voice.schema.ts";
import { iso, isoOrNull } from "./requests.shared.ts";
import { hashSecret, newSecret, secretMatches } from "./tracking-code.ts";

// ---------------------------------------------------------------- public tracking

interface Tracked {
  id: number;
  secretHash: string;
  secretHashResent: string | null;
  status: RequestStatus;
  answerStatus: string;
  answeredAt: unknown;
  closedAt: unknown;
  rating: number | null;
}

export async function tracked(database: Database, code: string, secret: string | undefined, tx?: Tx): Promise<Tracked> {
  const [row] = await database.rows<Tracked>(
    sql`SELECT id, secret_hash AS "secretHash", secret_hash_resent AS "secretHashResent", status, answer_status AS "answerStatus", answered_at AS "answeredAt", closed_at AS "closedAt", rating
        FROM voice_requests WHERE code = ${code}`,
    tx,
  );
  // A wrong secret answers exactly like an unknown code: a guesser learns nothing.
  if (!row || !secretMatches(secret, row.secretHash, row.secretHashResent)) throw notFound("Không tìm thấy yêu cầu với mã và mật mã này");
  return row;
}

/** Re-sends per request per day, at most: a code in the wrong hands must not flood the worker's phone. */
const RESENDS_PER_DAY = 3;

/**
 * A lost secret: a new one goes to the phone (else the e-mail) the worker gave, as an outbound message
 * row; it is never in the answer, which is the same whether or not there was a contact to send to.
 * The first secret keeps working.
 */
export async function resendSecret(database: Database, code: string, meta: { requestId: string }) {
  await database.db.transaction(async (tx) => {
    const [r] = await database.rows<{ id: number; phone: string | null; email: string | null }>(
      sql`SELECT r.id, q.phone, q.email
          FROM voice_requests r LEFT JOIN voice_requesters q ON q.request_id = r.id WHERE r.code = ${code} FOR UPDATE OF r`,
      tx,
    );
    if (!r) return;
    // An anonymous worker who left a contact for notices gets the new secret there.
    const notice = r.phone || r.email ? null : await noticeContactOf(database, r.id, tx);
    const to = { phone: r.phone ?? notice?.phone ?? null, email: r.email ?? notice?.email ?? null };
    if ((!to.phone && !to.email) || (await messagesToday(tx, `voice_secret:${r.id}`)) >= RESENDS_PER_DAY) return;
    const secret = newSecret();
    const channel = to.phone ? "sms" : "email";
    await database.rows(sql`UPDATE voice_requests SET secret_hash_resent = ${hashSecret(squeeze(secret))}, updated_at = now() WHERE id = ${r.id}`, tx);
    await enqueueMessage(tx, {
      key: `voice_secret:${r.id}:${randomUUID()}`,
      channel,
      recipient: (to.phone ?? to.email) as string,
      subject: `Mật mã mới của yêu cầu ${code}`,
      body: `Cầu Nối: mật mã mới của yêu cầu ${code} là ${secret}. Không chia sẻ mật mã này cho ai.`,
      purpose: `voice_secret:${r.id}`,
    });
    await audit(database, tx, null, {
      action: "voice_secret_resend",
      objectType: "voice_request",
      objectId: r.id,
      detail: { channel, requestId: meta.requestId },
    });
  });
  return { message: "Nếu người gửi đã để lại số điện thoại hoặc email, mật mã mới đã được gửi đến đó. Mật mã cũ vẫn dùng được." };
}

/** The status page: progress and the published answer, nothing internal. */
export async function publicStatus(database: Database, code: string, secret: string | undefined) {
  const t = await tracked(database, code, secret);
  const [r] = await database.rows<{
    code: string;
    kind: "consultation";
    topic: "wages";
    title: string;
    status: RequestStatus;
    receivedAt: unknown;
    deadline: string;
    body: string;
    answer: string | null;
    answeredAt: unknown;
    rating: number | null;
  }>(
    sql`SELECT r.code, r.kind, r.topic, r.title, r.status, r.received_at AS "receivedAt", r.deadline::text AS deadline, b.name AS body,
               CASE WHEN r.answer_status = 'published' THEN r.public_answer END AS answer, r.answered_at AS "answeredAt", r.rating
        FROM voice_requests r JOIN bodies b ON b.id = r.responsible_body_id WHERE r.id = ${t.id}`,
  );
  if (!r) throw notFound();
  const history = await database.rows<{ at: unknown; status: string | null; action: string }>(
    sql`SELECT at, to_status AS status, action FROM voice_history WHERE request_id = ${t.id}
        AND action IN ('received','assigned','started','transferred','info_requested','answered','closed','reopened') ORDER BY at, id`,
  );
  const additions = await database.rows<{ at: unknown; body: string; source: string }>(
    sql`SELECT created_at AS at, body, source FROM voice_additions WHERE request_id = ${t.id} AND (source = 'requester' OR NOT private) ORDER BY created_at, id`,
  );
  return {
    code: r.code,
    kind: r.kind,
    topic: r.topic,
    title: r.title,
    status: r.status,
    receivedAt: iso(r.receivedAt),
    deadline: r.deadline,
    responsibleBody: r.body,
    answer: r.answer,
    answeredAt: r.answer ? isoOrNull(r.answeredAt) : null,
    rating: r.rating,
    canRate: r.answer !== null && (r.status === "answered" || r.status === "closed"),
    history: history.map((h) => ({ at: iso(h.at), status: h.status, action: h.action })),
    additions: additions.map((a) => ({ at: iso(a.at), body: a.body, source: a.source })),
  };
}

/** The requester adds information; a closed request is not reopened by it (staff decide). */
export async function publicAddition(database: Database, code: string, secret: string | undefined, body: string, meta: { requestId: string }) {
  return database.db.transaction(async (tx) => {
    const t = await tracked(database, code, secret, tx);
    if (t.status === "closed") throw new AppError("voice_bad_transition", "Yêu cầu đã đóng; hãy gửi yêu cầu mới hoặc liên hệ đường dây nóng");
    await database.rows(sql`INSERT INTO voice_additions (request_id, body, source) VALUES (${t.id}, ${body.normalize("NFC").trim()}, 'requester')`, tx);
    await database.rows(sql`INSERT INTO voice_history (request_id, action, detail) VALUES (${t.id}, 'requester_added', 'Người gửi bổ sung thông tin')`, tx);
    await database.rows(sql`UPDATE voice_requests SET updated_at = now() WHERE id = ${t.id}`, tx);
    await audit(database, tx, null, { action: "voice_request_addition", objectType: "voice_request", objectId: t.id, detail: { requestId: meta.requestId } });
  });
}

/** The requester rates the published answer (once; a new rating replaces the old). */
export async function publicRate(database: Database, code: string, secret: string | undefined, score: number, comment: string | undefined) {
  return database.db.transaction(async (tx) => {
    const t = await tracked(database, code, secret, tx);
    if (t.answerStatus !== "published") throw new AppError("voice_not_answered", "Chỉ đánh giá được khi đã có câu trả lời");
    await database.rows(
      sql`UPDATE voice_requests SET rating = ${score}, rating_comment = ${comment?.trim() || null}, rated_at = now(), updated_at = now() WHERE id = ${t.id}`,
      tx,
    );
    await database.rows(sql`INSERT INTO voice_history (request_id, action, detail) VALUES (${t.id}, 'rated', ${`Đánh giá ${score}/5`})`, tx);
    await audit(database, tx, null, { action: "voice_request_rate", objectType: "voice_request", objectId: t.id, after: { rating: score } });
  });
}
