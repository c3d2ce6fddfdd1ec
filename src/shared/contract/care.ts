import { z } from "zod";
import { campaignPurposes, decisionStatuses, houseStages, housingKinds, housingStatuses, payoutKinds, questionKinds, surveyStatuses } from "../enums.ts";
export { surveyStatuses, questionKinds } from "../enums.ts";
import { importIssueSchema } from "./common.ts";

/** Answers of the care API: the server serializes through them, the web reads their types (z.input). */

export const houseSchema = z.object({
  amount: z.number(),
  coFunding: z.number(),
  id: z.number(),
  personId: z.number(),
  fullName: z.string(),
  unionId: z.number().nullable(),
  unionName: z.string().nullable(),
  campaignId: z.number().nullable(),
  work: z.enum(["build", "repair"]),
  address: z.string(),
  coFunders: z.string().nullable(),
  stage: z.enum(houseStages),
  progress: z.number(),
  approvedOn: z.string(),
  startedOn: z.string().nullable(),
  handoverOn: z.string().nullable(),
  note: z.string().nullable(),
});

export const housesListSchema = z.object({
  total: z.number(),
  summary: z.object({ amount: z.number(), coFunding: z.number(), handedOver: z.number() }),
  items: z.array(houseSchema),
});

/** What adding a house or recording its progress answers: the house as it now stands. */
export const houseWrittenSchema = houseSchema.optional();

export const housingRowSchema = z.object({
  id: z.number(),
  name: z.string(),
  kind: z.enum(housingKinds),
  place: z.string(),
  commune: z.string().nullable(),
  developer: z.string(),
  zoneId: z.number().nullable(),
  zoneName: z.string().nullable(),
  units: z.number().nullable(),
  capacityPeople: z.number().nullable(),
  floorAreaM2: z.number().nullable(),
  landAreaHa: z.number().nullable(),
  status: z.enum(housingStatuses),
  description: z.string().nullable(),
  contact: z.string().nullable(),
  published: z.boolean(),
  milestones: z.array(z.object({ id: z.number(), kind: z.string(), label: z.string(), happenedOn: z.string(), units: z.number().nullable() })),
});

export const housingReaderSchema = z.object({ total: z.number(), units: z.number(), capacityPeople: z.number(), items: z.array(housingRowSchema) });

/** The public list: a housing project as the reader sees it, without the publication flag. */
export const housingListSchema = z.object({
  items: z.array(housingRowSchema.omit({ published: true })),
  total: z.number(),
  units: z.number(),
  capacityPeople: z.number(),
});

export const surveySchema = z.object({
  link: z.string(),
  id: z.number(),
  title: z.string(),
  description: z.string().nullable(),
  token: z.string(),
  ownerBodyId: z.number(),
  ownerBodyName: z.string(),
  status: z.enum(surveyStatuses),
  targetEnterpriseIds: z.array(z.number()),
  targetZoneIds: z.array(z.number()),
  closesOn: z.string().nullable(),
  createdAt: z.string(),
});

export const surveysListSchema = z.object({ total: z.number(), items: z.array(surveySchema.extend({ answers: z.number() })) });

export const surveyQuestionSchema = z.object({
  id: z.number(),
  position: z.number(),
  kind: z.enum(questionKinds),
  text: z.string(),
  options: z.array(z.string()),
  scaleMin: z.number().nullable(),
  scaleMax: z.number().nullable(),
  required: z.boolean(),
});

export const surveyDetailSchema = surveySchema.extend({ questions: z.array(surveyQuestionSchema), answers: z.number(), canWrite: z.boolean() });

export const questionResultSchema = z.object({
  questionId: z.number(),
  kind: z.enum(questionKinds),
  text: z.string(),
  answered: z.number(),
  counts: z.array(z.object({ label: z.string(), count: z.number() })).optional(),
  average: z.number().nullable().optional(),
  texts: z.array(z.string()).optional(),
});

export const groupSchema = z.object({
  key: z.number().nullable(),
  name: z.string(),
  answers: z.number().nullable(),
  suppressed: z.boolean(),
  note: z.string().optional(),
  results: z.array(questionResultSchema).optional(),
});

export const surveyResultsSchema = z.object({
  surveyId: z.number(),
  title: z.string(),
  total: z.number(),
  minGroup: z.number(),
  overall: z.union([
    z.object({ suppressed: z.boolean(), results: z.array(questionResultSchema), note: z.undefined().optional() }),
    z.object({ suppressed: z.boolean(), note: z.string(), results: z.undefined().optional() }),
  ]),
  byEnterprise: z.array(groupSchema),
  byZone: z.array(groupSchema),
});

export const publicSurveySchema = z.object({
  zones: z.array(z.object({ id: z.number(), name: z.string() })),
  enterprises: z.array(z.object({ id: z.number(), name: z.string(), zoneId: z.number().nullable() })),
  title: z.string(),
  description: z.string().nullable(),
  ownerBodyName: z.string(),
  closed: z.boolean(),
  closesOn: z.string().nullable(),
  questions: z.array(surveyQuestionSchema.omit({ position: true })),
});

export const deviceOfSchema = z.object({ received: z.boolean() });

