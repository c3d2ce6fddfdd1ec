import { writeFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, type TestApp, createTestApp } from "../../../../test/support/app.ts";
import { type TestCity, buildBody, buildEnterprise, buildUser, buildZone } from "../../../../test/support/factories.ts";
import { docxText, readZipEntry } from "../../../../test/support/unzip.ts";

/**
 * PROOF (issue 6): Hải Phòng's 2023 records as described in the joint report of seeds/001 are entered
 * through the API (and, for volume, bulk SQL on the registry's tables), and the generated .docx must
 * state the report's figures in Vietnamese number format.
 *
 * Supervision of the 13 FDI enterprises is recorded as coordination activities of kind
 * "supervision" (one per visit; a repeat visit to the same enterprise counts once).
 */
let t: TestApp;
let city: TestCity;
let fed: Client;
let mmc: Client;
let docx: Buffer;
let text: string;

const notDone = "Tổ chức kiểm tra, giám sát kết quả thực hiện các chỉ thị, nghị quyết, kết luận về xây dựng giai cấp công nhân";
const reason =
  "Do trong cùng một thời điểm nhiều đoàn kiểm tra của thành phố tiến hành kiểm tra tại cơ sở, có thể gây trùng chéo, khó khăn cho cơ sở, nên các nội dung kiểm tra, giám sát, đánh giá đề nghị chuyển sang năm sau.";

async function login(role: Parameters<typeof buildUser>[1], bodyId: number) {
  const u = await buildUser(t.database, role, bodyId);
  const c = new Client(t.app);
  await c.login(u.username, u.password);
  return c;
}

/** `n` grassroots unions (each with its enterprise) founded on dates spread over [from, from + days). */
async function bulkUnions(n: number, from: string, days: number, tag: string) {
  const db = t.database;
  const bodies = await db.rows<{ id: number; k: number }>(
    sql`INSERT INTO bodies (kind, name, parent_id, path)
        SELECT 'enterprise', ${`Công ty TNHH ${tag} `} || k, ${city.authority}, '' FROM generate_series(1, ${n}) k RETURNING id, (regexp_match(name, '\\d+$'))[1]::int AS k`,
  );
  await db.rows(sql`UPDATE bodies b SET path = p.path || b.id || '/' FROM bodies p WHERE p.id = b.parent_id AND b.path = ''`);
  await db.rows(
    sql`INSERT INTO enterprises (id, tax_code, name, ownership, investor_country, zone_id, sector, workforce_total)
        SELECT b.id, lpad((9000000000 + b.id)::text, 10, '0'), b.name, 'fdi', 'Hàn Quốc', ${city.zoneId}, 'Điện tử', 800
        FROM bodies b WHERE b.id = ANY(${sql`ARRAY[${sql.join(
          bodies.map((b) => sql`${b.id}`),
          sql`, `,
        )}]::int[]`})`,
  );
  const unions = await db.rows<{ id: number }>(
    sql`INSERT INTO bodies (kind, name, parent_id, path) SELECT 'grassroots_union', 'Công đoàn cơ sở ' || e.name, ${city.zoneUnion}, '' FROM enterprises e
        WHERE e.name LIKE ${`Công ty TNHH ${tag} %`} RETURNING id`,
  );
  await db.rows(sql`UPDATE bodies b SET path = p.path || b.id || '/' FROM bodies p WHERE p.id = b.parent_id AND b.path = ''`);
  await db.rows(
    sql`INSERT INTO unions (id, code, name, founded_on)
        SELECT b.id, 'CD' || b.id, b.name, ${from}::date + ((row_number() OVER (ORDER BY b.id) - 1) * ${days} / ${n})::int
        FROM bodies b WHERE b.id = ANY(${sql`ARRAY[${sql.join(
          unions.map((u) => sql`${u.id}`),
          sql`, `,
        )}]::int[]`})`,
  );
  await db.rows(
    sql`INSERT INTO union_enterprises (union_id, enterprise_id)
        SELECT u.id, e.id FROM unions u JOIN enterprises e ON 'Công đoàn cơ sở ' || e.name = u.name WHERE e.name LIKE ${`Công ty TNHH ${tag} %`}`,
  );
  return unions.map((u) => u.id);
}

