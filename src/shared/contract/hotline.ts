import { z } from "zod";

/** The hotline's answers (issue 21, item 6): lines, calls, the card that pops on an officer's screen. */
export const callStatuses = ["missed", "answered"] as const;

export const hotlineLineSchema = z.object({
  line: z.string(),
  bodyId: z.number(),
  bodyName: z.string(),
  opensAt: z.string().nullable(),
  closesAt: z.string().nullable(),
});

export const callSchema = z.object({
  id: z.number(),
  callId: z.string(),
  line: z.string(),
  bodyId: z.number(),
  bodyName: z.string(),
  callerPhone: z.string().nullable(),
  calledAt: z.string(),
  status: z.enum(callStatuses),
  requestId: z.number().nullable(),
  requestCode: z.string().nullable(),
  callbackDue: z.string().nullable(),
  callbackClosedAt: z.string().nullable(),
  callbackNote: z.string().nullable(),
});

export const callPageSchema = z.object({ items: z.array(callSchema), total: z.number() });

export const callCardSchema = z.object({
  call: callSchema,
  requests: z.array(z.object({ id: z.number(), code: z.string(), title: z.string(), kind: z.string(), status: z.string(), receivedAt: z.string() })),
  people: z.array(
    z.object({
      id: z.number(),
      fullName: z.string(),
      enterpriseName: z.string().nullable(),
      unionName: z.string().nullable(),
      memberSince: z.string().nullable(),
    }),
  ),
});

export const callRecordedSchema = z.object({ id: z.number(), duplicate: z.boolean() });
