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
  /** The call came with nobody on duty on its line: it went to every officer of the body. */
  nobodyOnDuty: z.boolean(),
  /** The names of the officers on duty for the line when the call came. */
  onDuty: z.array(z.string()),
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

/** Who is on duty per line of the caller's bodies, and the caller's own open shift. */
export const hotlineDutySchema = z.object({
  lines: z.array(
    z.object({
      line: z.string(),
      bodyId: z.number(),
      bodyName: z.string(),
      officers: z.array(z.object({ userId: z.number(), fullName: z.string(), startedAt: z.string() })),
    }),
  ),
  mine: z.object({ line: z.string(), startedAt: z.string() }).nullable(),
});
