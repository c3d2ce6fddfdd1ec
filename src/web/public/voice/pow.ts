import type { z } from "zod";
import type { challengeSchema } from "#shared/contract/voice.ts";
import { api } from "../../lib/api.ts";
/**
 * Solves the server's proof-of-work challenge in the browser with SubtleCrypto: finds a counter
 * such that SHA-256("<token>:<counter>") starts with `difficulty` zero bits. Digests run in
 * parallel batches (SubtleCrypto is asynchronous), so 16 bits take about a second on a phone.
 */
export type Challenge = z.input<typeof challengeSchema>;

function zeroBits(buf: ArrayBuffer): number {
  const bytes = new Uint8Array(buf);
  let bits = 0;
  for (const b of bytes) {
    if (b === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(b) - 24;
  }
  return bits;
}

export async function solve(ch: Challenge, signal?: AbortSignal): Promise<string> {
  if (ch.difficulty <= 0) return "0";
  const enc = new TextEncoder();
  const BATCH = 256;
  for (let start = 0; ; start += BATCH) {
    if (signal?.aborted) throw new Error("aborted");
    const digests = await Promise.all(Array.from({ length: BATCH }, (_, i) => crypto.subtle.digest("SHA-256", enc.encode(`${ch.token}:${start + i}`))));
    const hit = digests.findIndex((d) => zeroBits(d) >= ch.difficulty);
    if (hit >= 0) return String(start + hit);
  }
}

/**
 * Fetches a challenge and solves it; resolves to what the submission carries. Each challenge is
 * spent once, so it is never cached: a plain call through the API client (a refusal, such as the rate
 * limit, becomes an ApiError like any other, not a challenge without a token).
 */
export async function fetchAndSolve(signal?: AbortSignal): Promise<{ token: string; counter: string; expiresAt: string }> {
  const ch = await api.get<Challenge>("/api/public/challenge");
  const counter = await solve(ch, signal);
  return { token: ch.token, counter, expiresAt: ch.expiresAt };
}
