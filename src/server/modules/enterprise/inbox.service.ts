/** The enterprise's side of its inbox: its items, its answers, extension requests and evidence. */
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Database, Tx } from "#server/db/client.ts";
import type { RequestContext } from "#server/http/context.ts";
import { AppError, notFound } from "#server/http/errors.ts";
import { audit } from "#server/modules/access/index.ts";
import { forwardedRequests, holidays, noteEnterpriseStep } from "#server/modules/voice/index.ts";
import { vnToday } from "#shared/clock.ts";
import { formatDate } from "#shared/text.ts";
import type { ExchangeKind, InboxItem, ItemKind } from "./enterprise.schema.ts";
import {
  assemble,
  byUrgency,
  exchangesWhere,
  fromRequest,
  MAX_EVIDENCE_BYTES,
  MAX_EVIDENCE_PER_ANSWER,
  publicExchange,
  publicItem,
  type Source,
  sources,
} from "./inbox.items.ts";

/** The enterprise of an enterprise account; any other account is refused (officers decide, they do not answer). */
export function ownEnterprise(ctx: RequestContext): number {
  const s = ctx.actor.scope;
  if (s.kind !== "enterprise" || s.enterpriseIds.length !== 1) throw new AppError("enterprise_only");
  return s.enterpriseIds[0] as number;
}

/** The enterprise's inbox: forwarded requests, findings and notices, the ones awaiting its answer first. */
export async function listInbox(database: Database, ctx: RequestContext): Promise<InboxItem[]> {
  const enterpriseId = ownEnterprise(ctx);
  const all = await assemble(database, await sources(database, ctx.actor.scope, { enterpriseId }));
  return all.map((a) => publicItem(a.item)).sort(byUrgency);
}

async function ownItem(database: Database, ctx: RequestContext, kind: ItemKind, key: string, tx?: Tx) {
  const enterpriseId = ownEnterprise(ctx);
  const id = kind === "request" ? null : Number(key);
  if (id !== null && !(Number.isInteger(id) && id > 0 && id < 2 ** 31)) throw notFound();
  let list: Source[];
  if (kind === "request") {
    const days = await holidays(database, tx);
    list = (await forwardedRequests(database, ctx.actor.scope, { enterpriseId, ref: key }, tx)).map((r) => fromRequest(r, days));
  } else {
    list = await sources(
      database,
      ctx.actor.scope,
      { enterpriseId, ...(kind === "finding" ? { findingIds: [id as number] } : { noticeIds: [id as number] }) },
      tx,
    );
    list = list.filter((s) => s.kind === kind);
  }
  const [found] = await assemble(database, list, tx);
  if (!found) throw notFound();
  return found;
}

/** One item with every exchange about it. */
export async function getInboxItem(database: Database, ctx: RequestContext, kind: ItemKind, key: string) {
  const found = await ownItem(database, ctx, kind, key);
  return { ...publicItem(found.item), exchanges: found.exchanges.map(publicExchange) };
}

export async function insertExchange(
  database: Database,
  tx: Tx,
  ctx: RequestContext,
  s: Source,
  x: { kind: ExchangeKind; side: "enterprise" | "authority"; body: string; until?: string | null },
): Promise<number> {
  const [row] = await database.rows<{ id: number }>(
    sql`INSERT INTO enterprise_exchanges (enterprise_id, item_kind, item_id, kind, side, body, until, by_user, by_body_id)
        VALUES (${s.enterpriseId}, ${s.kind}, ${s.id}, ${x.kind}, ${x.side}, ${x.body}, ${x.until ?? null}, ${ctx.actor.userId}, ${ctx.actor.bodyId})
        RETURNING id`,
    tx,
  );
  const id = row?.id ?? 0;
  await audit(database, tx, ctx, {
    action: `enterprise_${x.kind}`,
    objectType: "enterprise_exchange",
    objectId: id,
    after: { enterpriseId: s.enterpriseId, itemKind: s.kind, itemId: s.id, body: x.body, until: x.until ?? null },
  });
  return id;
}

export const stateError = (message: string) => new AppError("enterprise_item_state", message);

/** The enterprise answers an item (what it did, or what it replies); evidence is attached to the answer afterwards. */
export async function answerItem(database: Database, ctx: RequestContext, kind: ItemKind, key: string, body: string) {
  const text = body.normalize("NFC").trim();
  return database.db.transaction(async (tx) => {
    const found = await ownItem(database, ctx, kind, key, tx);
    if (found.item.state === "accepted") throw stateError("Mục này đã được cơ quan chấp nhận: không cần trả lời thêm");
    const id = await insertExchange(database, tx, ctx, found.source, { kind: "answer", side: "enterprise", body: text });
    if (kind === "request") await noteEnterpriseStep(database, tx, ctx, found.source.id, `Doanh nghiệp trả lời: ${text}`);
    return { exchangeId: id };
  });
}

