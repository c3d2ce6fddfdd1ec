/**
 * Notices to workers: a phone or e-mail left on the form for notices only, kept apart from the
 * request (never in what staff or the employer read), erased when the request closes. The text
 * carries the code and a link to the tracking page, never the complaint's content, nor the secret.
 */
import { type SQL, sql } from "drizzle-orm";
import type { Database, Tx } from "#server/db/client.ts";
import { publicUrlOf } from "./channels.ts";
import { enqueueMessage } from "./outbox.service.ts";

export type WorkerEvent = "receipt" | "transfer" | "answer" | "more_info";

/** The texts, Vietnamese with diacritics (the SMS adapter sends them in ASCII): `{code}` and `{link}` filled in. */
export const workerTexts: Record<WorkerEvent, { subject: string; body: string }> = {
  receipt: {
    subject: "Đã tiếp nhận yêu cầu {code}",
    body: "Cầu Nối: yêu cầu {code} đã được tiếp nhận. Theo dõi tại {link} (cần mã và mật mã của anh/chị).",
  },
  transfer: {
    subject: "Yêu cầu {code} được chuyển đơn vị giải quyết",
    body: "Cầu Nối: yêu cầu {code} đã được chuyển đến đơn vị có thẩm quyền giải quyết. Theo dõi tại {link}.",
  },
  answer: {
    subject: "Yêu cầu {code} đã có trả lời",
    body: "Cầu Nối: yêu cầu {code} đã có trả lời. Xem tại {link} (cần mã và mật mã của anh/chị).",
  },
  more_info: {
    subject: "Yêu cầu {code} cần thêm thông tin",
    body: "Cầu Nối: cán bộ cần thêm thông tin về yêu cầu {code}. Xem và trả lời tại {link}.",
  },
};

const fill = (s: string, code: string, link: string) => s.replaceAll("{code}", code).replaceAll("{link}", link);
/** The tracking page of a code (the secret is never in a link). */
export const trackingLink = (base: string, code: string) => `${base}/theo-doi/${encodeURIComponent(code)}`;

export interface NoticeContact {
  phone: string | null;
  email: string | null;
}

/**
 * The statements a filing adds to its own (one statement, see voice's group commit): the contact kept
 * apart and the receipt notice queued, for rows of `source` having `id`, `code`, `notice_phone`,
 * `notice_email`. Returns the CTEs to append after `source` (each starts with a comma).
 */
export function receiptStatements(database: Database, source: string): SQL {
  const t = workerTexts.receipt;
  const base = `${publicUrlOf(database)}/theo-doi/`;
  const src = sql.raw(source);
  const text = (tpl: string) => sql`replace(replace(${tpl}, '{code}', s.code), '{link}', ${base} || s.code)`;
  return sql`,
    notice_contact AS (
      INSERT INTO notify_contacts (request_id, phone, email)
      SELECT id, notice_phone, notice_email FROM ${src} WHERE notice_phone IS NOT NULL OR notice_email IS NOT NULL),
    notice_receipt AS (
      INSERT INTO outbound_messages (key, channel, recipient, subject, body, purpose, template, data)
      SELECT 'notice:receipt:' || s.id || ':' || c.channel, c.channel, c.recipient, ${text(t.subject)}, ${text(t.body)}, 'notice:receipt', 'receipt',
             jsonb_build_object('code', s.code, 'link', ${base} || s.code)
      FROM ${src} s CROSS JOIN LATERAL (VALUES ('sms', s.notice_phone), ('email', s.notice_email)) AS c(channel, recipient)
      WHERE c.recipient IS NOT NULL
      ON CONFLICT (key) DO NOTHING)`;
}

const run = async <T>(tx: Tx, q: SQL) => ((await tx.execute(q)) as unknown as { rows: T[] }).rows;

/** Queues a worker's notice for an event of their request, in the event's transaction; nothing when no contact was left. */
export async function noticeWorker(database: Database, tx: Tx, e: { requestId: number; code: string; event: WorkerEvent; seq?: string }) {
  const [c] = await run<NoticeContact>(tx, sql`SELECT phone, email FROM notify_contacts WHERE request_id = ${e.requestId}`);
  if (!c) return 0;
  const link = trackingLink(publicUrlOf(database), e.code);
  const t = workerTexts[e.event];
  let n = 0;
  for (const [channel, recipient] of [
    ["sms", c.phone],
    ["email", c.email],
  ] as const) {
    if (!recipient) continue;
    const ok = await enqueueMessage(tx, {
      key: `notice:${e.event}:${e.requestId}:${e.seq ?? "1"}:${channel}`,
      channel,
      recipient,
      subject: fill(t.subject, e.code, link),
      body: fill(t.body, e.code, link),
      purpose: `notice:${e.event}`,
      template: e.event,
      data: { code: e.code, link },
    });
    if (ok) n++;
  }
  return n;
}

/** Erases a request's notice contact (the request closed, or its data was erased). */
export async function forgetNoticeContact(tx: Tx, requestId: number): Promise<void> {
  await run(tx, sql`DELETE FROM notify_contacts WHERE request_id = ${requestId}`);
}

/** The contact left for notices on a request: for the worker's own view of what is held and a lost secret (never for staff). */
export async function noticeContactOf(database: Database, requestId: number, tx?: Tx): Promise<NoticeContact | null> {
  const [c] = await database.rows<NoticeContact>(sql`SELECT phone, email FROM notify_contacts WHERE request_id = ${requestId}`, tx);
  return c ?? null;
}
