/** How the coordination figures are written into the joint report: its areas, numbers in the bodies' style, sections as they fill. */
import type { Scope } from "#server/modules/access/index.ts";
import type { Figure, FigureSection, Period } from "#server/modules/contracts.ts";
import { formatNumber, formatPercent } from "#shared/text.ts";
import type { PlanArea } from "./coordination.schema.ts";

/**
 * The coordination module's figures for the dashboards and the joint report. Section keys are
 * the areas of the joint report (001): other modules' providers may return a section with the same
 * key (e.g. relations → "supervision", care → "situation"/"housing") and reporting merges them.
 */
export const sectionTitles: Record<PlanArea, { order: number; title: string }> = {
  leadership: { order: 10, title: "Phối hợp trong công tác lãnh đạo, chỉ đạo" },
  propaganda: { order: 20, title: "Phối hợp trong công tác tuyên truyền" },
  situation: { order: 30, title: "Phối hợp trong nắm tình hình công nhân lao động, chăm lo bảo vệ quyền lợi cho công nhân lao động" },
  housing: { order: 40, title: "Phối hợp tham mưu xây dựng các dự án nhà ở cho công nhân" },
  party_union: { order: 50, title: "Phối hợp trong xây dựng, nâng cao chất lượng tổ chức đảng, đoàn thể trong các doanh nghiệp" },
  mobilization: { order: 60, title: "Xây dựng các mô hình “Dân vận khéo”" },
  supervision: { order: 70, title: "Phối hợp trong công tác kiểm tra, giám sát" },
  general: { order: 80, title: "Các nội dung phối hợp khác" },
};

export const n = formatNumber;
/** A period as a query string for the links behind each figure. */
export const q = (p: Period) => `from=${p.from}&to=${p.to}`;
/** "12/20" against a target, "12" without one. */
export const against = (value: number, target: number | undefined) => (target ? `${n(value)}/${n(target)}` : n(value));
/** "61,8%", but "100%" for a whole number, as the bodies write it. */
export const ratioText = (value: number, target: number) => {
  const r = (100 * value) / target;
  return Math.abs(r - Math.round(r)) < 0.05 ? `${formatNumber(Math.round(r))}%` : formatPercent(r);
};
export const pct = (value: number, target: number | undefined) => (target ? ratioText(value, target) : "");
/** A count under ten the way the bodies write it: "09", "03"; larger ones as usual. */
export const two = (v: number) => (v >= 0 && v < 10 ? String(v).padStart(2, "0") : n(v));
/** A plan item as a sentence of the report. */
export const sentence = (s: string) => (/[.!?;:]$/.test(s.trim()) ? s.trim() : `${s.trim()}.`);

/** The report's sections as they fill, one per area, in the order first written to. */
export class Sections {
  private readonly byArea = new Map<PlanArea, FigureSection>();

  get(area: PlanArea): FigureSection {
    let s = this.byArea.get(area);
    if (!s) {
      s = { key: area, title: sectionTitles[area].title, order: sectionTitles[area].order, figures: [], paragraphs: [] };
      this.byArea.set(area, s);
    }
    return s;
  }

  /** A figure, and the sentence that states it if any. */
  add(area: PlanArea, fig: Figure, text?: string) {
    const s = this.get(area);
    s.figures.push(fig);
    if (text) s.paragraphs.push(text);
  }

  /** A paragraph with its footnote (null: none), the footnotes kept beside the paragraphs by index. */
  say(area: PlanArea, text: string, note: string | null = null) {
    const s = this.get(area);
    s.notes ??= [];
    s.notes[s.paragraphs.length] = note;
    s.paragraphs.push(text);
  }

  /** The sections that say something. */
  list(): FigureSection[] {
    return [...this.byArea.values()].filter((s) => s.figures.length || s.paragraphs.length);
  }
}

/** What every part of the coordination figures is written for: the period, its year, the day counts are taken, and who asks. */
export interface FigureFrame {
  scope: Scope;
  period: Period;
  year: number;
  /** The day "as of" figures are measured (the period's last day, or today while it runs). */
  asOf: string;
  city: boolean;
}
