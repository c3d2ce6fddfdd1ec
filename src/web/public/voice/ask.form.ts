/** The worker's request form without its markup: its fields, what the browser checks, the body it sends, the enterprise search. */
import { useDebouncedValue } from "@mantine/hooks";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { api, withSecret } from "../../lib/api.ts";
import type { publicEnterpriseSchema, receiptSchema } from "#shared/contract/voice.ts";
import type { z } from "zod";

// Declared once, for the server and the web (src/shared/enums.ts).
export { requestKinds as kinds, topics } from "#shared/enums.ts";

/** The server's receipt, and which files went with it and which did not (the form uploads them after). */
export type Sent = z.input<typeof receiptSchema> & { attached?: string[]; failed?: string[] };

export type EnterpriseOption = z.input<typeof publicEnterpriseSchema>;

/** How long typing must pause before the enterprise search asks the server. */
export const ENTERPRISE_DEBOUNCE_MS = 400;
const MAX_FILE_BYTES = 5 * 1024 * 1024;
export const MAX_FILES = 5;
export const FILE_TYPES = ["image/jpeg", "image/png", "application/pdf"];

/** The key of what is wrong with a file the worker picked, or null (the server checks the content again). */
function attachmentProblem(file: File): string | null {
  if (!FILE_TYPES.includes(file.type)) return "public.fileType";
  if (file.size > MAX_FILE_BYTES) return "public.fileSize";
  return null;
}

/** Sends one file for a request already filed, by its code and secret. */
export async function uploadAttachment(sent: { code: string; secret: string }, file: File): Promise<void> {
  const fd = new FormData();
  fd.append("file", file);
  await withSecret(sent.secret).post(`/api/public/requests/${sent.code}/attachments`, fd);
}

/** The form's fields, each with its setter. */
export function useAskForm() {
  const [kind, setKind] = useState<string>("consultation");
  // No default: a harassment complaint must not be filed under wages because nobody changed the select.
  const [topic, setTopic] = useState<string>("");
  const [enterpriseText, setEnterpriseText] = useState("");
  // "Khác (không có trong danh sách)": the workplace is typed, never matched to a registered enterprise.
  const [otherWorkplace, setOtherWorkplace] = useState(false);
  const [otherName, setOtherName] = useState("");
  const [files, setFiles] = useState<File[]>([]);
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  // Hidden from the employer by default for everything but a question; the worker may change it.
  const [descriptionPrivate, setDescriptionPrivate] = useState(false);
  const [anonymous, setAnonymous] = useState(false);
  const [fullName, setFullName] = useState("");
  const [phone, setPhone] = useState("");
  const [citizenId, setCitizenId] = useState("");
  const [collective, setCollective] = useState(false);
  const [signatoryCount, setSignatoryCount] = useState<number | string>(2);
  const [consent, setConsent] = useState(false);
  // For notices only, kept apart from the request (also when anonymous).
  const [noticePhone, setNoticePhone] = useState("");
  const [noticeEmail, setNoticeEmail] = useState("");
  return {
    ...{ noticePhone, setNoticePhone, noticeEmail, setNoticeEmail },
    ...{ kind, setKind, topic, setTopic, enterpriseText, setEnterpriseText, files, setFiles, title, setTitle, description, setDescription },
    ...{ descriptionPrivate, setDescriptionPrivate, anonymous, setAnonymous, fullName, setFullName, phone, setPhone, citizenId, setCitizenId },
    ...{ collective, setCollective, signatoryCount, setSignatoryCount, consent, setConsent },
    ...{ otherWorkplace, setOtherWorkplace, otherName, setOtherName },
  };
}
export type AskForm = ReturnType<typeof useAskForm>;

