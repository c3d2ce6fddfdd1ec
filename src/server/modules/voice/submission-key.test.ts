import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestApp, createTestApp } from "../../../../test/support/app.ts";
import { buildCity } from "../../../../test/support/factories.ts";
import { solveChallenge } from "./pow.ts";
import { keyedCodeAndSecret } from "./tracking-code.ts";

/**
 * A public submission sent again under its key (issue #20): a retry after a lost answer — the server
 * died, the proxy or the phone tried again — is stored once and answers the first receipt, code and
 * secret alike, even when it presents the challenge the first arrival already spent.
 */
let t: TestApp;
const SECRET = "k".repeat(40);
beforeAll(async () => {
  t = await createTestApp({ PUBLIC_CHALLENGE_DIFFICULTY: "4", PUBLIC_RATE_LIMIT: "0", SESSION_SECRET: SECRET });
  await buildCity(t.database);
});
afterAll(async () => t?.close());

const key = () => randomBytes(18).toString("base64url");
async function solved() {
  const ch = (await t.app.inject({ method: "GET", url: "/api/public/challenge" })).json() as { token: string; difficulty: number };
  return { token: ch.token, counter: solveChallenge(ch.token, ch.difficulty) };
}
const body = (submissionKey: string | undefined, challenge: unknown) => ({
  kind: "consultation",
  topic: "wages",
  title: "Hỏi về lương làm thêm giờ",
  description: "Làm thêm giờ ngày chủ nhật được trả bao nhiêu phần trăm lương?",
  anonymous: true,
  consent: true,
  challenge,
  ...(submissionKey ? { submissionKey } : {}),
});
const send = (payload: unknown) => t.app.inject({ method: "POST", url: "/api/public/requests", payload: payload as object });
const stored = async (k: string) =>
  (await t.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM voice_requests WHERE submission_key = ${k}`))[0]?.n;

describe("keyed public submissions", () => {
  it("a retry with the same key and the same (spent) challenge answers the same receipt and stores one request", async () => {
    const k = key();
    const challenge = await solved();
    const first = await send(body(k, challenge));
    expect(first.statusCode).toBe(201);
    const again = await send(body(k, challenge));
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect(await stored(k)).toBe(1);
    // The secret the retry returned opens the request.
    const { code, secret } = again.json() as { code: string; secret: string };
    const status = await t.app.inject({ method: "GET", url: `/api/public/requests/${code}`, headers: { "x-request-secret": secret } });
    expect(status.statusCode).toBe(200);
    expect(keyedCodeAndSecret(SECRET, k).secret).toBe(secret);
  });

  it("arrivals of one submission at the same moment store it once and all answer the same code", async () => {
    const k = key();
    const challenge = await solved();
    const answers = await Promise.all(Array.from({ length: 6 }, () => send(body(k, challenge))));
    expect(answers.map((a) => a.statusCode)).toEqual(Array(6).fill(201));
    expect(new Set(answers.map((a) => a.json().code)).size).toBe(1);
    expect(await stored(k)).toBe(1);
  });

  it("a spent challenge buys nothing under another key, and nothing without a key", async () => {
    const challenge = await solved();
    expect((await send(body(key(), challenge))).statusCode).toBe(201);
    const other = await send(body(key(), challenge));
    expect(other.statusCode).toBe(400);
    expect(other.json().code).toBe("voice_challenge_failed");
    expect((await send(body(undefined, challenge))).json().code).toBe("voice_challenge_failed");
  });

  it("different keys are different requests with different codes; a malformed key is refused in Vietnamese", async () => {
    const a = await send(body(key(), await solved()));
    const b = await send(body(key(), await solved()));
    expect(a.json().code).not.toBe(b.json().code);
    const bad = await send(body("ngắn", await solved()));
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain("Mã gửi phải gồm");
  });
});
