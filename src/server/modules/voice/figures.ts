import { sql } from "drizzle-orm";
import type { Database } from "#server/db/client.ts";
import type { Scope } from "#server/modules/access/index.ts";
import type { Figure, FigureProvider, FigureSection, Period, RiskSignal, RiskSignalProvider } from "#server/modules/contracts.ts";
import { formatNumber, formatPercent } from "#shared/text.ts";
import { addDays, vnDayStart } from "./calendar.ts";
import { type CountRow, countRequests } from "./figures.counts.ts";
import { monthEnd, vnDayEnd } from "#shared/clock.ts";

/** Figures of worker voice for the dashboards and the joint report, and early-warning signals. */

export const kindLabels: Record<string, string> = { consultation: "Tư vấn", complaint: "Khiếu nại", petition: "Kiến nghị", report: "Phản ánh" };
export const topicLabels: Record<string, string> = {
  wages: "Tiền lương",
  overtime: "Làm thêm giờ",
  social_insurance: "Bảo hiểm xã hội",
  contract: "Hợp đồng lao động",
  dismissal: "Sa thải, trợ cấp thôi việc",
  osh: "An toàn, vệ sinh lao động",
  union_rights: "Quyền công đoàn",
  housing: "Nhà ở",
  other: "Khác",
};

const link = (params: Record<string, string | number>) =>
  `/staff/requests?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString()}`;

