import { z } from "zod";
import { bodyKinds, roles } from "../enums.ts";

/** Answers of the enterprise accounts API: the server serializes through them, the web reads their types (z.input). */

export const inviteSchema = z.object({
  id: z.number(),
  enterpriseId: z.number(),
  fullName: z.string().nullable(),
  email: z.string().nullable(),
  rights: z.array(z.string()),
  codeHint: z.string(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  expiresAt: z.string(),
  usedAt: z.string().nullable(),
  usedBy: z.string().nullable(),
  revokedAt: z.string().nullable(),
  state: z.enum(["pending", "used", "expired", "revoked"]),
});

export const accountSchema = z.object({
  id: z.number(),
  username: z.string(),
  fullName: z.string(),
  email: z.string().nullable(),
  rights: z.array(z.string()),
  active: z.boolean(),
  createdAt: z.string(),
});

export const enterpriseHead = z.object({ id: z.number(), name: z.string(), taxCode: z.string(), status: z.string() });
export const overviewSchema = z.object({ enterprise: enterpriseHead, accounts: z.array(accountSchema), invites: z.array(inviteSchema) });

export const createdInviteSchema = z.object({
  invite: inviteSchema,
  /** Shown once: only its hash is kept. */
  code: z.string(),
  link: z.string(),
  emailSent: z.boolean(),
  enterprise: enterpriseHead,
});

/** What an activation code unlocks, shown before the person picks a username. */
export const activationCheckSchema = z.object({
  enterprise: z.object({ name: z.string(), taxCode: z.string() }),
  fullName: z.string().nullable(),
  email: z.string().nullable(),
  rights: z.array(z.string()),
  expiresInDays: z.number(),
});

/** An API token as its owner lists it (never the secret). */
export const tokenSchema = z.object({
  id: z.number(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  rights: z.array(z.string()).nullable(),
});

/** A token just made: the secret is shown this once. */
export const createdTokenSchema = tokenSchema.extend({ token: z.string() });

/** A user as the administrators' list shows it. */
export const userSchema = z.object({
  id: z.number(),
  username: z.string(),
  fullName: z.string(),
  email: z.string().nullable(),
  role: z.enum(roles),
  bodyId: z.number(),
  bodyName: z.string(),
  active: z.boolean(),
  locked: z.boolean(),
  createdAt: z.string(),
});

/** A body (federation, union, authority, enterprise…) as the administrators' list and form read it. */
export const bodySchema = z.object({
  id: z.number(),
  kind: z.enum(bodyKinds),
  name: z.string(),
  shortName: z.string().nullable(),
  code: z.string().nullable(),
  /** Abbreviation in a report's document symbol ("LĐLĐTP"); null: derived from the name. */
  docSymbol: z.string().nullable(),
  /** Signature block of a report, one line each ("KT. TRƯỞNG BAN\nPHÓ TRƯỞNG BAN"); null: by the body's kind. */
  signBlock: z.string().nullable(),
  /** The 24/7 hotline the portal shows for this body, digits only; null: none. */
  hotlinePhone: z.string().nullable(),
  /** The housing-support line the portal shows for this body, digits only; null: none. */
  housingPhone: z.string().nullable(),
  parentId: z.number().nullable(),
  path: z.string(),
  userCount: z.number(),
  childCount: z.number(),
});

/** One line of the audit log: who did what to which object, with the object before and after. */
export const auditRowSchema = z.object({
  id: z.number(),
  at: z.string(),
  userId: z.number().nullable(),
  username: z.string().nullable(),
  userFullName: z.string().nullable(),
  bodyId: z.number().nullable(),
  action: z.string(),
  objectType: z.string(),
  objectId: z.string().nullable(),
  objectName: z.string().nullable(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  detail: z.unknown(),
});

/** What a user may see: the whole city, some zones, some unions (with their enterprises), or one enterprise. */
export const scopeSchema = z.union([
  z.object({ kind: z.literal("city") }),
  z.object({ kind: z.literal("zones"), bodyPath: z.string(), zoneIds: z.array(z.number()) }),
  z.object({ kind: z.literal("union"), unionIds: z.array(z.number()), enterpriseIds: z.array(z.number()) }),
  z.object({ kind: z.literal("enterprise"), enterpriseIds: z.array(z.number()) }),
]);

/** The signed-in user as GET /api/auth/me answers: who, of which body, seeing what, allowed what. */
export const meResponse = z.object({
  user: z.object({
    id: z.number(),
    username: z.string(),
    fullName: z.string(),
    role: z.enum(roles),
    locale: z.enum(["vi", "en"]),
  }),
  body: z.object({ id: z.number(), kind: z.enum(bodyKinds), name: z.string() }),
  scope: scopeSchema,
  permissions: z.array(z.string()),
  csrfToken: z.string().nullable(),
});

/** A number a body set for workers to call. */
export const publicContactSchema = z.object({ bodyId: z.number(), bodyName: z.string(), kind: z.enum(bodyKinds), phone: z.string() });
/** The portal's numbers: the hotlines and the housing lines. */
export const publicContactsSchema = z.object({ hotline: z.array(publicContactSchema), housing: z.array(publicContactSchema) });

/** A background job as the administrators' jobs page lists it (GET /api/admin/jobs). */
export const jobRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  state: z.enum(["queued", "active", "failed", "completed"]),
  attempts: z.number(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  runAfter: z.string().nullable(),
  error: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
});

export const jobListSchema = z.object({
  /** "pg-boss" on PostgreSQL, "local" (in the server's process) on the embedded database. */
  queue: z.enum(["pg-boss", "local"]),
  items: z.array(jobRowSchema),
});
