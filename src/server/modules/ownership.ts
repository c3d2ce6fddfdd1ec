/**
 * Which module owns which table: only the owner writes it (INSERT, UPDATE, DELETE). Another module
 * changes it by calling the owner's published functions (its index.ts). `npm run check:arch`
 * (scripts/check-architecture.ts) fails when a table in a migration is missing here, or when a
 * module's code writes a table it does not own without a reason listed in `crossWrites`.
 */
export const owners = {
  access: ["bodies", "users", "sessions", "api_tokens", "audit_log", "login_failures", "enterprise_invites", "activation_failures"],
  registry: [
    "zones",
    "enterprises",
    "unions",
    "union_enterprises",
    "people",
    "memberships",
    "agreements",
    "agreement_enterprises",
    "labor_reports",
    "import_jobs",
    "import_rows",
    "import_errors",
    "membership_counts",
  ],
  voice: [
    "voice_holidays",
    "voice_requests",
    "voice_request_counts",
    "voice_requesters",
    "voice_signatories",
    "voice_history",
    "voice_notes",
    "voice_transfers",
    "voice_additions",
    "voice_attachments",
    "voice_qa",
    "voice_superseded",
    "voice_qa_synonyms",
    "voice_hotline_lines",
    "voice_hotline_duty",
    "voice_calls",
    "voice_hotline_signatures",
    "spent_challenges",
  ],
  relations: [
    "relations_incidents",
    "relations_incident_actions",
    "relations_min_wage_rates",
    "relations_min_wage_communes",
    "relations_checklists",
    "relations_checklist_items",
    "relations_plans",
    "relations_plan_targets",
    "relations_inspections",
    "relations_answers",
    "relations_recommendations",
    "relations_followups",
    "relations_risk_current",
    "relations_risk_history",
    "relations_alerts",
    "relations_actions",
    "relations_dispute_steps",
    "relations_wage_region_overrides",
  ],
  coordination: [
    "coordination_plans",
    "plan_items",
    "targets",
    "target_values",
    "target_snapshots",
    "activities",
    "dialogue_questions",
    "mobilization_models",
    "party_referrals",
  ],
  reporting: ["figure_versions", "report_files"],
  labour: ["labour_submissions"],
  care: [
    "care_campaigns",
    "care_campaign_sources",
    "care_allocations",
    "care_nominations",
    "care_payouts",
    "care_payout_counts",
    "care_union_houses",
    "care_housing_projects",
    "care_housing_milestones",
    "care_surveys",
    "care_survey_questions",
    "care_survey_responses",
    "care_join_requests",
    "care_survey_devices",
  ],
  privacy: ["privacy_requests", "retention_runs", "privacy_incidents"],
  /** The enterprise side (eHeza): the authority's notices, the exchanges about forwarded items, evidence, difficulties. */
  enterprise: ["enterprise_notices", "enterprise_notice_recipients", "enterprise_exchanges", "enterprise_evidence", "enterprise_difficulties"],
  /** Reference data (deadlines, union rates) lives in settings and in relations' wage tables. */
  reference: [],
  /** Notices to workers and officers: the outbox every module enqueues into, workers' notice contacts, the officers' bell. */
  notify: ["outbound_messages", "notify_contacts", "notify_notices", "notify_preferences", "voice_push_keys", "voice_push_subscriptions"],
  // The enterprise's own page only reads (through a closed response schema): it owns no table.
  eheza: [],
  /**
   * Key–value settings: each module reads and writes only its own keys (`voice.`, `relations.`, …).
   * The rate limits' counters belong to the HTTP layer below the modules (src/server/http/rate-limit.ts).
   */
  shared: ["settings", "rate_limit_hits", "queue_jobs", "queue_schedules"],
} as const satisfies Record<string, readonly string[]>;

export type ModuleName = Exclude<keyof typeof owners, "shared">;

/** The writes across a wall that stay, each with its reason. `table: "*"` with verbs limits what may be done. */
export const crossWrites: { module: ModuleName; table: string; verbs: ("INSERT" | "UPDATE" | "DELETE")[]; why: string }[] = [
  {
    module: "privacy",
    table: "*",
    verbs: ["UPDATE", "DELETE"],
    why: "Erasure and retention by law (Decree 13/2023): privacy redacts or deletes personal data wherever a module keeps it, in one transaction per request.",
  },
  {
    module: "privacy",
    table: "audit_log",
    verbs: ["INSERT"],
    why: "The retention run records what it erased in the same statement that erases it.",
  },
  {
    module: "privacy",
    table: "voice_history",
    verbs: ["INSERT"],
    why: "An erased request keeps a line in its history saying when and under which right it was erased.",
  },
  {
    module: "registry",
    table: "bodies",
    verbs: ["INSERT", "UPDATE"],
    why: "A grassroots union's or an enterprise's body is created and renamed with its registry row, in bulk during an import.",
  },
  {
    module: "voice",
    table: "audit_log",
    verbs: ["INSERT"],
    why: "A public submission's audit row is written in the same group-committed statement as the request (thousands per second).",
  },
];
