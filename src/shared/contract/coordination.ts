import { z } from "zod";

/** Answers of the coordination API: the server serializes through them, the web reads their types (z.input). */

export const planSummarySchema = z.object({
  total: z.number(),
  done: z.number(),
  inProgress: z.number(),
  notStarted: z.number(),
  notDone: z.number(),
  carriedOver: z.number(),
  line: z.string(),
});

export const planRowSchema = z.object({
  id: z.number(),
  year: z.number(),
  code: z.string(),
  title: z.string(),
  issuedOn: z.string().nullable(),
  parties: z.array(z.object({ id: z.number(), name: z.string(), shortName: z.string().nullable() })),
  ownerBodyId: z.number(),
  summary: planSummarySchema,
});

export const plansListSchema = z.array(planRowSchema);

export const planItemRowSchema = z.object({
  id: z.number(),
  planId: z.number(),
  no: z.number(),
  area: z.enum(["supervision", "leadership", "propaganda", "situation", "housing", "party_union", "mobilization", "general"]),
  content: z.string(),
  leadBodyId: z.number(),
  leadBodyName: z.string(),
  coBodyIds: z.array(z.number()),
  deadline: z.string().nullable(),
  status: z.enum(["in_progress", "not_started", "done", "not_done", "carried_over"]),
  evidence: z.array(z.object({ label: z.string(), url: z.string().optional() })),
  reasonNotDone: z.string().nullable(),
  carriedFromItemId: z.number().nullable(),
});

export const planSchema = z.object({
  id: z.number(),
  year: z.number(),
  code: z.string(),
  title: z.string(),
  issuedOn: z.string().nullable(),
  parties: z.array(z.object({ id: z.number(), name: z.string(), shortName: z.string().nullable() })),
  ownerBodyId: z.number(),
  summary: planSummarySchema,
  items: z.array(planItemRowSchema),
});

export const itemSchema = z.object({
  id: z.number(),
  planId: z.number(),
  no: z.number(),
  area: z.enum(["supervision", "leadership", "propaganda", "situation", "housing", "party_union", "mobilization", "general"]),
  content: z.string(),
  leadBodyId: z.number(),
  leadBodyName: z.string(),
  coBodyIds: z.array(z.number()),
  deadline: z.string().nullable(),
  status: z.enum(["in_progress", "not_started", "done", "not_done", "carried_over"]),
  evidence: z.array(z.object({ label: z.string(), url: z.string().optional() })),
  reasonNotDone: z.string().nullable(),
  carriedFromItemId: z.number().nullable(),
});

export const carryOverSchema = z.object({
  carried: z.number(),
  plan: z.object({
    id: z.number(),
    year: z.number(),
    code: z.string(),
    title: z.string(),
    issuedOn: z.string().nullable(),
    parties: z.array(z.object({ id: z.number(), name: z.string(), shortName: z.string().nullable() })),
    ownerBodyId: z.number(),
    summary: planSummarySchema,
    items: z.array(planItemRowSchema),
  }),
});

export const progressSchema = z.object({
  asOf: z.string(),
  actual: z.number().nullable(),
  ratio: z.number().nullable(),
  text: z.string(),
  detail: z.object({ numerator: z.number(), denominator: z.number() }).optional(),
  enteredBy: z.string().nullable().optional(),
  enteredAt: z.string().nullable().optional(),
  source: z.string(),
  rule: z.string().optional(),
  other: z.object({ value: z.number(), text: z.string(), source: z.string() }).optional(),
  reached: z.boolean(),
  projectedDate: z.string().nullable(),
  onTrack: z.boolean().nullable(),
  projection: z.string(),
});

export const targetsListSchema = z.array(
  z.object({
    progress: progressSchema,
    id: z.number(),
    program: z.string(),
    title: z.string(),
    metric: z.enum([
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
    ]),
    unit: z.enum(["count", "percent"]),
    targetValue: z.number(),
    year: z.number().nullable(),
    deadline: z.string(),
    zoneId: z.number().nullable(),
    zoneName: z.string().nullable(),
    baselineValue: z.number().nullable(),
    baselineDate: z.string().nullable(),
    ownerBodyId: z.number(),
    computedMetric: z
      .enum([
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
      ])
      .nullable(),
    prefer: z.enum(["computed", "entered"]),
  }),
);

export const targetRowSchema = z.object({
  id: z.number(),
  program: z.string(),
  title: z.string(),
  metric: z.enum([
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
  ]),
  unit: z.enum(["count", "percent"]),
  targetValue: z.number(),
  year: z.number().nullable(),
  deadline: z.string(),
  zoneId: z.number().nullable(),
  zoneName: z.string().nullable(),
  baselineValue: z.number().nullable(),
  baselineDate: z.string().nullable(),
  ownerBodyId: z.number(),
  computedMetric: z
    .enum([
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
    ])
    .nullable(),
  prefer: z.enum(["computed", "entered"]),
});

export const snapshotTargetsSchema = z.object({ targets: z.number() });

