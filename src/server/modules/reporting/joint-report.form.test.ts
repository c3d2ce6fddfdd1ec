import { writeFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, type TestApp, createTestApp } from "../../../../test/support/app.ts";
import { buildBody, buildEnterprise, buildUser, buildZone, type TestCity } from "../../../../test/support/factories.ts";
import { moneyWords } from "#shared/money.ts";
import { vnDate } from "#shared/clock.ts";
import { parsePeriod } from "./period.ts";
import { allZero, dateLine, symbolOf } from "./reporting.service.ts";
import { docxText, readZipEntry } from "../../../../test/support/unzip.ts";

/**
 * Issue 16: the joint report an official signs unchanged. Records are entered through the API where
 * the app has a page for them (plans, targets, activities, Party cells and admissions, bodies' settings)
 * and by SQL only for bulk registry rows; then the .docx of several periods, and of a zone union, is
 * read the way the clerk reads it, by a script: no plan item both done and not done, no figure
 * sentence twice, no sentence of zeros, "Khác" never a top concern, KT./TM., the date line, the
 * 13 pt number line, page numbers from page 2, footnotes, "(Dự thảo)" on drafts only.
 */
let t: TestApp;
let city: TestCity;
let westUnion: number;
let westZone: number;
let fed: Client;
let mmc: Client;
let zoneOfficer: Client;
let admin: Client;
let coverageTarget: number;

const doneItem = "Phối hợp tổ chức Hội nghị Thường trực Thành ủy gặp gỡ, đối thoại với công nhân lao động năm 2025";
const runningItem = "Phối hợp khảo sát nhu cầu nhà ở của công nhân tại các khu công nghiệp";
const waitingItem = "Tổ chức kiểm tra, giám sát kết quả thực hiện các chỉ thị, nghị quyết về xây dựng giai cấp công nhân";
const nextItem = "Phối hợp tham mưu triển khai Nghị quyết số 09-NQ/TU về phát triển nhà ở xã hội đến năm 2030";

async function login(role: Parameters<typeof buildUser>[1], bodyId: number) {
  const u = await buildUser(t.database, role, bodyId);
  const c = new Client(t.app);
  await c.login(u.username, u.password);
  return c;
}

/** `n` grassroots unions under a zone union, founded on `on`, each with `members` members joining that day. */
async function unionsWithMembers(zoneUnion: number, zoneId: number, n: number, on: string, members: number, tag: string) {
  for (let k = 0; k < n; k++) {
    const e = await buildEnterprise(t.database, city, { zoneId, name: `Công ty TNHH ${tag} ${k + 1}`, ownership: "fdi" });
    const b = await buildBody(t.database, "grassroots_union", zoneUnion, `Công đoàn cơ sở ${tag} ${k + 1}`);
    await t.database.rows(
      sql`INSERT INTO unions (id, code, name, founded_on) VALUES (${b.id}, ${`CD${tag}${k}`}, ${`Công đoàn cơ sở ${tag} ${k + 1}`}, ${on})`,
    );
    await t.database.rows(sql`INSERT INTO union_enterprises (union_id, enterprise_id) VALUES (${b.id}, ${e.id})`);
    await t.database.rows(
      sql`WITH p AS (INSERT INTO people (citizen_id, family_name, middle_name, given_name, gender, birth_date)
            SELECT '0319' || lpad((${b.id} * 1000 + g)::text, 8, '0'), 'Nguyễn', 'Văn', 'An', 'male', '1995-01-01' FROM generate_series(1, ${members}) g RETURNING id)
          INSERT INTO memberships (person_id, union_id, valid_from, start_reason) SELECT p.id, ${b.id}, ${on}, 'join' FROM p`,
    );
  }
}