/** What the browser can tell before sending: the same rules as the server, keyed by the field's path. */
export function clientProblems(f: AskForm, t: (key: string) => string): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!f.topic) errors.topic = t("public.chooseTopic");
  if (f.otherWorkplace && !f.otherName.trim()) errors.enterpriseName = t("common:workplace.needOtherName");
  if (!f.title.trim()) errors.title = t("public.needTitle");
  if (!f.description.trim()) errors.description = t("public.needDescription");
  if (!f.anonymous && !f.fullName.trim()) errors["requester.fullName"] = t("public.needFullName");
  if (!f.anonymous && f.phone.trim() && !/^(\+84|0)[0-9]{9,10}$/.test(f.phone.trim())) errors["requester.phone"] = t("public.badPhone");
  if (!f.anonymous && f.citizenId.trim() && !/^\d{12}$/.test(f.citizenId.trim())) errors["requester.citizenId"] = t("public.badCitizenId");
  if (f.noticePhone.trim() && !/^(\+84|0)[0-9]{9,10}$/.test(f.noticePhone.trim())) errors["notice.phone"] = t("public.badPhone");
  if (f.noticeEmail.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(f.noticeEmail.trim())) errors["notice.email"] = t("public.badEmail");
  const fileProblem = f.files.map(attachmentProblem).find(Boolean);
  if (fileProblem) errors.files = t(fileProblem);
  return errors;
}

/**
 * A key for one filled-in form (144 random bits, base64url): sent with every try of it, so a retry after a
 * lost answer is stored once and answers the same code and secret.
 */
export function newSubmissionKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

/** The request's body as the server takes it; the enterprise is the one whose name was picked (or typed exactly). */
export function requestBody(f: AskForm, options: EnterpriseOption[], challenge: { token: string; counter: string }, submissionKey?: string) {
  const chosen = options.find((o) => o.name === f.enterpriseText.trim());
  const petition = f.kind === "petition" && f.collective;
  const requester = {
    fullName: f.fullName.trim(),
    ...(f.phone.trim() ? { phone: f.phone.trim() } : {}),
    ...(f.citizenId.trim() ? { citizenId: f.citizenId.trim() } : {}),
  };
  return {
    kind: f.kind,
    topic: f.topic,
    title: f.title.trim(),
    description: f.description.trim(),
    descriptionPrivate: f.descriptionPrivate,
    ...(f.otherWorkplace
      ? { enterpriseName: f.otherName.trim() }
      : chosen
        ? { enterpriseId: chosen.id }
        : f.enterpriseText.trim()
          ? { enterpriseName: f.enterpriseText.trim() }
          : {}),
    anonymous: f.anonymous,
    ...(f.anonymous ? {} : { requester }),
    collective: petition,
    ...(petition ? { signatoryCount: Number(f.signatoryCount) || 1 } : {}),
    ...(f.noticePhone.trim() || f.noticeEmail.trim()
      ? {
          notice: {
            ...(f.noticePhone.trim() ? { phone: f.noticePhone.trim() } : {}),
            ...(f.noticeEmail.trim() ? { email: f.noticeEmail.trim() } : {}),
          },
        }
      : {}),
    consent: f.consent,
    challenge,
    ...(submissionKey ? { submissionKey } : {}),
  };
}

/**
 * Enterprises matching what the worker typed. Asks the server once per pause in typing, never again
 * for a text already asked (the answer stays in the query cache), never on its own (no retry, no
 * refetch): a worker on a phone pays for every request.
 */
export function useEnterpriseOptions(text: string): EnterpriseOption[] {
  const [q] = useDebouncedValue(text.trim(), ENTERPRISE_DEBOUNCE_MS);
  const { data } = useQuery({
    queryKey: ["public-enterprises", q.toLocaleLowerCase("vi")],
    queryFn: () => api.get<EnterpriseOption[]>(`/api/public/enterprises?q=${encodeURIComponent(q)}`),
    enabled: q.length >= 2,
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
    refetchOnWindowFocus: false,
    placeholderData: keepPreviousData,
  });
  return data ?? [];
}
