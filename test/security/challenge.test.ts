import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "#server/app.ts";
import { loadConfig } from "#server/config.ts";
import { solveChallenge } from "#server/modules/voice/pow.ts";
import { Client, type TestApp, createTestApp } from "../support/app.ts";
import { type TestCity, buildCity, buildEnterprise, buildUser } from "../support/factories.ts";

/**
 * The public anti-flood challenge is spent once — by any public form, on any app process, after a
 * restart — and a survey takes the challenge and one answer per device.
 */
const SECRET = "c".repeat(40);
let t: TestApp;
let city: TestCity;
let fed: Client;
let enterpriseId: number;

beforeAll(async () => {
  t = await createTestApp({ PUBLIC_CHALLENGE_DIFFICULTY: "8", PUBLIC_RATE_LIMIT: "0", SESSION_SECRET: SECRET });
  city = await buildCity(t.database);
  enterpriseId = (await buildEnterprise(t.database, city)).id;
  const u = await buildUser(t.database, "officer", city.federation);
  fed = new Client(t.app);
  await fed.login(u.username, u.password);
});
afterAll(async () => t?.close());

async function solved(app = t.app) {
  const ch = (await app.inject({ method: "GET", url: "/api/public/challenge" })).json() as { token: string; difficulty: number };
  return { token: ch.token, counter: solveChallenge(ch.token, ch.difficulty) };
}

const complaint = (challenge?: unknown) => ({
  kind: "complaint",
  topic: "overtime",
  title: "Không được trả tiền làm thêm giờ",
  description: "Công ty bắt làm thêm giờ mỗi ngày 3 tiếng nhưng không trả lương làm thêm giờ theo quy định.",
  anonymous: true,
  consent: true,
  ...(challenge ? { challenge } : {}),
});
const submit = (payload: unknown, app = t.app) => app.inject({ method: "POST", url: "/api/public/requests", payload: payload as object });

describe("a solved challenge", () => {
  it("is accepted once: the replay is a 400 in Vietnamese", async () => {
    const c = await solved();
    expect((await submit(complaint(c))).statusCode).toBe(201);
    for (let i = 0; i < 3; i++) {
      const again = await submit(complaint(c));
      expect(again.statusCode).toBe(400);
      expect(again.json().code).toBe("voice_challenge_failed");
      expect(again.json().detail).toMatch(/đã được dùng/);
    }
  });

  it("sent in parallel twenty times, gives exactly one 201", async () => {
    const c = await solved();
    const statuses = (await Promise.all(Array.from({ length: 20 }, () => submit(complaint(c))))).map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 400)).toHaveLength(19);
  });

  it("stays spent for another app process on the same database (not kept in memory)", async () => {
    const c = await solved();
    expect((await submit(complaint(c))).statusCode).toBe(201);
    const config = loadConfig({
      LOG_LEVEL: "silent",
      DATA_DIR: "/tmp/caunoi-challenge-2",
      SESSION_SECRET: SECRET,
      PUBLIC_CHALLENGE_DIFFICULTY: "8",
      PUBLIC_RATE_LIMIT: "0",
    });
    const second = await buildApp({ config, database: t.database });
    try {
      const res = await submit(complaint(c), second);
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe("voice_challenge_failed");
      const [row] = await t.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM spent_challenges WHERE expires_at > now()`);
      expect(row?.n).toBeGreaterThan(0);
    } finally {
      await second.close();
    }
  });

  it("is not spent by a submission that was refused for its content", async () => {
    const c = await solved();
    const refused = await submit({ ...complaint(c), title: "" });
    expect(refused.statusCode).toBe(400);
    expect((await submit(complaint(c))).statusCode).toBe(201);
  });
});

describe("a survey", () => {
  async function openSurvey() {
    const res = await fed.post("/api/care/surveys", {
      title: "Khảo sát bữa ăn ca",
      status: "open",
      targetEnterpriseIds: [enterpriseId],
      questions: [{ kind: "single", text: "Bữa ăn ca có đủ no không?", options: ["Đủ", "Chưa đủ"] }],
    });
    expect(res.statusCode).toBe(201);
    return res.json() as { id: number; token: string; questions: { id: number }[] };
  }
  const answer = (s: { questions: { id: number }[] }, challenge?: unknown) => ({
    enterpriseId,
    answers: { [s.questions[0]?.id ?? 0]: "Đủ" },
    ...(challenge ? { challenge } : {}),
  });

  it("needs the challenge, spends it, and takes one answer per device", async () => {
    const s = await openSurvey();
    const url = `/api/public/surveys/${s.token}/responses`;
    // The page sets the device cookie when it is opened.
    const page = await t.app.inject({ method: "GET", url: `/api/public/surveys/${s.token}` });
    const cookie = String(page.headers["set-cookie"]).split(";")[0] ?? "";
    expect(cookie).toMatch(/^caunoi_device=/);
    const post = (payload: unknown, headers: Record<string, string> = { cookie }) => t.app.inject({ method: "POST", url, payload: payload as object, headers });

    const missing = await post(answer(s));
    expect(missing.statusCode).toBe(400);
    expect(missing.json().code).toBe("voice_challenge_required");

    const c = await solved();
    expect((await post(answer(s, c))).statusCode).toBe(201);
    // The same device again, even with a fresh solution: refused.
    const twice = await post(answer(s, await solved()));
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe("survey_already_answered");
    expect(twice.json().title).toMatch(/Thiết bị này đã gửi/);
    // Another device replaying the first device's solution: refused.
    const replay = await post(answer(s, c), {});
    expect(replay.statusCode).toBe(400);
    expect(replay.json().code).toBe("voice_challenge_failed");
    // Another device with its own solution: counted.
    expect((await post(answer(s, await solved()), {})).statusCode).toBe(201);

    // Twelve identical answers from one client: one counted.
    const other = await openSurvey();
    const otherPage = await t.app.inject({ method: "GET", url: `/api/public/surveys/${other.token}` });
    const device = String(otherPage.headers["set-cookie"]).split(";")[0] ?? "";
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await t.app.inject({
        method: "POST",
        url: `/api/public/surveys/${other.token}/responses`,
        payload: answer(other, await solved()),
        headers: { cookie: device },
      });
      statuses.push(res.statusCode);
    }
    expect(statuses.filter((x) => x === 201)).toHaveLength(1);
    const [n] = await t.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM care_survey_responses WHERE survey_id = ${other.id}`);
    expect(n?.n).toBe(1);
  });

  it("keeps the device apart from the answer: no column links them", async () => {
    const cols = await t.database.rows<{ column_name: string }>(
      sql`SELECT column_name FROM information_schema.columns WHERE table_name = 'care_survey_devices' AND table_schema = current_schema()`,
    );
    expect(cols.map((c) => c.column_name).sort()).toEqual(["device_digest", "survey_id"]);
  });
});
