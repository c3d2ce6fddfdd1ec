import type { Database } from "#server/db/client.ts";
import type { RiskSignalKind } from "#shared/risk-signals.ts";
import type { Scope } from "./access/index.ts";

/**
 * The two places where modules hand figures to each other without reading each other's tables.
 * A module appends its provider in `providers.ts` (one line each); reporting and relations read
 * the lists. Built this way because the modules are developed side by side.
 */

/** A reporting period, inclusive ISO dates: a year ("2025"), a half ("2025-H1") or any range. */
export interface Period {
  from: string;
  to: string;
  /** "năm 2025", "6 tháng đầu năm 2025" */
  label: string;
}

export interface Figure {
  key: string;
  /** Vietnamese label, e.g. "Đoàn viên phát triển mới". */
  label: string;
  value: number;
  unit?: "count" | "vnd" | "percent";
  /** Against a plan or target, when one exists: "13.297/21.500, đạt 61,8%". */
  target?: number;
  /** The staff page listing the records behind the number, so every figure can be traced. */
  link?: string;
  /** Where the value comes from when it is not plain records: "nhập tay: …, số liệu ngày …", and the rule that chose it. */
  source?: string;
  /** The same whatever the scope (the city's joint plan): a drilled-down dashboard marks it "toàn thành phố". */
  cityWide?: boolean;
}

/** One area of the joint report and the dashboards: its figures and sentences drawn from them. */
export interface FigureSection {
  key: string;
  /** Vietnamese title, e.g. "Công tác phát triển đoàn viên, thành lập công đoàn cơ sở". */
  title: string;
  order: number;
  figures: Figure[];
  /** Sentences in administrative Vietnamese stating the figures, for the report body. */
  paragraphs: string[];
  /**
   * A footnote per paragraph (same index; null or missing: none): where its figures come from, or the
   * list behind a count, as the bodies' reports put them at the foot of the page.
   */
  notes?: (string | null)[];
}

/**
 * `appendix`: also the long breakdowns only the joint report's appendix lists (requests per
 * responsible body: thousands of figures at city scale); the dashboards leave them out.
 */
export type FigureProvider = (database: Database, scope: Scope, period: Period, opts?: { appendix?: boolean }) => Promise<FigureSection[]>;

/** A reason an enterprise may become a hot spot, with the evidence behind it. */
export interface RiskSignal {
  enterpriseId: number;
  /** Stable kind, e.g. "voice_requests_spike", "agreement_expired", named in src/shared/risk-signals.ts; weights are configured per kind. */
  kind: RiskSignalKind;
  /** Magnitude in the signal's own unit (months of arrears, requests per 1,000 workers, …); 1 for yes/no signals. */
  value: number;
  /** What a person reads: "12 yêu cầu trong 90 ngày (40/1.000 lao động)". */
  evidence: string;
  /** The staff page showing the evidence. */
  link?: string;
}

/** Computes one module's signals for every enterprise as of a date. */
export type RiskSignalProvider = (database: Database, asOf: string) => Promise<RiskSignal[]>;

/**
 * Told after the registry commits a change to what routes a worker's request about an enterprise (a
 * grassroots union founded, dissolved or covering other enterprises, an enterprise moved to another
 * zone, unions or enterprises imported): a module keeping such facts in memory drops them. Other
 * servers sharing the database keep theirs until they expire (a minute).
 */
export type RegistryChangeListener = (database: Database) => void;

/**
 * Told after a module commits a write that changes what the early-warning signals say about some
 * enterprises (a labour report filed or accepted, an agreement signed, changed or removed, an
 * enterprise's status or workforce corrected): the watch list rescores them at once instead of at the
 * next day's run, so an officer who just recorded the fix sees the enterprise fall.
 */
export type EnterpriseSignalsListener = (database: Database, enterpriseIds: number[]) => Promise<void>;

/**
 * Where one enterprise stands with its half-yearly labour report (filed, accepted, returned, late,
 * missing), as the labour-report module judges it. The enterprise's own page shows it as given.
 */
export interface LabourReportStanding {
  /** Stable state, e.g. "accepted", "submitted", "returned", "late", "missing", "not_due". */
  state: string;
  /** What the enterprise reads: "Báo cáo 6 tháng đầu năm 2026 đã được tiếp nhận". */
  label: string;
  /** The period it is about ("2026-H1"), when there is one. */
  period: string | null;
  /** Its deadline (ISO date), when there is one. */
  deadline: string | null;
}

export type LabourReportStandingProvider = (database: Database, enterpriseId: number) => Promise<LabourReportStanding | null>;
