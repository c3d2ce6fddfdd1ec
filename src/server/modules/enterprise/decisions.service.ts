/** The officers' side: enterprises' answers and extension requests waiting for a decision, and the decision. */

import { sql } from "drizzle-orm";
import type { Database } from "#server/db/client.ts";
import type { RequestContext } from "#server/http/context.ts";
import { AppError, notFound } from "#server/http/errors.ts";
import { enterpriseScope } from "#server/modules/access/index.ts";
import { recommendationChanged, settleRecommendation } from "#server/modules/relations/index.ts";
import { noteEnterpriseStep } from "#server/modules/voice/index.ts";
import { formatDate } from "#shared/text.ts";
import type { ExchangeKind, ItemKind } from "./enterprise.schema.ts";
import { assemble, exchangesWhere, keyOf, publicExchange, publicItem, sources } from "./inbox.items.ts";
import { insertExchange, stateError } from "./inbox.service.ts";
import { visibleToOfficer } from "./inbox.timeline.ts";

/** A staff account that may decide on enterprises' answers (not an enterprise, not a read-only viewer). */
export function officerOnly(ctx: RequestContext): RequestContext {
  if (ctx.actor.scope.kind === "enterprise") throw new AppError("forbidden", "Doanh nghiệp không quyết định thay cơ quan");
  if (!ctx.actor.permissions.has("voice:write") && !ctx.actor.permissions.has("relations:write")) throw new AppError("forbidden");
  return ctx;
}

/**
 * What awaits this officer's decision: answers not yet accepted or reopened, and extension requests
 * not yet granted or refused, on items the officer may decide (scoped like the items' own modules).
 */
export async function listDecisions(database: Database, ctx: RequestContext) {
  officerOnly(ctx);
  // Items whose latest answer or extension request is undecided, read from the exchanges alone first.
  const open = await database.rows<{ itemKind: ItemKind; itemId: number; enterpriseId: number }>(
    sql`SELECT DISTINCT x.item_kind AS "itemKind", x.item_id AS "itemId", x.enterprise_id AS "enterpriseId" FROM enterprise_exchanges x
        WHERE x.kind IN ('answer','extension_request')
          AND NOT EXISTS (SELECT 1 FROM enterprise_exchanges y WHERE y.enterprise_id = x.enterprise_id AND y.item_kind = x.item_kind AND y.item_id = x.item_id
                          AND y.id > x.id AND y.kind IN (CASE WHEN x.kind = 'answer' THEN 'accepted' ELSE 'extension_granted' END,
                                                         CASE WHEN x.kind = 'answer' THEN 'reopened' ELSE 'extension_refused' END))
          AND ${enterpriseScope(ctx.actor.scope, sql`x.enterprise_id`)}`,
  );
  const ids = (k: ItemKind) => [...new Set(open.filter((o) => o.itemKind === k).map((o) => o.itemId))];
  const list = await sources(database, ctx.actor.scope, { requestIds: ids("request"), findingIds: ids("finding"), noticeIds: ids("notice") });
  const wanted = new Set(open.map((o) => keyOf(o.itemKind, o.enterpriseId, o.itemId)));
  const mine = list.filter((s) => wanted.has(keyOf(s.kind, s.enterpriseId, s.id)) && s.decide(ctx));
  const all = await assemble(database, mine);
  return all
    .map(({ source, item }) => {
      const answer = item.state === "awaiting_decision" ? item.latestAnswer : null;
      const extension = item.pendingRequest;
      return {
        ...publicItem(item),
        id: source.id,
        answer: answer ? publicExchange(answer) : null,
        extension: extension ? publicExchange(extension) : null,
      };
    })
    .filter((d) => d.answer || d.extension)
    .sort((a, b) => (a.answer?.at ?? a.extension?.at ?? "").localeCompare(b.answer?.at ?? b.extension?.at ?? ""));
}

/**
 * The officer decides on one exchange of the enterprise: accepts the answer (a finding is closed, a
 * request's step done), reopens it with a reason, grants the extension (the deadline moves) or refuses it.
 */