/** The enterprise asks for more time, with a reason and the day it needs. */
export async function requestExtension(database: Database, ctx: RequestContext, kind: ItemKind, key: string, input: { until: string; reason: string }) {
  const reason = input.reason.normalize("NFC").trim();
  return database.db.transaction(async (tx) => {
    const found = await ownItem(database, ctx, kind, key, tx);
    const { item } = found;
    if (item.state === "accepted") throw stateError("Mục này đã được cơ quan chấp nhận: không cần gia hạn");
    if (item.deadline === null) throw stateError("Mục này không có hạn trả lời để gia hạn");
    if (item.pendingExtension) throw stateError(`Đề nghị gia hạn đến ${formatDate(item.pendingExtension.until)} đang chờ cơ quan quyết định`);
    const field = (message: string) => new AppError("validation_failed", message, { errors: [{ pointer: "/body/until", message }] });
    if (input.until <= item.deadline) throw field(`Ngày xin gia hạn phải sau hạn hiện tại (${formatDate(item.deadline)})`);
    if (input.until < vnToday()) throw field("Ngày xin gia hạn không được trước hôm nay");
    const id = await insertExchange(database, tx, ctx, found.source, { kind: "extension_request", side: "enterprise", body: reason, until: input.until });
    if (kind === "request")
      await noteEnterpriseStep(database, tx, ctx, found.source.id, `Doanh nghiệp xin gia hạn trả lời đến ${formatDate(input.until)}: ${reason}`);
    return { exchangeId: id };
  });
}

/** The type by content (magic bytes), never by the name or the declared type. */
export function sniffEvidence(buf: Buffer): "image/jpeg" | "image/png" | "application/pdf" | null {
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return "image/jpeg";
  if (buf.length >= 8 && buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return "image/png";
  if (buf.length >= 5 && buf.subarray(0, 5).toString("latin1") === "%PDF-") return "application/pdf";
  return null;
}

function safeFileName(name: string): string {
  const cleaned = name
    .normalize("NFC")
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what a file name must not carry
    .replace(/[\\/\0-\x1f"<>|:*?]/g, "_")
    .slice(-120);
  return cleaned || "minh-chung";
}

const fileError = (code: "payload_too_large" | "unsupported_media_type" | "validation_failed", message: string) =>
  new AppError(code, message, { errors: [{ pointer: "/body/file", message }] });

/** Evidence of remediation (a photo, a scan) attached to the enterprise's own answer, checked by its content. */
export async function addEvidence(database: Database, ctx: RequestContext, exchangeId: number, file: { name: string; data: Buffer }) {
  const enterpriseId = ownEnterprise(ctx);
  if (file.data.length === 0) throw fileError("validation_failed", "Tệp rỗng: hãy chọn lại ảnh hoặc tệp PDF");
  if (file.data.length > MAX_EVIDENCE_BYTES) throw fileError("payload_too_large", "Tệp quá lớn: mỗi tệp tối đa 5 MB");
  const mime = sniffEvidence(file.data);
  if (!mime) throw fileError("unsupported_media_type", "Chỉ nhận ảnh JPEG, PNG hoặc tệp PDF (kiểm tra theo nội dung tệp, không theo tên)");
  return database.db.transaction(async (tx) => {
    const [x] = await exchangesWhere(database, sql`x.id = ${exchangeId} AND x.enterprise_id = ${enterpriseId}`, tx);
    if (!x) throw notFound();
    if (x.kind !== "answer") throw stateError("Chỉ đính kèm minh chứng vào câu trả lời của doanh nghiệp");
    const [decided] = await database.rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM enterprise_exchanges WHERE enterprise_id = ${enterpriseId} AND item_kind = ${x.itemKind} AND item_id = ${x.itemId}
          AND id > ${x.id} AND kind IN ('accepted','reopened')`,
      tx,
    );
    if ((decided?.n ?? 0) > 0) throw stateError("Câu trả lời này đã được cơ quan quyết định: hãy gửi câu trả lời mới kèm minh chứng");
    if (x.evidence.length >= MAX_EVIDENCE_PER_ANSWER) throw fileError("payload_too_large", `Tối đa ${MAX_EVIDENCE_PER_ANSWER} tệp cho một câu trả lời`);
    const sha = createHash("sha256").update(file.data).digest("hex");
    const [row] = await database.rows<{ id: number }>(
      sql`INSERT INTO enterprise_evidence (exchange_id, enterprise_id, file_name, mime, size_bytes, sha256, content)
          VALUES (${exchangeId}, ${enterpriseId}, ${safeFileName(file.name)}, ${mime}, ${file.data.length}, ${sha},
                  decode(${file.data.toString("base64")}, 'base64')) RETURNING id`,
      tx,
    );
    const id = row?.id ?? 0;
    await audit(database, tx, ctx, {
      action: "enterprise_evidence_add",
      objectType: "enterprise_exchange",
      objectId: exchangeId,
      after: { evidenceId: id, mime, size: file.data.length, sha256: sha },
    });
    return { id, mime, sizeBytes: file.data.length };
  });
}
