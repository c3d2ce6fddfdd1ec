import { z } from "zod";

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
