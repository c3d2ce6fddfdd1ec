/** The PBX webhook's signature: HMAC-SHA256 over "<timestamp>.<raw body>", hex, in X-Hotline-Signature. */
import { createHmac, timingSafeEqual } from "node:crypto";

/** How far the PBX's clock and ours may disagree, and how long a captured request stays playable. */
export const SIGNATURE_WINDOW_MS = 5 * 60_000;

/** The signature the PBX must send for this timestamp (Unix seconds) and body. */
export function signHotline(secret: string, timestamp: string, rawBody: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${rawBody}`).digest("hex");
}

export type SignatureVerdict = "ok" | "missing" | "bad" | "expired";

/**
 * Checks the signature and its age. The timestamp is inside the signed text, so an old request
 * cannot be given a fresh timestamp; within the window, replays are refused by the caller (spent
 * signatures are stored), not here.
 */
export function verifyHotline(
  secret: string,
  headers: { signature?: string | undefined; timestamp?: string | undefined },
  rawBody: string,
  nowMs: number,
): SignatureVerdict {
  const { signature, timestamp } = headers;
  if (!signature || !timestamp) return "missing";
  if (!/^\d{9,11}$/.test(timestamp)) return "bad";
  const given = signature.replace(/^sha256=/, "").toLowerCase();
  const want = signHotline(secret, timestamp, rawBody);
  if (given.length !== want.length || !timingSafeEqual(Buffer.from(given), Buffer.from(want))) return "bad";
  if (Math.abs(nowMs - Number(timestamp) * 1000) > SIGNATURE_WINDOW_MS) return "expired";
  return "ok";
}