/** `n` people joining `unionIds` round-robin on dates spread over [from, from + days), with a reason. */
async function bulkMembers(unionIds: number[], n: number, from: string, days: number, reason: string, seed: number) {
  const arr = sql`ARRAY[${sql.join(
    unionIds.map((u) => sql`${u}`),
    sql`, `,
  )}]::int[]`;
  const rows = await t.database.rows<{ id: number }>(
    sql`INSERT INTO people (citizen_id, family_name, middle_name, given_name, gender, birth_date)
        SELECT '031' || lpad((${seed} * 1000000 + k)::text, 9, '0'), (ARRAY['Nguyễn','Trần','Lê','Phạm','Hoàng','Vũ','Đặng','Bùi'])[1 + k % 8],
               CASE WHEN k % 2 = 0 THEN 'Thị' ELSE 'Văn' END, (ARRAY['Lan','Hương','Đức','Minh','Hà','Tuấn','Thảo','Dũng'])[1 + k % 8],
               CASE WHEN k % 2 = 0 THEN 'female' ELSE 'male' END, '1995-05-01'
        FROM generate_series(1, ${n}) k RETURNING id`,
  );
  const ids = sql`ARRAY[${sql.join(
    rows.map((r) => sql`${r.id}`),
    sql`, `,
  )}]::int[]`;
  await t.database.rows(
    sql`INSERT INTO memberships (person_id, union_id, valid_from, start_reason)
        SELECT p.id, (${arr})[1 + (row_number() OVER (ORDER BY p.id) - 1)::int % ${unionIds.length}],
               ${from}::date + (((row_number() OVER (ORDER BY p.id) - 1) * ${days}) / ${n})::int, ${reason}
        FROM people p WHERE p.id = ANY(${ids})`,
  );
  return rows.map((r) => r.id);
}

