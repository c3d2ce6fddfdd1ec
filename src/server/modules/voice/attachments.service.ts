/** Files attached to a request by the worker or by staff: checked by content, read with an audit row. */
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Database, Tx } from "#server/db/client.ts";
import type { RequestContext } from "#server/http/context.ts";
import { AppError, notFound } from "#server/http/errors.ts";
import { audit } from "#server/modules/access/index.ts";
import { refuseEnterprise } from "./requests.shared.ts";
import { tracked } from "./tracking.service.ts";
import { loadForWrite } from "./workflow.service.ts";

// ---------------------------------------------------------------- attachments

export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
export const MAX_ATTACHMENTS = 5;

/** The type by content (magic bytes), never by name or declared type. */
export function sniffMime(buf: Buffer): "image/jpeg" | "image/png" | "application/pdf" | null {
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
  return cleaned || "tep";
}

async function storeAttachment(database: Database, tx: Tx, requestId: number, file: { name: string; data: Buffer }, source: "requester" | "staff") {
  if (file.data.length === 0) throw new AppError("validation_failed", "Tệp rỗng");
  if (file.data.length > MAX_ATTACHMENT_BYTES) throw new AppError("payload_too_large", "Mỗi tệp tối đa 5 MB");
  const mime = sniffMime(file.data);
  if (!mime) throw new AppError("unsupported_media_type", "Chỉ nhận ảnh JPEG, PNG hoặc tệp PDF");
  const [n] = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM voice_attachments WHERE request_id = ${requestId}`, tx);
  if ((n?.n ?? 0) >= MAX_ATTACHMENTS) throw new AppError("payload_too_large", `Tối đa ${MAX_ATTACHMENTS} tệp cho một yêu cầu`);
  const sha = createHash("sha256").update(file.data).digest("hex");
  const [row] = await database.rows<{ id: number }>(
    sql`INSERT INTO voice_attachments (request_id, file_name, mime, size_bytes, sha256, content, source)
        VALUES (${requestId}, ${safeFileName(file.name)}, ${mime}, ${file.data.length}, ${sha}, decode(${file.data.toString("base64")}, 'base64'), ${source}) RETURNING id`,
    tx,
  );
  return { id: row?.id ?? 0, mime, sizeBytes: file.data.length };
}

export async function publicAttach(database: Database, code: string, secret: string | undefined, file: { name: string; data: Buffer }) {
  return database.db.transaction(async (tx) => {
    const t = await tracked(database, code, secret, tx);
    if (t.status === "closed") throw new AppError("voice_bad_transition", "Yêu cầu đã đóng");
    const a = await storeAttachment(database, tx, t.id, file, "requester");
    await audit(database, tx, null, {
      action: "voice_attachment_add",
      objectType: "voice_request",
      objectId: t.id,
      after: { attachmentId: a.id, mime: a.mime, size: a.sizeBytes },
    });
    return a;
  });
}

export async function staffAttach(database: Database, ctx: RequestContext, id: number, file: { name: string; data: Buffer }) {
  refuseEnterprise(ctx);
  return database.db.transaction(async (tx) => {
    await loadForWrite(database, ctx, id, tx);
    const a = await storeAttachment(database, tx, id, file, "staff");
    await audit(database, tx, ctx, {
      action: "voice_attachment_add",
      objectType: "voice_request",
      objectId: id,
      after: { attachmentId: a.id, mime: a.mime, size: a.sizeBytes },
    });
    return a;
  });
}

/** An attachment's content for staff (may identify the requester: needs voice:identity, audited). */
export async function readAttachment(database: Database, ctx: RequestContext, id: number, attachmentId: number) {
  refuseEnterprise(ctx);
  return database.db.transaction(async (tx) => {
    await loadForWrite(database, ctx, id, tx, { read: true });
    const [row] = await database.rows<{ fileName: string; mime: string; content: string }>(
      sql`SELECT file_name AS "fileName", mime, encode(content, 'base64') AS content FROM voice_attachments WHERE id = ${attachmentId} AND request_id = ${id}`,
      tx,
    );
    if (!row) throw notFound();
    await audit(database, tx, ctx, { action: "voice_attachment_read", objectType: "voice_request", objectId: id, detail: { attachmentId } });
    return { fileName: row.fileName, mime: row.mime, data: Buffer.from(row.content, "base64") };
  });
}
