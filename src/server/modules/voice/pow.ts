import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * A self-hosted proof-of-work challenge against scripted floods, without any outside service.
 * The server signs (issued-at, nonce, difficulty) with HMAC over the session secret, so it keeps
 * no state; the client finds a counter such that SHA-256("<token>:<counter>") starts with
 * `difficulty` zero bits (≈ 2^difficulty hashes: at the default 16 bits a phone solves it with SubtleCrypto in about a second, while the worker is still typing).
 */

export const CHALLENGE_TTL_MS = 10 * 60_000;

export interface Challenge {
  token: string;
  difficulty: number;
  expiresAt: string;
}

function sign(secret: string, payload: string): string {
  return createHmac("sha256", secret).update(`voice-pow:${payload}`).digest("base64url");
}

export function issueChallenge(secret: string, difficulty: number, now = Date.now()): Challenge {
  const payload = `${now}.${randomBytes(12).toString("base64url")}.${difficulty}`;
  return { token: `${payload}.${sign(secret, payload)}`, difficulty, expiresAt: new Date(now + CHALLENGE_TTL_MS).toISOString() };
}

/** Leading zero bits of a digest. */
export function leadingZeroBits(digest: Uint8Array): number {
  let bits = 0;
  for (const byte of digest) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

/** Finds a counter (used by tests and the benchmark; the browser does the same with SubtleCrypto). */
export function solveChallenge(token: string, difficulty: number): string {
  for (let i = 0; ; i++) {
    if (leadingZeroBits(createHash("sha256").update(`${token}:${i}`).digest()) >= difficulty) return String(i);
  }
}

/** Why a solution is refused, or null when it holds. Needs at least `minDifficulty` bits. */
export function verifyChallenge(secret: string, token: string, counter: string, minDifficulty: number, now = Date.now()): string | null {
  const parts = token.split(".");
  if (parts.length !== 4 || !/^\d{1,12}$/.test(counter)) return "malformed";
  const [issued, nonce, diff, mac] = parts as [string, string, string, string];
  const payload = `${issued}.${nonce}.${diff}`;
  const expected = Buffer.from(sign(secret, payload));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return "bad_signature";
  const issuedAt = Number(issued);
  if (!Number.isFinite(issuedAt) || now - issuedAt > CHALLENGE_TTL_MS || issuedAt - now > 60_000) return "expired";
  const difficulty = Number(diff);
  if (difficulty < minDifficulty) return "too_easy";
  if (leadingZeroBits(createHash("sha256").update(`${token}:${counter}`).digest()) < difficulty) return "wrong_solution";
  return null;
}