beforeAll(async () => {
  t = await createTestApp();
  const federation = await buildBody(t.database, "federation", null, "Liên đoàn Lao động thành phố Hải Phòng");
  const authority = await buildBody(t.database, "zone_authority", null, "Ban Quản lý Khu kinh tế Hải Phòng");
  const mmcBody = await buildBody(t.database, "mass_mobilization", null, "Ban Dân vận Thành ủy Hải Phòng");
  const zoneUnion = await buildBody(t.database, "zone_union", federation.id, "Công đoàn Khu kinh tế Hải Phòng");
  const zoneId = await buildZone(t.database, zoneUnion.id, "KCN Tràng Duệ");
  city = { federation: federation.id, authority: authority.id, mmc: mmcBody.id, zoneUnion: zoneUnion.id, zoneId };
  fed = await login("officer", city.federation);
  mmc = await login("officer", city.mmc);

  // The 2023 plan: 20 items, 19 done, one not done with its reason. And the 2024 plan's tasks.
  const areas = ["leadership", "propaganda", "situation", "housing", "party_union", "mobilization", "supervision"];
  const items = Array.from({ length: 19 }, (_, k) => ({
    area: areas[k % areas.length],
    content: `Nội dung phối hợp ${k + 1} năm 2023`,
    leadBodyId: [city.mmc, city.authority, city.federation][k % 3],
    status: "done",
  }));
  items[0] = {
    ...items[0],
    content: "Phối hợp tham mưu tổ chức thành công Hội nghị Thường trực Thành ủy gặp gỡ, đối thoại với công nhân, viên chức, lao động thành phố năm 2023",
  } as (typeof items)[0];
  const plan = await mmc.post("/api/coordination/plans", {
    year: 2023,
    code: "02-KH/BDVTU-BQLKKT-LĐLĐTP",
    title: "Kế hoạch phối hợp thực hiện nhiệm vụ xây dựng giai cấp công nhân trong KCN, KKT năm 2023",
    issuedOn: "2023-01-04",
    items: [...items, { area: "supervision", content: notDone, leadBodyId: city.mmc, status: "not_done", reasonNotDone: reason }],
  });
  expect(plan.statusCode).toBe(201);
  const plan2024 = await mmc.post("/api/coordination/plans", {
    year: 2024,
    code: "01-KH/BDVTU-BQLKKT-LĐLĐTP",
    title: "Kế hoạch phối hợp năm 2024",
    items: [
      {
        area: "propaganda",
        content:
          "Thường xuyên định hướng thông tin, phản bác các thông tin, quan điểm sai trái, thù địch liên quan đến lao động và công đoàn trên các nền tảng mạng xã hội",
        leadBodyId: city.mmc,
      },
      {
        area: "housing",
        content:
          "Phối hợp tham mưu triển khai thực hiện Nghị quyết số 09-NQ/TU, ngày 13/11/2023 của Ban Chấp hành Đảng bộ thành phố về phát triển nhà ở xã hội đến năm 2030",
        leadBodyId: city.authority,
      },
    ],
  });
  expect(plan2024.statusCode).toBe(201);
  expect((await fed.post(`/api/coordination/plans/${plan.json().id}/carry-over`, { toPlanId: plan2024.json().id })).json().carried).toBe(1);

  // Yearly plan figures of 2023.
  for (const [metric, value, title] of [
    ["new_members_in_year", 21500, "Phát triển đoàn viên mới"],
    ["new_unions_in_year", 22, "Thành lập mới công đoàn cơ sở"],
    ["party_referrals_in_year", 190, "Giới thiệu đoàn viên ưu tú cho Đảng"],
  ] as const) {
    const r = await fed.post("/api/coordination/targets", {
      program: "Kế hoạch năm 2023 của Công đoàn Khu kinh tế",
      title,
      metric,
      targetValue: value,
      year: 2023,
      deadline: "2023-12-31",
    });
    expect(r.statusCode).toBe(201);
  }

  // 22 grassroots unions founded in 2023, and 5 founded earlier (not counted).
  const older = await bulkUnions(5, "2019-03-01", 900, "Cũ");
  const founded2023 = await bulkUnions(22, "2023-01-05", 355, "Mới");
  // 13.297 members joining in 2023; noise that must not count: transfers in 2023, joins in 2022 and on 01/01/2024.
  const joined = await bulkMembers([...older, ...founded2023], 13_297, "2023-01-01", 365, "join", 11);
  await bulkMembers(older, 500, "2023-02-01", 300, "transfer", 12);
  await bulkMembers(older, 300, "2022-01-01", 365, "join", 13);
  await bulkMembers(older, 200, "2024-01-01", 1, "join", 14);

  // 315 referrals in 2023 (130 admitted) and 10 in 2022: bulk, as a union would enter them over the year.
  await t.database.rows(
    sql`INSERT INTO party_referrals (person_id, union_id, referred_on, outcome, admitted_on)
        SELECT m.person_id, m.union_id, '2023-12-01'::date - k, CASE WHEN k <= 130 THEN 'admitted' ELSE 'pending' END,
               CASE WHEN k <= 130 THEN '2023-12-20'::date ELSE NULL END
        FROM (SELECT m.*, row_number() OVER (ORDER BY m.id)::int AS k FROM memberships m
              WHERE m.person_id = ANY(${sql`ARRAY[${sql.join(
                joined.slice(0, 315).map((x) => sql`${x}`),
                sql`, `,
              )}]::int[]`})) m`,
  );
  await t.database.rows(
    sql`INSERT INTO party_referrals (person_id, union_id, referred_on) SELECT m.person_id, m.union_id, '2022-06-01' FROM memberships m
        WHERE m.valid_from < '2023-01-01' AND m.start_reason = 'join' LIMIT 10`,
  );

  // 48 training classes for 2.500 officials, through the API.
  for (let k = 0; k < 48; k++) {
    const r = await fed.post("/api/coordination/activities", {
      kind: "training",
      title: `Lớp tập huấn nghiệp vụ công tác công đoàn số ${k + 1}`,
      heldOn: `2023-${String(1 + (k % 11)).padStart(2, "0")}-15`,
      sessions: 1,
      participants: k < 47 ? 52 : 2500 - 47 * 52,
    });
    expect(r.statusCode).toBe(201);
  }
  // Supervision of 13 FDI enterprises (one visited twice), and a domestic one supervised in 2022 (not counted).
  const fdi = [];
  for (let k = 0; k < 13; k++) fdi.push(await buildEnterprise(t.database, city, { ownership: "fdi", name: `Công ty TNHH Giám Sát FDI ${k + 1}` }));
  for (const [k, e] of [...fdi, fdi[0]].entries()) {
    const r = await fed.post("/api/coordination/activities", {
      kind: "supervision",
      title: "Giám sát thực hiện lương tối thiểu vùng, ATVSLĐ, quy chế dân chủ, thỏa ước lao động tập thể",
      heldOn: `2023-${String(3 + (k % 9)).padStart(2, "0")}-10`,
      enterpriseId: e?.id,
    });
    expect(r.statusCode).toBe(201);
  }
  const domestic = await buildEnterprise(t.database, city, { ownership: "domestic_private", country: null });
  await fed.post("/api/coordination/activities", { kind: "supervision", title: "Giám sát", heldOn: "2022-05-10", enterpriseId: domestic.id });
  // Propaganda for over 4.000 workers with 1.500 booklets; the Tết market.
  await fed.post("/api/coordination/activities", {
    kind: "propaganda",
    title: "Tuyên truyền pháp luật lao động, BHXH tại KCN Tràng Duệ",
    heldOn: "2023-04-12",
    participants: 2150,
    copies: 1500,
  });
  await fed.post("/api/coordination/activities", {
    kind: "propaganda",
    title: "Tuyên truyền Luật Thực hiện dân chủ ở cơ sở",
    heldOn: "2023-08-22",
    participants: 1880,
  });
  await fed.post("/api/coordination/activities", {
    kind: "tet_market",
    title: "Chợ Tết Công đoàn 2023",
    heldOn: "2023-01-10",
    endedOn: "2023-01-15",
    units: 98,
    stalls: 205,
    visitors: 45_200,
  });
  const models = await mmc.post("/api/coordination/models", {
    name: "Khu nhà trọ văn minh an toàn",
    year: 2023,
    awards: [{ year: 2023, level: "city", title: "Bằng khen của UBND thành phố" }],
  });
  expect(models.statusCode).toBe(201);

  const res = await mmc.get("/api/reports/joint.docx?period=2023");
  expect(res.statusCode).toBe(200);
  expect(res.headers["content-type"]).toContain("wordprocessingml");
  docx = res.rawPayload;
  text = docxText(docx);
  if (process.env.PRINT_REPORT) console.log(text);
  if (process.env.REPORT_DIR) writeFileSync(`${process.env.REPORT_DIR}/seed001-2023.docx`, docx);
}, 120_000);
afterAll(async () => t.close());

