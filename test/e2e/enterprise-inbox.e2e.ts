import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, vnToday } from "#shared/clock.ts";
import { Client } from "../support/app.ts";
import { type E2E, loginAs, newPage, shot, startE2E } from "./harness.ts";

/**
 * Issue #17.3 as a new user lives it: the enterprise's HR officer, on a 390 px phone, answers a
 * request an officer forwarded and closes an inspection finding with a photo (a file that is no
 * photo is refused in Vietnamese first); the zone authority's officer accepts, and the finding is closed.
 */
let e2e: E2E;
let enterpriseId: number;
let ref: string;
let findingId: number;
let workerText: string;
const PHONE_390 = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 900 };
const SUMMARY = "Đề nghị doanh nghiệp kiểm tra việc bố trí nước uống và thời gian nghỉ giữa ca cho công nhân xưởng may.";
const FINDING = "Bổ sung tấm che chắn an toàn cho máy cắt vải tại xưởng 2";
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]), Buffer.alloc(2048, 9)]);

beforeAll(async () => {
  e2e = await startE2E();
  const [who] = await e2e.database.rows<{ id: number }>(sql`SELECT body_id AS id FROM users WHERE username = 'doanhnghiep'`);
  enterpriseId = who?.id ?? 0;
  const admin = new Client(e2e.app);
  expect((await admin.login("admin", "Admin-e2e-12345")).statusCode).toBe(200);
  // A worker's request about the enterprise (seeded), forwarded with the officer's own summary.
  const [req] = await e2e.database.rows<{ id: number; description: string }>(
    sql`SELECT id, description FROM voice_requests WHERE enterprise_id = ${enterpriseId} AND requester_kind = 'worker' AND length(description) > 20
        ORDER BY id DESC LIMIT 1`,
  );
  const id = req?.id ?? 0;
  workerText = (req?.description ?? "").slice(0, 40);
  const fwd = await admin.post(`/api/voice/requests/${id}/forward`, { summary: SUMMARY, acknowledgePrivate: true });
  expect(fwd.statusCode).toBe(200);
  ref = fwd.json().ref;
  // An inspection of the zone authority with one finding.
  const [authority] = await e2e.database.rows<{ id: number }>(sql`SELECT id FROM bodies WHERE kind = 'zone_authority' ORDER BY id LIMIT 1`);
  const today = vnToday();
  const items = (await admin.get(`/api/relations/checklists/current?date=${today}`)).json().items as { id: number }[];
  const ins = await admin.post("/api/relations/inspections", {
    enterpriseId,
    inspectedOn: today,
    leadBodyId: authority?.id,
    answers: items.map((i, k) => ({ itemId: i.id, result: k === 0 ? "non_compliant" : "compliant", evidence: "Biên bản kiểm tra" })),
    findings: [{ text: FINDING, deadline: addDays(today, 30) }],
    complete: true,
  });
  expect(ins.statusCode).toBe(201);
  findingId = ins.json().recommendations.find((r: { text: string }) => r.text === FINDING).id;
}, 240_000);
afterAll(async () => e2e?.close());

