/** Kinds of coordination activity, one list for the server's schema and the web's forms. */
export const activityKinds = [
  "training",
  "propaganda",
  "dialogue",
  "cultural",
  "job_fair",
  "tet_market",
  "supervision",
  "party_cell",
  "youth_org",
  "party_admission",
] as const;
export type ActivityKind = (typeof activityKinds)[number];
