import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Database, Tx } from "#server/db/client.ts";
import { AppError } from "#server/http/errors.ts";
import { CHALLENGE_TTL_MS, verifyChallenge } from "./pow.ts";

/**
 * Checks a public form's proof-of-work solution and spends it: a token is accepted once, by any
 * public form, on any app process (the spent tokens live in the database until they expire).
 * `difficulty` 0 turns the challenge off (tests, a closed network). Given the transaction of the
 * submission, a submission that fails afterwards leaves the solution unspent.
 */
export async function spendChallenge(
  database: Database,
  secret: string,
  difficulty: number,
  challenge: { token: string; counter: string } | undefined,
  tx?: Tx,
  /** A keyed public submission: its retry may present the challenge the first arrival spent. */
  submissionKey?: string,
): Promise<void> {
  if (difficulty <= 0) return;
  if (!challenge) throw new AppError("voice_challenge_required", "Thiếu lời giải thử thách chống gửi tự động (GET /api/public/challenge)");
  const why = verifyChallenge(secret, challenge.token, challenge.counter, difficulty);
  if (why) throw new AppError("voice_challenge_failed", `Lời giải thử thách không hợp lệ (${why}); hãy lấy thử thách mới`);
  const issuedAt = Number(challenge.token.split(".")[0]);
  const digest = createHash("sha256").update(challenge.token).digest("base64url");
  await database.rows(sql`DELETE FROM spent_challenges WHERE expires_at < now()`, tx);
  const spent = await database.rows(
    sql`INSERT INTO spent_challenges (digest, expires_at, submission_key)
        VALUES (${digest}, ${new Date(issuedAt + CHALLENGE_TTL_MS).toISOString()}::timestamptz, ${submissionKey ?? null})
        ON CONFLICT (digest) DO UPDATE SET digest = EXCLUDED.digest
          WHERE spent_challenges.submission_key IS NOT NULL AND spent_challenges.submission_key = EXCLUDED.submission_key
        RETURNING digest`,
    tx,
  );
  if (!spent.length) throw new AppError("voice_challenge_failed", "Lời giải thử thách này đã được dùng; hãy lấy thử thách mới");
}
