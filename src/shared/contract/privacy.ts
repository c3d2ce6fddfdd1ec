import { z } from "zod";
import { retentionKinds, rightKinds } from "../enums.ts";

/** Answers of the privacy API: the server serializes through them, the web reads their types (z.input). */

/** A data-subject request as the worker who filed it sees it. */
export const fileFromPortalSchema = z.object({
  code: z.string(),
  kind: z.enum(rightKinds),
  status: z.string(),
  dueAt: z.string(),
  answer: z.string().nullable(),
});

export const heldAboutSchema = z.object({
  request: z.object({
    code: z.string(),
    kind: z.string(),
    topic: z.string(),
    title: z.string(),
    description: z.string(),
    receivedAt: z.string(),
    status: z.string(),
    responsibleBody: z.string(),
    forwardedToEnterprise: z.boolean(),
  }),
  identity: z
    .object({
      fullName: z.string(),
      phone: z.string().nullable(),
      citizenId: z.string().nullable(),
      email: z.string().nullable(),
      address: z.string().nullable(),
    })
    .nullable(),
  /** The phone or e-mail left for notices only (notify), shown to the worker alone. */
  noticeContact: z.object({ phone: z.string().nullable(), email: z.string().nullable() }).nullable(),
  signatories: z.number(),
  attachments: z.number(),
  additions: z.number(),
  consent: z.object({ version: z.string().nullable(), at: z.string().nullable(), withdrawnAt: z.string().nullable() }),
  rightsRequests: z.array(fileFromPortalSchema.extend({ receivedAt: z.string() })),
});

export const rightsRequestsListSchema = z.array(
  fileFromPortalSchema.extend({
    receivedAt: z.string(),
    overdue: z.boolean(),
    id: z.number(),
    subjectType: z.string(),
    subjectId: z.number(),
    subjectRef: z.string().nullable(),
    detail: z.string().nullable(),
    channel: z.string(),
    dueBasis: z.string(),
    bodyName: z.string(),
  }),
);

export const fileForMemberSchema = z.object({ id: z.number(), code: z.string(), dueAt: z.string() });

export const resolveRightsRequestSchema = z.object({ status: z.enum(["done", "refused"]) });

/** Months kept, for every kind of personal data with a retention period. */
export const retentionSchema = z.record(z.enum(retentionKinds), z.number());

export const rowsSchema = z.object({
  months: retentionSchema,
  defaults: retentionSchema,
  runs: z.array(z.object({ ranAt: z.string(), kind: z.string(), action: z.string(), rows: z.number() })),
});

export const retentionSettingsSchema = z.object({ months: retentionSchema });

export const runRetentionSchema = z.object({
  done: z.array(z.object({ kind: z.enum(retentionKinds), action: z.enum(["erased", "deidentified"]), rows: z.number() })),
});

export const incidentsListSchema = z.array(
  z.object({
    detectedAt: z.string(),
    notifyBy: z.string(),
    notifiedAt: z.string().nullable(),
    hoursLeft: z.number().nullable(),
    late: z.boolean(),
    id: z.number(),
    title: z.string(),
    description: z.string(),
    dataKinds: z.string(),
    peopleAffected: z.number().nullable(),
    lateReason: z.string().nullable(),
    measures: z.string().nullable(),
    status: z.string(),
    bodyName: z.string(),
  }),
);

export const incidentSchema = z.object({ id: z.number(), notifyBy: z.string() });

export const markNotifiedSchema = z.object({ late: z.boolean() });

/** A public form's privacy notice, versioned. */
export const noticeSchema = z.object({
  form: z.string(),
  version: z.string(),
  title: z.string(),
  basis: z.string(),
  sections: z.array(z.object({ key: z.string(), heading: z.string(), text: z.string() })),
});
