import { sql } from "drizzle-orm";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import path from "node:path";
import { type E2E, SCREENSHOTS, loginAs, newPage, shot, startE2E } from "./harness.ts";

/**
 * Issue 18, what was left of items 4, 5 and 7, on the phone the issue was filed on and on a desktop:
 * the Q&A search understands everyday words (a list administrators edit), the hotline and housing
 * cards show numbers to tap, "Khác" on every list of workplaces, and no dead end around answers.
 */

const SIZES = [
  { name: "390", viewport: { width: 390, height: 844 } },
  { name: "1440", viewport: { width: 1440, height: 900 } },
] as const;
const ADMIN_PASSWORD = "Admin-e2e-12345";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => e2e?.close());

/** What the page shows in its main area, once the data has come. */
async function settle(page: Page) {
  await page.waitForLoadState("networkidle");
  await page.waitForTimeout(200);
}

/** The Q&A page's answers to a search, as the worker types it. */
async function searchQa(page: Page, q: string) {
  await page.goto("/hoi-dap");
  const done = page.waitForResponse((r) => r.url().includes("/api/public/qa") && r.url().includes("q="));
  await page.getByRole("searchbox").fill(q);
  await done;
  await settle(page);
}

describe("the Q&A search finds everyday words", () => {
  for (const size of SIZES) {
    it(`"tăng ca" finds "làm thêm giờ", "đuổi việc" finds "chấm dứt hợp đồng", "bau" finds "thai sản" (${size.name} px)`, async () => {
      const { context, page } = await newPage(e2e, size.viewport);
      await searchQa(page, "tăng ca");
      await page.getByText("Làm thêm giờ vào ngày thường được trả lương như thế nào?").waitFor();
      // The worker is told which words were searched too, so the answer about "làm thêm giờ" makes sense.
      await page.getByText(/tìm cả các từ cùng nghĩa: .*“làm thêm giờ”/).waitFor();
      await shot(page, `ux-finish-qa-synonyms-${size.name}`);

      await searchQa(page, "đuổi việc");
      await page.getByText("Công ty đơn phương chấm dứt hợp đồng lao động thì phải báo trước bao lâu?").waitFor();
      // Without diacritics as well.
      await searchQa(page, "bau");
      await page.getByText("Lao động nữ sinh con được nghỉ chế độ thai sản bao lâu?").waitFor();
      // Nothing found still offers to ask.
      await searchQa(page, "zyxw khong co cau nay");
      await page.getByRole("link", { name: "Gửi câu hỏi của bạn (có thể ẩn danh)" }).waitFor();
      await context.close();
    });
  }

  it("an administrator adds a group on the staff page (audited) and the public search follows; an officer only reads it", async () => {
    for (const size of SIZES) {
      const { context, page } = await newPage(e2e, size.viewport);
      await loginAs(page, "admin", ADMIN_PASSWORD);
      await page.goto("/staff/requests/qa");
      await page.getByRole("link", { name: "Từ đồng nghĩa" }).click();
      await page.waitForURL(/\/staff\/requests\/qa\/synonyms$/);
      await page.getByTestId("synonym-group").filter({ hasText: "tăng ca" }).waitFor();
      await settle(page);
      await shot(page, `ux-finish-synonyms-page-${size.name}`);
      const word = size.name === "390" ? "nguyệt liễm" : "tiền nguyệt phí";
      await page.getByRole("button", { name: "Thêm nhóm từ" }).click();
      const dialog = page.getByRole("dialog");
      // A word already in a group and a word too short are refused, under the field.
      await dialog.getByLabel(/Các từ cùng nghĩa/).fill(`đoàn phí\ntăng ca\nđp`);
      await dialog.getByRole("button", { name: "Lưu" }).click();
      await dialog.getByText(/"tăng ca" đã có trong nhóm/).waitFor();
      await dialog.getByText(/"đp" quá ngắn/).waitFor();
      await shot(page, `ux-finish-synonyms-error-${size.name}`);
      await dialog.getByLabel(/Các từ cùng nghĩa/).fill(size.name === "390" ? `đoàn phí\n${word}` : `phí công đoàn\n${word}`);
      await dialog.getByRole("button", { name: "Lưu" }).click();
      await dialog.waitFor({ state: "hidden" });
      await page.getByTestId("synonym-group").filter({ hasText: word }).waitFor();
      const [audited] = await e2e.database.rows<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'voice_qa_synonyms_create' AND username = 'admin' AND after::text LIKE ${`%${word}%`}`,
      );
      expect(audited?.n).toBe(1);
      await context.close();

      const worker = await newPage(e2e, size.viewport);
      await searchQa(worker.page, word);
      await worker.page.getByText("Đoàn phí công đoàn đóng bao nhiêu?").waitFor();
      await worker.context.close();
    }
    // An officer reads the list and is told who may change it; no button to change it.
    const { context, page } = await newPage(e2e, SIZES[0].viewport);
    await loginAs(page, "ldld.canbo");
    await page.goto("/staff/requests/qa/synonyms");
    await page.getByText("Chỉ quản trị hệ thống được sửa danh sách này", { exact: false }).waitFor();
    await page.getByTestId("synonym-group").first().waitFor();
    expect(await page.getByRole("button", { name: "Thêm nhóm từ" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: /^Sửa/ }).count()).toBe(0);
    await context.close();
  });
});

describe("the hotline and housing contacts show their numbers", () => {
  for (const size of SIZES) {
    it(`the portal shows the bodies' numbers as tap-to-call links (${size.name} px)`, async () => {
      const { context, page } = await newPage(e2e, size.viewport);
      await page.goto("/");
      const hotline = page.getByTestId("hotline");
      await hotline.getByText("Đường dây nóng 24/7").waitFor();
      const call = hotline.getByRole("link", { name: /0225 3842 609/ });
      await call.waitFor();
      expect(await call.getAttribute("href")).toBe("tel:02253842609");
      await settle(page);
      await shot(page, `ux-finish-hotline-${size.name}`);

      await page.goto("/nha-o-cong-nhan");
      const housing = page.getByTestId("housing-contacts");
      const links = housing.getByRole("link");
      await links.first().waitFor();
      const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute("href")));
      expect(hrefs).toContain("tel:02253836157");
      expect(hrefs.every((h) => /^tel:\+?\d{4,15}$/.test(h ?? ""))).toBe(true);
      await settle(page);
      await shot(page, `ux-finish-housing-contacts-${size.name}`);
      await context.close();
    });
  }

  it("the federation's administrator changes the hotline on the bodies page; the portal shows the new number", async () => {
    const { context, page } = await newPage(e2e, SIZES[1].viewport);
    await loginAs(page, "ldld.quantri");
    await page.goto("/staff/admin/bodies");
    await page.locator("tbody tr").filter({ hasText: "Liên đoàn Lao động thành phố Hải Phòng" }).first().click();
    const dialog = page.getByRole("dialog");
    const field = dialog.getByLabel(/Đường dây nóng/);
    expect(await field.inputValue()).toBe("0225 3842 609");
    await shot(page, "ux-finish-body-contacts-1440");
    await field.fill("0225 abc");
    await dialog.getByRole("button", { name: "Lưu" }).click();
    await dialog.getByText(/Số điện thoại chưa đúng/).waitFor();
    await field.fill("0225.3842.700");
    await dialog.getByRole("button", { name: "Lưu" }).click();
    await dialog.waitFor({ state: "hidden" });
    const [row] = await e2e.database.rows<{ hotline: string }>(sql`SELECT hotline_phone AS hotline FROM bodies WHERE kind = 'federation' ORDER BY id LIMIT 1`);
    expect(row?.hotline).toBe("02253842700");
    await context.close();

    // The same form on a phone.
    const phone = await newPage(e2e, SIZES[0].viewport);
    await loginAs(phone.page, "ldld.quantri");
    await phone.page.goto("/staff/admin/bodies");
    await phone.page.getByTestId("row-cards").getByText("Liên đoàn Lao động thành phố Hải Phòng", { exact: true }).first().click();
    await phone.page
      .getByRole("dialog")
      .getByLabel(/Số hỗ trợ nhà ở/)
      .waitFor();
    // The dialog as the phone shows it (a full-page shot stretches the list behind it).
    await phone.page.waitForTimeout(300);
    await phone.page.screenshot({ path: path.join(SCREENSHOTS, "ux-finish-body-contacts-390.png") });
    await phone.context.close();

    const worker = await newPage(e2e, SIZES[0].viewport);
    await worker.page.goto("/");
    const call = worker.page.getByTestId("hotline").getByRole("link", { name: /0225 3842 700/ });
    await call.waitFor();
    expect(await call.getAttribute("href")).toBe("tel:02253842700");
    await worker.context.close();
  });
});

