/**
 * The enums of the API, declared once: the server's zod schemas (src/shared/contract) and the web's selects and
 * labels read these lists. Plain arrays, so the web imports them without zod.
 */

// access
export const roles = ["system_admin", "body_admin", "officer", "viewer", "union_officer", "enterprise_rep"] as const;
export const bodyKinds = ["system", "federation", "zone_union", "grassroots_union", "zone_authority", "mass_mobilization", "enterprise"] as const;
/** What an enterprise account may do besides reading: file the labour report, answer the inbox, manage colleagues. */
export const enterpriseRights = ["report", "answer", "manage"] as const;

// care
export const payoutKinds = ["cash", "gift", "ticket", "voucher", "house"] as const;
/** A Mái ấm Công đoàn house's stage, in the order it goes through them. */
export const houseStages = ["approved", "building", "completed", "handed_over"] as const;
export const housingKinds = ["social_housing", "worker_housing", "dormitory"] as const;
export const housingStatuses = ["planned", "approved", "under_construction", "partly_in_use", "completed"] as const;
/** Where a join request or a nomination stands: awaiting the union, approved or declined. */
export const decisionStatuses = ["pending", "approved", "declined"] as const;
export const campaignPurposes = ["tet", "hardship", "union_house", "scholarship", "tet_market", "ticket_home", "other"] as const;
export const surveyStatuses = ["draft", "open", "closed"] as const;
export const questionKinds = ["single", "multiple", "scale", "text"] as const;

// coordination
export const itemStatuses = ["not_started", "in_progress", "done", "not_done", "carried_over"] as const;
/** Areas of a plan item = sections of the joint report. */
export const planAreas = ["leadership", "propaganda", "situation", "housing", "party_union", "mobilization", "supervision", "general"] as const;
/** How a target's figure is found: computed from the records, or entered by hand (`manual`). */
export const metrics = [
  "members_as_of",
  "enterprises20_with_union_pct",
  "enterprises20_with_union",
  "agreement_coverage_pct",
  "new_members_in_year",
  "new_unions_in_year",
  "party_referrals_in_year",
  "party_admissions_in_year",
  "trainings_participants_in_year",
  "manual",
] as const;
/** Metrics that count what happened within a year (flows); the others are levels as of a date. */
export const yearlyMetrics: readonly (typeof metrics)[number][] = [
  "new_members_in_year",
  "new_unions_in_year",
  "party_referrals_in_year",
  "party_admissions_in_year",
  "trainings_participants_in_year",
];
/** Metrics that are a share, counted in percent. */
export const percentMetrics: readonly (typeof metrics)[number][] = ["enterprises20_with_union_pct", "agreement_coverage_pct"];
export const targetUnits = ["count", "percent"] as const;
export const referralOutcomes = ["pending", "admitted", "not_admitted"] as const;

// enterprise inbox
/** What reaches an enterprise's inbox: a forwarded worker's request, an inspection's finding, a notice of the authority. */
export const itemKinds = ["request", "finding", "notice"] as const;
/** Where an inbox item stands, derived from its exchanges. */
export const itemStates = ["awaiting_answer", "awaiting_decision", "accepted", "info"] as const;
export const exchangeKinds = ["answer", "extension_request", "accepted", "reopened", "extension_granted", "extension_refused"] as const;

// labour
/** Where a submitted labour report stands with the officers. */
export const submissionStatuses = ["submitted", "returned", "accepted"] as const;
/** An enterprise's standing for a period's labour report. */
export const standingStatuses = ["not_due", "due_soon", "submitted", "returned", "accepted", "late", "missing"] as const;

// privacy
export const rightKinds = ["access", "correction", "withdraw", "deletion"] as const;
/** The kinds of personal data with a retention period (months), each erased or de-identified past it. */
export const retentionKinds = [
  "sessions",
  "closed_requests",
  "anonymous_contacts",
  "attachments",
  "survey_answers",
  "import_files",
  "audit",
  "join_requests",
  "outbound_messages",
] as const;
/** The public forms that show a privacy notice above their consent box. */
export const noticeForms = ["voice_request", "join", "survey", "housing"] as const;

// reference
export const unionRateKinds = ["union_dues", "union_fee", "base_salary"] as const;

// registry
export const ownerships = ["fdi", "domestic_private", "state", "cooperative"] as const;
export const enterpriseStatuses = ["active", "suspended", "dissolved", "bankrupt", "absconded"] as const;
export const zoneKinds = ["industrial_zone", "economic_zone", "industrial_cluster"] as const;
export const agreementKinds = ["enterprise", "multi_enterprise"] as const;
export const agreementStatuses = ["valid", "expiring", "expired", "future"] as const;
export const agreementGrades = ["A", "B", "C", "D"] as const;
export const importKinds = ["members", "enterprises", "unions"] as const;

// relations
export const incidentKinds = [
  "work_stoppage",
  "dispute_rights",
  "dispute_interests",
  "wage_arrears",
  "si_arrears",
  "employer_absconded",
  "mass_layoff",
  "bankruptcy",
  "serious_accident",
  "other",
] as const;
export const incidentStatuses = ["open", "in_progress", "resolved", "closed"] as const;
/** The steps of a collective dispute (Labour Code 2019, art. 188–199), in the order the law takes them. */
export const disputeSteps = ["mediation", "arbitration", "court", "strike"] as const;
export const disputeOutcomes = ["agreed", "failed", "not_held", "not_complied", "decided", "withdrawn"] as const;
export const inspectionStatuses = ["draft", "completed"] as const;
export const recommendationStatuses = ["open", "closed", "reinspect"] as const;
/** An inspection answer's result. */
export const answerResults = ["compliant", "non_compliant", "not_applicable"] as const;
export const alertStatuses = ["open", "acknowledged", "actioned"] as const;

// voice
export const requestKinds = ["consultation", "complaint", "petition", "report"] as const;
export const topics = ["wages", "overtime", "social_insurance", "contract", "dismissal", "osh", "union_rights", "housing", "other"] as const;
export const channels = ["web", "app", "hotline", "in_person", "letter", "dialogue"] as const;
/** The channels an officer records at intake (web and app are the worker's own). */
export const intakeChannels = ["hotline", "in_person", "letter", "dialogue"] as const;
export const statuses = ["received", "assigned", "in_progress", "answered", "closed"] as const;
export const answerStatuses = ["none", "in_review", "approved", "published"] as const;
export type RequestKind = (typeof requestKinds)[number];
export type Topic = (typeof topics)[number];
export type Channel = (typeof channels)[number];
export type RequestStatus = (typeof statuses)[number];
