import { sql } from "drizzle-orm";
import type { Database } from "#server/db/client.ts";
import { addDays } from "./relations.common.ts";
import { computeScores } from "./risk.service.ts";
import { addMonthsToDate } from "#shared/clock.ts";

export interface EvaluationResult {
  k: number;
  horizonDays: number;
  leadDays: number;
  cutoffs: { asOf: string; positives: number; hits: number; precision: number; recall: number }[];
  /** Each stoppage: its enterprise's rank on the watch list `leadDays` before it started. */
  stoppages: {
    incidentId: number;
    enterpriseId: number;
    enterpriseName: string;
    startedOn: string;
    asOf: string;
    rank: number | null;
    score: number;
    inTopK: boolean;
  }[];
  precisionAtK: number;
  recallAtK: number;
  /** Share of stoppages whose enterprise was in the top k `leadDays` before. */
  stoppagesCaught: number;
  statement: string;
}

/**
 * Honest evaluation of the watch list: for every collective work stoppage on record, the list is
 * recomputed as of `leadDays` before it (only what was known then), and we count whether the
 * enterprise stood in the top k. Precision and recall at k are computed per cut-off date over the
 * stoppages starting in the `horizonDays` after it. On generated data this measures the generator
 * as much as the score; the statement says so.
 */
export async function evaluateWatchlist(
  database: Database,
  opts: { k: number; horizonDays: number; leadDays: number; enterpriseIds?: Set<number> },
): Promise<EvaluationResult> {
  const stoppagesAll = await database.rows<{ incidentId: number; enterpriseId: number; enterpriseName: string; startedOn: string }>(
    sql`SELECT i.id AS "incidentId", i.enterprise_id AS "enterpriseId", e.name AS "enterpriseName", i.started_on AS "startedOn"
        FROM relations_incidents i JOIN enterprises e ON e.id = i.enterprise_id WHERE i.kind = 'work_stoppage' ORDER BY i.started_on`,
  );
  const stoppages = opts.enterpriseIds ? stoppagesAll.filter((s) => opts.enterpriseIds?.has(s.enterpriseId)) : stoppagesAll;
  const rankingCache = new Map<string, { rank: Map<number, number>; score: Map<number, number>; top: Set<number> }>();
  const ranking = async (asOf: string) => {
    const cached = rankingCache.get(asOf);
    if (cached) return cached;
    let scores = await computeScores(database, asOf);
    if (opts.enterpriseIds) scores = scores.filter((s) => opts.enterpriseIds?.has(s.enterpriseId));
    const rank = new Map<number, number>();
    const score = new Map<number, number>();
    scores.forEach((s, i) => {
      rank.set(s.enterpriseId, i + 1);
      score.set(s.enterpriseId, s.score);
    });
    const r = { rank, score, top: new Set(scores.slice(0, opts.k).map((s) => s.enterpriseId)) };
    rankingCache.set(asOf, r);
    return r;
  };

  const perStoppage: EvaluationResult["stoppages"] = [];
  for (const s of stoppages) {
    const asOf = addDays(s.startedOn, -opts.leadDays);
    const r = await ranking(asOf);
    perStoppage.push({ ...s, asOf, rank: r.rank.get(s.enterpriseId) ?? null, score: r.score.get(s.enterpriseId) ?? 0, inTopK: r.top.has(s.enterpriseId) });
  }

  // Cut-offs: the first day of each month from the first stoppage's lead date to the last one's.
  const cutoffs: EvaluationResult["cutoffs"] = [];
  let hitsTotal = 0;
  let positivesTotal = 0;
  let slots = 0;
  if (stoppages.length > 0) {
    const first = addDays(stoppages[0]?.startedOn ?? "", -opts.horizonDays);
    const last = stoppages[stoppages.length - 1]?.startedOn ?? first;
    let cursor = `${first.slice(0, 7)}-01`;
    while (cursor < last) {
      const end = addDays(cursor, opts.horizonDays);
      const positives = new Set(stoppages.filter((s) => s.startedOn > cursor && s.startedOn <= end).map((s) => s.enterpriseId));
      if (positives.size > 0) {
        const r = await ranking(cursor);
        const hits = [...r.top].filter((id) => positives.has(id)).length;
        cutoffs.push({ asOf: cursor, positives: positives.size, hits, precision: round3(hits / opts.k), recall: round3(hits / positives.size) });
        hitsTotal += hits;
        positivesTotal += positives.size;
        slots += opts.k;
      }
      cursor = addMonthsToDate(cursor, 1);
    }
  }
  const precisionAtK = slots ? round3(hitsTotal / slots) : 0;
  const recallAtK = positivesTotal ? round3(hitsTotal / positivesTotal) : 0;
  const caught = perStoppage.filter((s) => s.inTopK).length;
  const stoppagesCaught = perStoppage.length ? round3(caught / perStoppage.length) : 0;
  const pct = (x: number) => `${(x * 100).toFixed(1).replace(".", ",")}%`;
  const statement =
    stoppages.length === 0
      ? "Chưa có vụ ngừng việc tập thể nào trong dữ liệu: chưa đánh giá được danh sách cảnh báo."
      : `Kết quả trên dữ liệu hiện có (với dữ liệu mẫu: do bộ sinh dữ liệu tạo ra, không phải số liệu thực tế): ` +
        `${caught}/${perStoppage.length} vụ ngừng việc tập thể (${pct(stoppagesCaught)}) có doanh nghiệp nằm trong top ${opts.k} danh sách cảnh báo ${opts.leadDays} ngày trước khi xảy ra; ` +
        `precision@${opts.k} = ${pct(precisionAtK)}, recall@${opts.k} = ${pct(recallAtK)} trên ${cutoffs.length} mốc đầu tháng, cửa sổ ${opts.horizonDays} ngày.`;
  return {
    k: opts.k,
    horizonDays: opts.horizonDays,
    leadDays: opts.leadDays,
    cutoffs,
    stoppages: perStoppage,
    precisionAtK,
    recallAtK,
    stoppagesCaught,
    statement,
  };
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;
