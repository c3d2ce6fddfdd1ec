import { sql } from "drizzle-orm";
import type { Database } from "#server/db/client.ts";
import type { RequestContext } from "#server/http/context.ts";
import { AppError } from "#server/http/errors.ts";
import type { Scope } from "#server/modules/access/access.policy.ts";
import type { Figure, FigureSection, Period } from "#server/modules/contracts.ts";
import { figureProviders } from "#server/modules/providers.ts";
import { coordinationFigures, planOfYear, ratioText, sectionTitles } from "#server/modules/coordination/coordination.figures.ts";
import { planAreas } from "#server/modules/coordination/coordination.schema.ts";
import { summarize } from "#server/modules/coordination/plans.service.ts";
import { withMetricMemo } from "#server/modules/coordination/metrics.ts";
import { cachedFigures } from "./figures.cache.ts";
import { formatDate, formatNumber, formatPercent } from "#shared/text.ts";
import { vnToday } from "#shared/clock.ts";

/** Adds sections with the same key together (two modules may report on one area), in report order. */
export function mergeSections(all: FigureSection[]): FigureSection[] {
  const byKey = new Map<string, FigureSection>();
  for (const s of all) {
    const prev = byKey.get(s.key);
    if (!prev) byKey.set(s.key, { ...s, figures: [...s.figures], paragraphs: [...s.paragraphs] });
    else {
      prev.figures.push(...s.figures);
      prev.paragraphs.push(...s.paragraphs);
      prev.order = Math.min(prev.order, s.order);
    }
  }
  return [...byKey.values()].sort((a, b) => a.order - b.order || a.key.localeCompare(b.key));
}

/**
 * Every module's figures for the period and scope: coordination's own, then each registered provider.
 * The providers read and never write, and each waits mostly on the database, so they run at once on
 * the pool (PostgreSQL: up to the pool's connections; PGlite queues them on its one connection).
 * The merge keeps the list order, so the report reads the same whichever provider answers first.
 */
export function collectSections(database: Database, scope: Scope, period: Period, opts: { appendix: boolean }): Promise<FigureSection[]> {
  // Kept while no figure's data changes (figures.cache.ts): repeated views and reports share it.
  return cachedFigures(database, `sections|${JSON.stringify(scope)}|${period.from}|${period.to}|${period.label}|${opts.appendix}`, async () => {
    const results = await Promise.all([
      coordinationFigures(database, scope, period),
      ...figureProviders.map((provider) => provider(database, scope, period, opts)),
    ]);
    return mergeSections(results.flat());
  });
}

/** "13.297/21.500, đạt 61,8%" or "1.234" — how a figure is written in the report and the preview. */
export function figureText(f: Figure): string {
  if (f.unit === "percent") return formatPercent(f.value);
  const v = f.unit === "vnd" ? `${formatNumber(f.value)} đồng` : formatNumber(f.value);
  if (f.target) return `${v}/${formatNumber(f.target)} (${ratioText(f.value, f.target)})`;
  return v;
}

export interface JointReport {
  period: Period;
  place: string;
  dateLine: string;
  number: string;
  bodies: { mmc: string; authority: string; federation: string };
  title: string[];
  intro: string;
  sections: FigureSection[];
  evaluation: { strengths: string[]; limitations: string[]; causes: string[] };
  tasksTitle: string;
  tasks: { title: string; items: string[] }[];
}

const upper = (s: string) => s.toLocaleUpperCase("vi");
const lowerFirst = (s: string) => s.charAt(0).toLocaleLowerCase("vi") + s.slice(1);

/** "Liên đoàn Lao động thành phố Hải Phòng" → "Hải Phòng". */
function placeOf(name: string | undefined): string {
  const m = /(?:thành phố|tỉnh)\s+(.+)$/i.exec(name ?? "");
  return m?.[1]?.trim() ?? "";
}

/** "Ban Dân vận Thành ủy Hải Phòng" → "Ban Dân vận Thành ủy", as the title of the report names them. */
function withoutPlace(name: string | undefined, place: string): string | undefined {
  return name && place ? name.replace(new RegExp(`\\s+${place}$`), "") : name;
}

/** Drops the city name from a body's name for the header ("Ban Dân vận Thành ủy Hải Phòng" → "BAN DÂN VẬN THÀNH ỦY"). */
function headerName(name: string | undefined, place: string, fallback: string): string {
  if (!name) return fallback;
  return upper(place ? name.replace(new RegExp(`\\s+${place}$`), "") : name);
}

/**
 * The joint report of the three bodies for a period, as data: the .docx, the .xlsx and the preview
 * page are three renderings of it, so they always state the same figures.
 */
