/** The state of the staff intake form and the request body it sends (the API's `POST /api/voice/requests`). */
import { useState } from "react";

export interface Caller {
  id: number;
  fullName: string;
  phone: string | null;
  citizenId: string | null;
  enterpriseId: number | null;
  enterpriseName: string | null;
}

/** Every field of the intake form, with its setter. */
export function useIntakeForm(initialPhone: string) {
  const [channel, setChannel] = useState("hotline");
  const [requesterKind, setRequesterKind] = useState("worker");
  const [kind, setKind] = useState("consultation");
  const [topic, setTopic] = useState("wages");
  const [lookup, setLookup] = useState(initialPhone);
  const [caller, setCaller] = useState<Caller | null>(null);
  const [fullName, setFullName] = useState("");
  const [phone, setPhone] = useState(initialPhone);
  const [citizenId, setCitizenId] = useState("");
  const [anonymous, setAnonymous] = useState(false);
  const [entSearch, setEntSearch] = useState("");
  const [enterpriseId, setEnterpriseId] = useState<string | null>(null);
  const [otherWorkplace, setOtherWorkplace] = useState(false);
  const [otherName, setOtherName] = useState("");
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [consent, setConsent] = useState(false);
  // For notices only, kept apart from the request (also when anonymous): the officer never sees it again.
  const [noticePhone, setNoticePhone] = useState("");
  const [noticeEmail, setNoticeEmail] = useState("");
  return {
    ...{ channel, setChannel, requesterKind, setRequesterKind, kind, setKind, topic, setTopic },
    ...{ lookup, setLookup, caller, setCaller, fullName, setFullName, phone, setPhone, citizenId, setCitizenId, anonymous, setAnonymous },
    ...{ entSearch, setEntSearch, enterpriseId, setEnterpriseId, otherWorkplace, setOtherWorkplace, otherName, setOtherName },
    ...{ title, setTitle, description, setDescription, consent, setConsent, noticePhone, setNoticePhone, noticeEmail, setNoticeEmail },
  };
}

export type IntakeForm = ReturnType<typeof useIntakeForm>;

/** Fills the form from the caller found in the registry (or keeps what was typed as their number). */
export function fillCaller(f: IntakeForm, c: Caller | null) {
  f.setCaller(c);
  const typed = f.lookup.trim();
  if (c) {
    f.setFullName(c.fullName);
    f.setPhone(c.phone ?? "");
    f.setCitizenId(c.citizenId ?? "");
    if (c.enterpriseId) {
      f.setEnterpriseId(String(c.enterpriseId));
      f.setEntSearch(c.enterpriseName ?? "");
    }
  } else if (/^\d{12}$/.test(typed)) f.setCitizenId(typed);
  else f.setPhone(typed);
}

const workplace = (f: IntakeForm) =>
  f.otherWorkplace
    ? { enterpriseName: f.otherName.trim() }
    : f.enterpriseId
      ? { enterpriseId: Number(f.enterpriseId) }
      : f.entSearch.trim()
        ? { enterpriseName: f.entSearch.trim() }
        : {};

const notice = (f: IntakeForm) =>
  f.noticePhone.trim() || f.noticeEmail.trim()
    ? {
        notice: {
          ...(f.noticePhone.trim() ? { phone: f.noticePhone.trim() } : {}),
          ...(f.noticeEmail.trim() ? { email: f.noticeEmail.trim() } : {}),
        },
      }
    : {};

/** The request body the form sends. */
export function intakeBody(f: IntakeForm, callId: number | null) {
  const worker = f.requesterKind === "worker";
  return {
    channel: f.channel,
    requesterKind: f.requesterKind,
    kind: f.kind,
    topic: f.topic,
    title: f.title,
    description: f.description,
    ...workplace(f),
    anonymous: worker ? f.anonymous : false,
    ...(worker && !f.anonymous
      ? {
          requester: {
            fullName: f.fullName,
            ...(f.phone.trim() ? { phone: f.phone.trim() } : {}),
            ...(f.citizenId.trim() ? { citizenId: f.citizenId.trim() } : {}),
          },
          ...(f.caller ? { personId: f.caller.id } : {}),
        }
      : {}),
    ...(worker ? notice(f) : {}),
    consent: f.consent,
    ...(callId ? { callId } : {}),
  };
}
