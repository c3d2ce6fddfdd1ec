import { createHmac } from "node:crypto";
import path from "node:path";
import { sql } from "drizzle-orm";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatPhone } from "#shared/identifiers.ts";
import { HOTLINE_SECRET } from "./config.ts";
import { DESKTOP, type E2E, PHONE, SCREENSHOTS, loginAs, newPage, shot, startE2E } from "./harness.ts";

/**
 * The hotline on the officer's screen (issue 21, item 6): the PBX reports a call by its signed webhook,
 * the card pops on the screen of the federation's officer with the caller's membership, "Tạo yêu cầu"
 * opens the intake form pre-filled, and the call log links the call to the request it became. A missed
 * call after hours pops on a phone too and waits in the call-back list.
 */
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => e2e?.close());

const LINE = "02253842609"; // the federation's hotline in the demo city

/** What a call centre sends: the body signed with the shared secret. */
async function reportCall(body: { callId: string; caller: string; at: string; status: "missed" | "answered" }) {
  const raw = JSON.stringify({ ...body, line: LINE });
  const ts = String(Math.floor(Date.now() / 1000));
  const res = await fetch(`${e2e.baseUrl}/api/voice/calls`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-hotline-timestamp": ts,
      "x-hotline-signature": createHmac("sha256", HOTLINE_SECRET).update(`${ts}.${raw}`).digest("hex"),
    },
    body: raw,
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: number }).id;
}

/** The stream is open once the page has asked for it: a call reported before would not pop. */
async function waitForStream(page: Page) {
  await page.waitForResponse((r) => r.url().includes("/api/voice/calls/stream"), { timeout: 30_000 });
}

