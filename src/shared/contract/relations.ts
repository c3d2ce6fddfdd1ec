import { z } from "zod";
import { minimumWageReferenceSchema } from "./reference.ts";
import { alertStatuses, disputeOutcomes, disputeSteps, incidentKinds, incidentStatuses, inspectionStatuses, recommendationStatuses } from "../enums.ts";
export { alertStatuses } from "../enums.ts";

/** Answers of the relations API: the server serializes through them, the web reads their types (z.input). */

/** The enterprise picker's answer: in scope, folded search. */
export const enterpriseLookupSchema = z.array(z.object({ id: z.number(), name: z.string(), zoneName: z.string().nullable() }));

export const zoneLookupSchema = z.array(z.object({ id: z.number(), name: z.string() }));

export const bodyLookupSchema = z.array(z.object({ id: z.number(), name: z.string(), kind: z.string() }));

export const incidentRowSchema = z.object({
  id: z.number(),
  enterpriseId: z.number(),
  enterpriseName: z.string(),
  zoneId: z.number().nullable(),
  zoneName: z.string().nullable(),
  kind: z.enum(incidentKinds),
  title: z.string(),
  startedOn: z.string(),
  endedOn: z.string().nullable(),
  workersAffected: z.number(),
  amountOwed: z.number(),
  arrearsMonths: z.number(),
  demands: z.string(),
  bodyIds: z.array(z.number()),
  bodies: z.array(z.object({ id: z.number(), name: z.string() })),
  resolution: z.string(),
  status: z.enum(incidentStatuses),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const incidentsListSchema = z.object({ total: z.number(), items: z.array(incidentRowSchema) });

export const incidentActionSchema = z.object({
  id: z.number(),
  actedOn: z.string(),
  bodyId: z.number().nullable(),
  bodyName: z.string().nullable(),
  note: z.string(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});

/** An incident with the steps taken on it (also the answer to adding a step). */
export const incidentSchema = incidentRowSchema.extend({ actions: z.array(incidentActionSchema) });

export const disputeStepSchema = z.enum(disputeSteps);

/** A collective dispute's steps with their legal deadlines, and the steps that may come next (also the answer to recording a step). */
export const disputeCaseSchema = z.object({
  incidentId: z.number(),
  kind: z.enum(["dispute_rights", "dispute_interests"]),
  steps: z.array(
    z.object({
      label: z.string(),
      deadlines: z.array(z.object({ key: z.string(), label: z.string(), due: z.string(), basis: z.string() })),
      overdue: z.boolean(),
      id: z.number(),
      step: disputeStepSchema,
      startedOn: z.string(),
      endedOn: z.string().nullable(),
      outcome: z.enum(disputeOutcomes).nullable(),
      note: z.string(),
    }),
  ),
  next: z.array(disputeStepSchema),
});

export const enterpriseBriefSchema = z.object({
  id: z.number(),
  name: z.string(),
  zoneId: z.number().nullable(),
  zoneName: z.string().nullable(),
  ownership: z.string(),
  investorCountry: z.string().nullable(),
  sector: z.string(),
  workforce: z.number(),
  status: z.string(),
  commune: z.string().nullable(),
});

export const timelineEventSchema = z.object({ date: z.string(), type: z.string(), title: z.string(), detail: z.string(), link: z.string() });

export const enterpriseTimelineSchema = z.object({ enterprise: enterpriseBriefSchema, events: z.array(timelineEventSchema) });

export const ratesListSchema = z.array(
  z.object({
    decree: z.string(),
    region: z.number(),
    monthly: z.number(),
    hourly: z.number().nullable(),
    effectiveFrom: z.string(),
    effectiveTo: z.string().nullable(),
    source: z.string(),
  }),
);

export const minimumWageSchema = minimumWageReferenceSchema.omit({ date: true });

export const regionUnknownSchema = z.object({
  province: z.string(),
  commune: z.string(),
  date: z.string(),
  unmatched: z.enum(["date", "province", "commune"]),
  message: z.string(),
});

export const wageLookupSchema = z.union([
  z.object({ known: z.literal(true), minimum: minimumWageSchema }),
  z.object({ known: z.literal(false), unknown: regionUnknownSchema }),
]);

const checkWageBase = z.object({ enterpriseId: z.number().nullable(), date: z.string(), wage: z.number(), regionUnknown: z.boolean(), message: z.string() });

/** A wage against the floor: unknown when the region is, else compliant or short by how much. */
export const checkWageSchema = z.union([
  checkWageBase.extend({ minimum: z.null(), compliant: z.null(), shortfall: z.null(), shortfallPercent: z.null() }),
  checkWageBase.extend({ minimum: minimumWageSchema, compliant: z.boolean(), shortfall: z.number(), shortfallPercent: z.number() }),
]);

/** An inspection plan: which body leads it, over which dates. */
const inspectionPlanBaseSchema = z.object({
  id: z.number(),
  year: z.number(),
  title: z.string(),
  leadBodyName: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
});

/** The plans list: each plan with how many enterprises it targets and how many were inspected. */
export const plansListSchema = z.array(inspectionPlanBaseSchema.extend({ targets: z.number(), inspected: z.number() }));

/** One plan with its target enterprises and their inspections. */
export const planSchema = inspectionPlanBaseSchema.extend({
  targets: z.array(
    z.object({
      enterpriseId: z.number(),
      enterpriseName: z.string(),
      zoneName: z.string().nullable(),
      ownership: z.string(),
      investorCountry: z.string().nullable(),
      plannedOn: z.string().nullable(),
      inspectionId: z.number().nullable(),
      inspectionStatus: z.string().nullable(),
      openFindings: z.number(),
    }),
  ),
  leadBodyId: z.number(),
  coBodies: z.array(z.object({ id: z.number(), name: z.string() })),
  note: z.string(),
  createdBy: z.number().nullable(),
});

export const checklistItemSchema = z.object({
  id: z.number(),
  ord: z.number(),
  cluster: z.string(),
  pointCode: z.string(),
  point: z.string(),
  question: z.string(),
  legalBasis: z.string(),
  prefill: z.literal("minimum_wage").nullable(),
  minWorkforce: z.number(),
});

export const checklistAtSchema = z.object({
  items: z.array(checklistItemSchema),
  id: z.number(),
  code: z.string(),
  version: z.number(),
  title: z.string(),
  effectiveFrom: z.string(),
});

export const inspectionFormSchema = z.object({
  enterprise: enterpriseBriefSchema,
  date: z.string(),
  checklist: z.object({ id: z.number(), code: z.string(), version: z.number(), title: z.string() }),
  minimum: minimumWageSchema.nullable(),
  regionUnknown: z.string().nullable(),
  items: z.array(checklistItemSchema.extend({ applicable: z.boolean(), prefillText: z.string().nullable(), referenceValue: z.number().nullable() })),
});

/** An inspection as recorded: where, when, by whom, against which checklist. */
const inspectionBaseSchema = z.object({
  id: z.number(),
  planId: z.number().nullable(),
  planTitle: z.string().nullable(),
  enterpriseId: z.number(),
  enterpriseName: z.string(),
  zoneName: z.string().nullable(),
  ownership: z.string(),
  investorCountry: z.string().nullable(),
  checklistId: z.number(),
  checklistVersion: z.number(),
  inspectedOn: z.string(),
  leadBodyId: z.number(),
  leadBodyName: z.string(),
  kind: z.string(),
  previousId: z.number().nullable(),
  status: z.enum(inspectionStatuses),
  summary: z.string(),
});

/** A row of the inspections list, with its counts of points not met and findings still open. */
export const inspectionsListSchema = z.object({
  total: z.number(),
  items: z.array(inspectionBaseSchema.extend({ nonCompliant: z.number(), openFindings: z.number() })),
});

export const rateRowSchema = z.object({ key: z.string(), label: z.string(), answered: z.number(), nonCompliant: z.number(), rate: z.number() });

export const nonComplianceRatesSchema = z.object({
  from: z.string(),
  to: z.string(),
  inspections: z.number(),
  enterprises: z.number(),
  fdiEnterprises: z.number(),
  byPoint: z.array(rateRowSchema),
  byZone: z.array(rateRowSchema),
  byOwnership: z.array(rateRowSchema),
  byCountry: z.array(rateRowSchema),
});

export const recommendationRowSchema = z.object({
  id: z.number(),
  inspectionId: z.number(),
  enterpriseId: z.number(),
  enterpriseName: z.string(),
  itemId: z.number().nullable(),
  question: z.string().nullable(),
  pointCode: z.string().nullable(),
  text: z.string(),
  issuedOn: z.string(),
  deadline: z.string(),
  status: z.enum(recommendationStatuses),
  closedOn: z.string().nullable(),
  overdue: z.boolean(),
  followups: z.array(z.object({ id: z.number(), onDate: z.string(), outcome: z.string(), note: z.string() })),
});

/** One inspection with its answers, point by point, and the recommendations made of it. */
export const inspectionSchema = inspectionBaseSchema.extend({
  answers: z.array(
    z.object({
      itemId: z.number(),
      ord: z.number(),
      cluster: z.string(),
      pointCode: z.string(),
      point: z.string(),
      question: z.string(),
      legalBasis: z.string(),
      result: z.string(),
      evidence: z.string(),
      observedValue: z.number().nullable(),
      referenceValue: z.number().nullable(),
    }),
  ),
  recommendations: z.array(recommendationRowSchema),
});

export const recommendationsListSchema = z.array(recommendationRowSchema);

export const scoredSignalSchema = z.object({
  kind: z.string(),
  label: z.string(),
  weight: z.number(),
  value: z.number(),
  points: z.number(),
  evidence: z.string(),
  link: z.string().nullable(),
});

export const watchItemSchema = z.object({
  enterprise: enterpriseBriefSchema.omit({ status: true, commune: true }),
  score: z.number(),
  asOf: z.string(),
  alertId: z.number().nullable(),
  signals: z.array(scoredSignalSchema),
});

export const watchlistSchema = z.array(watchItemSchema);

export const enterpriseRiskSchema = z.object({
  enterprise: enterpriseBriefSchema,
  score: z.number(),
  asOf: z.string().nullable(),
  signals: z.array(scoredSignalSchema),
  history: z.array(z.object({ asOf: z.string(), score: z.number() })),
});

export const recomputeScoresSchema = z.object({ asOf: z.string(), enterprises: z.number(), alerts: z.number(), ms: z.number() });

export const riskSettingsSchema = z.object({
  labels: z.record(z.string(), z.string()),
  weights: z.record(z.string(), z.number()),
  caps: z.record(z.string(), z.number()),
  defaultWeight: z.number(),
  threshold: z.number(),
  recentDays: z.number(),
});

/** An alert raised when an enterprise's score crossed the threshold, with the action made of it if any. */
export const alertSchema = z.object({
  id: z.number(),
  enterpriseId: z.number(),
  enterpriseName: z.string(),
  zoneName: z.string().nullable(),
  raisedOn: z.string(),
  score: z.number(),
  threshold: z.number(),
  /** The signals as scored when the alert was raised, kept as JSON: an alert raised before a signal gained a field lacks it. */
  signals: z.array(scoredSignalSchema.partial()),
  status: z.enum(alertStatuses),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
  action: z
    .object({ id: z.number(), title: z.string(), leadBodyId: z.number(), leadBodyName: z.string(), deadline: z.string(), status: z.string() })
    .nullable(),
});
export const alertListSchema = z.array(alertSchema);

export const evaluationResultSchema = z.object({
  k: z.number(),
  horizonDays: z.number(),
  leadDays: z.number(),
  cutoffs: z.array(z.object({ asOf: z.string(), positives: z.number(), hits: z.number(), precision: z.number(), recall: z.number() })),
  stoppages: z.array(
    z.object({
      incidentId: z.number(),
      enterpriseId: z.number(),
      enterpriseName: z.string(),
      startedOn: z.string(),
      asOf: z.string(),
      rank: z.number().nullable(),
      score: z.number(),
      inTopK: z.boolean(),
    }),
  ),
  precisionAtK: z.number(),
  recallAtK: z.number(),
  stoppagesCaught: z.number(),
  statement: z.string(),
});