export const fileJoinRequestSchema = z.object({ code: z.string(), status: z.literal("pending"), targetName: z.string() });

export const joinStatusSchema = z.object({
  code: z.string(),
  status: z.enum(decisionStatuses),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  declineReason: z.string().nullable(),
  targetName: z.string(),
});

export const joinRowSchema = z.object({
  id: z.number(),
  code: z.string(),
  fullName: z.string(),
  birthDate: z.string(),
  citizenId: z.string(),
  phone: z.string(),
  enterpriseId: z.number().nullable(),
  enterpriseName: z.string(),
  targetBodyId: z.number(),
  targetName: z.string(),
  targetKind: z.string(),
  status: z.enum(decisionStatuses),
  declineReason: z.string().nullable(),
  personId: z.number().nullable(),
  alreadyMemberOf: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});

export const joinRequestsListSchema = z.object({ total: z.number(), items: z.array(joinRowSchema) });

export const decideJoinRequestSchema = joinRowSchema.optional();

/** Who may receive support; stored as JSON, a campaign saved with fewer rules keeps only those it set. */
export const eligibilitySchema = z.object({
  membersOnly: z.boolean().optional(),
  hardshipOnly: z.boolean().optional(),
  enterpriseIds: z.array(z.number()).optional(),
  zoneIds: z.array(z.number()).optional(),
});

/** A campaign's own fields, as stored; the list adds its people, the detail its sources, allocations and totals. */
export const campaignBaseSchema = z.object({
  amount: z.number(),
  id: z.number(),
  name: z.string(),
  purpose: z.enum(campaignPurposes),
  ownerBodyId: z.number(),
  ownerBodyName: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  kinds: z.array(z.enum(payoutKinds)),
  budget: z.number(),
  eligibility: eligibilitySchema,
  status: z.enum(surveyStatuses),
  description: z.string().nullable(),
  createdAt: z.string(),
});

export const campaignsListSchema = z.object({ total: z.number(), items: z.array(campaignBaseSchema.extend({ people: z.number() })) });

export const kindTotalSchema = z.object({
  kind: z.enum(payoutKinds),
  label: z.string(),
  people: z.number(),
  amount: z.number(),
});

export const totalsSchema = z.object({ people: z.number(), payouts: z.number(), amount: z.number(), byKind: z.array(kindTotalSchema), sentence: z.string() });

export const campaignSchema = campaignBaseSchema.omit({ amount: true }).extend({
  canWrite: z.boolean(),
  sources: z.array(z.object({ id: z.number(), source: z.string(), amount: z.number() })),
  allocations: z.array(
    z.object({ usedAmount: z.number(), unionId: z.number(), unionName: z.string(), amount: z.number(), quota: z.number(), usedPeople: z.number() }),
  ),
  totals: totalsSchema,
  pendingNominations: z.number(),
});

export const payoutRowSchema = z.object({
  id: z.number(),
  campaignId: z.number(),
  personId: z.number(),
  fullName: z.string(),
  citizenIdMasked: z.string().nullable(),
  unionId: z.number().nullable(),
  unionName: z.string().nullable(),
  enterpriseName: z.string().nullable(),
  kind: z.enum(payoutKinds),
  amount: z.number(),
  paidOn: z.string(),
  via: z.string(),
  note: z.string().nullable(),
  recordedBy: z.string().nullable(),
  createdAt: z.string(),
});

export const foldSchema = z.object({ total: z.number(), items: z.array(payoutRowSchema) });

export const payoutSchema = z.object({ payout: payoutRowSchema.optional(), warnings: z.array(z.string()) });

export const nominationSchema = z.object({
  amount: z.number(),
  id: z.number(),
  campaignId: z.number(),
  personId: z.number(),
  fullName: z.string(),
  unionId: z.number(),
  unionName: z.string(),
  kind: z.enum(payoutKinds),
  reason: z.string(),
  status: z.enum(decisionStatuses),
  decisionNote: z.string().nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
});

export const nominationsListSchema = z.object({ total: z.number(), items: z.array(nominationSchema) });

export const nominateSchema = z.object({ nomination: nominationSchema.optional(), warnings: z.array(z.string()) });

export const decideNominationSchema = z.object({ nomination: nominationSchema.optional(), payoutId: z.number().nullable() });

export const fairnessListSchema = z.object({
  campaigns: z.array(z.object({ id: z.number(), name: z.string(), startsOn: z.string(), endsOn: z.string() })),
  total: z.number(),
  items: z.array(
    z.object({
      personId: z.number(),
      fullName: z.string(),
      birthDate: z.string().nullable(),
      unionId: z.number(),
      unionName: z.string(),
      enterpriseName: z.string().nullable(),
      lastPaidOn: z.string().nullable(),
      lastCampaign: z.string().nullable(),
    }),
  ),
});

/** What a payouts import answers: a dry run's findings or the committed counts. */
export const importReport = z.object({
  dryRun: z.boolean(),
  committed: z.boolean(),
  total: z.number(),
  created: z.number(),
  unchanged: z.number(),
  rejected: z.number(),
  peopleCreated: z.number(),
  warnings: z.array(importIssueSchema),
  errors: z.array(importIssueSchema),
});