export const targetSchema = z.object({
  progress: progressSchema,
  snapshots: z.array(z.object({ month: z.string(), value: z.number(), computedAt: z.string() })),
  values: z.array(z.object({ id: z.number(), asOf: z.string(), value: z.number(), note: z.string().nullable(), enteredBy: z.string(), enteredAt: z.string() })),
  id: z.number(),
  program: z.string(),
  title: z.string(),
  metric: z.enum([
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
  ]),
  unit: z.enum(["count", "percent"]),
  targetValue: z.number(),
  year: z.number().nullable(),
  deadline: z.string(),
  zoneId: z.number().nullable(),
  zoneName: z.string().nullable(),
  baselineValue: z.number().nullable(),
  baselineDate: z.string().nullable(),
  ownerBodyId: z.number(),
  computedMetric: z
    .enum([
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
    ])
    .nullable(),
  prefer: z.enum(["computed", "entered"]),
});

export const targetValueSchema = z.object({ asOf: z.string(), value: z.number(), note: z.string().optional(), id: z.number() });

export const activityRowSchema = z.object({
  id: z.number(),
  kind: z.enum(["supervision", "tet_market", "propaganda", "training", "dialogue", "cultural", "job_fair", "party_cell", "youth_org", "party_admission"]),
  title: z.string(),
  heldOn: z.string(),
  endedOn: z.string().nullable(),
  bodyId: z.number(),
  bodyName: z.string(),
  zoneId: z.number().nullable(),
  zoneName: z.string().nullable(),
  unionId: z.number().nullable(),
  enterpriseId: z.number().nullable(),
  enterpriseName: z.string().nullable(),
  enterpriseOwnership: z.string().nullable(),
  sessions: z.number(),
  participants: z.number(),
  units: z.number().nullable(),
  stalls: z.number().nullable(),
  visitors: z.number().nullable(),
  copies: z.number().nullable(),
  notes: z.string().nullable(),
  questionCount: z.number(),
  requestCount: z.number(),
});

export const activitiesListSchema = z.object({
  total: z.number(),
  totals: z
    .object({ total: z.number(), sessions: z.number(), participants: z.number(), visitors: z.number(), stalls: z.number(), enterprises: z.number() })
    .nullable(),
  items: z.array(activityRowSchema),
});

export const activitySchema = z.object({
  questions: z.array(
    z.object({
      id: z.number(),
      no: z.number(),
      text: z.string(),
      asker: z.string().nullable(),
      enterpriseId: z.number().nullable(),
      topic: z.string().nullable(),
      answer: z.string().nullable(),
      requestRef: z.string().nullable(),
    }),
  ),
  id: z.number(),
  kind: z.enum(["supervision", "tet_market", "propaganda", "training", "dialogue", "cultural", "job_fair", "party_cell", "youth_org", "party_admission"]),
  title: z.string(),
  heldOn: z.string(),
  endedOn: z.string().nullable(),
  bodyId: z.number(),
  bodyName: z.string(),
  zoneId: z.number().nullable(),
  zoneName: z.string().nullable(),
  unionId: z.number().nullable(),
  enterpriseId: z.number().nullable(),
  enterpriseName: z.string().nullable(),
  enterpriseOwnership: z.string().nullable(),
  sessions: z.number(),
  participants: z.number(),
  units: z.number().nullable(),
  stalls: z.number().nullable(),
  visitors: z.number().nullable(),
  copies: z.number().nullable(),
  notes: z.string().nullable(),
  questionCount: z.number(),
  requestCount: z.number(),
});

export const pendingQuestionsSchema = z.array(
  z.object({
    id: z.number(),
    activityId: z.number(),
    activityTitle: z.string(),
    heldOn: z.string(),
    no: z.number(),
    text: z.string(),
    asker: z.string().nullable(),
    enterpriseId: z.number().nullable(),
    topic: z.string().nullable(),
  }),
);

export const linkQuestionSchema = z.object({ id: z.number(), requestRef: z.string() });

export const modelsListSchema = z.array(
  z.object({
    editable: z.boolean(),
    id: z.number(),
    name: z.string(),
    bodyId: z.number(),
    bodyName: z.string(),
    zoneId: z.number().nullable(),
    year: z.number(),
    field: z.string().nullable(),
    description: z.string().nullable(),
    awards: z.array(z.object({ year: z.number(), level: z.string(), title: z.string() })),
  }),
);

export const modelRowSchema = z.object({
  id: z.number(),
  name: z.string(),
  bodyId: z.number(),
  bodyName: z.string(),
  zoneId: z.number().nullable(),
  year: z.number(),
  field: z.string().nullable(),
  description: z.string().nullable(),
  awards: z.array(z.object({ year: z.number(), level: z.string(), title: z.string() })),
});

export const referralRowSchema = z.object({
  id: z.number(),
  personId: z.number(),
  fullName: z.string(),
  unionId: z.number(),
  unionName: z.string(),
  referredOn: z.string(),
  outcome: z.enum(["pending", "admitted", "not_admitted"]),
  admittedOn: z.string().nullable(),
  note: z.string().nullable(),
});

export const referralsListSchema = z.object({
  total: z.number(),
  admitted: z.number(),
  ratio: z.number().nullable(),
  line: z.string(),
  items: z.array(referralRowSchema),
});
