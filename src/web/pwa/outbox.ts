/**
 * Sends the requests drafted offline, once the phone is back online: a fresh proof-of-work each, the
 * request, then its files; each sent request is kept in "my requests" and leaves the outbox. Loaded
 * only when something waits in the outbox.
 */
import { ApiError, api } from "../lib/api.ts";
import { fetchAndSolve } from "../public/voice/pow.ts";
import { uploadAttachment } from "../public/voice/ask.form.ts";
import { listPending, markPending, removePending, saveRequest } from "./device.ts";
import { subscribeIfAllowed } from "./push.ts";

export interface FlushResult {
  sent: string[];
  refused: number;
}

let running: Promise<FlushResult> | null = null;

/** Sends every waiting request; stops at the first network failure (still offline) and tries again later. */
export function flushOutbox(): Promise<FlushResult> {
  running ??= send().finally(() => {
    running = null;
  });
  return running;
}

async function send(): Promise<FlushResult> {
  const out: FlushResult = { sent: [], refused: 0 };
  for (const p of await listPending()) {
    if (p.problem) continue;
    try {
      const challenge = await fetchAndSolve();
      const res = await api.post<{ code: string; secret: string }>("/api/public/requests", {
        ...p.body,
        challenge: { token: challenge.token, counter: challenge.counter },
      });
      // Kept before the outbox forgets the draft: a crash in between shows it twice, never loses it.
      await saveRequest({ code: res.code, secret: res.secret, kind: p.kind, topic: p.topic });
      await removePending(p.id);
      for (const file of p.files) await uploadAttachment(res, file).catch(() => undefined);
      await subscribeIfAllowed(res.code, res.secret);
      out.sent.push(res.code);
    } catch (err) {
      // A refusal the worker must fix (4xx other than the rate limit) stays, marked; a network failure stops the run.
      if (err instanceof ApiError && err.status >= 400 && err.status < 500 && err.status !== 429) {
        await markPending(p.id, err.message);
        out.refused++;
        continue;
      }
      break;
    }
  }
  return out;
}
