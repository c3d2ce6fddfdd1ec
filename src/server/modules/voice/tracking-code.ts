/** Tracking codes and secrets: drawn, hashed, compared. */
import { createHash, createHmac, randomInt, timingSafeEqual } from "node:crypto";
import { HAND_ALPHABET, groupFour, squeeze } from "#shared/secrets.ts";

// Tracking codes and secrets in the hand alphabet (no 0/O, 1/I/L): read out over the phone, copied by hand.
const CODE_ALPHABET = HAND_ALPHABET;
export const draw = (n: number) => Array.from({ length: n }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join("");
export function newCode(): string {
  return `YC-${groupFour(draw(8))}`;
}

/**
 * A new secret: 16 characters of 29 (≈ 78 bits), shown as `K7QM-4TRX-9BWD-2HNP`. The hash is taken
 * of the squeezed form, so case, dashes and spaces do not matter when it is typed back.
 */
export function newSecret(): string {
  return groupFour(draw(16));
}

/**
 * The code and secret of a keyed public submission, derived from its key and the server's secret:
 * every server (SESSION_SECRET is shared) answers a retried POST with the same secret, without
 * storing it. Two bytes per character, so the alphabet's 29 letters are drawn without visible bias.
 */
export function keyedCodeAndSecret(sessionSecret: string, submissionKey: string): { code: string; secret: string } {
  const bytes = createHmac("sha256", sessionSecret).update(`voice-submission:${submissionKey}`).digest();
  const pick = (i: number) => CODE_ALPHABET[bytes.readUInt16BE(i * 2) % CODE_ALPHABET.length] as string;
  const chars = Array.from({ length: 16 }, (_, i) => pick(i)).join("");
  // 32 bytes make 16 characters: the secret takes them all; the code its own HMAC so the two do not overlap.
  const codeBytes = createHmac("sha256", sessionSecret).update(`voice-submission-code:${submissionKey}`).digest();
  const code = Array.from({ length: 8 }, (_, i) => CODE_ALPHABET[codeBytes.readUInt16BE(i * 2) % CODE_ALPHABET.length]).join("");
  return { code: `YC-${groupFour(code)}`, secret: groupFour(chars) };
}

/** The secret is random, not a password: a fast hash is enough (no dictionary to guess from). */
export const hashSecret = (secret: string) => createHash("sha256").update(secret).digest("hex");

/**
 * Whether a typed secret opens the request: compared squeezed (new secrets), and as typed for the
 * base64url secrets issued before (case matters in those), against the secret and a re-sent one.
 */
export function secretMatches(given: string | undefined, ...storedHashes: (string | null)[]): boolean {
  if (!given || given.length > 100) return false;
  const candidates = [hashSecret(squeeze(given)), hashSecret(given.trim())];
  let ok = false;
  for (const stored of storedHashes) {
    if (!stored) continue;
    const b = Buffer.from(stored, "hex");
    for (const c of candidates) {
      const a = Buffer.from(c, "hex");
      if (a.length === b.length && timingSafeEqual(a, b)) ok = true;
    }
  }
  return ok;
}
