import { randomBytes } from "node:crypto";
import { unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createImportJob } from "#server/modules/registry/import.jobs.ts";
import { importMembers } from "#server/modules/registry/import.service.ts";
import { Client, type TestApp, auditCount, createTestApp } from "../../../../test/support/app.ts";
import { type TestCity, buildCity, buildEnterprise, buildUnion, buildUser, cityOfficerContext } from "../../../../test/support/factories.ts";

let t: TestApp;
let city: TestCity;
let officer: Client;
let chairA: Client;
let viewer: Client;
let entA: { id: number; taxCode: string };
let entB: { id: number; taxCode: string };
let unionA: { id: number; name: string };
let unionB: { id: number; name: string };
let codeA: string;
let codeB: string;

async function signedIn(role: Parameters<typeof buildUser>[1], bodyId: number) {
  const u = await buildUser(t.database, role, bodyId);
  const c = new Client(t.app);
  await c.login(u.username, u.password);
  return c;
}

function upload(c: Client, url: string, filename: string, content: Buffer | string) {
  const boundary = `----caunoi${randomBytes(6).toString("hex")}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    Buffer.isBuffer(content) ? content : Buffer.from(content, "utf8"),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return c.request({ method: "POST", url, payload, headers: { "content-type": `multipart/form-data; boundary=${boundary}` } });
}

const HEADER = "STT,Họ và tên,Ngày sinh,Giới tính,Số CCCD,Số điện thoại,Mã số thuế doanh nghiệp,Công đoàn cơ sở,Ngày vào công đoàn,Số thẻ đoàn viên";
let seq = Math.floor(Math.random() * 800_000);
const cid = (female: boolean, yy = 95) => `031${female ? 1 : 0}${yy}${String(++seq).padStart(6, "0")}`;

async function peopleWith(ids: string[]) {
  return t.database.rows<{ citizen_id: string; union_id: number | null; n: number }>(
    sql`SELECT p.citizen_id, (SELECT m.union_id FROM memberships m WHERE m.person_id = p.id AND m.valid_to IS NULL) AS union_id,
               (SELECT count(*)::int FROM memberships m WHERE m.person_id = p.id) AS n
        FROM people p WHERE p.citizen_id = ANY(${`{${ids.join(",")}}`}::text[]) ORDER BY p.citizen_id`,
  );
}

beforeAll(async () => {
  t = await createTestApp();
  city = await buildCity(t.database);
  entA = await buildEnterprise(t.database, city, { name: "Công ty TNHH Dệt may Hồng Hà" });
  entB = await buildEnterprise(t.database, city, { name: "Công ty TNHH Cơ khí Bạch Đằng" });
  unionA = await buildUnion(t.database, city, entA.id, "Công đoàn cơ sở Công ty TNHH Dệt may Hồng Hà");
  unionB = await buildUnion(t.database, city, entB.id, "Công đoàn cơ sở Công ty TNHH Cơ khí Bạch Đằng");
  const codes = await t.database.rows<{ id: number; code: string }>(sql`SELECT id, code FROM unions WHERE id IN (${unionA.id}, ${unionB.id})`);
  codeA = codes.find((c) => c.id === unionA.id)?.code ?? "";
  codeB = codes.find((c) => c.id === unionB.id)?.code ?? "";
  officer = await signedIn("officer", city.federation);
  chairA = await signedIn("union_officer", unionA.id);
  viewer = await signedIn("viewer", city.federation);
});
afterAll(async () => t.close());

describe("member import", () => {
  it("offers the template with the Vietnamese headers", async () => {
    const res = await officer.get("/api/registry/imports/members/template");
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const headers = ((wb.worksheets[0]?.getRow(1).values ?? []) as string[]).slice(1);
    expect(headers).toEqual(
      expect.arrayContaining([
        "Họ và tên",
        "Ngày sinh",
        "Giới tính",
        "Số CCCD",
        "Số điện thoại",
        "Mã số thuế doanh nghiệp",
        "Công đoàn cơ sở",
        "Ngày vào công đoàn",
        "Số thẻ đoàn viên",
      ]),
    );
    const csv = await officer.get("/api/registry/imports/members/template?format=csv");
    expect(csv.body).toContain("Họ và tên");
    expect((await viewer.get("/api/registry/imports/members/template")).statusCode).toBe(403);
  });

  it("dry-runs a messy file naming every bad row and why, writes nothing; the commit is all-or-nothing", async () => {
    const a = cid(true);
    const b = cid(false, 90);
    const dup = cid(true, 99);
    const csv = [
      "DANH SÁCH ĐOÀN VIÊN CÔNG ĐOÀN CƠ SỞ",
      "",
      HEADER,
      `1,Ðặng Thị Hồng Nhung,12/05/1995,Nữ,${a},0912 345 678,${entA.taxCode},${unionA.name},01/03/2021,TV001`,
      `2,NGUYỄN VĂN ĐỨC,1990-07-20,Nam,${b},,${entB.taxCode},${codeB},2020-02-15,`,
      `3,Trần Thị Lan,31/02/1996,Nữ,${cid(true, 96)},,,${codeA},01/01/2022,`,
      `4,Lê Văn Hùng,01/01/1994,Nam,12345,,,${codeA},01/01/2022,`,
      `5,Phạm Thị Mai,01/01/1999,Nữ,${dup},,,${codeA},01/01/2022,`,
      `6,Phạm Thị Mai,01/01/1999,Nữ,${dup},,,${codeA},01/01/2022,`,
      `7,Hoàng Văn Nam,01/01/1990,Nam,${cid(false, 90)},,,Công đoàn không có thật,01/01/2022,`,
      `8,Vũ Thị Thu,01/01/1992,Khác,${cid(true, 92)},0123,9999999999,${codeA},,`,
    ].join("\r\n");
    const dry = await upload(officer, "/api/registry/imports/members?dryRun=true", "doan-vien.csv", csv);
    expect(dry.statusCode).toBe(200);
    const r = dry.json();
    expect(r).toMatchObject({ total: 8, created: 2, updated: 0, transferred: 0, unchanged: 0, rejected: 6, committed: false });
    const byRow = (row: number) =>
      r.errors
        .filter((e: { row: number }) => e.row === row)
        .map((e: { code: string }) => e.code)
        .sort();
    expect(byRow(6)).toEqual(["invalid_date"]);
    expect(byRow(7)).toEqual(["invalid_citizen_id"]);
    expect(byRow(8)).toEqual(["duplicate_in_file"]);
    expect(byRow(9)).toEqual(["duplicate_in_file"]);
    expect(byRow(10)).toEqual(["union_not_found"]);
    expect(byRow(11)).toEqual(["enterprise_not_found", "invalid_gender", "invalid_phone", "required"]);
    expect(r.errors.find((e: { row: number }) => e.row === 6).message).toMatch(/Ngày sinh "31\/02\/1996" không hợp lệ/);
    expect(r.errors.find((e: { row: number }) => e.row === 8).message).toMatch(/các dòng 8, 9/);
    expect(await peopleWith([a, b])).toEqual([]);
    // Commit without skipInvalid: refused as a whole.
    const refused = await upload(officer, "/api/registry/imports/members", "doan-vien.csv", csv);
    expect(refused.json()).toMatchObject({ committed: false, rejected: 6 });
    expect(await peopleWith([a, b])).toEqual([]);
    // With skipInvalid the good rows go in, the Ð became Đ and capitals became a name.
    const ok = await upload(officer, "/api/registry/imports/members?skipInvalid=true", "doan-vien.csv", csv);
    expect(ok.json()).toMatchObject({ committed: true, created: 2, rejected: 6 });
    const [p1] = await t.database.rows<{ full_name: string; phone: string; enterprise_id: number }>(
      sql`SELECT full_name, phone, enterprise_id FROM people WHERE citizen_id = ${a}`,
    );
    expect(p1).toEqual({ full_name: "Đặng Thị Hồng Nhung", phone: "0912345678", enterprise_id: entA.id });
    const [p2] = await t.database.rows<{ full_name: string }>(sql`SELECT full_name FROM people WHERE citizen_id = ${b}`);
    expect(p2?.full_name).toBe("Nguyễn Văn Đức");
    expect(await auditCount(t.database, "import", "members")).toBeGreaterThanOrEqual(1);
  });

  it("is idempotent, and transfers a member whose union changed instead of duplicating; past counts stay", async () => {
    const ids = [cid(true), cid(false, 88), cid(true, 91)];
    const file1 = [HEADER, ...ids.map((id, i) => `${i + 1},Người Số ${["Một", "Hai", "Ba"][i]},01/01/1990,,${id},,,${codeA},01/06/2020,`)].join("\n");
    const first = await upload(officer, "/api/registry/imports/members", "lan1.csv", file1);
    expect(first.json()).toMatchObject({ total: 3, created: 3, committed: true, rejected: 0 });
    const again = await upload(officer, "/api/registry/imports/members", "lan1.csv", file1);
    expect(again.json()).toMatchObject({ total: 3, created: 0, updated: 0, transferred: 0, unchanged: 3 });
    const countA = async (d: string) => (await officer.get(`/api/registry/members/count?asOf=${d}&unionId=${unionA.id}`)).json().members as number;
    const before = await countA("2023-12-31");
    // Newer file: the first moved to union B on 01/03/2024, the second changed phone, the third is the same.
    const file2 = [
      `${HEADER},Ngày chuyển đến`,
      `1,Người Số Một,01/01/1990,,${ids[0]},,,${codeB},01/06/2020,,01/03/2024`,
      `2,Người Số Hai,01/01/1990,,${ids[1]},0987654321,,${codeA},01/06/2020,,`,
      `3,Người Số Ba,01/01/1990,,${ids[2]},,,${codeA},01/06/2020,,`,
    ].join("\n");
    const second = await upload(officer, "/api/registry/imports/members", "lan2.csv", file2);
    expect(second.json()).toMatchObject({ created: 0, updated: 1, transferred: 1, unchanged: 1 });
    const rows = await peopleWith(ids);
    expect(rows.find((r) => r.citizen_id === ids[0])).toMatchObject({ union_id: unionB.id, n: 2 });
    expect(await countA("2023-12-31")).toBe(before);
    const third = await upload(officer, "/api/registry/imports/members", "lan2.csv", file2);
    expect(third.json()).toMatchObject({ created: 0, updated: 0, transferred: 0, unchanged: 3 });
  });

  it("a bulk load builds the indexes and foreign keys of people and memberships again before it commits", async () => {
    const schema = () =>
      t.database.rows<{ what: string }>(
        sql`SELECT indexname || ': ' || indexdef AS what FROM pg_indexes WHERE tablename IN ('people', 'memberships')
            UNION ALL SELECT conname || ': ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid IN ('people'::regclass, 'memberships'::regclass)
            ORDER BY 1`,
      );
    const before = await schema();
    const ctx = await cityOfficerContext(t.database, city, "bulk");
    const file = path.join(tmpdir(), `caunoi-bulk-${randomBytes(4).toString("hex")}.csv`);
    const ids = [cid(true), cid(false, 90), cid(true, 91)];
    const steps: string[] = [];
    try {
      await writeFile(
        file,
        [
          HEADER,
          `1,ÐỖ THỊ BÍCH,01/01/1990,Nữ,${ids[0]},,,${codeA},01/06/2020,`,
          `2,Hà Văn Sơn,01/01/1990,Nam,${ids[1]},,,${codeB},01/06/2020,`,
          // Letters Node does not fold the way SQL does: SQL computes this one's name_fold.
          `3,Søren Ærø,01/01/1991,Nữ,${ids[2]},,,${codeB},01/06/2020,`,
        ].join("\n"),
      );
      const result = await importMembers(t.database, ctx, await createImportJob(t.database, ctx, "members", false, "bulk.csv"), file, {
        dryRun: false,
        bulkFrom: 1,
        log: (line) => steps.push(line),
      });
      expect(result).toMatchObject({ created: 3, committed: true });
      expect(steps.some((l) => l.includes("DROP INDEX"))).toBe(true);
      expect(steps.some((l) => l.includes("ADD CONSTRAINT"))).toBe(true);
      expect(await schema()).toEqual(before);
      const rows = await peopleWith(ids);
      expect(ids.map((id) => rows.find((r) => r.citizen_id === id)?.union_id)).toEqual([unionA.id, unionB.id, unionB.id]);
      // The names Node gave (or SQL, for the foreign letters) are what the people_names trigger gives, and the trigger is on again.
      const names = await t.database.rows<{ kept: string; computed: string }>(
        sql`SELECT full_name || '|' || name_fold AS kept,
                   btrim(regexp_replace(family_name || ' ' || middle_name || ' ' || given_name, '\\s+', ' ', 'g')) || '|' || vn_fold(family_name || ' ' || middle_name || ' ' || given_name) AS computed
            FROM people WHERE citizen_id IN (${sql.join(
              ids.map((i) => sql`${i}`),
              sql`, `,
            )}) ORDER BY citizen_id`,
      );
      expect(names.map((n) => n.kept)).toEqual(expect.arrayContaining(["Đỗ Thị Bích|do thi bich", "Hà Văn Sơn|ha van son"]));
      expect(names).toHaveLength(3);
      for (const n of names) expect(n.kept).toBe(n.computed);
      const [trigger] = await t.database.rows<{ on: string }>(sql`SELECT tgenabled AS on FROM pg_trigger WHERE tgname = 'people_names'`);
      expect(trigger?.on).toBe("O");
      expect((await officer.get("/api/search?q=ha%20van%20son")).json().people.map((p: { citizenId: string }) => p.citizenId)).toContain(ids[1]);

      // The next (small) import of the same people goes the ordinary way and changes nothing.
      const again = await importMembers(t.database, ctx, await createImportJob(t.database, ctx, "members", false, "bulk.csv"), file, { dryRun: false });
      expect(again).toMatchObject({ created: 0, unchanged: 3 });
    } finally {
      await unlink(file).catch(() => undefined);
    }
  });

  it("reads .xlsx with Excel date cells and citizen IDs typed as numbers", async () => {
    const id = cid(false, 93);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("DS");
    ws.addRow(["Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Công đoàn cơ sở", "Ngày vào công đoàn"]);
    ws.addRow(["Bùi Văn Toàn", new Date(Date.UTC(1993, 3, 9)), "Nam", Number(id), codeA, new Date(Date.UTC(2019, 8, 1))]);
    ws.getCell("B2").numFmt = "dd/mm/yyyy";
    ws.getCell("F2").numFmt = "dd/mm/yyyy";
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await upload(officer, "/api/registry/imports/members", "ds.xlsx", buf);
    expect(res.json()).toMatchObject({ created: 1, rejected: 0, committed: true });
    const [p] = await t.database.rows<{ birth_date: string; valid_from: string }>(
      sql`SELECT p.birth_date, m.valid_from FROM people p JOIN memberships m ON m.person_id = p.id WHERE p.citizen_id = ${id}`,
    );
    expect(p).toEqual({ birth_date: "1993-04-09", valid_from: "2019-09-01" });
  });

  it("refuses a file missing required columns, naming them, and a file that is not a spreadsheet", async () => {
    const res = await upload(officer, "/api/registry/imports/members?dryRun=true", "thieu.csv", "Họ và tên,Ngày sinh,Số CCCD\nA,01/01/1990,031095000001\n");
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe("import_invalid_file");
    expect(res.json().detail).toMatch(/Công đoàn cơ sở, Ngày vào công đoàn/);
    const junk = await upload(officer, "/api/registry/imports/members?dryRun=true", "x.csv", "just some text\nwithout headers\n");
    expect(junk.statusCode).toBe(400);
  });

  it("refuses a binary file named .csv (a NUL byte) and a giant one-line file with 400, fast, never a 500", async () => {
    const nul = await upload(
      officer,
      "/api/registry/imports/members?dryRun=true",
      "nul.csv",
      `${HEADER}\n1,Nguyễn\u0000 Văn A,01/01/1995,Nam,${cid(false)},,,${codeA},01/01/2024,\n`,
    );
    expect(nul.statusCode).toBe(400);
    expect(nul.json().code).toBe("import_invalid_file");
    expect(nul.json().detail).toContain("NUL");
    const started = Date.now();
    const giant = await upload(officer, "/api/registry/imports/members?dryRun=true", "to.csv", Buffer.alloc(30 * 1024 * 1024, 0x41));
    expect(giant.statusCode).toBe(400);
    expect(giant.json().code).toBe("import_invalid_file");
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it("keeps a union officer to its own union", async () => {
    const file = [
      HEADER,
      `1,Đỗ Thị Hạnh,01/01/1995,Nữ,${cid(true)},,,${codeB},01/01/2023,`,
      `2,Đỗ Thị Hoa,01/01/1995,Nữ,${cid(true)},,,${codeA},01/01/2023,`,
    ].join("\n");
    const res = await upload(chairA, "/api/registry/imports/members?dryRun=true", "a.csv", file);
    expect(res.json()).toMatchObject({ created: 1, rejected: 1 });
    expect(res.json().errors[0]).toMatchObject({ row: 2, code: "union_out_of_scope" });
    expect((await upload(viewer, "/api/registry/imports/members?dryRun=true", "a.csv", file)).statusCode).toBe(403);
  });

  it("runs in the background with a job the page polls", async () => {
    const rows = Array.from(
      { length: 1200 },
      (_, i) => `${i + 1},Nguyễn Thị ${["An", "Bình", "Chi", "Dung", "Giang"][i % 5]},01/01/1995,Nữ,${cid(true)},,,${codeA},01/01/2023,`,
    );
    const res = await upload(officer, "/api/registry/imports/members?background=true&dryRun=true", "lon.csv", [HEADER, ...rows].join("\n"));
    expect(res.statusCode).toBe(202);
    const { jobId } = res.json();
    let job = (await officer.get(`/api/registry/imports/${jobId}`)).json();
    // Queued until a worker claims it, then running: both are "not yet".
    for (let i = 0; i < 300 && (job.status === "queued" || job.status === "running"); i++) {
      await new Promise((r) => setTimeout(r, 100));
      job = (await officer.get(`/api/registry/imports/${jobId}`)).json();
    }
    expect(job).toMatchObject({ status: "done", processed: 1200, result: { created: 1200, dryRun: true } });
    expect((await chairA.get(`/api/registry/imports/${jobId}`)).statusCode).toBe(404);
  });
});

describe("export", () => {
  it("exports people within scope, masking citizen IDs for roles without identity, and audits it", async () => {
    const before = await auditCount(t.database, "export", "people");
    const res = await viewer.get(`/api/registry/export/people.xlsx?unionId=${unionA.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-disposition"]).toContain("doan-vien");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(((ws?.getRow(1).values ?? []) as string[]).slice(1)).toContain("Số CCCD");
    const cids = [];
    for (let r = 2; r <= (ws?.rowCount ?? 0); r++) cids.push(String(ws?.getRow(r).getCell(4).value));
    expect(cids.length).toBeGreaterThanOrEqual(3);
    expect(cids.every((c) => /^\*{10}\d{2}$/.test(c))).toBe(true);
    expect(await auditCount(t.database, "export", "people")).toBe(before + 1);
    // Full identifiers only when asked for, with a purpose (issue #15.5).
    expect((await officer.get(`/api/registry/export/people.xlsx?unionId=${unionA.id}&identifiers=full`)).statusCode).toBe(400);
    const full = await officer.get(
      `/api/registry/export/people.xlsx?unionId=${unionA.id}&identifiers=full&purpose=${encodeURIComponent("Đối chiếu danh sách chi trả Tết")}`,
    );
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(full.rawPayload as unknown as ArrayBuffer);
    expect(String(wb2.worksheets[0]?.getRow(2).getCell(4).value)).toMatch(/^\d{12}$/);
    // A union officer's export holds only its union's people.
    const own = await chairA.get("/api/registry/export/people.xlsx");
    const wb3 = new ExcelJS.Workbook();
    await wb3.xlsx.load(own.rawPayload as unknown as ArrayBuffer);
    const unions = new Set<string>();
    const w3 = wb3.worksheets[0];
    for (let r = 2; r <= (w3?.rowCount ?? 0); r++) unions.add(String(w3?.getRow(r).getCell(9).value));
    expect([...unions]).toEqual([unionA.name]);
    const ents = await officer.get("/api/registry/export/enterprises.xlsx?q=bach%20dang");
    expect(ents.statusCode).toBe(200);
  });
});
