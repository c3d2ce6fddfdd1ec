import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type E2E, loginAs, newPage, shot, startE2E } from "./harness.ts";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => e2e?.close());

const PHONE_390 = { width: 390, height: 844 };
const DESKTOP_1440 = { width: 1440, height: 900 };

describe("an enterprise's account, from the authority's invitation to its home on a phone", () => {
  it("the officer invites, the HR officer activates on a 390 px phone and lands on the enterprise's home", async () => {
    // An active enterprise with a grassroots union and no account yet.
    const [ent] = await e2e.database.rows<{ id: number; name: string; taxCode: string; unionName: string }>(
      sql`SELECT e.id, e.name, e.tax_code AS "taxCode", u.name AS "unionName" FROM enterprises e
          JOIN union_enterprises ue ON ue.enterprise_id = e.id JOIN unions u ON u.id = ue.union_id
          WHERE e.status = 'active' AND NOT EXISTS (SELECT 1 FROM users x WHERE x.body_id = e.id) ORDER BY e.id LIMIT 1`,
    );
    if (!ent) throw new Error("the demo city has no enterprise with a union");

    // The zone authority's officer opens the enterprise's accounts and makes an activation code.
    const officer = await newPage(e2e, DESKTOP_1440);
    await loginAs(officer.page, "bql.canbo");
    await officer.page.goto(`/staff/accounts/enterprises?enterprise=${ent.id}`);
    await officer.page.getByTestId("invite-taxcode").getByText(ent.taxCode).waitFor();
    await officer.page.getByLabel("Họ tên người được mời").fill("Nguyễn Thị Nhân Sự");
    await officer.page.getByRole("button", { name: "Tạo mã kích hoạt" }).click();
    const link = (await officer.page.getByTestId("invite-link").textContent()) ?? "";
    expect(link).toMatch(/\/kich-hoat#ma=[A-Z2-9-]{24}$/);
    await officer.page.getByText(/chưa cấu hình gửi thư/).waitFor();
    await shot(officer.page, "enterprise-invite-desktop");
    await officer.context.close();

    // The HR officer opens the link on a phone: the enterprise and its tax code, then a username and password.
    const phone = await newPage(e2e, PHONE_390);
    const requests: string[] = [];
    phone.page.on("request", (r) => requests.push(r.url()));
    await phone.page.goto(new URL(link).pathname + new URL(link).hash);
    await phone.page.getByTestId("activation-enterprise").getByText(ent.name).waitFor();
    await phone.page.getByText(ent.taxCode).waitFor();
    // The code left the address bar at once, and no request carried it in a URL.
    expect(phone.page.url()).not.toContain("#ma=");
    const code = link.split("#ma=")[1] ?? "";
    expect(requests.filter((u) => u.includes(code) || u.includes(code.replace(/-/g, "")))).toEqual([]);
    expect(await phone.page.getByLabel("Họ và tên").inputValue()).toBe("Nguyễn Thị Nhân Sự");
    await phone.page.getByLabel("Tên đăng nhập").fill("nhansu.e2e");
    await phone.page.getByLabel("Mật khẩu", { exact: true }).fill("password12");
    await phone.page.getByLabel("Nhập lại mật khẩu").fill("password12");
    await phone.page.getByRole("button", { name: "Kích hoạt và đăng nhập" }).click();
    // The password policy speaks under the field, in Vietnamese.
    await phone.page.getByText(/danh sách mật khẩu phổ biến/).waitFor();
    await shot(phone.page, "enterprise-activate-refused-phone");
    await phone.page.getByLabel("Mật khẩu", { exact: true }).fill("Cang-Dinh-Vu-2468");
    await phone.page.getByLabel("Nhập lại mật khẩu").fill("Cang-Dinh-Vu-2468");
    await phone.page.getByRole("button", { name: "Kích hoạt và đăng nhập" }).click();

    // Signed in, on the enterprise's home: its compliance picture and its union's contact.
    await phone.page.waitForURL(/\/staff\/eheza$/);
    await phone.page.getByRole("heading", { name: ent.name }).waitFor();
    await phone.page.getByTestId("home-union").getByText(ent.unionName).waitFor();
    await phone.page
      .getByTestId("home-report")
      .getByText(/hạn nộp \d{2}\/\d{2}\/\d{4}/)
      .waitFor();
    await phone.page.getByTestId("home-findings").waitFor();
    const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(phone.page, "enterprise-home-phone");

    // The same page at the desktop width.
    await phone.page.setViewportSize(DESKTOP_1440);
    await phone.page.reload();
    await phone.page.getByRole("heading", { name: ent.name }).waitFor();
    await shot(phone.page, "enterprise-home-desktop");
    await phone.context.close();

    // The code is spent: a second activation is refused in Vietnamese.
    const again = await e2e.app.inject({
      method: "POST",
      url: "/api/public/activation/check",
      payload: { code },
      remoteAddress: "10.9.9.9",
    });
    expect(again.statusCode).toBe(400);
    expect(again.json().detail).toContain("đã được dùng");
  });
});
