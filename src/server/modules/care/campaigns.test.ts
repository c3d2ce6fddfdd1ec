import ExcelJS from "exceljs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, type TestApp, auditCount, createTestApp } from "../../../../test/support/app.ts";
import { type TestCity, buildCity, buildEnterprise, buildPerson, buildUnion, buildUser } from "../../../../test/support/factories.ts";

let t: TestApp;
let city: TestCity;
let fed: Client;
let unionA: { id: number; name: string };
let unionB: { id: number; name: string };
let entA: { id: number; name: string };
let entB: { id: number; name: string };
let officerA: Client;
let officerB: Client;

async function signIn(role: Parameters<typeof buildUser>[1], bodyId: number) {
  const u = await buildUser(t.database, role, bodyId);
  const c = new Client(t.app);
  await c.login(u.username, u.password);
  return c;
}

/** An .xlsx beneficiary list with Vietnamese headings, as a union would send it. */
async function xlsx(
  rows: (string | number)[][],
  headers = ["STT", "Họ và tên", "Số CCCD", "Ngày sinh", "Công đoàn cơ sở", "Hình thức", "Số tiền", "Ngày nhận"],
) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Danh sách");
  ws.addRow(["DANH SÁCH ĐOÀN VIÊN, NLĐ NHẬN HỖ TRỢ TẾT"]);
  ws.addRow(headers);
  for (const [i, r] of rows.entries()) ws.addRow([i + 1, ...r]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function multipart(file: Buffer, filename: string) {
  const boundary = "----caunoi-test-boundary";
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, file, tail]), headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

function upload(c: Client, campaignId: number, file: Buffer, dryRun: boolean, filename = "danh-sach.xlsx") {
  const m = multipart(file, filename);
  return c.request({ method: "POST", url: `/api/care/campaigns/${campaignId}/payouts/import?dryRun=${dryRun}`, payload: m.payload, headers: m.headers });
}

const tet = (over: Record<string, unknown> = {}) => ({
  name: "Tết Sum vầy – Xuân Bình an 2026",
  purpose: "tet",
  startsOn: "2026-01-05",
  endsOn: "2026-02-15",
  kinds: ["cash", "gift", "ticket"],
  budget: 500_000_000,
  sources: [
    { source: "Tài chính công đoàn", amount: 300_000_000 },
    { source: "Doanh nghiệp tài trợ", amount: 200_000_000 },
  ],
  eligibility: { membersOnly: true },
  ...over,
});

beforeAll(async () => {
  t = await createTestApp();
  city = await buildCity(t.database);
  entA = await buildEnterprise(t.database, city, { name: "Công ty TNHH May Hòa Bình" });
  entB = await buildEnterprise(t.database, city, { name: "Công ty TNHH Điện tử Sao Mai" });
  unionA = await buildUnion(t.database, city, entA.id, "Công đoàn cơ sở Công ty TNHH May Hòa Bình");
  unionB = await buildUnion(t.database, city, entB.id, "Công đoàn cơ sở Công ty TNHH Điện tử Sao Mai");
  fed = await signIn("officer", city.federation);
  officerA = await signIn("union_officer", unionA.id);
  officerB = await signIn("union_officer", unionB.id);
});
afterAll(async () => t.close());

