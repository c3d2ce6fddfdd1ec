import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DESKTOP, type E2E, PHONE, loginAs, newPage, shot, startE2E } from "./harness.ts";

/**
 * The worker-voice journey the issue judges: on a 360 px phone a worker files an anonymous complaint
 * about unpaid overtime at a named enterprise and follows it by code; a federation officer, not offered to
 * take on a grassroots union's request, transfers it to the federation (the deadline restarts), takes it
 * on, answers, has the answer approved and publishes it; the worker reads it.
 */
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => e2e?.close());

describe("a worker's anonymous complaint, followed to its answer", () => {
  it("is filed on a phone, answered and transferred by an officer, and read by the worker", async () => {
    const [enterprise] = await e2e.database.rows<{ id: number; name: string }>(
      sql`SELECT e.id, e.name FROM enterprises e JOIN union_enterprises ue ON ue.enterprise_id = e.id WHERE e.status = 'active' ORDER BY e.workforce_total DESC LIMIT 1`,
    );
    if (!enterprise) throw new Error("no enterprise in the demo city");

    // 1. The worker, on a phone, anonymous.
    const worker = await newPage(e2e, PHONE);
    const w = worker.page;
    await w.goto("/");
    await w.getByRole("link", { name: /Gửi câu hỏi, khiếu nại/ }).click();
    await w.getByLabel("Khiếu nại").check();
    await w.getByLabel("Về vấn đề").selectOption({ label: "Làm thêm giờ" });
    const lookup = w.waitForResponse((r) => r.url().includes("/api/public/enterprises"));
    await w.getByLabel("Doanh nghiệp", { exact: true }).fill(enterprise.name);
    await lookup;
    await w.getByLabel(/Tiêu đề ngắn/).fill("Không được trả tiền làm thêm giờ tháng 10");
    await w
      .getByLabel(/Nội dung/)
      .fill("Tổ may số 3 làm thêm 2 giờ mỗi ngày suốt tháng 10 nhưng bảng lương không có tiền làm thêm giờ. Khoảng 40 người bị ảnh hưởng.");
    await w.getByLabel(/Gửi ẩn danh/).check();
    await w.getByLabel("Tôi đã đọc và đồng ý").check();
    const submitted = w.waitForResponse((r) => r.url().endsWith("/api/public/requests") && r.request().method() === "POST", { timeout: 60_000 });
    await w.getByRole("button", { name: "Gửi yêu cầu" }).click();
    const response = await submitted;
    expect(response.status()).toBe(201);
    const { code, secret } = (await response.json()) as { code: string; secret: string };
    await w.getByText(code).first().waitFor();
    await shot(w, "voice-1-sent-phone");

    // The request is anonymous: no identity stored anywhere.
    const [row] = await e2e.database.rows<{ id: number; anonymous: boolean; enterprise_id: number | null; deadline: string }>(
      sql`SELECT id, anonymous, enterprise_id, deadline::text AS deadline FROM voice_requests WHERE code = ${code}`,
    );
    expect(row).toMatchObject({ anonymous: true, enterprise_id: enterprise.id });
    const [identity] = await e2e.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM voice_requesters WHERE request_id = ${row?.id ?? 0}`);
    expect(identity?.n).toBe(0);

    // 2. The officer takes it, transfers it once, answers; the answer is approved and published.
    const officer = await newPage(e2e, DESKTOP);
    const o = officer.page;
    await loginAs(o, "ldld.canbo");
    await o.goto(`/staff/requests/${row?.id}`);
    await o.getByText(code).first().waitFor();
    // The enterprise's grassroots union is responsible: a federation officer is not offered to take it on.
    await o.getByRole("button", { name: "Chuyển đơn vị" }).waitFor();
    expect(await o.getByRole("button", { name: "Phân công cho tôi" }).count()).toBe(0);
    await o.getByRole("button", { name: "Chuyển đơn vị" }).click();
    const dialog = o.getByRole("dialog");
    await dialog.getByLabel(/Đơn vị nhận/).click();
    await o.getByRole("option").first().click();
    await dialog.getByLabel("Lý do chuyển").fill("Thuộc thẩm quyền công đoàn khu công nghiệp nơi doanh nghiệp hoạt động");
    await dialog.getByRole("button", { name: "Chuyển đơn vị" }).click();
    await dialog.waitFor({ state: "hidden" });
    const [transfer] = await e2e.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM voice_transfers WHERE request_id = ${row?.id ?? 0}`);
    expect(transfer?.n).toBe(1);
    await o.reload();
    await o.getByText(code).first().waitFor();
    // Now in the federation's hands (the first body offered): the officer takes it on.
    const [moved] = await e2e.database.rows<{ kind: string }>(
      sql`SELECT b.kind FROM voice_requests r JOIN bodies b ON b.id = r.responsible_body_id WHERE r.id = ${row?.id ?? 0}`,
    );
    expect(moved?.kind).toBe("federation");
    await o.getByRole("button", { name: "Phân công cho tôi" }).click();
    await o.getByRole("button", { name: "Phân công cho tôi" }).waitFor({ state: "detached" });
    const [assigned] = await e2e.database.rows<{ username: string }>(
      sql`SELECT u.username FROM voice_requests r JOIN users u ON u.id = r.assigned_user_id WHERE r.id = ${row?.id ?? 0}`,
    );
    expect(assigned?.username).toBe("ldld.canbo");
    const answer =
      "Theo Điều 98 Bộ luật Lao động 2019, làm thêm giờ ngày thường được trả ít nhất 150% tiền lương. Công đoàn đã làm việc với doanh nghiệp; khoản tiền còn thiếu sẽ được trả trong kỳ lương tháng 11.";
    await o.getByRole("textbox").filter({ hasText: "" }).first().waitFor();
    await o.locator("textarea").first().fill(answer);
    await o.getByRole("button", { name: "Gửi duyệt" }).click();
    await o.getByText("Chờ duyệt").first().waitFor();
    // Four eyes: the answer is reviewed by another officer before it goes out.
    const reviewer = await newPage(e2e, DESKTOP);
    const rv = reviewer.page;
    await loginAs(rv, "ldld.quantri");
    await rv.goto(`/staff/requests/${row?.id}`);
    await rv.getByRole("button", { name: "Duyệt", exact: true }).click();
    await rv.getByRole("button", { name: "Công bố cho người gửi" }).click();
    // Publishing asks first (issue 18, item 5).
    await rv.getByRole("dialog", { name: "Công bố câu trả lời?" }).getByRole("button", { name: "Công bố cho người gửi" }).click();
    await rv.getByText("Đã công bố").first().waitFor();
    await shot(rv, "voice-2-answered-desktop");
    await reviewer.context.close();

    // 3. The worker follows the code and reads the answer.
    await w.goto(`/theo-doi/${code}`);
    await w.getByLabel("Mật mã").fill(secret);
    await w.getByRole("button", { name: "Xem" }).click();
    await w.getByText("Điều 98 Bộ luật Lao động 2019", { exact: false }).first().waitFor();
    await shot(w, "voice-3-answer-phone");
    await worker.context.close();
    await officer.context.close();
  });
});