async function report(c: Client, query: string) {
  const res = await c.get(`/api/reports/joint.docx?${query}`);
  expect(res.statusCode, `${query}: ${res.body.slice(0, 300)}`).toBe(200);
  // REPORT_DIR=/tmp/x writes each report there, to render it (LibreOffice) and look at every page.
  if (process.env.REPORT_DIR)
    writeFileSync(`${process.env.REPORT_DIR}/${query.replace(/[^\w.-]+/g, "_")}-${c === zoneOfficer ? "zone" : "city"}.docx`, res.rawPayload);
  return { buf: res.rawPayload, text: docxText(res.rawPayload) };
}

/** The checks a clerk makes on every report, by script. */
function checkReport(text: string, label: string) {
  if (process.env.PRINT_REPORT) console.log(`===== ${label}\n${text}`);
  const lines = text.split("\n").map((l) => l.trim());
  const results = text.slice(text.indexOf("I. KẾT QUẢ THỰC HIỆN"), text.indexOf("Đánh giá chung"));
  const limits = text.slice(text.indexOf("Về hạn chế"), text.search(/\nII\. /));
  // No plan item both among the results and among what was not done.
  for (const item of [doneItem, runningItem, waitingItem]) {
    expect(results.includes(item) && limits.includes(item), `${label}: "${item}" both done and not done`).toBe(false);
  }
  // No figure sentence twice, and none whose figures are all zero.
  const sentences = results
    .split("\n")
    .filter((l) => l.startsWith("- ") && /\d/.test(l))
    .map((l) => l.slice(2));
  expect(new Set(sentences).size, `${label}: a figure sentence is repeated`).toBe(sentences.length);
  for (const s of sentences) expect(allZero(s), `${label}: all-zero sentence "${s}"`).toBe(false);
  expect(text).not.toMatch(/bảo vệ quyền lợi cho 0 người|tiếp nhận 0 yêu cầu/);
  // "Khác" is never among the concerns named first.
  expect(text, label).not.toMatch(/quan tâm nhiều nhất:[^.\n]*\bkhác\b/i);
  // Decree 30: KT. and TM., never K/T.
  expect(text, label).not.toContain("K/T");
  expect(text, label).toMatch(/\bTM\. BAN (CHẤP HÀNH|THƯỜNG VỤ)\n/);
  // The date line: the day padded, the month only when it is 1 or 2.
  const date = /, ngày (\d{2}) tháng (\d{1,2}) năm \d{4}/.exec(text);
  expect(date, `${label}: date line`).not.toBeNull();
  const month = date?.[2] ?? "";
  expect(["01", "02", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"]).toContain(month);
  expect(lines.filter((l) => l === "(Dự thảo)").length, `${label}: "(Dự thảo)" once on a draft`).toBe(1);
}

beforeAll(async () => {
  t = await createTestApp();
  const federation = await buildBody(t.database, "federation", null, "Liên đoàn Lao động thành phố Hải Phòng");
  const authority = await buildBody(t.database, "zone_authority", null, "Ban Quản lý Khu kinh tế Hải Phòng");
  const mmcBody = await buildBody(t.database, "mass_mobilization", null, "Ban Dân vận Thành ủy Hải Phòng");
  const zoneUnion = await buildBody(t.database, "zone_union", federation.id, "Công đoàn Khu kinh tế Hải Phòng");
  const zoneId = await buildZone(t.database, zoneUnion.id, "KCN Tràng Duệ");
  const west = await buildBody(t.database, "zone_union", federation.id, "Công đoàn các Khu công nghiệp phía Tây");
  westUnion = west.id;
  westZone = await buildZone(t.database, west.id, "KCN Nomura");
  city = { federation: federation.id, authority: authority.id, mmc: mmcBody.id, zoneUnion: zoneUnion.id, zoneId };
  fed = await login("officer", city.federation);
  mmc = await login("officer", city.mmc);
  zoneOfficer = await login("officer", city.zoneUnion);
  admin = await login("system_admin", city.federation);

  // The 2025 plan: one item done, one in progress, one not started; the 2026 plan.
  const plan = await mmc.post("/api/coordination/plans", {
    year: 2025,
    code: "02-KH/BDVTU-BQLKKT-LĐLĐTP",
    title: "Kế hoạch phối hợp năm 2025",
    issuedOn: "2025-01-06",
    items: [
      { area: "leadership", content: doneItem, leadBodyId: city.mmc, status: "done" },
      { area: "housing", content: runningItem, leadBodyId: city.authority, status: "in_progress" },
      {
        area: "supervision",
        content: waitingItem,
        leadBodyId: city.mmc,
        status: "not_started",
        reasonNotDone: "Nhiều đoàn kiểm tra của thành phố cùng làm việc tại cơ sở trong năm.",
      },
    ],
  });
  expect(plan.statusCode).toBe(201);
  const next = await mmc.post("/api/coordination/plans", {
    year: 2026,
    code: "01-KH/BDVTU-BQLKKT-LĐLĐTP",
    title: "Kế hoạch phối hợp năm 2026",
    items: [{ area: "housing", content: nextItem, leadBodyId: city.authority }],
  });
  expect(next.statusCode).toBe(201);

  // Targets: the city's, and each zone union's own (through its zone).
  for (const [metric, value, zone] of [
    ["new_members_in_year", 500, null],
    ["new_unions_in_year", 6, null],
    ["new_members_in_year", 300, city.zoneId],
    ["new_unions_in_year", 3, city.zoneId],
    ["party_referrals_in_year", 4, city.zoneId],
    ["new_members_in_year", 250, westZone],
  ] as const) {
    const r = await fed.post("/api/coordination/targets", {
      program: "Kế hoạch năm 2025",
      title: `Chỉ tiêu ${metric}`,
      metric,
      targetValue: value,
      year: 2025,
      deadline: "2025-12-31",
      ...(zone ? { zoneId: zone } : {}),
    });
    expect(r.statusCode, r.body).toBe(201);
  }
  // Agreement coverage typed in at 76,8% while the records compute another figure: the target says
  // which it uses (here the entered one) and the other is shown beside it.
  const coverage = await fed.post("/api/coordination/targets", {
    program: "16-CTr/TU",
    title: "Doanh nghiệp đủ điều kiện ký kết thỏa ước lao động tập thể",
    metric: "manual",
    unit: "percent",
    targetValue: 80,
    deadline: "2025-12-31",
    computedMetric: "agreement_coverage_pct",
    prefer: "entered",
  });
  expect(coverage.statusCode, coverage.body).toBe(201);
  coverageTarget = coverage.json().id;
  const typed = await fed.post(`/api/coordination/targets/${coverageTarget}/values`, { asOf: "2025-06-30", value: 76.8, note: "Số liệu 6 tháng" });
  expect(typed.statusCode, typed.body).toBe(201);
  // Registry: 3 unions with 120 members in the economic zone (March), 2 with 90 in the west (August).
  await unionsWithMembers(city.zoneUnion, city.zoneId, 3, "2025-03-10", 40, "KKT");
  await unionsWithMembers(westUnion, westZone, 2, "2025-08-20", 45, "PT");
  // Referrals of the economic zone: 5 referred, 2 admitted.
  await t.database.rows(
    sql`INSERT INTO party_referrals (person_id, union_id, referred_on, outcome, admitted_on)
        SELECT m.person_id, m.union_id, '2025-05-01', CASE WHEN k <= 2 THEN 'admitted' ELSE 'pending' END, CASE WHEN k <= 2 THEN '2025-11-20'::date ELSE NULL END
        FROM (SELECT m.*, row_number() OVER (ORDER BY m.id)::int AS k FROM memberships m JOIN bodies b ON b.id = m.union_id
              WHERE b.parent_id = ${city.zoneUnion}) m WHERE k <= 5`,
  );
  // Party cells, admissions and youth organisations, entered as coordination records.
  for (const [kind, title, heldOn, extra] of [
    ["party_cell", "Chi bộ Công ty TNHH Maple", "2025-04-02", {}],
    ["party_cell", "Chi bộ Công ty TNHH Horn Việt Nam", "2025-10-15", {}],
    ["youth_org", "Chi đoàn Công ty TNHH KKT 1", "2025-06-01", {}],
    ["party_admission", "Kết nạp đảng viên đợt 19/5", "2025-05-19", { participants: 175, units: 169 }],
  ] as const) {
    const r = await zoneOfficer.post("/api/coordination/activities", { kind, title, heldOn, zoneId: city.zoneId, ...extra });
    expect(r.statusCode, r.body).toBe(201);
  }
  // Supervision of two FDI enterprises.
  for (const name of ["Công ty TNHH Giám sát A", "Công ty TNHH Giám sát B"]) {
    const e = await buildEnterprise(t.database, city, { name, ownership: "fdi" });
    const r = await fed.post("/api/coordination/activities", { kind: "supervision", title: "Giám sát thỏa ước", heldOn: "2025-09-09", enterpriseId: e.id });
    expect(r.statusCode, r.body).toBe(201);
  }
  // Workers' requests: "Khác" the most frequent topic, then wages.
  const topics = ["other", "other", "other", "other", "wages", "wages", "social_insurance"];
  for (const [k, topic] of topics.entries()) {
    const day = `2025-04-0${k + 1}`;
    await t.database.rows(
      sql`INSERT INTO voice_requests (code, secret_hash, kind, topic, channel, title, description, responsible_body_id, received_at, clock_started_on, deadline)
          VALUES (${`YC16-${k}`}, 'x', 'consultation', ${topic}, 'web', 'Hỏi', 'Nội dung', ${city.federation}, ${`${day}T03:00:00Z`}::timestamptz, ${day}::date, '2025-04-20')`,
    );
  }
}, 180_000);
afterAll(async () => t?.close());

describe("issue 16: the joint report by script, for several periods and a zone union", () => {
  it("year, half, quarter, nine months and a date range: no contradiction, repetition, zero sentence; Decree 30 form", async () => {
    for (const period of ["2025", "2025-H1", "2025-H2", "2025-Q2", "2025-9M", "2025-03-01..2025-05-31"]) {
      const { text, buf } = await report(mmc, `period=${period}`);
      checkReport(text, period);
      expect(text).toContain(`kết quả thực hiện Chương trình phối hợp ${parsePeriod(period).label}`);
      // The number line in 13 pt, page numbers from page 2, footnotes present.
      const xml = readZipEntry(buf, "word/document.xml") ?? "";
      expect(xml).toMatch(/<w:sz w:val="26"\/>(?:(?!<\/w:r>).)*<w:t xml:space="preserve">Số: /s);
      expect(xml).toContain("<w:titlePg/>");
      const headers = ["word/header1.xml", "word/header2.xml", "word/header3.xml"].map((n) => readZipEntry(buf, n) ?? "").join("");
      expect(headers).toMatch(/PAGE/);
      expect(readZipEntry(buf, "word/footnotes.xml") ?? "").toContain("Số liệu tính từ bản ghi trên Cầu Nối");
    }
  });

  it("the year: each plan item once, Part II from next year's plan and the items not done, both levels side by side", async () => {
    const { text, buf } = await report(mmc, "period=2025");
    const results = text.slice(text.indexOf("I. KẾT QUẢ THỰC HIỆN"), text.indexOf("Đánh giá chung"));
    expect(results).toContain(doneItem);
    expect(results).not.toContain(runningItem);
    expect(text).toContain(`Còn 01 nội dung phối hợp chưa được triển khai: ${waitingItem}.`);
    expect(text).toContain(`Còn 01 nội dung phối hợp đang triển khai, chưa hoàn thành: ${runningItem}.`);
    const partII = text.slice(text.indexOf("II. MỘT SỐ NHIỆM VỤ TRỌNG TÂM NĂM 2026"));
    expect(partII).toContain(nextItem);
    expect(partII).toContain(runningItem);
    expect(partII).toContain(waitingItem);
    // Both levels: each zone union with its own targets; a figure one zone union accounts for is stated there only.
    expect(text).toContain("Công đoàn Khu kinh tế thành lập mới 3/3 tổ chức công đoàn cơ sở (đạt 100% kế hoạch); phát triển mới 120/300 đoàn viên");
    expect(text).toContain("giới thiệu đoàn viên ưu tú cho Đảng để bồi dưỡng kết nạp 5/4 (đạt 125% kế hoạch), trong đó có 2 đoàn viên được kết nạp Đảng");
    expect(text).toContain(
      "Công đoàn các Khu công nghiệp phía Tây thành lập mới 2 tổ chức công đoàn cơ sở; phát triển mới 90/250 đoàn viên, đạt 36% kế hoạch năm",
    );
    expect(text).toContain("Các cấp công đoàn thành phố thành lập mới 5/6 tổ chức công đoàn cơ sở");
    expect(results.match(/giới thiệu đoàn viên ưu tú/g)?.length).toBe(1);
    // Party cells (listed in a footnote), admissions of non-members, youth organisations.
    expect(text).toContain("Thành lập mới 02 tổ chức đảng tại doanh nghiệp.");
    expect(text).toContain("Kết nạp được 175 quần chúng ưu tú vào Đảng, trong đó 169 đảng viên là người lao động trong các doanh nghiệp.");
    expect(text).toContain("Thành lập được 01 tổ chức Đoàn thanh niên trong doanh nghiệp.");
    expect(readZipEntry(buf, "word/footnotes.xml") ?? "").toContain("Chi bộ Công ty TNHH Maple, Chi bộ Công ty TNHH Horn Việt Nam.");
    // Requests: wages named as the first concern, "Khác" not at all.
    expect(text).toContain("Các nội dung người lao động quan tâm nhiều nhất: tiền lương (2), bảo hiểm xã hội (1).");
    // The annex lists next year's tasks.
    const xlsx = await mmc.get("/api/reports/joint.xlsx?period=2025");
    const strings = readZipEntry(xlsx.rawPayload, "xl/sharedStrings.xml") ?? "";
    expect(strings).toContain(nextItem);
    expect(strings).toContain("MỘT SỐ NHIỆM VỤ TRỌNG TÂM NĂM 2026");
  });

  it("an entered and a computed figure: one chosen by the target's visible rule, the same on the dashboard, the targets page, the report and the annex", async () => {
    const { text, buf } = await report(mmc, "period=2025");
    const sentence = "Chỉ tiêu “Doanh nghiệp đủ điều kiện ký kết thỏa ước lao động tập thể” (16-CTr/TU): 76,8%/80%.";
    expect(text).toContain(sentence);
    expect(text.split("76,8%").length - 1).toBe(1);
    expect(text).not.toContain("đã ký thỏa ước lao động tập thể còn hiệu lực");
    const notes = readZipEntry(buf, "word/footnotes.xml") ?? "";
    expect(notes).toContain("Quy tắc của chỉ tiêu: dùng số liệu nhập tay");
    expect(notes).toMatch(/tính từ bản ghi trên Cầu Nối tại ngày 31\/12\/2025: [\d,]+%\/80%/);
    const dash = (await fed.get("/api/reports/dashboard?period=2025")).json();
    const onDashboard = dash.targets.find((x: { id: number }) => x.id === coverageTarget);
    expect(onDashboard.progress.text).toBe("76,8%/80%");
    expect(onDashboard.progress.rule).toContain("nhập tay");
    const page = (await fed.get("/api/coordination/targets?year=2025")).json();
    expect(page.find((x: { id: number }) => x.id === coverageTarget).progress.text).toBe("76,8%/80%");
    const xlsx = await mmc.get("/api/reports/joint.xlsx?period=2025");
    const strings = readZipEntry(xlsx.rawPayload, "xl/sharedStrings.xml") ?? "";
    expect(strings).toContain("76,8%/80%");
    expect(strings).toContain("Quy tắc của chỉ tiêu: dùng số liệu nhập tay");
    // Switched to the computed figure: every page follows.
    const row = (await fed.get(`/api/coordination/targets/${coverageTarget}`)).json();
    const { id: _id, zoneName: _z, ownerBodyId: _o, progress: _p, snapshots: _s, values: _v, ...input } = row;
    const put = await fed.put(`/api/coordination/targets/${coverageTarget}`, { ...input, prefer: "computed" });
    expect(put.statusCode, put.body).toBe(200);
    const after = (await fed.get("/api/reports/dashboard?period=2025")).json().targets.find((x: { id: number }) => x.id === coverageTarget);
    expect(after.progress.text).not.toBe("76,8%/80%");
    expect(after.progress.other.text).toBe("76,8%/80%");
    const again = await report(mmc, "period=2025");
    expect(again.text).not.toContain(sentence);
  });

  it("a zone union's own report: its own figures against its own targets, signed TM. BAN THƯỜNG VỤ under its parent body", async () => {
    const { text } = await report(zoneOfficer, "period=2025");
    checkReport(text, "zone union 2025");
    expect(text).toContain("LIÊN ĐOÀN LAO ĐỘNG THÀNH PHỐ HẢI PHÒNG\nCÔNG ĐOÀN KHU KINH TẾ\n");
    expect(text).toMatch(/Số: +-BC\/CĐKKT\n/);
    expect(text).toContain("thành lập mới 3/3 tổ chức công đoàn cơ sở (đạt 100% kế hoạch); phát triển mới 120/300 đoàn viên, đạt 40% kế hoạch năm");
    expect(text).not.toContain("/500");
    expect(text).not.toContain("phía Tây");
    expect(text).toContain("TM. BAN THƯỜNG VỤ\nCHỦ TỊCH");
  });

  it("the bodies' settings give the header, the symbol and the signature; the final version has no (Dự thảo) and takes its number", async () => {
    const renamed = await admin.patch(`/api/admin/bodies/${city.mmc}`, { name: "Ban Tuyên giáo và Dân vận Thành ủy Hải Phòng" });
    expect(renamed.statusCode, renamed.body).toBe(200);
    const set = await admin.patch(`/api/admin/bodies/${city.federation}`, { docSymbol: "LĐLĐ", signBlock: "TM. BAN THƯỜNG VỤ\nPHÓ CHỦ TỊCH" });
    expect(set.statusCode, set.body).toBe(200);
    const bad = await admin.patch(`/api/admin/bodies/${city.federation}`, { docSymbol: "ld-ld" });
    expect(bad.statusCode).toBe(400);
    const { text } = await report(mmc, "period=2025");
    expect(text).toContain("BAN TUYÊN GIÁO VÀ DÂN VẬN THÀNH ỦY\n");
    expect(text).toMatch(/Số: +-BC\/BTGDVTU-BQLKKT-LĐLĐ\n/);
    expect(text).toContain("giữa Ban Tuyên giáo và Dân vận Thành ủy - ");
    expect(text).toContain("TM. BAN THƯỜNG VỤ\nPHÓ CHỦ TỊCH");
    expect(text).not.toContain("BDVTU-BQLKKT-LĐLĐTP\n");
    const final = await report(mmc, "period=2025&version=final&number=15");
    expect(final.text).not.toContain("Dự thảo");
    expect(final.text).toMatch(/Số: 15-BC\/BTGDVTU-BQLKKT-LĐLĐ\n/);
    const draftNumber = await report(mmc, "period=2025&number=15");
    expect(draftNumber.text).toMatch(/Số: +-BC\//);
  });

  it("a bad period is a Vietnamese 400 naming the accepted forms; the OpenAPI describes them", async () => {
    for (const bad of ["2025-Q5", "2025-H3", "25", "2025-02-30..2025-03-01", "2025-05-01..2025-04-01", "năm nay"]) {
      const res = await mmc.get(`/api/reports/joint.docx?period=${encodeURIComponent(bad)}`);
      expect(res.statusCode, bad).toBe(400);
      expect(res.body, bad).toContain("2025-Q1");
      expect(res.body, bad).toContain("2025-9M");
    }
    const spec = (await mmc.get("/api/docs/json")).json();
    const params = spec.paths["/api/reports/joint.docx"].get.parameters as { name: string; description?: string }[];
    expect(params.find((p) => p.name === "period")?.description).toContain("2025-01-15..2025-03-31");
  });
});

describe("issue 16: the rules by themselves", () => {
  it("dates a document in Vietnam's day, padding as Decree 30 says", () => {
    expect(dateLine("Hải Phòng", vnDate("2024-03-05T02:00:00Z"))).toBe("Hải Phòng, ngày 05 tháng 3 năm 2024");
    expect(dateLine("Hải Phòng", vnDate("2024-01-15T02:00:00Z"))).toBe("Hải Phòng, ngày 15 tháng 01 năm 2024");
    expect(dateLine("Hải Phòng", vnDate("2024-02-28T20:00:00Z"))).toBe("Hải Phòng, ngày 29 tháng 02 năm 2024");
    expect(dateLine("Hải Phòng", vnDate("2024-12-31T18:00:00Z"))).toBe("Hải Phòng, ngày 01 tháng 01 năm 2025");
    expect(dateLine("Hải Phòng", vnDate("2024-11-20T02:00:00Z"))).toBe("Hải Phòng, ngày 20 tháng 11 năm 2024");
  });

  it("abbreviates bodies' names as the symbols of seed 001 do", () => {
    expect(symbolOf("Ban Dân vận Thành ủy")).toBe("BDVTU");
    expect(symbolOf("Ban Quản lý Khu kinh tế")).toBe("BQLKKT");
    expect(symbolOf("Liên đoàn Lao động thành phố")).toBe("LĐLĐTP");
    expect(symbolOf("Ban Tuyên giáo và Dân vận Thành ủy")).toBe("BTGDVTU");
  });

  it("writes money as officials do", () => {
    expect(moneyWords(1_441_250_000)).toBe("hơn 1,4 tỷ đồng");
    expect(moneyWords(3_750_000)).toBe("3,75 triệu đồng");
    expect(moneyWords(58_000_000_000)).toBe("58 tỷ đồng");
    expect(moneyWords(1_000_500_000)).toBe("hơn 1 tỷ đồng");
    expect(moneyWords(450_000)).toBe("450.000 đồng");
  });

  it("tells a sentence of zeros from one with figures", () => {
    expect(allZero("Đến ngày 31/12/2023, 0/27 doanh nghiệp đã ký thỏa ước (0,0%), bảo vệ quyền lợi cho 0 người lao động.")).toBe(true);
    expect(allZero("Trong năm 2023, đã tiếp nhận 0 yêu cầu; đã trả lời 0 yêu cầu.")).toBe(true);
    expect(allZero("Trong 6 tháng cuối năm 2025, đã tiếp nhận 0 yêu cầu; đã trả lời 0 yêu cầu.")).toBe(true);
    expect(allZero("Thực hiện Kế hoạch số 02-KH/BDVTU, tổ chức 3 lớp.")).toBe(false);
    expect(allZero("Không ghi nhận sự việc nào.")).toBe(false);
  });

  it("parses every period a leader asks for", () => {
    expect(parsePeriod("2025-Q3")).toMatchObject({ from: "2025-07-01", to: "2025-09-30", label: "quý III năm 2025" });
    expect(parsePeriod("2024-Q1")).toMatchObject({ from: "2024-01-01", to: "2024-03-31" });
    expect(parsePeriod("2025-9m")).toMatchObject({ from: "2025-01-01", to: "2025-09-30", label: "9 tháng đầu năm 2025" });
    expect(parsePeriod("2024-02-01..2024-02-29")).toMatchObject({ label: "từ ngày 01/02/2024 đến ngày 29/02/2024", kind: "range" });
  });
});
