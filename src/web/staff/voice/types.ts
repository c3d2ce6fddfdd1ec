/** Shapes of the worker-voice API as the staff pages use them. */
export interface RequestSummary {
  id: number;
  code: string;
  kind: string;
  topic: string;
  channel: string;
  title: string;
  status: string;
  /** Null with a name: the workplace the sender typed, not in the registry. */
  enterpriseId: number | null;
  enterpriseName: string | null;
  zoneName: string | null;
  responsibleBodyId: number;
  responsibleBodyName: string;
  assignedUserId: number | null;
  assignedUserName: string | null;
  anonymous: boolean;
  collective: boolean;
  signatoryCount: number | null;
  receivedAt: string;
  deadline: string;
  overdue: boolean;
  dueSoon: boolean;
  answerStatus: string;
  escalated: boolean;
  rating: number | null;
}

/** What an enterprise representative receives: the officer's summary of a forwarded request, nothing the worker wrote. */
export interface EnterpriseView {
  ref: string;
  summary: string;
  forwardedOn: string;
  responsibleBodyName: string;
}

export interface RequestDetail extends RequestSummary {
  description: string;
  descriptionPrivate: boolean;
  hasIdentity: boolean;
  publicAnswer: string | null;
  answerDraftedBy: string | null;
  answerReviewedBy: string | null;
  answeredAt: string | null;
  closedAt: string | null;
  ratingComment: string | null;
  canReopenUntil: string | null;
  /** The server's rule for "Nhận xử lý": open, not mine yet, and I belong to the responsible body or below. */
  canTakeOn: boolean;
  /** In review and drafted by someone else: the author never sees "Duyệt". */
  canReview: boolean;
  forward: { at: string; by: string | null; summary: string; ref: string } | null;
  canForward: boolean;
  history: {
    at: string;
    action: string;
    fromStatus: string | null;
    toStatus: string | null;
    bodyName: string | null;
    userName: string | null;
    detail: string | null;
  }[];
  notes: { id: number; body: string; userName: string; createdAt: string }[];
  transfers: { fromBody: string; toBody: string; reason: string; oldDeadline: string; newDeadline: string; at: string }[];
  additions: { id: number; body: string; source: string; createdAt: string }[];
  attachments: { id: number; fileName: string; mime: string; sizeBytes: number; createdAt: string }[];
}

export interface QaEntry {
  id: number;
  requestId: number | null;
  question: string;
  answer: string;
  citations: string[];
  tags: string[];
  validFrom: string;
  validTo: string | null;
  publishedAt: string | null;
  needsReview: boolean;
  reviewReason: string | null;
  updatedAt: string;
}

export const KINDS = ["consultation", "complaint", "petition", "report"] as const;
export const TOPICS = ["wages", "overtime", "social_insurance", "contract", "dismissal", "osh", "union_rights", "housing", "other"] as const;
export const STATUSES = ["received", "assigned", "in_progress", "answered", "closed"] as const;