describe("campaigns", () => {
  it("creates a campaign with budget sources, kinds and rules, and audits it", async () => {
    const res = await fed.post("/api/care/campaigns", tet({ allocations: [{ unionId: unionA.id, amount: 50_000_000, quota: 100 }] }));
    expect(res.statusCode).toBe(201);
    const c = res.json();
    expect(c).toMatchObject({ purpose: "tet", kinds: ["cash", "gift", "ticket"], budget: 500_000_000, canWrite: true });
    expect(c.sources).toHaveLength(2);
    expect(c.allocations[0]).toMatchObject({ unionId: unionA.id, quota: 100, usedPeople: 0 });
    expect(await auditCount(t.database, "create", "care_campaign", c.id)).toBe(1);
    const list = await fed.get("/api/care/campaigns?q=tet sum vay");
    expect(list.json().items.map((i: { id: number }) => i.id)).toContain(c.id);
  });

  it("refuses: anonymous 401, no care permission 403, reader cannot write 403, bad input 400 in Vietnamese", async () => {
    expect((await t.app.inject({ method: "GET", url: "/api/care/campaigns" })).statusCode).toBe(401);
    const ent = await signIn("enterprise_rep", entA.id);
    expect((await ent.get("/api/care/campaigns")).statusCode).toBe(403);
    const mmc = await signIn("officer", city.mmc);
    expect((await mmc.get("/api/care/campaigns")).statusCode).toBe(200);
    expect((await mmc.post("/api/care/campaigns", tet())).statusCode).toBe(403);
    const bad = await fed.post("/api/care/campaigns", tet({ name: "", kinds: [], endsOn: "2025-01-01" }));
    expect(bad.statusCode).toBe(400);
    const messages = bad
      .json()
      .errors.map((e: { message: string }) => e.message)
      .join(" | ");
    expect(messages).toContain("Chọn ít nhất một hình thức hỗ trợ");
    const [n] = await t.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM care_campaigns WHERE name = ''`);
    expect(n?.n).toBe(0);
  });

  it("hides another union's campaign (404) and lets a union see the federation's", async () => {
    const own = (await officerB.post("/api/care/campaigns", tet({ name: "Quà Tết CĐCS Sao Mai" }))).json();
    expect((await officerA.get(`/api/care/campaigns/${own.id}`)).statusCode).toBe(404);
    const fedCampaign = (await fed.post("/api/care/campaigns", tet({ name: "Tết của LĐLĐ" }))).json();
    const seen = await officerA.get(`/api/care/campaigns/${fedCampaign.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().canWrite).toBe(false);
    expect((await officerA.patch(`/api/care/campaigns/${fedCampaign.id}`, { name: "Đổi tên" })).statusCode).toBe(403);
  });
});