describe("the enterprise's inbox on a phone", () => {
  it("answers a forwarded request and closes a finding with a photo; the officer accepts", async () => {
    const { context, page } = await newPage(e2e, PHONE_390);
    await loginAs(page, "doanhnghiep");
    await page.goto("/staff/enterprise/inbox");
    await page.getByRole("heading", { name: "Hộp thư doanh nghiệp" }).waitFor();
    const requestCard = page.getByTestId(`inbox-request-${ref}`);
    await requestCard.waitFor();
    expect(await requestCard.textContent()).toContain(SUMMARY);
    // The worker's own words never reach the employer.
    expect(workerText.length).toBeGreaterThan(10);
    expect(await page.content()).not.toContain(workerText);
    await shot(page, "enterprise-inbox-phone");
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);

    // 1. The forwarded request: a written answer.
    await requestCard.getByRole("link", { name: "Xem và trả lời" }).click();
    await page.getByText(SUMMARY).waitFor();
    await page.getByLabel(/Nội dung trả lời/).fill("Công ty đã lắp thêm 2 bình nước tại xưởng may và khôi phục 15 phút nghỉ giữa ca từ ngày hôm nay.");
    await page.getByRole("button", { name: "Gửi trả lời" }).click();
    await page.getByTestId("exchange-answer").waitFor();
    await shot(page, "enterprise-request-answered-phone");

    // 2. The finding: a file named .jpg that is no photo is refused under the field, then a real photo goes.
    await page.goto(`/staff/enterprise/inbox/finding/${findingId}`);
    await page.getByText(FINDING).first().waitFor();
    await page.getByLabel(/Nội dung trả lời/).fill("Đã lắp tấm che chắn cho máy cắt vải tại xưởng 2, ảnh chụp kèm theo.");
    await page.locator('input[type="file"]').setInputFiles({ name: "anh-che-chan.jpg", mimeType: "image/jpeg", buffer: Buffer.from("day khong phai anh") });
    await page.getByRole("button", { name: "Gửi trả lời" }).click();
    await page.getByText(/Chỉ nhận ảnh JPEG, PNG hoặc tệp PDF/).waitFor();
    await shot(page, "enterprise-finding-bad-file-phone");
    await page.locator('input[type="file"]').setInputFiles({ name: "che-chan-may-cat.jpg", mimeType: "image/jpeg", buffer: JPEG });
    await page.getByRole("button", { name: "Gửi trả lời" }).click();
    await page.getByRole("link", { name: "che-chan-may-cat.jpg" }).waitFor();
    await shot(page, "enterprise-finding-answered-phone");
    await context.close();

    // The zone authority's officer accepts the photo: the finding is closed.
    const desk = await newPage(e2e, DESKTOP);
    await loginAs(desk.page, "bql.canbo");
    await desk.page.goto("/staff/enterprise/decisions");
    const card = desk.page.getByTestId(`pending-finding-${findingId}`);
    await card.waitFor();
    await card.getByRole("link", { name: "che-chan-may-cat.jpg" }).waitFor();
    await shot(desk.page, "enterprise-decisions-desktop");
    await card.getByTestId("decide-accept").click();
    await card.waitFor({ state: "detached" });
    await desk.context.close();
    const [rec] = await e2e.database.rows<{ status: string }>(sql`SELECT status FROM relations_recommendations WHERE id = ${findingId}`);
    expect(rec?.status).toBe("closed");

    // The federation officer (above the responsible union) accepts the answer to the forwarded request.
    const fed = await newPage(e2e, PHONE_390);
    await loginAs(fed.page, "ldld.canbo");
    await fed.page.goto("/staff/enterprise/decisions");
    const reqCard = fed.page.locator('[data-testid^="pending-request-"]').filter({ hasText: ref });
    await reqCard.waitFor();
    await shot(fed.page, "enterprise-decisions-phone");
    await reqCard.getByTestId("decide-accept").click();
    await reqCard.waitFor({ state: "detached" });
    await fed.context.close();

    // The enterprise sees both accepted on its side.
    const back = await newPage(e2e, PHONE_390);
    await loginAs(back.page, "doanhnghiep");
    await back.page.goto(`/staff/enterprise/inbox/finding/${findingId}`);
    await back.page.getByText("Cơ quan đã chấp nhận. Không cần trả lời thêm.").waitFor();
    await back.page.goto("/staff/enterprise/timeline");
    await back.page.getByText("Cơ quan chấp nhận").first().waitFor();
    await shot(back.page, "enterprise-timeline-phone");
    await back.context.close();
  });

  it("files a difficulty from the phone; the zone authority answers it; the enterprise reads the answer", async () => {
    const { context, page } = await newPage(e2e, PHONE_390);
    await loginAs(page, "doanhnghiep");
    await page.goto("/staff/enterprise/difficulties");
    await page.getByRole("heading", { name: "Khó khăn, vướng mắc gửi Ban Quản lý" }).waitFor();
    // Too short: the reason shows under the field, in Vietnamese.
    await page.getByLabel(/^Tiêu đề/).fill("Giấy phép lao động cho chuyên gia");
    await page.getByLabel(/^Nội dung/).fill("ngắn");
    await page.getByRole("button", { name: "Gửi Ban Quản lý" }).click();
    await page.getByText("Nêu nội dung khó khăn, vướng mắc (ít nhất 10 ký tự)").waitFor();
    await page.getByLabel(/^Nội dung/).fill("Doanh nghiệp cần hướng dẫn hồ sơ gia hạn giấy phép lao động cho 3 chuyên gia Nhật Bản.");
    await page.getByRole("button", { name: "Gửi Ban Quản lý" }).click();
    await page.getByText(/Đã gửi \(DN-/).waitFor();
    const [d] = await e2e.database.rows<{ code: string; body: string }>(
      sql`SELECT d.code, b.name AS body FROM enterprise_difficulties d JOIN bodies b ON b.id = d.responsible_body_id WHERE d.enterprise_id = ${enterpriseId} ORDER BY d.id DESC LIMIT 1`,
    );
    expect(d?.body).toContain("Ban Quản lý");
    await page.getByTestId(`difficulty-${d?.code}`).waitFor();
    await shot(page, "enterprise-difficulty-filed-phone");
    await context.close();

    const desk = await newPage(e2e, DESKTOP);
    await loginAs(desk.page, "bql.canbo");
    await desk.page.goto("/staff/enterprise/difficulties");
    const card = desk.page.getByTestId(`difficulty-${d?.code}`);
    await card.waitFor();
    await card.getByLabel("Trả lời").fill("Doanh nghiệp nộp hồ sơ gia hạn theo Nghị định 152/2020/NĐ-CP tại bộ phận một cửa, trước ít nhất 5 ngày làm việc.");
    await card.getByRole("button", { name: "Gửi trả lời" }).click();
    await card.getByText("Đã trả lời").waitFor();
    await shot(desk.page, "enterprise-difficulties-officer-desktop");
    await desk.page.goto("/staff/enterprise/notices");
    await desk.page.getByRole("heading", { name: "Thông báo cho doanh nghiệp" }).waitFor();
    const [ent] = await e2e.database.rows<{ name: string }>(sql`SELECT name FROM enterprises WHERE id = ${enterpriseId}`);
    const word = (ent?.name ?? "").split(" ").at(-3) ?? "";
    await desk.page.getByLabel(/^Tiêu đề/).fill("Báo cáo kế hoạch thưởng Tết 2027");
    await desk.page.getByLabel(/^Nội dung/).fill("Đề nghị doanh nghiệp báo cáo kế hoạch thưởng Tết và lịch nghỉ Tết của người lao động.");
    await desk.page.getByRole("combobox", { name: "Doanh nghiệp nhận" }).fill(word);
    await desk.page.getByRole("option", { name: ent?.name ?? "" }).click();
    // The list stays open for more picks; Escape closes it, as a person would.
    await desk.page.keyboard.press("Escape");
    await desk.page.getByRole("button", { name: "Gửi thông báo" }).click();
    await desk.page.getByText("Đã gửi thông báo đến 1 doanh nghiệp").waitFor();
    await desk.page.getByText("0/1 doanh nghiệp đã trả lời", { exact: false }).waitFor();
    await shot(desk.page, "enterprise-notices-desktop");
    await desk.context.close();

    const back = await newPage(e2e, PHONE_390);
    await loginAs(back.page, "doanhnghiep");
    await back.page.goto("/staff/enterprise/difficulties");
    await back.page
      .getByTestId(`difficulty-${d?.code}`)
      .getByText(/Nghị định 152\/2020/)
      .waitFor();
    await back.page.goto("/staff/enterprise/inbox");
    await back.page.getByText("Báo cáo kế hoạch thưởng Tết 2027").waitFor();
    await back.context.close();
  });
});
