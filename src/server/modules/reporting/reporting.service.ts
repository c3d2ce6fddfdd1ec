import { sql } from "drizzle-orm";
import type { Database } from "#server/db/client.ts";
import type { RequestContext } from "#server/http/context.ts";
import { AppError } from "#server/http/errors.ts";
import type { Scope } from "#server/modules/access/index.ts";
import type { Figure, FigureSection, Period } from "#server/modules/contracts.ts";
import { figureProviders } from "#server/modules/providers.ts";
import { SUPERVISION_SENTENCE, coordinationFigures, planOfYear, ratioText, sectionTitles } from "#server/modules/coordination/index.ts";
import { type PlanArea, planAreas } from "#server/modules/coordination/index.ts";
import { summarize } from "#server/modules/coordination/index.ts";
import { withMetricMemo } from "#server/modules/coordination/index.ts";
import { cachedFigures } from "./figures.cache.ts";
import { moneyWords } from "#shared/money.ts";
import { formatDate, formatNumber, formatPercent } from "#shared/text.ts";
import { vnToday } from "#shared/clock.ts";
import { type ReportPeriod, quarterLabel } from "./period.ts";

/** Adds sections with the same key together (two modules may report on one area), in report order. */
export function mergeSections(all: FigureSection[]): FigureSection[] {
  const byKey = new Map<string, FigureSection>();
  for (const s of all) {
    const prev = byKey.get(s.key);
    if (!prev) byKey.set(s.key, { ...s, figures: [...s.figures], paragraphs: [...s.paragraphs], notes: s.paragraphs.map((_, i) => s.notes?.[i] ?? null) });
    else {
      prev.figures.push(...s.figures);
      prev.notes = [...(prev.notes ?? []), ...s.paragraphs.map((_, i) => s.notes?.[i] ?? null)];
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
  if (f.unit === "percent")
    return f.target ? `${formatPercent(f.value)}/${formatPercent(f.target, Number.isInteger(f.target) ? 0 : 1)}` : formatPercent(f.value);
  const v = f.unit === "vnd" ? moneyWords(f.value) : formatNumber(f.value);
  if (f.target) return `${v}/${formatNumber(f.target)} (${ratioText(f.value, f.target)})`;
  return v;
}

/** One issuing body of the report, as Decree 30/2020 sets it out in the header, the symbol and the signature. */
export interface Issuer {
  kind: string;
  /** In the header, upper case, without the city: "BAN DÂN VẬN THÀNH ỦY". */
  header: string;
  /** In sentences, without the city: "Ban Dân vận Thành ủy". */
  name: string;
  /** Its abbreviation in the document symbol: "BDVTU". */
  symbol: string;
  /** The signature block, one line each: ["KT. TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"]. */
  sign: string[];
}

export interface ReportParagraph {
  text: string;
  /** A footnote: the source of the figures, or the list behind a count. */
  note?: string | null | undefined;
}

export interface JointReport {
  period: ReportPeriod;
  place: string;
  dateLine: string;
  number: string;
  /** A draft says "(Dự thảo)" under its number; the final version does not. */
  draft: boolean;
  /** The issuing bodies, in the order they sign; a zone union's own report has one, under its parent body. */
  issuers: Issuer[];
  /** The body above a single issuer (Decree 30: "tên cơ quan chủ quản"), in upper case; null for the joint report. */
  parent: string | null;
  /** The same body as named in sentences ("Liên đoàn Lao động thành phố Hải Phòng"), for "Nơi nhận". */
  parentName: string | null;
  /** Kept for the preview page: the three bodies' header names. */
  bodies: { mmc: string; authority: string; federation: string };
  title: string[];
  intro: string;
  sections: (FigureSection & { items: ReportParagraph[] })[];
  /** Every figure of the period by area, for the annex: also those no sentence states (all zero, appendix breakdowns). */
  annex: FigureSection[];
  evaluation: { strengths: string[]; limitations: string[]; causes: string[] };
  tasksTitle: string;
  tasks: { title: string; items: string[] }[];
  /** The rule by which entered and computed figures are chosen, as the report and the annex state it. */
  sourceRule: string;
}

const upper = (s: string) => s.toLocaleUpperCase("vi");
const lowerFirst = (s: string) => s.charAt(0).toLocaleLowerCase("vi") + s.slice(1);
const pad2 = (v: number) => String(v).padStart(2, "0");

/** "Liên đoàn Lao động thành phố Hải Phòng" → "Hải Phòng". */
function placeOf(name: string | undefined): string {
  const m = /(?:thành phố|tỉnh)\s+(.+)$/i.exec(name ?? "");
  return m?.[1]?.trim() ?? "";
}

/** "Ban Dân vận Thành ủy Hải Phòng" → "Ban Dân vận Thành ủy", as the title of the report names them. */
function withoutPlace(name: string, place: string): string {
  return place ? name.replace(new RegExp(`\\s+${place}$`), "").trim() : name;
}

/**
 * The abbreviation of a body's name in a document symbol, as the bodies write it: the first letter of
 * each word, without tone marks but keeping Đ, "và" left out. "Ban Dân vận Thành ủy" → "BDVTU",
 * "Ban Quản lý Khu kinh tế" → "BQLKKT", "Liên đoàn Lao động thành phố" → "LĐLĐTP",
 * "Ban Tuyên giáo và Dân vận Thành ủy" → "BTGDVTU".
 */
export function symbolOf(name: string): string {
  return name
    .split(/[\s-]+/)
    .filter((w) => w && w.toLocaleLowerCase("vi") !== "và")
    .map((w) => {
      const c = w.charAt(0).toLocaleUpperCase("vi");
      return c === "Đ" ? c : c.normalize("NFD").replace(/\p{M}/gu, "");
    })
    .join("");
}

/** The signature block a body's kind signs with (Decree 30/2020: "KT." for a deputy signing for the head, "TM." for a collective). */
const defaultSign: Record<string, string[]> = {
  mass_mobilization: ["KT. TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"],
  zone_authority: ["KT. TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"],
  federation: ["TM. BAN CHẤP HÀNH", "CHỦ TỊCH"],
  zone_union: ["TM. BAN THƯỜNG VỤ", "CHỦ TỊCH"],
};

/**
 * The date line of an administrative document (Decree 30/2020, Appendix I): a day below 10 and the
 * months 1 and 2 take a leading zero, no other month does: "ngày 05 tháng 3 năm 2024", "ngày 15 tháng 01".
 */
export function dateLine(place: string, day: string): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return `${place || "……"}, ngày ${pad2(d)} tháng ${m <= 2 ? pad2(m) : String(m)} năm ${y}`;
}

/**
 * Figures (not dates, years or document numbers) of a sentence; for "a/b" only a. A sentence whose
 * figures are all zero says nothing happened and is left out of the report.
 */
export function allZero(text: string): boolean {
  const stripped = text
    .replace(/\b\d{1,2}\/\d{1,2}\/\d{4}\b/g, " ")
    .replace(/\b(?:năm|tháng|quý)\s+\d+(?:\/\d{4})?/gi, " ")
    .replace(/\b\d+\s+tháng\b/gi, " ")
    .replace(/\b\d+-[\p{L}]+(?:\/[\p{L}\d-]+)*/gu, " ")
    .replace(/(\d[\d.,]*)%?\/\d[\d.,]*%?/g, "$1");
  const nums = stripped.match(/\d[\d.,]*/g);
  if (!nums || nums.length === 0) return false;
  return nums.every((x) => Number(x.replace(/\./g, "").replace(",", ".")) === 0);
}

/** Where a provider's section goes in the joint report: the areas of seed 001, not sections of their own. */
const reportArea: Record<string, string> = {
  "registry.agreements": "supervision",
  "relations.incidents": "situation",
  "relations.inspections": "supervision",
  care: "situation",
};

const SOURCE_RULE =
  "Số liệu tính từ bản ghi trên Cầu Nối; số liệu nhập tay ghi rõ người nhập và ngày của số liệu. Khi một chỉ tiêu vừa được nhập tay vừa tính được từ bản ghi, quy tắc của chỉ tiêu (trang Chỉ tiêu) nêu số được dùng, số kia để đối chiếu. Bảng điều khiển, trang Chỉ tiêu, báo cáo và phụ lục dùng cùng một quy tắc, cùng ngày tính.";

/** True when the period runs to the end of its year: the assessment weighs the whole year's plan. */
const endsYear = (p: ReportPeriod) => p.to.endsWith("-12-31");

/** Part II's title and which plan it draws on, by the kind of period. */
function nextTasksOf(p: ReportPeriod): { title: string; nextYear: boolean } {
  if (endsYear(p)) return { title: `II. MỘT SỐ NHIỆM VỤ TRỌNG TÂM NĂM ${p.year + 1}`, nextYear: true };
  if (p.kind === "half") return { title: `II. NHIỆM VỤ TRỌNG TÂM 6 THÁNG CUỐI NĂM ${p.year}`, nextYear: false };
  if (p.kind === "nine_months") return { title: `II. NHIỆM VỤ TRỌNG TÂM 3 THÁNG CUỐI NĂM ${p.year}`, nextYear: false };
  if (p.kind === "quarter" && p.quarter) return { title: `II. NHIỆM VỤ TRỌNG TÂM ${upper(quarterLabel(p.quarter + 1, p.year))}`, nextYear: false };
  return { title: `II. NHIỆM VỤ TRỌNG TÂM THỜI GIAN TỚI`, nextYear: false };
}

export interface ReportOptions {
  /** The final version has no "(Dự thảo)" and may carry its number. */
  draft?: boolean;
  /** The number given by the office when issued ("15"); blank on a draft. */
  number?: string | undefined;
}

/**
 * The joint report of the three bodies for a period, as data: the .docx, the .xlsx and the preview
 * page are three renderings of it, so they always state the same figures.
 */
export async function buildJointReport(
  database: Database,
  ctx: RequestContext,
  period: ReportPeriod,
  today: string = vnToday(),
  opts: ReportOptions = {},
): Promise<JointReport> {
  const scope = ctx.actor.scope;
  const next = nextTasksOf(period);
  // Independent reads, at once; inside one memo so a figure asked twice (members as of the period's
  // end by the figures and the targets) is counted once.
  const [bodies, own, sections, plan, nextPlan] = await withMetricMemo(() =>
    Promise.all([
      database.rows<{ kind: string; name: string; docSymbol: string | null; signBlock: string | null }>(
        sql`SELECT DISTINCT ON (kind) kind, name, doc_symbol AS "docSymbol", sign_block AS "signBlock" FROM bodies
            WHERE kind IN ('federation','zone_authority','mass_mobilization') ORDER BY kind, length(path), id`,
      ),
      // A zone union's officer: the zone union issues its own report, under the federation.
      scope.kind === "zones"
        ? database.rows<{ kind: string; name: string; docSymbol: string | null; signBlock: string | null; parentName: string | null }>(
            sql`SELECT b.kind, b.name, b.doc_symbol AS "docSymbol", b.sign_block AS "signBlock", p.name AS "parentName"
                FROM bodies b LEFT JOIN bodies p ON p.id = b.parent_id WHERE b.path = ${scope.bodyPath}`,
          )
        : Promise.resolve([]),
      collectSections(database, scope, period, { appendix: true }),
      planOfYear(database, period.year, scope),
      next.nextYear ? planOfYear(database, period.year + 1, scope) : Promise.resolve(null),
    ]),
  );
  const byKind = (k: string) => bodies.find((b) => b.kind === k);
  const place = placeOf(byKind("federation")?.name) || placeOf(byKind("mass_mobilization")?.name) || placeOf(own[0]?.name);
  const issuerOf = (b: { kind: string; name: string; docSymbol: string | null; signBlock: string | null }): Issuer => {
    const name = withoutPlace(b.name, place);
    return {
      kind: b.kind,
      header: upper(name),
      name,
      symbol: b.docSymbol || symbolOf(name),
      sign: b.signBlock
        ? b.signBlock
            .split(/\r?\n/)
            .map((l) => l.trim())
            .filter(Boolean)
        : (defaultSign[b.kind] ?? ["THỦ TRƯỞNG CƠ QUAN"]),
    };
  };
  const fallback = (kind: string, name: string) => ({ kind, name, docSymbol: null, signBlock: null });
  const joint = [
    byKind("mass_mobilization") ?? fallback("mass_mobilization", "Ban Dân vận"),
    byKind("zone_authority") ?? fallback("zone_authority", "Ban Quản lý Khu kinh tế"),
    byKind("federation") ?? fallback("federation", "Liên đoàn Lao động"),
  ].map(issuerOf);
  const self = own[0] && own[0].kind === "zone_union" ? issuerOf(own[0]) : null;
  const issuers = self ? [self] : joint;
  const [mmc, authority, federation] = joint as [Issuer, Issuer, Issuer];

  const planRef = plan ? `Kế hoạch số ${plan.code}${plan.issuedOn ? `, ngày ${formatDate(plan.issuedOn)}` : ""}` : null;
  const who = self ? self.name : `${mmc.name}, ${authority.name} và ${federation.name}`;
  const intro = `${planRef ? `Thực hiện ${planRef} về phối hợp thực hiện nhiệm vụ xây dựng giai cấp công nhân trong khu công nghiệp, khu kinh tế năm ${period.year}, ` : ""}${who} ${self ? "đánh giá" : "thống nhất đánh giá"} kết quả triển khai công tác phối hợp ${period.label} về thực hiện nhiệm vụ xây dựng giai cấp công nhân trong khu công nghiệp (KCN), khu kinh tế (KKT), như sau:`;

  // The report's sections: providers' sections moved into the areas of seed 001; a sentence whose
  // figures are all zero, and a sentence already stated, left out.
  // Agreement coverage stated against its target (with the rule choosing entered or computed value)
  // is the registry's coverage sentence said once: the registry's own sentence is left out.
  const coverageTarget = sections.some((s) => s.figures.some((f) => f.key.startsWith("target.agreement_coverage_pct.")));
  const moved = sections.map((s) => {
    const area = reportArea[s.key] as PlanArea | undefined;
    const own = coverageTarget && s.key === "registry.agreements" ? { ...s, paragraphs: [], notes: [] } : s;
    return area ? { ...own, key: area, title: sectionTitles[area].title, order: sectionTitles[area].order } : own;
  });
  const figureOf = (k: string) => sections.flatMap((s) => s.figures).find((f) => f.key === k);
  // Supervision recorded twice (a coordination activity and the relations module's inspection of the
  // same enterprises): stated once, in the inspection's fuller sentence.
  const supervisedTwice =
    (figureOf("supervision.enterprises")?.value ?? -1) === figureOf("relations.inspections.enterprises")?.value &&
    (figureOf("supervision.fdi")?.value ?? -1) === figureOf("relations.inspections.fdi")?.value;
  const seen = new Set<string>();
  const merged = mergeSections(moved);
  const reportSections = merged
    .filter((s) => s.order < 90)
    .map((s) => {
      const items: ReportParagraph[] = [];
      s.paragraphs.forEach((text, i) => {
        const key = text.trim().replace(/\s+/g, " ");
        // "Không ghi nhận … nào": nothing happened, which the report does not list as a result.
        if (seen.has(key) || allZero(text) || /không ghi nhận [^.]*\bnào\b/i.test(text)) return;
        if (supervisedTwice && text.startsWith(SUPERVISION_SENTENCE)) return;
        seen.add(key);
        items.push({ text, note: s.notes?.[i] ?? null });
      });
      return { ...s, items, paragraphs: items.map((p) => p.text) };
    })
    .filter((s) => s.items.length > 0);

  // Assessment: what was reached, what was not, and why (from the plan's items and the targets). Each
  // plan item is named once: done ones among the results, the others here; figures are not repeated.
  const strengths: string[] = [];
  const limitations: string[] = [];
  const causes: string[] = [];
  const figures = sections.flatMap((s) => s.figures);
  const targeted = figures.filter((f) => f.target && f.key.startsWith("party_union.") && f.key !== "party_union.enterprises20_with_union");
  const reached = targeted.filter((f) => f.value >= (f.target ?? 0));
  const missed = targeted.filter((f) => f.value < (f.target ?? 0));
  strengths.push(
    `Chương trình phối hợp thực hiện nhiệm vụ xây dựng giai cấp công nhân trong KCN, KKT${planRef ? ` và ${planRef.replace("Kế hoạch số", "Kế hoạch phối hợp số")}` : ""} đã được ${self ? "các cấp công đoàn" : "03 cơ quan"} nghiêm túc triển khai thực hiện; có sự phối hợp hiệu quả trong công tác lãnh đạo, chỉ đạo triển khai các hoạt động.`,
  );
  // "Chỉ tiêu đoàn viên phát triển mới" or "Các chỉ tiêu a, b": named, their figures stated once above.
  const targetsNamed = (fs: typeof figures) => {
    // A zone union's target is named with its zone union; the city's, when zone unions have their own, as the city's.
    const levels = figures.some((f) => f.key.startsWith("party_union.zone."));
    const nameOf = (f: (typeof fs)[number]) => {
      const [what, who] = f.label.split(" — ");
      return lowerFirst(who ? `${what} của ${who}` : levels && scope.kind === "city" ? `${what} toàn thành phố` : (what ?? f.label));
    };
    const names = [...new Set(fs.map(nameOf))];
    return `${names.length > 1 ? "Các chỉ tiêu" : "Chỉ tiêu"} ${names.join(", ")}`;
  };
  if (reached.length) strengths.push(`${targetsNamed(reached)} đạt và vượt kế hoạch đề ra.`);
  if (plan) {
    const s = summarize(plan.items as { status: "done" }[]);
    strengths.push(`${s.line} tại ${planRef}.`);
    const yearEnd = endsYear(period);
    const notStarted = plan.items.filter((i) => i.status === "not_done" || i.status === "carried_over" || (yearEnd && i.status === "not_started"));
    const running = yearEnd ? plan.items.filter((i) => i.status === "in_progress") : [];
    const list = (xs: typeof plan.items) => xs.map((i) => i.content.trim().replace(/[.;]$/, "")).join("; ");
    if (notStarted.length) limitations.push(`Còn ${pad2(notStarted.length)} nội dung phối hợp chưa được triển khai: ${list(notStarted)}.`);
    if (running.length) limitations.push(`Còn ${pad2(running.length)} nội dung phối hợp đang triển khai, chưa hoàn thành: ${list(running)}.`);
    for (const i of [...notStarted, ...running]) if (i.reasonNotDone) causes.push(i.reasonNotDone.trim());
  }
  // A year's target is missed only when the whole year is reported: half a year's count is not the year's.
  const wholeYear = period.from === `${period.year}-01-01` && period.to === `${period.year}-12-31`;
  if (wholeYear && missed.length) limitations.push(`${targetsNamed(missed)} chưa đạt kế hoạch năm.`);
  if (limitations.length === 0) {
    // Nothing wrong to report: say so truthfully (mid-year, the remaining items are still running).
    const remaining = (plan?.items ?? []).filter((i) => i.status !== "done").length;
    limitations.push(
      remaining
        ? `Còn ${pad2(remaining)} nội dung phối hợp đang được triển khai theo tiến độ của kế hoạch.`
        : "Các nội dung phối hợp đã được triển khai đầy đủ; không có nội dung tồn đọng.",
    );
  }

  // Part II: next year's plan (with the items carried over into it), or what is left of this year's.
  const tasks: JointReport["tasks"] = [];
  const open = (plan?.items ?? []).filter((i) => i.status !== "done");
  const source = next.nextYear ? [...(nextPlan?.items ?? []), ...open] : open;
  const seenTask = new Set<string>();
  const items = source.filter((i) => {
    const k = i.content.trim().replace(/[.;]$/, "");
    if (seenTask.has(k)) return false;
    seenTask.add(k);
    return true;
  });
  for (const area of planAreas) {
    const list = items.filter((i) => i.area === area).map((i) => i.content);
    if (list.length) tasks.push({ title: sectionTitles[area].title, items: list });
  }

  const draft = opts.draft ?? true;
  const symbols = issuers.map((i) => i.symbol).join("-");
  return {
    period,
    place,
    dateLine: dateLine(place, today),
    number: `Số: ${!draft && opts.number ? opts.number : "     "}-BC/${symbols}`,
    draft,
    issuers,
    parent: self && own[0]?.parentName ? upper(own[0].parentName) : null,
    parentName: self ? (own[0]?.parentName ?? null) : null,
    bodies: { mmc: mmc.header, authority: authority.header, federation: federation.header },
    title: self
      ? ["BÁO CÁO", `kết quả thực hiện Chương trình phối hợp ${period.label}`, `của ${self.name}`]
      : [
          "BÁO CÁO",
          `kết quả thực hiện Chương trình phối hợp ${period.label}`,
          `giữa ${mmc.name} - ${authority.name}${place ? ` ${place}` : ""} - ${federation.name}`,
        ],
    intro,
    sections: reportSections,
    annex: merged,
    evaluation: { strengths, limitations, causes },
    tasksTitle: next.title,
    tasks,
    sourceRule: SOURCE_RULE,
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
