import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DESKTOP, type E2E, PHONE, loginAs, newPage, shot, startE2E } from "./harness.ts";

/** Issue 6: an activity typed wrong is corrected from the list, then removed. */
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => e2e?.close());

const TITLE = "Tập huấn an toàn, vệ sinh lao động cho tổ trưởng sản xuất KCN Nomura";
// A day of its own, so the totals line counts this activity alone.
const LIST = "/staff/coordination/activities?from=2019-03-15&to=2019-03-15";

async function activities() {
  return e2e.database.rows<{ id: number; participants: number }>(sql`SELECT id, participants FROM activities WHERE held_on = '2019-03-15'`);
}

describe("an officer corrects an activity's participants, then deletes it", () => {
  it("records 2.500 by mistake, corrects it to 250 and the list's totals follow; a leader sees no edit action", async () => {
    expect(await activities()).toEqual([]);
    const { context, page } = await newPage(e2e, DESKTOP);
    await loginAs(page, "ldld.canbo");
    await page.goto("/staff/coordination/activities");
    await page.getByRole("button", { name: "Ghi hoạt động" }).click();
    const add = page.getByRole("dialog");
    await add.getByLabel(/Tên hoạt động/).fill(TITLE);
    await add.getByLabel(/^Ngày/).first().fill("15/03/2019");
    await add.getByLabel(/^Ngày/).first().press("Tab");
    await add.getByLabel("Người tham gia").fill("2500");
    await add.getByRole("button", { name: "Lưu" }).click();
    await add.waitFor({ state: "hidden" });
    expect((await activities()).map((a) => a.participants)).toEqual([2500]);

    await page.goto(LIST);
    await page.getByText("1 hoạt động · 1 lớp/buổi · 2.500 lượt người tham gia").waitFor();
    await page.getByRole("cell", { name: "2.500", exact: true }).waitFor();
    await page.getByRole("button", { name: `Sửa hoạt động: ${TITLE}` }).click();
    const edit = page.getByRole("dialog", { name: "Sửa hoạt động" });
    // The form opens filled in with what was recorded.
    await expect.poll(() => edit.getByLabel(/Tên hoạt động/).inputValue()).toBe(TITLE);
    expect(await edit.getByLabel("Người tham gia").inputValue()).toBe("2.500");
    expect(await edit.getByLabel(/^Ngày/).first().inputValue()).toBe("15/03/2019");
    await edit.getByLabel("Người tham gia").fill("250");
    await shot(page, "activity-edit-desktop");
    await edit.getByRole("button", { name: "Lưu" }).click();
    await edit.waitFor({ state: "hidden" });
    await page.getByText("1 hoạt động · 1 lớp/buổi · 250 lượt người tham gia").waitFor();
    await page.getByRole("cell", { name: "250", exact: true }).waitFor();
    await shot(page, "activity-corrected-desktop");
    expect((await activities()).map((a) => a.participants)).toEqual([250]);
    await context.close();

    // The federation's leader reads activities but may not change them: no actions on the rows.
    const leader = await newPage(e2e, DESKTOP);
    await loginAs(leader.page, "lanhdao");
    await leader.page.goto(LIST);
    await leader.page.getByText("1 hoạt động · 1 lớp/buổi · 250 lượt người tham gia").waitFor();
    expect(await leader.page.getByRole("button", { name: /^(Sửa|Xóa) hoạt động/ }).count()).toBe(0);
    await leader.context.close();
  });

  it("deletes it on a phone after a confirmation naming it", async () => {
    const [activity] = await activities();
    const { context, page } = await newPage(e2e, PHONE);
    await loginAs(page, "ldld.canbo");
    await page.goto(LIST);
    await page.getByRole("button", { name: `Xóa hoạt động: ${TITLE}` }).click();
    const confirm = page.getByRole("dialog", { name: "Xóa hoạt động" });
    await confirm.getByText(`Xóa hoạt động “${TITLE}” ngày 15/03/2019 (250 người tham gia)?`).waitFor();
    await shot(page, "activity-delete-confirm-phone");
    // Cancelling changes nothing.
    await confirm.getByRole("button", { name: "Hủy" }).click();
    await confirm.waitFor({ state: "hidden" });
    expect(await activities()).toHaveLength(1);

    await page.getByRole("button", { name: `Xóa hoạt động: ${TITLE}` }).click();
    await confirm.getByRole("button", { name: "Xóa", exact: true }).click();
    await page.getByText(`Đã xóa hoạt động “${TITLE}”`).waitFor();
    await page.getByText("0 hoạt động · 0 lớp/buổi · 0 lượt người tham gia").waitFor();
    await shot(page, "activity-deleted-phone");
    expect(await activities()).toEqual([]);
    const audit = await e2e.database.rows<{ action: string }>(
      sql`SELECT action FROM audit_log WHERE object_type = 'activity' AND object_id = ${String(activity?.id)} ORDER BY id`,
    );
    expect(audit.map((a) => a.action)).toEqual(["create", "update", "delete"]);
    await context.close();
  });
});
