import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DESKTOP, type E2E, PHONE, loginAs, newPage, shot, startE2E } from "./harness.ts";

/**
 * A worker answers a survey from its link on a phone: the page solves the anti-flood challenge by
 * itself, the answer is counted once, and the same phone answering again is told so in Vietnamese.
 */
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
}, 300_000);
afterAll(async () => e2e?.close());

describe("the public survey page", () => {
  it("answers once per device, with the challenge solved in the browser", async () => {
    const staff = await newPage(e2e, DESKTOP);
    await loginAs(staff.page, "ldld.canbo");
    const created = await staff.page.request.post("/api/care/surveys", {
      headers: { "x-csrf-token": ((await (await staff.page.request.get("/api/auth/me")).json()) as { csrfToken: string }).csrfToken },
      data: {
        title: "Khảo sát giờ làm thêm",
        status: "open",
        questions: [{ kind: "single", text: "Anh/chị có phải làm thêm quá giờ không?", options: ["Có", "Không"] }],
      },
    });
    expect(created.status()).toBe(201);
    const s = (await created.json()) as { id: number; token: string };
    await staff.context.close();

    for (const [viewport, name] of [
      [PHONE, "phone"],
      [DESKTOP, "desktop"],
    ] as const) {
      const { context, page } = await newPage(e2e, viewport);
      await page.goto(`/khao-sat/${s.token}`);
      await page.getByText("Anh/chị có phải làm thêm quá giờ không?").waitFor();
      await page.getByRole("radio", { name: "Không", exact: true }).check();
      await shot(page, `survey-answer-${name}`);
      await page.getByRole("button", { name: "Gửi câu trả lời" }).click();
      await page.getByText("Cảm ơn bạn đã trả lời!").waitFor({ timeout: 60_000 });
      // The same device again: refused, and said so.
      await page.reload();
      await page.getByRole("radio", { name: "Có", exact: true }).check();
      await page.getByRole("button", { name: "Gửi câu trả lời" }).click();
      await page.getByText("Thiết bị này đã gửi câu trả lời cho phiếu khảo sát này").waitFor({ timeout: 60_000 });
      await shot(page, `survey-answer-again-${name}`);
      await context.close();
    }
    const [row] = await e2e.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM care_survey_responses WHERE survey_id = ${s.id}`);
    expect(row?.n).toBe(2);
  }, 300_000);
});