export async function buildJointReport(
  database: Database,
  ctx: RequestContext,
  period: Period & { year: number; half: 1 | 2 | null },
  today: string = vnToday(),
): Promise<JointReport> {
  const scope = ctx.actor.scope;
  const nextYear = period.half === 1 ? period.year : period.year + 1;
  // Independent reads, at once; inside one memo so a figure asked twice (members as of the period's
  // end by the figures and the targets) is counted once.
  const [bodies, sections, plan, nextPlan] = await withMetricMemo(() =>
    Promise.all([
      database.rows<{ kind: string; name: string }>(
        sql`SELECT DISTINCT ON (kind) kind, name FROM bodies WHERE kind IN ('federation','zone_authority','mass_mobilization') ORDER BY kind, length(path), id`,
      ),
      collectSections(database, scope, period, { appendix: true }),
      planOfYear(database, period.year, scope),
      period.half === 1 ? Promise.resolve(null) : planOfYear(database, nextYear, scope),
    ]),
  );
  const nameOf = (k: string) => bodies.find((b) => b.kind === k)?.name;
  const place = placeOf(nameOf("federation")) || placeOf(nameOf("mass_mobilization"));
  const next = period.half === 1 ? plan : nextPlan;

  const planRef = plan ? `Kế hoạch số ${plan.code}${plan.issuedOn ? `, ngày ${formatDate(plan.issuedOn)}` : ""}` : null;
  const intro = `${planRef ? `Thực hiện ${planRef} về phối hợp thực hiện nhiệm vụ xây dựng giai cấp công nhân trong khu công nghiệp, khu kinh tế năm ${period.year}, ` : ""}${nameOf("mass_mobilization") ?? "Ban Dân vận"}, ${nameOf("zone_authority") ?? "Ban Quản lý Khu kinh tế"} và ${nameOf("federation") ?? "Liên đoàn Lao động"} thống nhất đánh giá kết quả triển khai công tác phối hợp ${period.label} về thực hiện nhiệm vụ xây dựng giai cấp công nhân trong khu công nghiệp (KCN), khu kinh tế (KKT), như sau:`;

  // Assessment: what was reached, what was not, and why (from the plan's items and the targets).
  const strengths: string[] = [];
  const limitations: string[] = [];
  const causes: string[] = [];
  const figures = sections.flatMap((s) => s.figures);
  const reachedTargets = figures.filter(
    (f) => f.target && f.value >= f.target && f.key.startsWith("party_union.") && f.key !== "party_union.enterprises20_with_union",
  );
  const missedTargets = figures.filter(
    (f) => f.target && f.value < f.target && f.key.startsWith("party_union.") && f.key !== "party_union.enterprises20_with_union",
  );
  strengths.push(
    `Chương trình phối hợp thực hiện nhiệm vụ xây dựng giai cấp công nhân trong KCN, KKT${planRef ? ` và ${planRef.replace("Kế hoạch số", "Kế hoạch phối hợp số")}` : ""} đã được 03 cơ quan nghiêm túc triển khai thực hiện; có sự phối hợp hiệu quả trong công tác lãnh đạo, chỉ đạo triển khai các hoạt động.`,
  );
  if (reachedTargets.length) {
    strengths.push(`Các chỉ tiêu đạt và vượt kế hoạch: ${reachedTargets.map((f) => `${lowerFirst(f.label)} ${figureText(f)}`).join("; ")}.`);
  }
  if (plan) {
    const s = summarize(plan.items as { status: "done" }[]);
    strengths.push(`${s.line} tại ${planRef}.`);
    const open = plan.items.filter((i) => i.status === "not_done" || i.status === "carried_over" || (period.half === null && i.status !== "done"));
    if (open.length) {
      limitations.push(
        `Còn ${String(open.length).padStart(2, "0")} nội dung phối hợp chưa được triển khai: ${open.map((i) => i.content.replace(/\.$/, "")).join("; ")}.`,
      );
      for (const i of open) if (i.reasonNotDone) causes.push(i.reasonNotDone);
    }
  }
  for (const f of missedTargets) limitations.push(`${f.label} chỉ đạt ${figureText(f)} so với kế hoạch.`);

  const tasks: JointReport["tasks"] = [];
  if (next) {
    const items = period.half === 1 ? next.items.filter((i) => i.status !== "done") : next.items;
    for (const area of planAreas) {
      const list = items.filter((i) => i.area === area).map((i) => i.content);
      if (list.length) tasks.push({ title: sectionTitles[area].title, items: list });
    }
  }

  const [yyyy, mm, dd] = today.split("-");
  return {
    period,
    place,
    dateLine: `${place || "……"}, ngày ${dd} tháng ${mm} năm ${yyyy}`,
    number: "Số:    -BC/BDVTU-BQLKKT-LĐLĐTP",
    bodies: {
      mmc: headerName(nameOf("mass_mobilization"), place, "BAN DÂN VẬN"),
      authority: headerName(nameOf("zone_authority"), place, "BAN QUẢN LÝ KHU KINH TẾ"),
      federation: headerName(nameOf("federation"), place, "LIÊN ĐOÀN LAO ĐỘNG"),
    },
    title: [
      "BÁO CÁO",
      `kết quả thực hiện Chương trình phối hợp ${period.label}`,
      `giữa ${withoutPlace(nameOf("mass_mobilization"), place) ?? "Ban Dân vận"} - ${nameOf("zone_authority") ?? "Ban Quản lý Khu kinh tế"} -`,
      withoutPlace(nameOf("federation"), place) ?? "Liên đoàn Lao động",
    ],
    intro,
    sections: sections.filter((s) => s.paragraphs.length > 0),
    evaluation: { strengths, limitations, causes },
    tasksTitle: period.half === 1 ? `II. NHIỆM VỤ TRỌNG TÂM 6 THÁNG CUỐI NĂM ${period.year}` : `II. MỘT SỐ NHIỆM VỤ TRỌNG TÂM NĂM ${nextYear}`,
    tasks,
  };
}

// At most two reports are generated at once; the rest wait their turn (briefly) so that
// generation never starves the other requests of the event loop and the database.
let running = 0;
const waiting: (() => void)[] = [];
export async function withReportSlot<T>(fn: () => Promise<T>): Promise<T> {
  if (running >= 2) {
    if (waiting.length >= 20) throw new AppError("report_too_large");
    await new Promise<void>((resolve) => waiting.push(resolve));
  }
  running++;
  try {
    return await fn();
  } finally {
    running--;
    waiting.shift()?.();
  }
}
