import { z } from "zod";
import { ownerships, enterpriseStatuses, zoneKinds, agreementKinds, agreementStatuses, agreementGrades, importKinds } from "../enums.ts";
export { ownerships, enterpriseStatuses, zoneKinds, agreementKinds, agreementStatuses, agreementGrades, importKinds } from "../enums.ts";
import { fieldWarningSchema, importIssueSchema, pageOf } from "./common.ts";

/** Answers of the registry API: the server serializes through them, the web reads their types (z.input). */

export const zoneSchema = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(zoneKinds),
  commune: z.string(),
  wageRegion: z.number().nullable(),
  areaHa: z.number().nullable(),
  zoneUnionId: z.number().nullable(),
  enterprises: z.number(),
  workforce: z.number(),
});
export const zoneListSchema = z.array(zoneSchema);

export const agreementCoverageSchema = z.object({
  asOf: z.string(),
  unions: z.object({ total: z.number(), withAgreement: z.number(), share: z.number() }),
  eligibleEnterprises: z.object({ total: z.number(), withAgreement: z.number(), share: z.number() }),
  workers: z.object({ total: z.number(), covered: z.number(), share: z.number() }),
});

export const fileReportSchema = z.object({ id: z.number(), warnings: z.array(fieldWarningSchema) });

export const enterpriseRowSchema = z.object({
  id: z.number(),
  taxCode: z.string(),
  name: z.string(),
  ownership: z.enum(ownerships),
  investorCountry: z.string().nullable(),
  zoneId: z.number().nullable(),
  zoneName: z.string().nullable(),
  sector: z.string(),
  address: z.string().nullable(),
  commune: z.string().nullable(),
  workforceTotal: z.number(),
  workforceWomen: z.number(),
  workforceMigrants: z.number(),
  workforceForeigners: z.number(),
  status: z.enum(enterpriseStatuses),
  hasPartyOrg: z.boolean(),
  establishedOn: z.string().nullable(),
  unionId: z.number().nullable(),
  unionName: z.string().nullable(),
  members: z.number(),
});

export const enterprisePageSchema = pageOf(enterpriseRowSchema);

export const enterpriseSavedSchema = z.object({ enterprise: enterpriseRowSchema, warnings: z.array(fieldWarningSchema) });

export const unionRowSchema = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  foundedOn: z.string().nullable(),
  chairName: z.string().nullable(),
  dissolvedOn: z.string().nullable(),
  parentId: z.number().nullable(),
  parentName: z.string().nullable(),
  enterprises: z.number(),
  workforce: z.number(),
  members: z.number(),
});

export const unionPageSchema = pageOf(unionRowSchema);

export const personRowSchema = z.object({
  id: z.number(),
  citizenId: z.string().nullable(),
  legacyId: z.string().nullable(),
  familyName: z.string(),
  middleName: z.string(),
  givenName: z.string(),
  fullName: z.string(),
  birthDate: z.string().nullable(),
  gender: z.enum(["male", "female"]).nullable(),
  ethnicity: z.string().nullable(),
  phone: z.string().nullable(),
  hometown: z.string().nullable(),
  enterpriseId: z.number().nullable(),
  enterpriseName: z.string().nullable(),
  unionId: z.number().nullable(),
  unionName: z.string().nullable(),
  cardNo: z.string().nullable(),
  joinedOn: z.string().nullable(),
});

export const personPageSchema = pageOf(personRowSchema);

