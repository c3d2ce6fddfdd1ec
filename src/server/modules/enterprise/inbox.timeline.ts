/** What both sides read: evidence files and an enterprise's timeline of exchanges. */

import { sql } from "drizzle-orm";
import type { Database, Tx } from "#server/db/client.ts";
import type { RequestContext } from "#server/http/context.ts";
import { notFound } from "#server/http/errors.ts";
import { enterpriseScope } from "#server/modules/access/index.ts";
import { audit } from "#server/modules/access/index.ts";
import type { Exchange, ItemKind } from "./enterprise.schema.ts";
import { assemble, publicExchange, sources } from "./inbox.items.ts";

/** Whether an officer may see an item of an enterprise (the item's module decides). */
export async function visibleToOfficer(database: Database, ctx: RequestContext, kind: string, enterpriseId: number, itemId: number, tx?: Tx) {
  const filter =
    kind === "request" ? { requestIds: [itemId] } : kind === "finding" ? { findingIds: [itemId] } : kind === "notice" ? { noticeIds: [itemId] } : null;
  if (!filter) return null;
  const list = (await sources(database, ctx.actor.scope, filter, tx)).filter((s) => s.kind === kind && s.enterpriseId === enterpriseId);
  return list[0] ?? null;
}

/** A file of evidence, for the enterprise that sent it or an officer who may see the item; every look is audited. */
export async function readEvidence(database: Database, ctx: RequestContext, evidenceId: number) {
  return database.db.transaction(async (tx) => {
    const [row] = await database.rows<{
      fileName: string;
      mime: string;
      content: string;
      enterpriseId: number;
      itemKind: string;
      itemId: number;
      exchangeId: number;
    }>(
      sql`SELECT v.file_name AS "fileName", v.mime, encode(v.content, 'base64') AS content, v.enterprise_id AS "enterpriseId",
                 x.item_kind AS "itemKind", x.item_id AS "itemId", x.id AS "exchangeId"
          FROM enterprise_evidence v JOIN enterprise_exchanges x ON x.id = v.exchange_id WHERE v.id = ${evidenceId}`,
      tx,
    );
    if (!row) throw notFound();
    const scope = ctx.actor.scope;
    if (scope.kind === "enterprise") {
      if (!scope.enterpriseIds.includes(row.enterpriseId)) throw notFound();
    } else if (!(await visibleToOfficer(database, ctx, row.itemKind, row.enterpriseId, row.itemId, tx))) throw notFound();
    await audit(database, tx, ctx, { action: "enterprise_evidence_read", objectType: "enterprise_exchange", objectId: row.exchangeId, detail: { evidenceId } });
    return { fileName: row.fileName, mime: row.mime, data: Buffer.from(row.content, "base64") };
  });
}

export interface TimelineEntry {
  at: string;
  kind: "exchange" | "item" | "difficulty_filed" | "difficulty_answered";
  itemKind: ItemKind | "difficulty";
  itemKey: string;
  itemTitle: string;
  exchange: Exchange | null;
  text: string;
}

/**
 * The enterprise's timeline, the same for both sides: what reached its inbox, every exchange about it,
 * and its difficulties filed and answered — only what the caller may see of each.
 */
export async function timeline(database: Database, ctx: RequestContext, enterpriseId: number): Promise<TimelineEntry[]> {
  const scope = ctx.actor.scope;
  if (scope.kind === "enterprise" && !scope.enterpriseIds.includes(enterpriseId)) throw notFound();
  const [inScope] = await database.rows<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM enterprises e WHERE e.id = ${enterpriseId} AND ${enterpriseScope(scope, sql`e.id`, sql`e.zone_id`)}`,
  );
  if (!inScope?.n) throw notFound();
  const all = await assemble(database, await sources(database, scope, { enterpriseId }));
  const out: TimelineEntry[] = [];
  for (const a of all) {
    out.push({
      at: `${a.item.receivedOn}T00:00:00+07:00`,
      kind: "item",
      itemKind: a.item.kind,
      itemKey: a.item.key,
      itemTitle: a.item.title,
      exchange: null,
      text: a.item.summary,
    });
    for (const x of a.exchanges)
      out.push({ at: x.at, kind: "exchange", itemKind: a.item.kind, itemKey: a.item.key, itemTitle: a.item.title, exchange: publicExchange(x), text: x.body });
  }
  const diffWhere = scope.kind === "enterprise" || ctx.actor.role === "system_admin" ? sql`true` : sql`rb.path LIKE ${`${ctx.actor.bodyPath}%`}`;
  const diffs = await database.rows<{ code: string; title: string; body: string; createdAt: unknown; answer: string | null; answeredAt: unknown }>(
    sql`SELECT d.code, d.title, d.body, d.created_at AS "createdAt", d.answer, d.answered_at AS "answeredAt"
        FROM enterprise_difficulties d JOIN bodies rb ON rb.id = d.responsible_body_id WHERE d.enterprise_id = ${enterpriseId} AND ${diffWhere}`,
  );
  const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());
  for (const d of diffs) {
    const base = { itemKind: "difficulty" as const, itemKey: d.code, itemTitle: d.title, exchange: null };
    out.push({ ...base, at: iso(d.createdAt), kind: "difficulty_filed", text: d.body });
    if (d.answer && d.answeredAt) out.push({ ...base, at: iso(d.answeredAt), kind: "difficulty_answered", text: d.answer });
  }
  if (scope.kind !== "enterprise")
    await database.db.transaction((tx) => audit(database, tx, ctx, { action: "enterprise_timeline_read", objectType: "enterprise", objectId: enterpriseId }));
  return out.sort((a, b) => b.at.localeCompare(a.at));
}
