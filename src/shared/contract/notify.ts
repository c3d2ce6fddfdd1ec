import { z } from "zod";

/** Answers of the notify API: the server serializes through them, the web reads their types (z.input). */

export const officerNoticeKinds = ["new_request", "assigned", "review", "due_tomorrow", "overdue", "escalated"] as const;

export const bellSchema = z.object({
  unread: z.number(),
  items: z.array(
    z.object({
      id: z.number(),
      kind: z.enum(officerNoticeKinds),
      requestId: z.number().nullable(),
      code: z.string(),
      text: z.string(),
      createdAt: z.string(),
      read: z.boolean(),
    }),
  ),
});

export const markReadSchema = z.object({ marked: z.number() });

export const notifyPreferencesSchema = z.object({ bell: z.boolean(), digest: z.boolean(), email: z.string().nullable() });

export const outboxStatuses = ["pending", "sent", "dead"] as const;

export const outboxSchema = z.object({
  counts: z.object({ pending: z.number(), sent: z.number(), dead: z.number() }),
  items: z.array(
    z.object({
      id: z.number(),
      channel: z.string(),
      recipient: z.string(),
      purpose: z.string(),
      subject: z.string().nullable(),
      status: z.enum(outboxStatuses),
      attempts: z.number(),
      lastError: z.string().nullable(),
      via: z.string().nullable(),
      createdAt: z.string(),
      sentAt: z.string().nullable(),
      nextAttemptAt: z.string(),
    }),
  ),
});

export const resendSchema = z.object({ id: z.number(), status: z.literal("pending") });

export const channelStatusSchema = z.object({
  email: z.object({ configured: z.boolean(), host: z.string().nullable(), from: z.string().nullable() }),
  sms: z.object({ configured: z.boolean(), host: z.string().nullable(), brandname: z.string().nullable() }),
  zalo: z.object({ configured: z.boolean(), host: z.string().nullable(), templates: z.array(z.string()) }),
  anyConfigured: z.boolean(),
});
