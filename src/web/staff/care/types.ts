import type { z } from "zod";
import type {
  campaignSchema,
  campaignsListSchema,
  fairnessListSchema,
  foldSchema,
  housesListSchema,
  housingListSchema,
  housingReaderSchema,
  importReport,
  joinRequestsListSchema,
  nominateSchema,
  nominationsListSchema,
  surveyDetailSchema,
  surveyResultsSchema,
  surveysListSchema,
} from "#shared/contract/care.ts";

/**
 * Shapes of the care API as the staff pages use them: the server's answer schemas (src/shared/contract), so a
 * field renamed on the server fails the web's type-check too. `z.input` is what travels on the wire.
 */
export type CampaignPage = z.input<typeof campaignsListSchema>;
export type CampaignItem = CampaignPage["items"][number];
export type Campaign = z.input<typeof campaignSchema>;
export type PayoutPage = z.input<typeof foldSchema>;
export type Payout = PayoutPage["items"][number];
export type NominationPage = z.input<typeof nominationsListSchema>;
export type Nomination = NominationPage["items"][number];
export type Nominated = z.input<typeof nominateSchema>;
export type ImportReport = z.input<typeof importReport>;
export type FairnessPage = z.input<typeof fairnessListSchema>;
export type JoinRequestPage = z.input<typeof joinRequestsListSchema>;
export type SurveyPage = z.input<typeof surveysListSchema>;
export type SurveyDetail = z.input<typeof surveyDetailSchema>;
export type SurveyResults = z.input<typeof surveyResultsSchema>;
export type HousePage = z.input<typeof housesListSchema>;
export type HousingReader = z.input<typeof housingReaderSchema>;
/** A housing project as both the staff list and the public page receive it (the staff rows add `published`). */
export type HousingProject = z.input<typeof housingListSchema>["items"][number];

export { campaignPurposes as PURPOSES, houseStages as STAGES, housingKinds, housingStatuses, payoutKinds as KINDS } from "#shared/enums.ts";