export const timelineEntrySchema = z.object({
  id: z.number(),
  unionId: z.number(),
  unionName: z.string(),
  cardNo: z.string().nullable(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  startReason: z.string(),
  endReason: z.string().nullable(),
  endNote: z.string().nullable(),
});

export const personDetailSchema = personRowSchema.extend({ timeline: z.array(timelineEntrySchema), warnings: z.array(fieldWarningSchema) });

export const timelineSchema = z.array(timelineEntrySchema);

export const personSavedSchema = z.object({ person: personRowSchema, warnings: z.array(fieldWarningSchema) });

export const membershipChangeSchema = z.object({ timeline: z.array(timelineEntrySchema) });

export const membersAsOfSchema = z.object({
  asOf: z.string(),
  level: z.string(),
  unionId: z.number().nullable(),
  zoneId: z.number().nullable(),
  members: z.number(),
  women: z.number(),
});

/** A person found by search: who they are and where they work, no card, no membership dates. */
export const searchPersonSchema = personRowSchema
  .pick({
    id: true,
    citizenId: true,
    legacyId: true,
    familyName: true,
    middleName: true,
    givenName: true,
    fullName: true,
    birthDate: true,
    phone: true,
    enterpriseName: true,
    unionName: true,
  })
  .extend({ rank: z.number() });

export const searchSchema = z.object({
  people: z.array(searchPersonSchema),
  enterprises: z.array(
    z.object({ id: z.number(), taxCode: z.string(), name: z.string(), zoneName: z.string().nullable(), workforceTotal: z.number(), rank: z.number() }),
  ),
  unions: z.array(z.object({ id: z.number(), code: z.string(), name: z.string(), rank: z.number() })),
});

/** A labour report as the registry keeps it (the half-year figures an enterprise or an officer filed). */
export const laborReportSchema = z.object({
  id: z.number(),
  enterpriseId: z.number(),
  enterpriseName: z.string(),
  period: z.string(),
  workforce: z.number(),
  women: z.number().nullable(),
  hires: z.number(),
  leavers: z.number(),
  averageWage: z.number().nullable(),
  lowestWage: z.number().nullable(),
  insured: z.number().nullable(),
  note: z.string().nullable(),
  filedAt: z.string(),
  filedBy: z.string().nullable(),
  regionalMinimum: z.number().nullable(),
  wageRegion: z.number().nullable(),
  regionUnknown: z.boolean(),
});
export const laborReportHistorySchema = z.array(laborReportSchema.extend({ superseded: z.boolean() }));
export const laborReportPageSchema = pageOf(laborReportSchema);

const agreementBriefSchema = z.object({
  id: z.number(),
  title: z.string(),
  effectiveFrom: z.string(),
  effectiveTo: z.string(),
  grade: z.enum(agreementGrades).nullable(),
  valid: z.boolean(),
});

/** An enterprise's page: its union (names only when out of the caller's scope), agreements and labour reports. */
export const enterpriseDetailSchema = enterpriseRowSchema.extend({
  union: z
    .object({ id: z.number(), code: z.string(), name: z.string(), foundedOn: z.string().nullable(), chairName: z.string().nullable(), visible: z.boolean() })
    .nullable(),
  membersShare: z.number().nullable(),
  agreement: agreementBriefSchema.extend({ signedOn: z.string(), lowestWage: z.number().nullable() }).nullable(),
  agreements: z.array(agreementBriefSchema.extend({ signedOn: z.string(), lowestWage: z.number().nullable() })),
  laborReports: z.array(
    laborReportSchema
      .omit({ enterpriseId: true, enterpriseName: true, regionalMinimum: true, wageRegion: true, regionUnknown: true })
      .extend({ superseded: z.boolean() }),
  ),
});

export const unionDetailSchema = unionRowSchema.extend({
  coveredEnterprises: z.array(
    z.object({
      id: z.number(),
      name: z.string(),
      taxCode: z.string(),
      workforceTotal: z.number(),
      status: z.enum(enterpriseStatuses),
      zoneName: z.string().nullable(),
      members: z.number(),
    }),
  ),
  agreements: z.array(agreementBriefSchema),
  movements: z.array(z.object({ month: z.string(), joined: z.number(), left: z.number() })),
});

export const agreementSchema = z.object({
  id: z.number(),
  kind: z.enum(agreementKinds),
  unionId: z.number().nullable(),
  unionName: z.string().nullable(),
  title: z.string(),
  signedOn: z.string(),
  effectiveFrom: z.string(),
  effectiveTo: z.string(),
  approvalShare: z.number().nullable(),
  lowestWage: z.number().nullable(),
  mealAllowance: z.number().nullable(),
  tetBonus: z.number().nullable(),
  grade: z.enum(agreementGrades).nullable(),
  note: z.string().nullable(),
  status: z.enum(agreementStatuses),
  daysLeft: z.number(),
  enterprises: z.array(z.object({ id: z.number(), name: z.string(), taxCode: z.string() })).nullable(),
  regionalMinimum: z.number().nullable(),
});
/** What a create or an update answers: the agreement as stored, and what the law would question (on the field). */
export const agreementSavedSchema = z.object({ agreement: agreementSchema, warnings: z.array(fieldWarningSchema) });
export const agreementPageSchema = pageOf(agreementSchema);

/** The result of an import (up to 10.000 errors listed): what was created, updated, refused and why, row by row. */
export const importResultSchema = z.object({
  jobId: z.number(),
  dryRun: z.boolean(),
  committed: z.boolean(),
  total: z.number(),
  created: z.number(),
  updated: z.number(),
  transferred: z.number(),
  unchanged: z.number(),
  rejected: z.number(),
  errors: z.array(importIssueSchema),
  errorCount: z.number(),
  warnings: z.array(importIssueSchema),
  /** How many warnings in all, when the list stopped short. */
  warningCount: z.number().optional(),
});
export const importStartedSchema = z.object({ jobId: z.number() });
export const importJobSchema = z.object({
  id: z.number(),
  kind: z.enum(importKinds),
  dryRun: z.boolean(),
  fileName: z.string().nullable(),
  status: z.enum(["running", "done", "failed"]),
  processed: z.number(),
  result: importResultSchema.nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  phase: z.string(),
});
