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

/** The events a worker is told of; each may have its own Zalo ZNS template id. */
export const workerNoticeEvents = ["receipt", "transfer", "answer", "more_info"] as const;

const gatewayUrl = z
  .string()
  .trim()
  .max(500)
  .refine((u) => u === "" || /^https?:\/\/[^\s]+$/i.test(u), { message: "Địa chỉ cổng phải bắt đầu bằng http:// hoặc https://" });
const token = z.string().trim().max(2000).optional();

/**
 * The HTTP gateways' settings as the admin writes them. A blank URL turns the setting off (the
 * environment's SMS_URL / ZALO_URL applies again); a token left out or blank keeps the stored one,
 * `clearToken` removes it. Tokens are written, never read back.
 */
export const channelSettingsInput = z.object({
  sms: z.object({
    url: gatewayUrl,
    token,
    clearToken: z.boolean().optional(),
    brandname: z
      .string()
      .trim()
      .max(11, { message: "Tên thương hiệu SMS tối đa 11 ký tự" })
      .regex(/^[A-Za-z0-9 ._-]*$/, { message: "Tên thương hiệu SMS chỉ gồm chữ không dấu, số, dấu cách, . _ -" }),
  }),
  zalo: z.object({
    url: gatewayUrl,
    token,
    clearToken: z.boolean().optional(),
    templates: z.object(
      Object.fromEntries(
        workerNoticeEvents.map((e) => [
          e,
          z
            .string()
            .trim()
            .max(20)
            .regex(/^[0-9]*$/, { message: "Mã mẫu ZNS là một dãy số" }),
        ]),
      ) as Record<(typeof workerNoticeEvents)[number], z.ZodString>,
    ),
  }),
});

/** The gateways' settings as read back: where they come from, whether a token is stored, never the token. */
export const channelSettingsSchema = z.object({
  sms: z.object({ url: z.string(), brandname: z.string(), hasToken: z.boolean(), fromEnv: z.boolean() }),
  zalo: z.object({
    url: z.string(),
    hasToken: z.boolean(),
    templates: z.record(z.string(), z.string()),
    fromEnv: z.boolean(),
  }),
  email: z.object({ configured: z.boolean(), from: z.string().nullable() }),
  updatedAt: z.string().nullable(),
});

export const channelTestChannels = ["email", "sms", "zalo"] as const;

/** A test message to one address, sent at once (not through the outbox) so the admin sees the gateway's answer. */
export const channelTestInput = z.object({
  channel: z.enum(channelTestChannels),
  recipient: z.string().trim().min(1, { message: "Nhập người nhận" }).max(200),
});

export const channelTestSchema = z.object({ channel: z.enum(channelTestChannels), via: z.string(), sentAt: z.string() });