describe('"Khác" on lists of workplaces, and no dead end around the answer', () => {
  for (const size of SIZES) {
    it(`a worker names a workplace not in the list; staff see it unmatched; the author cannot approve their own draft; publishing asks first (${size.name} px)`, async () => {
      const workplace = `Xưởng may gia công cô Lụa ${size.name}, thôn Tân Tiến, An Dương`;
      const { context, page } = await newPage(e2e, size.viewport);
      await page.goto("/gui-yeu-cau");
      await page.getByLabel("Khiếu nại").check();
      await page.getByLabel("Về vấn đề").selectOption({ label: "Làm thêm giờ" });
      await page.getByLabel("Khác (không có trong danh sách)").check();
      // The list gives way to a field for the name; sending without it says what is missing, on the field.
      expect(await page.getByLabel("Doanh nghiệp", { exact: true }).count()).toBe(0);
      await page.getByLabel(/Tiêu đề ngắn/).fill("Xưởng không trả tiền làm thêm giờ");
      await page.getByLabel(/Nội dung/).fill("Chúng tôi làm thêm 3 giờ mỗi tối suốt tháng 11 nhưng chủ xưởng chỉ trả lương ngày, không có tiền làm thêm.");
      await page.getByLabel(/Gửi ẩn danh/).check();
      await page.getByLabel("Tôi đã đọc và đồng ý").check();
      await page.getByRole("button", { name: "Gửi yêu cầu" }).click();
      await page.getByText("Nhập tên nơi làm việc").waitFor();
      await page.getByLabel(/Tên nơi làm việc/).fill(workplace);
      await shot(page, `ux-finish-other-workplace-form-${size.name}`);
      const submitted = page.waitForResponse((r) => r.url().endsWith("/api/public/requests") && r.request().method() === "POST", { timeout: 60_000 });
      await page.getByRole("button", { name: "Gửi yêu cầu" }).click();
      const response = await submitted;
      expect(response.status()).toBe(201);
      const { code } = (await response.json()) as { code: string };
      await context.close();

      // Kept as text: no enterprise invented, none matched.
      const [req] = await e2e.database.rows<{ id: number; enterpriseId: number | null; enterpriseName: string }>(
        sql`SELECT id, enterprise_id AS "enterpriseId", enterprise_name AS "enterpriseName" FROM voice_requests WHERE code = ${code}`,
      );
      expect(req).toMatchObject({ enterpriseId: null, enterpriseName: workplace });
      const [made] = await e2e.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM enterprises WHERE name = ${workplace}`);
      expect(made?.n).toBe(0);

      // The officer sees the workplace marked as not in the list.
      const officer = await newPage(e2e, size.viewport);
      const o = officer.page;
      await loginAs(o, "ldld.canbo");
      await o.goto(`/staff/requests/${req?.id}`);
      await o.getByText(workplace).first().waitFor();
      await o.getByTestId("unmatched-workplace").first().waitFor();
      expect(await o.getByTestId("unmatched-workplace").first().textContent()).toBe("Ngoài danh sách");
      // Nothing to forward it to: no card offering to.
      expect(await o.getByText("Chuyển doanh nghiệp", { exact: true }).count()).toBe(0);
      // The transfer dialog says what its field searches.
      await o.getByRole("button", { name: "Chuyển đơn vị" }).click();
      const transfer = o.getByRole("dialog");
      const to = transfer.getByLabel("Đơn vị nhận: gõ tên đơn vị để tìm");
      await to.fill("Khu kinh tế");
      await o
        .getByRole("option", { name: /Khu kinh tế/ })
        .first()
        .waitFor();
      await shot(o, `ux-finish-transfer-label-${size.name}`);
      await o.keyboard.press("Escape");
      await o.keyboard.press("Escape");
      await transfer.waitFor({ state: "hidden" });

      // The author drafts the answer and is not offered to approve it.
      await o.getByRole("button", { name: "Phân công cho tôi" }).click();
      await o.getByRole("button", { name: "Phân công cho tôi" }).waitFor({ state: "detached" });
      await o
        .locator("textarea")
        .first()
        .fill("Theo Điều 98 Bộ luật Lao động 2019, làm thêm giờ ngày thường được trả ít nhất 150% tiền lương. Công đoàn sẽ làm việc với chủ xưởng.");
      await o.getByRole("button", { name: "Gửi duyệt" }).click();
      await o.getByText("Chờ một cán bộ khác duyệt (người soạn không tự duyệt).").waitFor();
      expect(await o.getByRole("button", { name: "Duyệt", exact: true }).count()).toBe(0);
      await shot(o, `ux-finish-author-no-approve-${size.name}`);
      await officer.context.close();

      // Another officer approves; publishing asks first, and nothing is published until confirmed.
      const head = await newPage(e2e, size.viewport);
      const h = head.page;
      await loginAs(h, "ldld.quantri");
      await h.goto(`/staff/requests/${req?.id}`);
      await h.getByRole("button", { name: "Duyệt", exact: true }).click();
      await h.getByRole("button", { name: "Công bố cho người gửi" }).click();
      const confirm = h.getByRole("dialog", { name: "Công bố câu trả lời?" });
      await confirm.waitFor();
      const [before] = await e2e.database.rows<{ status: string }>(sql`SELECT answer_status AS status FROM voice_requests WHERE id = ${req?.id ?? 0}`);
      expect(before?.status).toBe("approved");
      await confirm.getByRole("button", { name: "Công bố cho người gửi" }).click();
      await h.getByText("Đã công bố").first().waitFor();
      await head.context.close();
    });
  }

  it('the union-join form and the hotline intake offer "Khác" too; the join request keeps the name as text', async () => {
    for (const [i, size] of SIZES.entries()) {
      const workplace = `Cửa hàng vật liệu xây dựng Minh Phát ${size.name}`;
      const { context, page } = await newPage(e2e, size.viewport);
      await page.goto("/gia-nhap-cong-doan");
      await page.getByLabel("Số điện thoại").fill(`0912 345 60${i}`);
      await page.getByLabel("Họ và tên").fill("Trần Thị Lụa");
      await page.getByLabel("Ngày sinh (dd/mm/yyyy)").fill("15/08/1999");
      await page.getByLabel("Số CCCD (12 chữ số)").fill(`03119900432${i + 5}`);
      await page.getByLabel("Khác (không có trong danh sách)").check();
      await page.getByLabel(/Tên nơi làm việc/).fill(workplace);
      await page.getByLabel(/Tôi đồng ý/).check();
      await shot(page, `ux-finish-join-other-${size.name}`);
      await page.getByRole("button", { name: "Gửi đăng ký" }).click();
      const code = (await page.getByTestId("join-code").textContent()) ?? "";
      const [row] = await e2e.database.rows<{ enterpriseId: number | null; enterpriseName: string }>(
        sql`SELECT enterprise_id AS "enterpriseId", enterprise_name AS "enterpriseName" FROM care_join_requests WHERE code = ${code}`,
      );
      expect(row).toMatchObject({ enterpriseId: null, enterpriseName: workplace });
      await context.close();

      // The officer's list of join requests marks it.
      const officer = await newPage(e2e, size.viewport);
      await loginAs(officer.page, "ldld.canbo");
      await officer.page.goto("/staff/care/join-requests");
      await officer.page.getByText(workplace).first().waitFor();
      await officer.page.getByTestId("unmatched-workplace").first().waitFor();
      // The hotline intake: the same choice, the list gives way to the name.
      await officer.page.goto("/staff/requests/new");
      await officer.page.getByLabel("Khác (không có trong danh sách)").check();
      await officer.page.getByLabel(/Tên nơi làm việc/).waitFor();
      await settle(officer.page);
      await shot(officer.page, `ux-finish-intake-other-${size.name}`);
      await officer.context.close();
    }
  });

  for (const size of SIZES) {
    it(`publishing a Q&A entry asks first; the public 404 leads back to the portal (${size.name} px)`, async () => {
      const question = `Công ty có được trừ lương khi đi muộn không? (${size.name})`;
      const { context, page } = await newPage(e2e, size.viewport);
      await loginAs(page, "ldld.canbo");
      const made = await page.request.post("/api/voice/qa", {
        data: {
          question,
          answer: "Không được phạt tiền, cắt lương thay cho xử lý kỷ luật lao động.",
          citations: ["Điều 127 Bộ luật Lao động 2019"],
          validFrom: "2021-01-01",
        },
        headers: { "x-csrf-token": await csrf(page) },
      });
      expect(made.status()).toBe(201);
      const { id } = (await made.json()) as { id: number };
      await page.goto("/staff/requests/qa");
      const card = page.locator(".mantine-Card-root").filter({ hasText: question });
      await card.getByRole("button", { name: "Công bố" }).click();
      const confirm = page.getByRole("dialog", { name: "Công bố mục hỏi đáp?" });
      await confirm.waitFor();
      await shot(page, `ux-finish-qa-publish-confirm-${size.name}`);
      const [pending] = await e2e.database.rows<{ published: boolean }>(sql`SELECT published_at IS NOT NULL AS published FROM voice_qa WHERE id = ${id}`);
      expect(pending?.published).toBe(false);
      await confirm.getByRole("button", { name: "Công bố" }).click();
      await confirm.waitFor({ state: "hidden" });
      await expect
        .poll(
          async () =>
            (await e2e.database.rows<{ published: boolean }>(sql`SELECT published_at IS NOT NULL AS published FROM voice_qa WHERE id = ${id}`))[0]?.published,
        )
        .toBe(true);
      await context.close();

      const worker = await newPage(e2e, size.viewport);
      await worker.page.goto("/trang-khong-co-that");
      const back = worker.page.getByRole("link", { name: "Về cổng thông tin người lao động" });
      await back.waitFor();
      expect(await back.getAttribute("href")).toBe("/");
      await shot(worker.page, `ux-finish-public-404-${size.name}`);
      await back.click();
      await worker.page.getByText("Đường dây nóng 24/7").waitFor();
      await worker.context.close();
    });
  }
});

/** The CSRF token a signed-in page sends with writes (from /api/auth/me). */
async function csrf(page: Page): Promise<string> {
  const me = (await (await page.request.get("/api/auth/me")).json()) as { csrfToken?: string };
  return me.csrfToken ?? "";
}
