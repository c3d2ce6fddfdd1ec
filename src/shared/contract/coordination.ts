import { z } from "zod";
import { activityKinds } from "../activities.ts";
import { itemStatuses, metrics, planAreas, referralOutcomes, targetUnits } from "../enums.ts";

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
  area: z.enum(planAreas),
  content: z.string(),
  leadBodyId: z.number(),
  leadBodyName: z.string(),
  coBodyIds: z.array(z.number()),
  deadline: z.string().nullable(),
  status: z.enum(itemStatuses),
  evidence: z.array(z.object({ label: z.string(), url: z.string().optional() })),
  reasonNotDone: z.string().nullable(),
  carriedFromItemId: z.number().nullable(),
});

/** A plan with its items. */
export const planSchema = planRowSchema.extend({ items: z.array(planItemRowSchema) });

export const itemSchema = planItemRowSchema;

export const carryOverSchema = z.object({ carried: z.number(), plan: planSchema });

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

/** A target as stored: what it counts, by when, and for which zone. */
export const targetRowSchema = z.object({
  id: z.number(),
  program: z.string(),
  title: z.string(),
  metric: z.enum(metrics),
  unit: z.enum(targetUnits),
  targetValue: z.number(),
  year: z.number().nullable(),
  deadline: z.string(),
  zoneId: z.number().nullable(),
  zoneName: z.string().nullable(),
  baselineValue: z.number().nullable(),
  baselineDate: z.string().nullable(),
  ownerBodyId: z.number(),
  computedMetric: z.enum(metrics).nullable(),
  prefer: z.enum(["computed", "entered"]),
});

/** A target with its progress, as the list shows it. */
export const targetProgressSchema = targetRowSchema.extend({ progress: progressSchema });
export const targetsListSchema = z.array(targetProgressSchema);

export const snapshotTargetsSchema = z.object({ targets: z.number() });

/** One target with its monthly snapshots and the values entered by hand. */
export const targetSchema = targetProgressSchema.extend({
  snapshots: z.array(z.object({ month: z.string(), value: z.number(), computedAt: z.string() })),
  values: z.array(z.object({ id: z.number(), asOf: z.string(), value: z.number(), note: z.string().nullable(), enteredBy: z.string(), enteredAt: z.string() })),
});

export const targetValueSchema = z.object({ asOf: z.string(), value: z.number(), note: z.string().optional(), id: z.number() });

export const activityRowSchema = z.object({
  id: z.number(),
  kind: z.enum(activityKinds),
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
  /** Questions turned into requests: the server then refuses to delete the conference. */
  requestCount: z.number(),
});

export const activitiesListSchema = z.object({
  total: z.number(),
  totals: z
    .object({ total: z.number(), sessions: z.number(), participants: z.number(), visitors: z.number(), stalls: z.number(), enterprises: z.number() })
    .nullable(),
  items: z.array(activityRowSchema),
});

/** A question asked at a dialogue conference, before it is linked to the request it became. */
const questionSchema = z.object({
  id: z.number(),
  no: z.number(),
  text: z.string(),
  asker: z.string().nullable(),
  enterpriseId: z.number().nullable(),
  topic: z.string().nullable(),
});

/** One activity with its conference questions. */
export const activitySchema = activityRowSchema.extend({
  questions: z.array(questionSchema.extend({ answer: z.string().nullable(), requestRef: z.string().nullable() })),
});

export const pendingQuestionsSchema = z.array(questionSchema.extend({ activityId: z.number(), activityTitle: z.string(), heldOn: z.string() }));

export const linkQuestionSchema = z.object({ id: z.number(), requestRef: z.string() });

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

/** The list marks the models the asker may change. */
export const modelsListSchema = z.array(modelRowSchema.extend({ editable: z.boolean() }));

export const referralRowSchema = z.object({
  id: z.number(),
  personId: z.number(),
  fullName: z.string(),
  unionId: z.number(),
  unionName: z.string(),
  referredOn: z.string(),
  outcome: z.enum(referralOutcomes),
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