/** The first day of each month from `from`'s month to `to`'s, ISO. */
function monthsOf(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  while (`${y}-${String(m).padStart(2, "0")}` <= to.slice(0, 7)) {
    out.push(`${y}-${String(m).padStart(2, "0")}-01`);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

/** The period's totals, from the counting pass's "total" group. */
function totalsOf(rows: CountRow[], medianDays: number | null) {
  const total = rows.find((r) => r.dim === "total");
  return {
    received: total?.received ?? 0,
    answered: total?.answered ?? 0,
    answeredLate: total?.answeredLate ?? 0,
    overdueOpen: total?.overdueOpen ?? 0,
    medianDays,
    rated: total?.rated ?? 0,
    avgRating: total?.avgRating ?? null,
    satisfied: total?.satisfied ?? 0,
    anonymous: total?.anonymous ?? 0,
    collective: total?.collective ?? 0,
  };
}
type Totals = ReturnType<typeof totalsOf>;
type Range = { from: string; to: string };

/** The headline figures: received, answered (late), overdue, time to answer, satisfaction, anonymous and collective. */
function mainFigures(t: Totals, range: Range): Figure[] {
  return [
    { key: "voice.received", label: "Yêu cầu tiếp nhận", value: t.received, unit: "count", link: link(range) },
    { key: "voice.answered", label: "Yêu cầu đã trả lời", value: t.answered, unit: "count", link: link({ ...range, status: "answered" }) },
    { key: "voice.answered_late", label: "Trả lời quá hạn", value: t.answeredLate, unit: "count", link: link({ ...range, status: "answered" }) },
    { key: "voice.overdue_open", label: "Đang quá hạn", value: t.overdueOpen, unit: "count", link: link({ overdue: "true" }) },
    {
      key: "voice.median_days_to_answer",
      label: "Thời gian trả lời (trung vị, ngày)",
      value: Math.round(Number(t.medianDays ?? 0) * 10) / 10,
      link: link({ ...range, status: "answered" }),
    },
    { key: "voice.satisfaction_avg", label: "Mức hài lòng bình quân (1–5)", value: Math.round(Number(t.avgRating ?? 0) * 100) / 100, link: link(range) },
    {
      key: "voice.satisfaction_percent",
      label: "Tỷ lệ hài lòng (4–5 sao)",
      value: t.rated ? Math.round((t.satisfied / t.rated) * 1000) / 10 : 0,
      unit: "percent",
      link: link(range),
    },
    { key: "voice.anonymous", label: "Yêu cầu ẩn danh", value: t.anonymous, unit: "count", link: link(range) },
    { key: "voice.collective", label: "Kiến nghị tập thể", value: t.collective, unit: "count", link: link({ ...range, kind: "petition" }) },
  ];
}

type Grouped = { k: string; id: number | null; label: string | null; received: number; answered: number; overdue: number };
type Monthly = { month: string; received: number; answered: number };

/** One dimension of the counting pass, largest first. */
function dimension(rows: CountRow[], dim: "topic" | "kind" | "body" | "zone"): Grouped[] {
  return rows
    .filter((r) => r.dim === dim)
    .map((r) => {
      const counts = { received: r.received, answered: r.answered, overdue: r.overdue };
      if (dim === "topic") return { k: r.topic ?? "", id: null, label: null, ...counts };
      if (dim === "kind") return { k: r.kind ?? "", id: null, label: null, ...counts };
      if (dim === "body") return { k: String(r.bodyId), id: r.bodyId, label: r.bodyName, ...counts };
      return { k: r.zoneId === null ? "none" : String(r.zoneId), id: r.zoneId, label: r.zoneName ?? "Ngoài khu công nghiệp", ...counts };
    })
    .sort((a, b) => b.received - a.received || (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
}

/**
 * The breakdowns by topic, kind, body, zone and month. A grassroots union or an enterprise sees one
 * workplace: there a cell of 1–4 requests (one topic, one month) points at the few who complained.
 * Such a breakdown is left out whole, so that no cell can be worked out from the total and the others.
 */
function breakdowns(rows: CountRow[], months: string[], scope: Scope) {
  // Bucket i is the period's month i, counted from 0: the bounds start at its second month.
  const monthCount = (dim: "received_month" | "answered_month", i: number) =>
    rows.find((r) => r.dim === dim && r.month === i)?.[dim === "received_month" ? "received" : "answered"] ?? 0;
  const byMonth: Monthly[] = months.map((m, i) => ({
    month: m.slice(0, 7),
    received: monthCount("received_month", i),
    answered: monthCount("answered_month", i),
  }));
  const small = scope.kind === "union" || scope.kind === "enterprise";
  const isSmall = (v: number) => v > 0 && v < SMALL_CELL;
  const safe = (xs: Grouped[]) => (small && xs.some((r) => isSmall(r.received) || isSmall(r.answered) || isSmall(r.overdue)) ? [] : xs);
  return {
    byTopic: safe(dimension(rows, "topic")),
    byKind: safe(dimension(rows, "kind")),
    byBody: safe(dimension(rows, "body")),
    byZone: safe(dimension(rows, "zone")),
    byMonth: small && byMonth.some((m) => isSmall(m.received) || isSmall(m.answered)) ? [] : byMonth,
  };
}

/** A breakdown's figures: received, answered and overdue for each group, each linked to its list. */
function breakdown(
  range: Range,
  prefix: string,
  rows: Grouped[],
  label: (r: Grouped) => string,
  param: (r: Grouped) => Record<string, string | number>,
): Figure[] {
  return rows.flatMap((r) => [
    { key: `${prefix}.${r.k}.received`, label: `${label(r)} — tiếp nhận`, value: r.received, unit: "count" as const, link: link({ ...range, ...param(r) }) },
    {
      key: `${prefix}.${r.k}.answered`,
      label: `${label(r)} — đã trả lời`,
      value: r.answered,
      unit: "count" as const,
      link: link({ ...range, ...param(r), status: "answered" }),
    },
    { key: `${prefix}.${r.k}.overdue`, label: `${label(r)} — quá hạn`, value: r.overdue, unit: "count" as const, link: link({ ...param(r), overdue: "true" }) },
  ]);
}

/** Received and answered per month of the period. */
function monthFigures(byMonth: Monthly[]): Figure[] {
  return byMonth.flatMap((m) => {
    const label = `Tháng ${m.month.slice(5)}/${m.month.slice(0, 4)}`;
    const range = { from: `${m.month}-01`, to: lastDay(m.month) };
    return [
      { key: `voice.month.${m.month}.received`, label: `${label} — tiếp nhận`, value: m.received, unit: "count" as const, link: link(range) },
      {
        key: `voice.month.${m.month}.answered`,
        label: `${label} — đã trả lời`,
        value: m.answered,
        unit: "count" as const,
        link: link({ ...range, status: "answered" }),
      },
    ];
  });
}

/** The joint report's sentences on workers' requests: how many, what they raise most, satisfaction, what is overdue. */
function situationParagraphs(t: Totals, byTopic: Grouped[], period: Period): string[] {
  // "Khác" is what fits no topic: never named as a concern people raise most.
  const topTopics = byTopic
    .filter((r) => r.k !== "other" && r.received > 0)
    .slice(0, 3)
    .map((r) => `${topicLabels[r.k]?.toLowerCase() ?? r.k} (${formatNumber(r.received)})`);
  const paragraphs: string[] = [];
  paragraphs.push(
    `Trong ${period.label}, các cấp công đoàn và cơ quan phối hợp đã tiếp nhận ${formatNumber(t.received)} yêu cầu tư vấn, khiếu nại, kiến nghị, phản ánh của người lao động` +
      (t.collective ? `, trong đó có ${formatNumber(t.collective)} kiến nghị tập thể` : "") +
      `; đã trả lời ${formatNumber(t.answered)} yêu cầu` +
      (t.answered ? `, thời gian trả lời trung vị ${formatNumber(Math.round(Number(t.medianDays ?? 0) * 10) / 10, 1)} ngày` : "") +
      ".",
  );
  if (topTopics.length) paragraphs.push(`Các nội dung người lao động quan tâm nhiều nhất: ${topTopics.join(", ")}.`);
  if (t.rated)
    paragraphs.push(`${formatPercent((t.satisfied / t.rated) * 100)} người gửi đánh giá hài lòng với câu trả lời (${formatNumber(t.rated)} lượt đánh giá).`);
  if (t.overdueOpen) paragraphs.push(`Hiện còn ${formatNumber(t.overdueOpen)} yêu cầu quá hạn giải quyết, đã báo cáo lãnh đạo đơn vị để đôn đốc.`);
  return paragraphs;
}

/**
 * Received, answered, overdue by body, topic, zone and month; median days to answer; satisfaction.
 * `appendix`: also per responsible body (thousands of figures at city scale, for the joint report's
 * appendix; the dashboards leave them out).
 */
export const voiceFigures: FigureProvider = async (database: Database, scope: Scope, period: Period, opts): Promise<FigureSection[]> => {
  const months = monthsOf(period.from, period.to);
  const { rows, medianDays } = await countRequests(database, scope, period, months, opts?.appendix === true);
  const t = totalsOf(rows, medianDays);
  const range = { from: period.from, to: period.to };
  const b = breakdowns(rows, months, scope);
  return [
    // The joint report's area "nắm tình hình công nhân lao động, chăm lo bảo vệ quyền lợi" (same key and
    // title as coordination's), so reporting merges the two modules' figures into one section.
    {
      key: "situation",
      title: "Phối hợp trong nắm tình hình công nhân lao động, chăm lo bảo vệ quyền lợi cho công nhân lao động",
      order: 30,
      figures: mainFigures(t, range),
      paragraphs: situationParagraphs(t, b.byTopic, period),
    },
    {
      key: "voice.breakdown",
      title: "Phụ lục: yêu cầu của người lao động theo lĩnh vực, loại, đơn vị, khu và tháng",
      order: 95,
      figures: [
        ...breakdown(
          range,
          "voice.topic",
          b.byTopic,
          (r) => topicLabels[r.k] ?? r.k,
          (r) => ({ topic: r.k }),
        ),
        ...breakdown(
          range,
          "voice.kind",
          b.byKind,
          (r) => kindLabels[r.k] ?? r.k,
          (r) => ({ kind: r.k }),
        ),
        ...breakdown(
          range,
          "voice.body",
          b.byBody,
          (r) => r.label ?? r.k,
          (r) => ({ bodyId: r.id ?? 0 }),
        ),
        ...breakdown(
          range,
          "voice.zone",
          b.byZone,
          (r) => r.label ?? r.k,
          (r): Record<string, string | number> => (r.id ? { zoneId: r.id } : {}),
        ),
        ...monthFigures(b.byMonth),
      ],
      paragraphs: [],
    },
  ];
};

function lastDay(month: string): string {
  return monthEnd(month);
}

/** Fewer requests than this in one cell of a one-workplace breakdown are not shown (issue #15). */
export const SMALL_CELL = 5;

/** Minimum requests before a rate or a spike counts: two complaints are not a trend. */
const MIN_REQUESTS = 3;

/**
 * "Requests per 1,000 workers in the last 90 days" and "spike: last 30 days against the rate of
 * the 90 days before", for every enterprise with enough requests.
 */
export const voiceRiskSignals: RiskSignalProvider = async (database: Database, asOf: string): Promise<RiskSignal[]> => {
  const rows = await database.rows<{ id: number; workforce: number; n90: number; n30: number; prev90: number }>(
    sql`SELECT e.id, e.workforce_total AS workforce,
          count(*) FILTER (WHERE d > ${asOf}::date - 90)::int AS n90,
          count(*) FILTER (WHERE d > ${asOf}::date - 30)::int AS n30,
          count(*) FILTER (WHERE d <= ${asOf}::date - 30 AND d > ${asOf}::date - 120)::int AS prev90
        FROM (SELECT r.enterprise_id, (r.received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS d FROM voice_requests r
              WHERE r.enterprise_id IS NOT NULL AND r.requester_kind = 'worker'
                AND r.received_at >= ${vnDayStart(addDays(asOf, -120))}::timestamptz AND r.received_at < ${vnDayEnd(asOf)}::timestamptz) x
        JOIN enterprises e ON e.id = x.enterprise_id
        WHERE x.d <= ${asOf}::date
        GROUP BY e.id, e.workforce_total`,
  );
  const signals: RiskSignal[] = [];
  for (const r of rows) {
    const href = `/staff/requests?enterpriseId=${r.id}&from=${addDays(asOf, -89)}&to=${asOf}`;
    if (r.n90 >= MIN_REQUESTS && r.workforce > 0) {
      const rate = (r.n90 / r.workforce) * 1000;
      signals.push({
        enterpriseId: r.id,
        kind: "voice_requests_rate",
        value: Math.round(rate * 10) / 10,
        evidence: `${formatNumber(r.n90)} yêu cầu trong 90 ngày (${formatNumber(Math.round(rate * 10) / 10)}/1.000 lao động)`,
        link: href,
      });
    }
    const baseline = r.prev90 / 3;
    if (r.n30 >= MIN_REQUESTS && r.n30 >= 2 * baseline) {
      const ratio = baseline > 0 ? r.n30 / baseline : r.n30;
      signals.push({
        enterpriseId: r.id,
        kind: "voice_requests_spike",
        value: Math.round(ratio * 10) / 10,
        evidence:
          baseline > 0
            ? `${formatNumber(r.n30)} yêu cầu trong 30 ngày gần đây, gấp ${formatNumber(Math.round(ratio * 10) / 10, 1)} lần mức bình quân của 90 ngày trước đó (${formatNumber(Math.round(baseline * 10) / 10, 1)}/30 ngày)`
            : `${formatNumber(r.n30)} yêu cầu trong 30 ngày gần đây, trong khi 90 ngày trước đó không có yêu cầu nào`,
        link: `/staff/requests?enterpriseId=${r.id}&from=${addDays(asOf, -29)}&to=${asOf}`,
      });
    }
  }
  return signals;
};