describe("a hotline call pops on the officer's screen", () => {
  it("shows the caller's card, opens the intake pre-filled, and the call log links the request", async () => {
    const [member] = await e2e.database.rows<{ phone: string; fullName: string }>(
      sql`SELECT p.phone, p.full_name AS "fullName" FROM people p JOIN memberships m ON m.person_id = p.id AND m.valid_to IS NULL
          WHERE p.phone ~ '^0[0-9]{9}$' AND (SELECT count(*) FROM people q WHERE q.phone = p.phone) = 1 ORDER BY p.id LIMIT 1`,
    );
    if (!member) throw new Error("no member with a phone in the demo city");

    // The portal's hotline card shows the number a worker taps.
    const worker = await newPage(e2e, PHONE);
    await worker.page.goto("/");
    await worker.page.getByTestId("hotline").locator('a[href="tel:02253842609"]').waitFor();
    await worker.context.close();

    const [{ officerName } = { officerName: "" }] = await e2e.database.rows<{ officerName: string }>(
      sql`SELECT full_name AS "officerName" FROM users WHERE username = 'ldld.canbo'`,
    );
    const officer = await newPage(e2e, DESKTOP);
    const o = officer.page;
    const stream = waitForStream(o);
    await loginAs(o, "ldld.canbo");
    await stream;
    await o.getByRole("heading", { name: "Bảng điều khiển" }).waitFor();
    const callId = `e2e-${Date.now()}`;
    const id = await reportCall({ callId, caller: member.phone, at: new Date().toISOString(), status: "answered" });
    const card = o.getByTestId("call-card");
    await card.getByText(formatPhone(member.phone)).waitFor({ timeout: 15_000 });
    await card.getByText(member.fullName).waitFor();
    // The card floats over the page: the screen as the officer sees it, not the whole page.
    await o.screenshot({ path: path.join(SCREENSHOTS, "hotline-card-desktop.png") });

    await card.getByRole("button", { name: "Tạo yêu cầu" }).click();
    await o.waitForURL(/\/staff\/requests\/new\?callId=/);
    await o.getByText(`Tiếp nhận từ cuộc gọi của ${member.phone}`).waitFor();
    expect(await o.getByLabel("Kênh tiếp nhận").inputValue()).toBe("hotline");
    expect(await o.getByLabel("Số điện thoại", { exact: true }).inputValue()).toBe(member.phone);
    await o.getByLabel(/Họ và tên/).fill(member.fullName);
    await o.getByLabel(/Tiêu đề ngắn/).fill("Hỏi về tiền làm thêm giờ ngày Chủ nhật");
    await o.getByLabel(/Nội dung/).fill("Người lao động gọi đường dây nóng hỏi cách tính tiền làm thêm giờ vào ngày Chủ nhật.");
    await o.getByLabel(/Đã đọc điều khoản/).check();
    const saved = o.waitForResponse((r) => r.url().endsWith("/api/voice/requests") && r.request().method() === "POST");
    await o.getByRole("button", { name: "Lưu" }).click();
    const res = await saved;
    expect(res.status()).toBe(201);
    const { code } = (await res.json()) as { code: string };
    const [linked] = await e2e.database.rows<{ requestId: number | null }>(sql`SELECT request_id AS "requestId" FROM voice_calls WHERE id = ${id}`);
    expect(linked?.requestId).not.toBeNull();
    // The request names the call it came from.
    await o.getByRole("link", { name: "Xem" }).click();
    await o.getByText(/cuộc gọi lúc .*, đường dây 0225 3842 609/).waitFor();

    await o.goto("/staff/requests/calls");
    await o.getByRole("link", { name: code }).first().waitFor();
    // Nobody was on duty: the call went to every officer of the federation, and the log says so.
    await o.getByText("Không có ai trực").first().waitFor();
    // The officer takes the shift on the federation's line: from now on its calls pop up for those on duty only.
    const panel = o.getByTestId("duty-panel");
    await panel.getByRole("combobox", { name: "Đường dây" }).click();
    await o.getByRole("option", { name: formatPhone(LINE) }).click();
    await panel.getByRole("button", { name: "Nhận ca trực" }).click();
    await panel.getByText(`Bạn đang trực đường dây ${formatPhone(LINE)}`, { exact: false }).waitFor();
    await panel.getByTestId(`duty-line-${LINE}`).getByText(officerName).waitFor();
    await shot(o, "hotline-log-desktop");
    await o.setViewportSize({ width: 1440, height: 900 });
    await shot(o, "hotline-duty-1440");

    // A missed call on a Friday evening, on the officer's phone: it pops, and waits to be called back on Monday noon.
    const phone = await newPage(e2e, PHONE);
    const p = phone.page;
    const phoneStream = waitForStream(p);
    await loginAs(p, "ldld.canbo");
    await phoneStream;
    await reportCall({ callId: `${callId}-missed`, caller: "0987654321", at: "2026-12-11T20:15:00+07:00", status: "missed" });
    await p.getByTestId("call-card").getByText("Cuộc gọi nhỡ").waitFor({ timeout: 15_000 });
    await p.getByTestId("call-card").getByText("Trong sổ đoàn viên").waitFor();
    await p.screenshot({ path: path.join(SCREENSHOTS, "hotline-card-phone.png") });
    await p.getByRole("button", { name: "Đóng", exact: true }).click();
    await p.goto("/staff/requests/calls?tab=callbacks");
    await p.getByText(formatPhone("0987654321")).first().waitFor();
    await p.getByText("14/12/2026 12:00").first().waitFor();
    await shot(p, "hotline-callbacks-phone");
    await p.goto("/staff/requests/calls");
    await p.getByText(code).first().waitFor();
    await shot(p, "hotline-log-phone");
    await p.setViewportSize({ width: 390, height: 844 });
    await shot(p, "hotline-duty-390");
    await p.getByTestId("duty-panel").getByRole("button", { name: "Kết thúc ca trực" }).click();
    await p.getByTestId("duty-panel").getByRole("button", { name: "Nhận ca trực" }).waitFor();
    // The shift ended, the panel names nobody; the missed call came while the officer was on duty, and the log names them.
    await p.getByTestId(`duty-line-${LINE}`).getByText("Không có ai trực").waitFor();
    await p.locator("#noi-dung").getByText(officerName).first().waitFor();
    await shot(p, "hotline-duty-ended-phone");

    // The federation's administrator sees which body takes each line and its hours.
    const admin = await newPage(e2e, DESKTOP);
    await loginAs(admin.page, "ldld.quantri");
    await admin.page.goto("/staff/requests/calls?tab=lines");
    await admin.page.getByText(formatPhone(LINE)).first().waitFor();
    await admin.page.getByText("07:00–17:00").first().waitFor();
    await shot(admin.page, "hotline-lines-desktop");
  });
});