export async function decide(
  database: Database,
  ctx: RequestContext,
  exchangeId: number,
  input: { decision: "accept" | "reopen" | "grant" | "refuse"; reason: string; until?: string | undefined },
) {
  officerOnly(ctx);
  const result = await database.db.transaction(async (tx) => {
    let findingEnterprise: number | null = null;
    const [x] = await exchangesWhere(database, sql`x.id = ${exchangeId}`, tx);
    if (!x) throw notFound();
    const s = await visibleToOfficer(database, ctx, x.itemKind, x.enterpriseId, x.itemId, tx);
    if (!s) throw notFound();
    if (!s.decide(ctx)) throw new AppError("forbidden", `Chỉ cán bộ của ${s.from} (hoặc đơn vị cấp trên) quyết định được mục này`);
    const [found] = await assemble(database, [s], tx);
    if (!found) throw notFound();
    const { item } = found;
    const reason = input.reason.normalize("NFC").trim();
    let kind: ExchangeKind;
    let until: string | null = null;
    if (input.decision === "accept" || input.decision === "reopen") {
      if (x.kind !== "answer" || item.latestAnswer?.id !== x.id) throw stateError("Chỉ quyết định trên câu trả lời mới nhất của doanh nghiệp");
      if (input.decision === "accept" && item.state !== "awaiting_decision") throw stateError("Câu trả lời này đã được quyết định");
      if (input.decision === "reopen" && item.state === "awaiting_answer") throw stateError("Mục này đang chờ doanh nghiệp trả lời");
      kind = input.decision === "accept" ? "accepted" : "reopened";
    } else {
      if (x.kind !== "extension_request" || item.pendingRequest?.id !== x.id) throw stateError("Đề nghị gia hạn này đã được quyết định");
      kind = input.decision === "grant" ? "extension_granted" : "extension_refused";
      if (input.decision === "grant") {
        until = input.until ?? x.until;
        const current = item.deadline ?? "";
        if (!until || until <= current) {
          const message = `Hạn mới phải sau hạn hiện tại (${formatDate(current)})`;
          throw new AppError("validation_failed", message, { errors: [{ pointer: "/body/until", message }] });
        }
      }
    }
    const body =
      reason ||
      (kind === "accepted" ? "Chấp nhận câu trả lời" : kind === "extension_granted" ? `Đồng ý gia hạn đến ${formatDate(until ?? "")}` : "Đã quyết định");
    const id = await insertExchange(database, tx, ctx, s, { kind, side: "authority", body, until });
    if (s.kind === "finding") {
      if (kind === "accepted")
        await settleRecommendation(database, tx, ctx, s.id, { outcome: "closed" }, `Chấp nhận minh chứng khắc phục của doanh nghiệp. ${reason}`.trim());
      if (kind === "reopened") await settleRecommendation(database, tx, ctx, s.id, { outcome: "reopened" }, `Mở lại: ${reason}`);
      if (kind === "extension_granted" && until) await settleRecommendation(database, tx, ctx, s.id, { outcome: "extended", deadline: until }, x.body);
      findingEnterprise = s.enterpriseId;
    }
    if (s.kind === "request") await noteEnterpriseStep(database, tx, ctx, s.id, `${decisionLabel[kind]}: ${body}`);
    return { exchangeId: id, findingEnterprise };
  });
  if (result.findingEnterprise !== null) await recommendationChanged(database, result.findingEnterprise);
  return { exchangeId: result.exchangeId };
}

const decisionLabel: Record<ExchangeKind, string> = {
  answer: "Doanh nghiệp trả lời",
  extension_request: "Doanh nghiệp xin gia hạn",
  accepted: "Chấp nhận câu trả lời của doanh nghiệp",
  reopened: "Mở lại, yêu cầu doanh nghiệp trả lời tiếp",
  extension_granted: "Đồng ý gia hạn cho doanh nghiệp",
  extension_refused: "Không đồng ý gia hạn",
};
