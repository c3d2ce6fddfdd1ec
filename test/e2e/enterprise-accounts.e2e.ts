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
      .getByText(/^Kỳ tới: .*hạn nộp \d{2}\/\d{2}\/\d{4}/)
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

    // The representative invites an accountant who may only file the report.
    await phone.page.goto("/staff/eheza/colleagues");
    await phone.page.getByLabel("Họ tên người được mời").fill("Lê Văn Kế Toán");
    await phone.page.getByRole("button", { name: "Tạo mã kích hoạt" }).click();
    await phone.page.getByTestId("invite-code").waitFor();
    await phone.page.getByRole("cell", { name: "Lê Văn Kế Toán" }).waitFor();
    await shot(phone.page, "enterprise-colleagues-desktop");
    const [inv] = await e2e.database.rows<{ rights: string[] }>(sql`SELECT rights FROM enterprise_invites WHERE full_name = 'Lê Văn Kế Toán'`);
    expect(inv?.rights).toEqual(["report"]);

    // A token for the HR system: shown once, expiring, with the rights chosen.
    await phone.page.setViewportSize(PHONE_390);
    await phone.page.goto("/staff/account");
    await phone.page.getByLabel("Quản lý tài khoản đồng nghiệp").uncheck();
    await phone.page.getByLabel("Tên mã").fill("Phần mềm nhân sự");
    await phone.page.getByRole("button", { name: /Tạo mã/ }).click();
    const token = (await phone.page.locator("code", { hasText: /^cn_[\w-]{40,}$/ }).textContent()) ?? "";
    expect(token).toMatch(/^cn_/);
    await shot(phone.page, "enterprise-token-phone");
    await phone.context.close();
    const viaToken = await e2e.app.inject({ method: "GET", url: "/api/auth/me", headers: { authorization: `Bearer ${token}` } });
    expect(viaToken.statusCode).toBe(200);
    expect(viaToken.json().permissions).toContain("enterprise:report");
    expect(viaToken.json().permissions).not.toContain("enterprise:manage");

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
