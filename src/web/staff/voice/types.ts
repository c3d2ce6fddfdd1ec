import type { z } from "zod";
import type { enterpriseViewSchema, qaSchema, requestDetailSchema, requestSummarySchema } from "#shared/contract/voice.ts";

/**
 * Shapes of the worker-voice API as the staff pages use them: the server's answer schemas (src/shared/contract),
 * so a field renamed on the server fails the web's type-check too. `z.input` is what travels on the wire.
 */
export type RequestSummary = z.input<typeof requestSummarySchema>;
/** What an enterprise representative receives: the officer's summary of a forwarded request, nothing the worker wrote. */
export type EnterpriseView = z.input<typeof enterpriseViewSchema>;
export type RequestDetail = z.input<typeof requestDetailSchema>;
export type QaEntry = z.input<typeof qaSchema>;

export { requestKinds as KINDS, statuses as STATUSES, topics as TOPICS } from "#shared/enums.ts";