describe("payouts: one per person per campaign", () => {
  it("records a payout, refuses the second with a Vietnamese 409 and writes nothing more", async () => {
    const c = (await fed.post("/api/care/campaigns", tet({ name: "Tết thử ghi tay" }))).json();
    const p = await buildPerson(t.database, { enterpriseId: entA.id, unionId: unionA.id });
    const first = await fed.post(`/api/care/campaigns/${c.id}/payouts`, { personId: p.id, kind: "cash", amount: 1_000_000, paidOn: "2026-01-20" });
    expect(first.statusCode).toBe(201);
    expect(first.json().payout).toMatchObject({ personId: p.id, unionId: unionA.id, amount: 1_000_000, kind: "cash" });
    const again = await fed.post(`/api/care/campaigns/${c.id}/payouts`, { personId: p.id, kind: "gift", amount: 500_000, paidOn: "2026-01-21" });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe("payout_duplicate");
    expect(again.json().title).toBe("Người này đã nhận hỗ trợ trong đợt này");
    expect(again.json().detail).toContain("20/01/2026");
    const [n] = await t.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM care_payouts WHERE campaign_id = ${c.id}`);
    expect(n?.n).toBe(1);
  });

  it("the database itself refuses a second payout (unique index), whatever the app does", async () => {
    const c = (await fed.post("/api/care/campaigns", tet({ name: "Tết thử ràng buộc" }))).json();
    const p = await buildPerson(t.database, { enterpriseId: entA.id, unionId: unionA.id });
    const insert = () =>
      t.database.rows(sql`INSERT INTO care_payouts (campaign_id, person_id, kind, amount, paid_on) VALUES (${c.id}, ${p.id}, 'cash', 100000, '2026-01-10')`);
    await insert();
    await expect(insert()).rejects.toThrow();
  });

  it("refuses a kind the campaign does not give, an ineligible person, and a person out of scope", async () => {
    const c = (await fed.post("/api/care/campaigns", tet({ name: "Tết thử điều kiện", kinds: ["cash"], eligibility: { membersOnly: true } }))).json();
    const member = await buildPerson(t.database, { enterpriseId: entA.id, unionId: unionA.id });
    const voucher = await fed.post(`/api/care/campaigns/${c.id}/payouts`, { personId: member.id, kind: "voucher", amount: 300_000, paidOn: "2026-01-20" });
    expect(voucher.statusCode).toBe(422);
    expect(voucher.json().code).toBe("kind_not_allowed");
    const nonMember = await buildPerson(t.database, { enterpriseId: entA.id });
    const ne = await fed.post(`/api/care/campaigns/${c.id}/payouts`, { personId: nonMember.id, kind: "cash", amount: 300_000, paidOn: "2026-01-20" });
    expect(ne.statusCode).toBe(422);
    expect(ne.json().detail).toContain("Không phải đoàn viên");
    const own = (await officerB.post("/api/care/campaigns", tet({ name: "Tết CĐCS B thử phạm vi" }))).json();
    const out = await officerB.post(`/api/care/campaigns/${own.id}/payouts`, { personId: member.id, kind: "cash", amount: 300_000, paidOn: "2026-01-20" });
    expect(out.statusCode).toBe(404);
  });

  it("nominations: a union proposes, the federation approves (payout recorded) or declines with a reason", async () => {
    const c = (await fed.post("/api/care/campaigns", tet({ name: "Tết đề nghị", allocations: [{ unionId: unionA.id, amount: 0, quota: 1 }] }))).json();
    const p1 = await buildPerson(t.database, { enterpriseId: entA.id, unionId: unionA.id });
    const p2 = await buildPerson(t.database, { enterpriseId: entA.id, unionId: unionA.id });
    expect(
      (await fed.post(`/api/care/campaigns/${c.id}/nominations`, { personId: p1.id, kind: "cash", amount: 1_000_000, reason: "Hoàn cảnh khó khăn" }))
        .statusCode,
    ).toBe(403);
    const n1 = await officerA.post(`/api/care/campaigns/${c.id}/nominations`, {
      personId: p1.id,
      kind: "cash",
      amount: 1_000_000,
      reason: "Chồng ốm dài ngày",
    });
    expect(n1.statusCode).toBe(201);
    const n2 = await officerA.post(`/api/care/campaigns/${c.id}/nominations`, {
      personId: p2.id,
      kind: "gift",
      amount: 500_000,
      reason: "Nuôi con nhỏ một mình",
    });
    expect(n2.json().warnings[0]).toContain("vượt chỉ tiêu");
    const dup = await officerA.post(`/api/care/campaigns/${c.id}/nominations`, { personId: p1.id, kind: "cash", amount: 1_000_000, reason: "Lặp lại" });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe("nomination_duplicate");
    expect((await officerB.get(`/api/care/campaigns/${c.id}/nominations`)).json().total).toBe(0);
    expect((await officerA.post(`/api/care/nominations/${n1.json().nomination.id}/decision`, { decision: "approve" })).statusCode).toBe(403);
    const ok = await fed.post(`/api/care/nominations/${n1.json().nomination.id}/decision`, { decision: "approve", paidOn: "2026-01-25" });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().nomination.status).toBe("approved");
    const no = await fed.post(`/api/care/nominations/${n2.json().nomination.id}/decision`, { decision: "decline", note: "" });
    expect(no.statusCode).toBe(400);
    const no2 = await fed.post(`/api/care/nominations/${n2.json().nomination.id}/decision`, { decision: "decline", note: "Đã nhận hỗ trợ từ doanh nghiệp" });
    expect(no2.json().nomination).toMatchObject({ status: "declined", decisionNote: "Đã nhận hỗ trợ từ doanh nghiệp" });
    const again = await fed.post(`/api/care/nominations/${n1.json().nomination.id}/decision`, { decision: "approve" });
    expect(again.json().code).toBe("nomination_decided");
    const detail = (await fed.get(`/api/care/campaigns/${c.id}`)).json();
    expect(detail.totals).toMatchObject({ people: 1, amount: 1_000_000 });
    expect(detail.allocations[0]).toMatchObject({ usedPeople: 1, usedAmount: 1_000_000 });
  });
});

describe("the judged scenario: import a Tết list", () => {
  it("refuses a repeated person with a clear row-level reason, warns about an overlap with another union, and totals match", async () => {
    const c = (await fed.post("/api/care/campaigns", tet({ name: "Hỗ trợ Tết Bính Ngọ 2026" }))).json();
    const a = await buildPerson(t.database, { familyName: "Trần", middleName: "Thị", givenName: "Hoa", enterpriseId: entA.id, unionId: unionA.id });
    const b = await buildPerson(t.database, {
      familyName: "Lê",
      middleName: "Văn",
      givenName: "Nam",
      gender: "male",
      enterpriseId: entA.id,
      unionId: unionA.id,
    });
    const d = await buildPerson(t.database, { familyName: "Phạm", middleName: "Thị", givenName: "Mai", enterpriseId: entA.id, unionId: unionA.id });
    const rowsWithRepeat = [
      ["Trần Thị Hoa", a.citizenId, "01/05/1995", unionA.name, "Tiền mặt", "1.000.000", "20/01/2026"],
      ["Lê Văn Nam", b.citizenId, "01/05/1995", unionA.name, "Quà", "500.000", "20/01/2026"],
      ["Phạm Thị Mai", d.citizenId, "01/05/1995", unionA.name, "Vé xe", "450.000", "21/01/2026"],
      ["Trần Thị Hoa", a.citizenId, "01/05/1995", unionA.name, "Quà", "500.000", "22/01/2026"],
    ];
    const dry = await upload(fed, c.id, await xlsx(rowsWithRepeat), true);
    expect(dry.statusCode).toBe(200);
    const report = dry.json();
    expect(report).toMatchObject({ dryRun: true, committed: false, total: 4, created: 3, unchanged: 0, rejected: 1 });
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0]).toMatchObject({ row: 6, column: "Số CCCD", code: "duplicate_in_file" });
    expect(report.errors[0].message).toContain("đã có ở dòng 3");
    // A file with a refused row records nothing (all or nothing).
    const refused = await upload(fed, c.id, await xlsx(rowsWithRepeat), false);
    expect(refused.json()).toMatchObject({ committed: false, rejected: 1 });
    expect((await fed.get(`/api/care/campaigns/${c.id}`)).json().totals.payouts).toBe(0);

    // Corrected list: committed.
    const fixed = await xlsx(rowsWithRepeat.slice(0, 3));
    const ok = await upload(fed, c.id, fixed, false);
    expect(ok.json()).toMatchObject({ committed: true, total: 3, created: 3, rejected: 0, errors: [] });
    expect(await auditCount(t.database, "import", "care_campaign", c.id)).toBe(1);
    // Re-importing the same file changes nothing.
    const again = await upload(fed, c.id, fixed, false);
    expect(again.json()).toMatchObject({ total: 3, created: 0, unchanged: 3, rejected: 0 });
    // A later list naming an already-paid person differently is refused with the reason.
    const later = await upload(fed, c.id, await xlsx([["Trần Thị Hoa", a.citizenId, "", unionA.name, "Quà", "700.000", "25/01/2026"]]), true);
    expect(later.json().errors[0]).toMatchObject({ row: 3, code: "already_paid" });
    expect(later.json().errors[0].message).toContain("đã nhận hỗ trợ trong đợt này ngày 20/01/2026");

    // Totals match the payouts, in the form of the source.
    const detail = (await fed.get(`/api/care/campaigns/${c.id}`)).json();
    expect(detail.totals).toMatchObject({ people: 3, payouts: 3, amount: 1_950_000 });
    const cash = detail.totals.byKind.find((k: { kind: string }) => k.kind === "cash");
    expect(cash).toMatchObject({ people: 1, amount: 1_000_000 });
    expect(detail.totals.sentence).toBe(
      "Đã có 3 đoàn viên, NLĐ được hỗ trợ với tổng số tiền 1,95 triệu đồng. Trong đó: 1 đoàn viên, NLĐ được hỗ trợ tiền mặt với số tiền 1 triệu đồng; 1 đoàn viên, NLĐ được tặng quà, hiện vật với trị giá 500.000 đồng; 1 đoàn viên, NLĐ được hỗ trợ vé xe với trị giá 450.000 đồng.",
    );
    const [sum] = await t.database.rows<{ n: number; s: number }>(
      sql`SELECT count(*)::int AS n, sum(amount) AS s FROM care_payouts WHERE campaign_id = ${c.id}`,
    );
    expect(sum).toMatchObject({ n: detail.totals.payouts, s: detail.totals.amount });
  });

  it("lists from two unions that both include one worker: the second gets an overlap warning naming the first", async () => {
    // Still a member of union A, she now works at union B's enterprise: both unions may pay her (a list
    // naming someone outside its union's scope is refused, see test/security/import-scope.test.ts).
    const worker = await buildPerson(t.database, { familyName: "Vũ", middleName: "Thị", givenName: "Thu", enterpriseId: entB.id, unionId: unionA.id });
    const other = await buildPerson(t.database, {
      familyName: "Đỗ",
      middleName: "Văn",
      givenName: "Hùng",
      gender: "male",
      enterpriseId: entA.id,
      unionId: unionA.id,
    });
    const campA = (await officerA.post("/api/care/campaigns", tet({ name: "Quà Tết CĐCS May Hòa Bình", startsOn: "2026-01-10", endsOn: "2026-02-10" }))).json();
    const campB = (
      await officerB.post("/api/care/campaigns", tet({ name: "Quà Tết CĐCS Sao Mai", startsOn: "2026-01-20", endsOn: "2026-02-20", eligibility: {} }))
    ).json();
    const listA = await upload(
      officerA,
      campA.id,
      await xlsx([
        ["Vũ Thị Thu", worker.citizenId, "", "", "Tiền mặt", "800.000", "15/01/2026"],
        ["Đỗ Văn Hùng", other.citizenId, "", "", "Tiền mặt", "800.000", "15/01/2026"],
      ]),
      false,
    );
    expect(listA.json()).toMatchObject({ committed: true, created: 2, warnings: [] });
    const listB = await upload(officerB, campB.id, await xlsx([["Vũ Thị Thu", worker.citizenId, "", "", "Quà", "600.000", "25/01/2026"]]), true);
    const r = listB.json();
    expect(r).toMatchObject({ created: 1, rejected: 0, errors: [] });
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatchObject({ row: 3, code: "overlap_other_body" });
    expect(r.warnings[0].message).toContain(unionA.name);
    expect(r.warnings[0].message).toContain("Quà Tết CĐCS May Hòa Bình");
    expect(r.warnings[0].message).toContain("trùng thời gian");
    // A warning does not block: the union may still commit after checking.
    expect(
      (await upload(officerB, campB.id, await xlsx([["Vũ Thị Thu", worker.citizenId, "", "", "Quà", "600.000", "25/01/2026"]]), false)).json().committed,
    ).toBe(true);
    // The same worker in two unions' lists for ONE campaign: the second is refused.
    const fedCamp = (await fed.post("/api/care/campaigns", tet({ name: "Tết LĐLĐ hai danh sách", eligibility: {} }))).json();
    const first = await upload(fed, fedCamp.id, await xlsx([["Vũ Thị Thu", worker.citizenId, "", unionA.name, "Tiền mặt", "500.000", "20/01/2026"]]), false);
    expect(first.statusCode, first.body).toBe(200);
    const second = await upload(fed, fedCamp.id, await xlsx([["Vũ Thị Thu", worker.citizenId, "", unionB.name, "Tiền mặt", "500.000", "21/01/2026"]]), true);
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json().errors[0]).toMatchObject({ code: "already_paid" });
    expect(second.json().errors[0].message).toContain(`qua ${unionA.name}`);
  });

  it("warns when the federation pays a worker its union already gave a Tết gift, not when one body runs two campaigns", async () => {
    const w = await buildPerson(t.database, { familyName: "Hà", middleName: "Thị", givenName: "Yến", enterpriseId: entA.id, unionId: unionA.id });
    const ownGift = (await officerA.post("/api/care/campaigns", tet({ name: "Quà Tết riêng CĐCS A", kinds: ["gift"], eligibility: {} }))).json();
    expect(
      (await officerA.post(`/api/care/campaigns/${ownGift.id}/payouts`, { personId: w.id, kind: "gift", amount: 300_000, paidOn: "2026-01-18" })).statusCode,
    ).toBe(201);
    const ownMarket = (
      await officerA.post("/api/care/campaigns", tet({ name: "Phiếu chợ Tết CĐCS A", purpose: "tet_market", kinds: ["voucher"], eligibility: {} }))
    ).json();
    const same = await officerA.post(`/api/care/campaigns/${ownMarket.id}/payouts`, { personId: w.id, kind: "voucher", amount: 300_000, paidOn: "2026-01-22" });
    expect(same.json().warnings).toEqual([]);
    const fedCamp = (await fed.post("/api/care/campaigns", tet({ name: "Tết LĐLĐ qua công đoàn", eligibility: {} }))).json();
    const r = (await upload(fed, fedCamp.id, await xlsx([["Hà Thị Yến", w.citizenId, "", "", "Tiền mặt", "500.000", "25/01/2026"]]), true)).json();
    expect(r.warnings.map((x: { code: string }) => x.code)).toContain("overlap_other_body");
    expect(r.warnings.find((x: { code: string }) => x.code === "overlap_other_body").message).toContain("Quà Tết riêng CĐCS A");
  });

  it("creates unknown people only when the file says who they are, reads CSV and restores a lost leading zero", async () => {
    const c = (await fed.post("/api/care/campaigns", tet({ name: "Tết NLĐ ngoài hồ sơ", eligibility: {} }))).json();
    const csv = [
      "Họ và tên;Số CCCD;Ngày sinh;Công đoàn cơ sở;Hình thức;Số tiền;Ngày nhận",
      `Nguyễn Văn Tới;031099012345;12/03/1999;${unionA.name};Tiền mặt;500000;20/01/2026`,
      ";031099054321;;;Tiền mặt;500000;20/01/2026",
      "Hoàng Thị Lụa;31199011111;02/02/1999;;Quà;300.000;20/01/2026",
      "Bùi Văn Sai;12345;;;Tiền mặt;abc;20/01/2026",
    ].join("\n");
    const res = await upload(fed, c.id, Buffer.from(`\uFEFF${csv}`, "utf8"), true, "danh-sach.csv");
    const r = res.json();
    expect(r.total).toBe(4);
    expect(r.created).toBe(2);
    expect(r.peopleCreated).toBe(2);
    const codes = r.errors.map((e: { row: number; code: string }) => `${e.row}:${e.code}`);
    expect(codes).toContain("3:unknown_person");
    expect(codes).toContain("5:invalid_citizen_id");
    expect(codes).toContain("5:invalid_amount");
    expect(r.errors.find((e: { code: string }) => e.code === "unknown_person").message).toContain("thiếu Họ và tên, Ngày sinh");
    expect(r.warnings.map((w: { code: string }) => w.code)).toContain("leading_zero_restored");
  });

  it("refuses files it cannot read, and imports by people outside the campaign's body", async () => {
    const c = (await fed.post("/api/care/campaigns", tet({ name: "Tết tệp hỏng" }))).json();
    const junk = await upload(fed, c.id, Buffer.from("không phải bảng tính"), true, "x.csv");
    expect(junk.statusCode).toBe(400);
    expect(junk.json().code).toBe("import_unreadable");
    // A giant one-line "CSV" is refused at once instead of holding the server while it parses.
    const started = Date.now();
    const giant = await upload(fed, c.id, Buffer.alloc(30 * 1024 * 1024, 0x41), true, "to.csv");
    expect(giant.statusCode).toBe(400);
    expect(giant.json().code).toBe("import_unreadable");
    expect(Date.now() - started).toBeLessThan(15_000);
    const noFile = await fed.request({ method: "POST", url: `/api/care/campaigns/${c.id}/payouts/import`, payload: {} });
    expect(noFile.statusCode).toBe(415);
    expect((await upload(officerA, c.id, await xlsx([]), true)).statusCode).toBe(403);
    expect((await t.app.inject({ method: "POST", url: `/api/care/campaigns/${c.id}/payouts/import` })).statusCode).toBe(401);
  });
});

describe("fairness", () => {
  it("lists hardship members who received nothing in the last campaigns", async () => {
    const forgotten = await buildPerson(t.database, { familyName: "Ngô", givenName: "Quên", enterpriseId: entA.id, unionId: unionA.id });
    const helped = await buildPerson(t.database, { familyName: "Ngô", givenName: "Được", enterpriseId: entA.id, unionId: unionA.id });
    await t.database.rows(sql`UPDATE people SET hardship = true WHERE id IN (${forgotten.id}, ${helped.id})`);
    const c = (
      await fed.post("/api/care/campaigns", tet({ name: "Thăm hỏi khó khăn", purpose: "hardship", startsOn: "2026-03-01", endsOn: "2026-03-31" }))
    ).json();
    await fed.post(`/api/care/campaigns/${c.id}/payouts`, { personId: helped.id, kind: "cash", amount: 2_000_000, paidOn: "2026-03-05" });
    const res = await officerA.get("/api/care/fairness?n=1");
    expect(res.statusCode).toBe(200);
    const ids = res.json().items.map((i: { personId: number }) => i.personId);
    expect(ids).toContain(forgotten.id);
    expect(ids).not.toContain(helped.id);
    expect((await officerB.get("/api/care/fairness?n=1")).json().items.map((i: { personId: number }) => i.personId)).not.toContain(forgotten.id);
  });
});