describe("PROOF: the 2023 joint report of Hải Phòng, generated from the records", () => {
  it("has the administrative header, number, place and date, title and parts", () => {
    expect(text).toContain("BAN DÂN VẬN THÀNH ỦY");
    expect(text).toContain("BAN QUẢN LÝ KHU KINH TẾ");
    expect(text).toContain("LIÊN ĐOÀN LAO ĐỘNG THÀNH PHỐ");
    expect(text).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    expect(text).toContain("Độc lập - Tự do - Hạnh phúc");
    expect(text).toMatch(/Số: +-BC\/BDVTU-BQLKKT-LĐLĐTP/);
    expect(text).toMatch(/Hải Phòng, ngày \d{2} tháng (?:0[12]|[3-9]|1[0-2]) năm \d{4}/);
    expect(text).toContain("kết quả thực hiện Chương trình phối hợp năm 2023");
    expect(text).toContain("Thực hiện Kế hoạch số 02-KH/BDVTU-BQLKKT-LĐLĐTP, ngày 04/01/2023");
    expect(text).toContain("I. KẾT QUẢ THỰC HIỆN");
    expect(text).toContain("Đánh giá chung");
    expect(text).toContain("II. MỘT SỐ NHIỆM VỤ TRỌNG TÂM NĂM 2024");
    expect(text).toContain("TM. BAN CHẤP HÀNH");
    const styles = readZipEntry(docx, "word/styles.xml") ?? "";
    expect(styles).toContain("Times New Roman");
  });

  it("states the figures of 2023 in Vietnamese number format", () => {
    expect(text).toContain("thành lập mới 22/22 tổ chức công đoàn cơ sở (đạt 100% kế hoạch)");
    expect(text).toContain("phát triển mới 13.297/21.500 đoàn viên, đạt 61,8% kế hoạch năm");
    expect(text).toContain("giới thiệu đoàn viên ưu tú cho Đảng để bồi dưỡng kết nạp 315/190 (đạt 165,8% kế hoạch)");
    expect(text).toContain("130 đoàn viên được kết nạp Đảng");
    expect(text).toContain("Tổ chức 48 lớp tập huấn");
    expect(text).toContain("cho 2.500 lượt cán bộ công đoàn");
    expect(text).toContain("giám sát tại 13 doanh nghiệp FDI");
    expect(text).toContain("cho 4.030 lượt công nhân lao động");
    expect(text).toContain("phát hành 1.500 cuốn");
    expect(text).toContain("98 đơn vị, doanh nghiệp, 205 gian hàng, thu hút 45.200 lượt người tham dự");
    expect(text).toContain("mô hình “Khu nhà trọ văn minh an toàn”");
  });

  it("states new members and new unions once, in the party and union building area, as the source report does", () => {
    const results = text.slice(text.indexOf("I. KẾT QUẢ THỰC HIỆN"), text.indexOf("Đánh giá chung"));
    expect(results.match(/phát triển mới [\d.]+/g)).toEqual(["phát triển mới 13.297"]);
    expect(results.match(/thành lập mới [\d.]+/g)).toEqual(["thành lập mới 22"]);
    const area = results.slice(results.indexOf("Phối hợp trong xây dựng, nâng cao chất lượng tổ chức đảng, đoàn thể trong các doanh nghiệp"));
    expect(area).toContain("phát triển mới 13.297/21.500 đoàn viên");
    expect(area).toContain("thành lập mới 22/22 tổ chức công đoàn cơ sở");
  });

  it("assesses the plan: 19 of 20 done, the one not done and why; next year's tasks from the 2024 plan", () => {
    expect(text).toContain("Hoàn thành 19/20 nội dung phối hợp tại Kế hoạch số 02-KH/BDVTU-BQLKKT-LĐLĐTP, ngày 04/01/2023");
    expect(text).toContain(`Còn 01 nội dung phối hợp chưa được triển khai: ${notDone}.`);
    expect(text).toContain(`Nguyên nhân: ${reason}`);
    expect(text).toContain("Phối hợp tham mưu tổ chức thành công Hội nghị Thường trực Thành ủy");
    expect(text).toContain("phát triển nhà ở xã hội đến năm 2030");
    // The carried-over item is one of 2024's tasks.
    expect(text.split(notDone).length - 1).toBeGreaterThanOrEqual(2);
  });

  it("traces every figure: the preview links each number to its list, and the lists give the same numbers", async () => {
    const preview = (await mmc.get("/api/reports/preview?period=2023")).json();
    const figures = preview.sections.flatMap((s: { figures: { key: string; value: number; link?: string; text: string }[] }) => s.figures);
    // Every link opens a staff page of the web client (its routes all live under /staff/).
    for (const f of figures) expect(f.link, f.key).toMatch(/^\/staff\//);
    const byKey = (k: string) => figures.find((f: { key: string }) => f.key === k);
    expect(byKey("party_union.new_members").text).toBe("13.297/21.500 (61,8%)");
    const trace = (await fed.get("/api/reports/trace/new_members?from=2023-01-01&to=2023-12-31")).json();
    expect(trace.total).toBe(13_297);
    const unions = (await fed.get("/api/reports/trace/new_unions?from=2023-01-01&to=2023-12-31")).json();
    expect(unions.total).toBe(22);
    const trainings = (await fed.get("/api/coordination/activities?kind=training&from=2023-01-01&to=2023-12-31")).json();
    expect(trainings.totals).toMatchObject({ total: 48, participants: 2500 });
    const sup = (await fed.get("/api/coordination/activities?kind=supervision&enterpriseOwnership=fdi&from=2023-01-01&to=2023-12-31")).json();
    expect(sup.totals.enterprises).toBe(13);
    const refs = (await fed.get("/api/coordination/referrals?from=2023-01-01&to=2023-12-31")).json();
    expect(refs.line).toBe("315 giới thiệu, 130 kết nạp, 41,3%");
  });

  it("writes the .xlsx annex with the same figures, and a half-year report", async () => {
    const xlsx = await mmc.get("/api/reports/joint.xlsx?period=2023");
    expect(xlsx.statusCode).toBe(200);
    const sheet = readZipEntry(xlsx.rawPayload, "xl/sharedStrings.xml") ?? "";
    expect(sheet).toContain("13.297/21.500 (61,8%)");
    expect(sheet).toContain("Đoàn viên phát triển mới");
    const half = await mmc.get("/api/reports/joint.docx?period=2023-H1");
    const h1 = docxText(half.rawPayload);
    expect(h1).toContain("kết quả thực hiện Chương trình phối hợp 6 tháng đầu năm 2023");
    expect(h1).toContain("II. NHIỆM VỤ TRỌNG TÂM 6 THÁNG CUỐI NĂM 2023");
    const m = /phát triển mới ([\d.]+)\/21\.500 đoàn viên/.exec(h1);
    const firstHalf = (await fed.get("/api/reports/trace/new_members?from=2023-01-01&to=2023-06-30")).json().total;
    expect(m?.[1]).toBe(new Intl.NumberFormat("vi-VN").format(firstHalf));
  });
});
