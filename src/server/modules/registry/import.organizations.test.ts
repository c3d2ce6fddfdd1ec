import { randomBytes } from "node:crypto";
import ExcelJS from "exceljs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, type TestApp, auditCount, createTestApp } from "../../../../test/support/app.ts";
import { type TestCity, buildBody, buildCity, buildEnterprise, buildUnion, buildUser, buildZone, uniqueTaxCode } from "../../../../test/support/factories.ts";
import { multipart } from "../../../../test/security/coverage.ts";

let t: TestApp;
let city: TestCity;
let officer: Client;
let zoneOfficer: Client;
let authority: Client;
let chair: Client;
let viewer: Client;
let zoneName: string;
let otherZone: number;
let otherZoneName: string;
let otherZoneUnion: number;
let otherEnt: { id: number; name: string; taxCode: string };

const tag = () => randomBytes(3).toString("hex");

async function signedIn(role: Parameters<typeof buildUser>[1], bodyId: number) {
  const u = await buildUser(t.database, role, bodyId);
  const c = new Client(t.app);
  await c.login(u.username, u.password);
  return c;
}

const upload = (c: Client, url: string, name: string, content: Buffer | string) => c.request({ method: "POST", url, ...multipart(name, content) });

/** A tax code whose check digit is wrong (a warning, not a refusal). */
function badCheckDigit(): string {
  const good = uniqueTaxCode();
  return good.slice(0, 9) + String((Number(good[9]) + 1) % 10);
}

async function enterprise(taxCode: string) {
  const [row] = await t.database.rows<Record<string, unknown>>(
    sql`SELECT e.id, e.name, e.ownership, e.zone_id AS "zoneId", e.workforce_total AS "workforceTotal", e.workforce_women AS "workforceWomen",
               e.status, e.has_party_org AS "hasPartyOrg", e.established_on AS "establishedOn", b.kind, b.path
        FROM enterprises e JOIN bodies b ON b.id = e.id WHERE e.tax_code = ${taxCode}`,
  );
  return row ?? null;
}

const ENT_HEADER =
  "STT,Mã số thuế,Tên doanh nghiệp,Loại hình sở hữu,Quốc gia nhà đầu tư,Khu công nghiệp,Ngành nghề,Tổng số lao động,Lao động nữ,Lao động ngoại tỉnh,Lao động nước ngoài,Trạng thái,Có tổ chức Đảng,Ngày thành lập";

beforeAll(async () => {
  t = await createTestApp();
  city = await buildCity(t.database);
  zoneName = `KCN Đình Vũ ${tag()}`;
  await t.database.rows(sql`UPDATE zones SET name = ${zoneName} WHERE id = ${city.zoneId}`);
  // A second zone under another zone union: outside the first zone officer's scope.
  otherZoneUnion = (await buildBody(t.database, "zone_union", city.federation, `Công đoàn KCN Tràng Duệ ${tag()}`)).id;
  otherZoneName = `KCN Tràng Duệ ${tag()}`;
  otherZone = await buildZone(t.database, otherZoneUnion, otherZoneName);
  otherEnt = await buildEnterprise(t.database, city, { name: `Công ty TNHH BÍ MẬT ${tag()}`, zoneId: otherZone });
  officer = await signedIn("officer", city.federation);
  zoneOfficer = await signedIn("officer", city.zoneUnion);
  authority = await signedIn("officer", city.authority);
  const ent = await buildEnterprise(t.database, city);
  const union = await buildUnion(t.database, city, ent.id);
  chair = await signedIn("union_officer", union.id);
  viewer = await signedIn("viewer", city.federation);
});
afterAll(async () => t.close());

describe("enterprise import", () => {
  it("offers templates with the Vietnamese headers to the roles that write enterprises and unions", async () => {
    const res = await officer.get("/api/registry/imports/enterprises/template");
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const headers = ((wb.worksheets[0]?.getRow(1).values ?? []) as string[]).slice(1);
    expect(headers).toEqual(
      expect.arrayContaining(["Mã số thuế", "Tên doanh nghiệp", "Loại hình sở hữu", "Khu công nghiệp", "Lao động nữ", "Trạng thái", "Có tổ chức Đảng"]),
    );
    const csv = await authority.get("/api/registry/imports/unions/template?format=csv");
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain("Mã công đoàn,Tên công đoàn cơ sở,Mã số thuế doanh nghiệp");
    expect(csv.headers["content-disposition"]).toContain("mau-nhap-cong-doan-co-so.csv");
    expect((await viewer.get("/api/registry/imports/enterprises/template")).statusCode).toBe(403);
    expect((await chair.get("/api/registry/imports/unions/template")).statusCode).toBe(403);
  });

  it("dry-runs a messy file naming every bad row and why; writes nothing, and the commit is all-or-nothing", async () => {
    const good = uniqueTaxCode();
    const branch = `${uniqueTaxCode()}-001`;
    const warned = badCheckDigit();
    const dup = uniqueTaxCode();
    const csv = [
      "DANH SÁCH DOANH NGHIỆP KHU KINH TẾ",
      "",
      ENT_HEADER,
      `1,${good},Công ty TNHH May Hồng Hà,FDI,Hàn Quốc,${zoneName},May mặc,"1.200",850,300,12,Đang hoạt động,Có,15/03/2012`,
      `2,${branch},Chi nhánh Công ty CP Thép Hải Phòng,Tu nhan trong nuoc,,${zoneName},Luyện kim,400,20,,,,,2015-06-01`,
      `3,${warned},Công ty TNHH Nhựa Tiền Phong,nha nuoc,,,Nhựa,100,10,,,tam ngung,khong,`,
      `4,12345,Công ty Sai Mã,FDI,,,May mặc,10,,,,,,`,
      `5,${dup},Công ty Trùng A,FDI,,,May mặc,10,,,,,,`,
      `6,${dup},Công ty Trùng B,FDI,,,May mặc,10,,,,,,`,
      `7,${uniqueTaxCode()},Công ty Không Có KCN,FDI,,KCN Không Có Thật,May mặc,10,,,,,,`,
      `8,${uniqueTaxCode()},Công ty Nữ Nhiều,FDI,,,May mặc,100,150,,-3,,,`,
      `9,${uniqueTaxCode()},Công ty Ngày Sai,Liên doanh,,,May mặc,10,,,,Đang bay,có lẽ,31/02/2020`,
      `10,${uniqueTaxCode()},,FDI,,,May mặc,10,,,,,,`,
      `11,${uniqueTaxCode()},Công ty Thiếu Loại Hình,,,,,10,,,,,,`,
    ].join("\r\n");
    const dry = await upload(officer, "/api/registry/imports/enterprises?dryRun=true", "doanh-nghiep.csv", csv);
    expect(dry.statusCode).toBe(200);
    const r = dry.json();
    expect(r).toMatchObject({ total: 11, created: 3, updated: 0, transferred: 0, unchanged: 0, rejected: 8, committed: false, dryRun: true });
    const byRow = (row: number) =>
      r.errors
        .filter((e: { row: number }) => e.row === row)
        .map((e: { code: string }) => e.code)
        .sort();
    expect(byRow(7)).toEqual(["invalid_tax_code"]);
    expect(byRow(8)).toEqual(["duplicate_in_file"]);
    expect(byRow(9)).toEqual(["duplicate_in_file"]);
    expect(byRow(10)).toEqual(["zone_not_found"]);
    expect(byRow(11)).toEqual(["negative_number", "workforce_inconsistent"]);
    expect(byRow(12)).toEqual(["invalid_date", "invalid_ownership", "invalid_status", "invalid_yes_no"]);
    expect(byRow(13)).toEqual(["required"]);
    expect(byRow(14)).toEqual(["required", "required"]);
    const msg = (row: number, code: string) => r.errors.find((e: { row: number; code: string }) => e.row === row && e.code === code);
    expect(msg(11, "workforce_inconsistent")).toMatchObject({ column: "Lao động nữ", message: "Lao động nữ (150) lớn hơn tổng số lao động (100)" });
    expect(msg(8, "duplicate_in_file").message).toMatch(/các dòng 8, 9/);
    expect(msg(13, "required")).toMatchObject({ column: "Tên doanh nghiệp", message: "Thiếu tên doanh nghiệp" });
    expect(msg(12, "invalid_date").message).toMatch(/Ngày thành lập "31\/02\/2020" không hợp lệ/);
    expect(r.warnings).toEqual([expect.objectContaining({ row: 6, code: "tax_check_digit" })]);
    expect(await enterprise(good)).toBeNull();

    const refused = await upload(officer, "/api/registry/imports/enterprises", "doanh-nghiep.csv", csv);
    expect(refused.json()).toMatchObject({ committed: false, rejected: 8, created: 3 });
    expect(await enterprise(good)).toBeNull();
    expect(await enterprise(branch)).toBeNull();
  });

  it("creates, then changes nothing on the same file, detects an update and audits each write", async () => {
    const a = uniqueTaxCode();
    const b = uniqueTaxCode();
    const rows = (women: number) => [
      ENT_HEADER,
      `1,${a},Công ty TNHH Điện tử Vĩnh Bảo,FDI,Nhật Bản,${zoneName},Điện tử,"2.500",${women},600,15,Đang hoạt động,Không,01/07/2018`,
      `2,${b},HTX Dịch vụ Cát Hải,Hợp tác xã,,${zoneName},Dịch vụ,45,20,,,,Có,`,
    ];
    const auditCreates = await auditCount(t.database, "create", "enterprise");
    const first = await upload(officer, "/api/registry/imports/enterprises", "dn.csv", rows(1800).join("\n"));
    expect(first.json()).toMatchObject({ total: 2, created: 2, updated: 0, unchanged: 0, rejected: 0, committed: true });
    expect(await enterprise(a)).toMatchObject({
      name: "Công ty TNHH Điện tử Vĩnh Bảo",
      ownership: "fdi",
      zoneId: city.zoneId,
      workforceTotal: 2500,
      workforceWomen: 1800,
      status: "active",
      hasPartyOrg: false,
      establishedOn: "2018-07-01",
      kind: "enterprise",
    });
    expect(await enterprise(b)).toMatchObject({ ownership: "cooperative", hasPartyOrg: true });
    // The new enterprise is a body under the zone authority, so scoping by the body tree applies.
    const made = await enterprise(a);
    expect(String(made?.path)).toMatch(new RegExp(`^/${city.authority}/${made?.id}/$`));
    expect(await auditCount(t.database, "create", "enterprise")).toBe(auditCreates + 2);
    expect(await auditCount(t.database, "import", "enterprises")).toBeGreaterThanOrEqual(1);

    const again = await upload(officer, "/api/registry/imports/enterprises", "dn.csv", rows(1800).join("\n"));
    expect(again.json()).toMatchObject({ total: 2, created: 0, updated: 0, unchanged: 2, committed: true });

    const updates = await auditCount(t.database, "update", "enterprise", String(made?.id));
    const changed = await upload(officer, "/api/registry/imports/enterprises", "dn.csv", rows(1900).join("\n"));
    expect(changed.json()).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    expect(await enterprise(a)).toMatchObject({ workforceWomen: 1900, workforceTotal: 2500 });
    expect(await auditCount(t.database, "update", "enterprise", String(made?.id))).toBe(updates + 1);
    const [row] = await t.database.rows<{ before: { workforceWomen: number }; after: { workforceWomen: number } }>(
      sql`SELECT before, after FROM audit_log WHERE action = 'update' AND object_type = 'enterprise' AND object_id = ${String(made?.id)} ORDER BY id DESC LIMIT 1`,
    );
    expect(row).toMatchObject({ before: { workforceWomen: 1800 }, after: { workforceWomen: 1900 } });

    // A file naming only some columns keeps the rest; women above the kept total is refused.
    const partial = await upload(
      officer,
      "/api/registry/imports/enterprises?dryRun=true",
      "dn.csv",
      `Mã số thuế,Tên doanh nghiệp,Lao động nữ\n${b},HTX Dịch vụ Cát Hải,60\n`,
    );
    expect(partial.json().errors).toEqual([
      expect.objectContaining({ row: 2, code: "workforce_inconsistent", message: "Lao động nữ (60) lớn hơn tổng số lao động (45)" }),
    ]);

    // An export of the list imports back as it is.
    const exported = await officer.get(`/api/registry/export/enterprises.xlsx?zoneId=${city.zoneId}`);
    const back = await upload(officer, "/api/registry/imports/enterprises?dryRun=true", "xuat.xlsx", exported.rawPayload);
    expect(back.json()).toMatchObject({ created: 0, updated: 0, rejected: 0 });
    expect(back.json().unchanged).toBeGreaterThanOrEqual(2);
  });

  it("reads .xlsx with Excel date cells and tax codes typed as numbers", async () => {
    const tax = `0${uniqueTaxCode().slice(1)}`;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("DN");
    ws.addRow(["Mã số thuế", "Tên doanh nghiệp", "Loại hình sở hữu", "Ngành nghề", "Tổng số lao động", "Ngày thành lập"]);
    ws.addRow([Number(tax), "Công ty TNHH Cơ khí Kiến An", "Nhà nước", "Cơ khí", 320, new Date(Date.UTC(2009, 10, 20))]);
    ws.getCell("F2").numFmt = "dd/mm/yyyy";
    const res = await upload(officer, "/api/registry/imports/enterprises", "dn.xlsx", Buffer.from(await wb.xlsx.writeBuffer()));
    expect(res.json()).toMatchObject({ created: 1, rejected: 0, committed: true });
    expect(await enterprise(tax.startsWith("0") ? tax : tax)).toMatchObject({ ownership: "state", workforceTotal: 320, establishedOn: "2009-11-20" });
  });

  it("reads a semicolon-separated CSV (Excel in a Vietnamese locale) with commas inside names; a name split at its semicolon is refused, saying why", async () => {
    const tax = uniqueTaxCode();
    const comma = uniqueTaxCode();
    const split = uniqueTaxCode();
    const file = [
      "Mã số thuế;Tên doanh nghiệp;Loại hình sở hữu;Ngành nghề;Tổng số lao động",
      `${tax};Công ty TNHH Xây dựng Lạch Tray;Tư nhân trong nước;Xây dựng;1.250`,
      `${comma};Công ty TNHH Thương mại, Dịch vụ Cát Bi;Tư nhân trong nước;Dịch vụ;40`,
      `${split};Công ty TNHH Vận tải; Kho vận Đình Vũ;Tư nhân trong nước;Logistics;60`,
    ].join("\r\n");
    const dry = await upload(officer, "/api/registry/imports/enterprises?dryRun=true", "dn.csv", file);
    expect(dry.json()).toMatchObject({ created: 2, rejected: 1 });
    expect(dry.json().errors).toEqual([expect.objectContaining({ row: 4, column: null, code: "extra_cells" })]);
    const fixed = file.replace("Công ty TNHH Vận tải; Kho vận Đình Vũ", '"Công ty TNHH Vận tải; Kho vận Đình Vũ"');
    expect((await upload(officer, "/api/registry/imports/enterprises", "dn.csv", fixed)).json()).toMatchObject({ created: 3, rejected: 0, committed: true });
    expect(await enterprise(tax)).toMatchObject({ name: "Công ty TNHH Xây dựng Lạch Tray", ownership: "domestic_private", workforceTotal: 1250 });
    expect(await enterprise(comma)).toMatchObject({ name: "Công ty TNHH Thương mại, Dịch vụ Cát Bi" });
    expect(await enterprise(split)).toMatchObject({ name: "Công ty TNHH Vận tải; Kho vận Đình Vũ" });
  });

  it("refuses a file missing a required column, naming it", async () => {
    const res = await upload(
      officer,
      "/api/registry/imports/enterprises?dryRun=true",
      "thieu.csv",
      `Mã số thuế,Ngành nghề,Loại hình sở hữu\n${uniqueTaxCode()},May,FDI\n`,
    );
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: "import_invalid_file" });
    expect(res.json().detail).toBe("Tệp thiếu cột bắt buộc: Tên doanh nghiệp");
  });

  it("keeps a zone union's officer to its zones: other zones and their enterprises are row errors that echo nothing of them", async () => {
    const mine = uniqueTaxCode();
    const file = [
      "Mã số thuế,Tên doanh nghiệp,Loại hình sở hữu,Khu công nghiệp,Ngành nghề",
      `${mine},Công ty TNHH Trong Phạm Vi,FDI,${zoneName},May mặc`,
      `${uniqueTaxCode()},Công ty TNHH Khu Khác,FDI,${otherZoneName},May mặc`,
      `${otherEnt.taxCode},Tên Đổi Thử,FDI,${zoneName},May mặc`,
      `${uniqueTaxCode()},Công ty TNHH Không Ghi Khu,FDI,,May mặc`,
    ].join("\n");
    const res = await upload(zoneOfficer, "/api/registry/imports/enterprises", "dn.csv", file);
    expect(res.json()).toMatchObject({ created: 1, rejected: 3, committed: false });
    expect(res.json().errors.map((e: { row: number; code: string }) => [e.row, e.code])).toEqual([
      [3, "zone_out_of_scope"],
      [4, "enterprise_out_of_scope"],
      [5, "required"],
    ]);
    expect(res.body).not.toContain(otherEnt.name);
    expect(await enterprise(mine)).toBeNull();
    const [still] = await t.database.rows<{ name: string }>(sql`SELECT name FROM enterprises WHERE id = ${otherEnt.id}`);
    expect(still?.name).toBe(otherEnt.name);
    expect((await upload(viewer, "/api/registry/imports/enterprises?dryRun=true", "dn.csv", file)).statusCode).toBe(403);
    expect((await upload(chair, "/api/registry/imports/enterprises?dryRun=true", "dn.csv", file)).statusCode).toBe(403);
  });

  it("runs in the background with a job the page polls, for a role without people:write", async () => {
    const rows = Array.from({ length: 300 }, (_, i) => `${uniqueTaxCode()},Công ty TNHH Số ${i + 1},FDI,${zoneName},May mặc,${100 + i}`);
    const file = ["Mã số thuế,Tên doanh nghiệp,Loại hình sở hữu,Khu công nghiệp,Ngành nghề,Tổng số lao động", ...rows].join("\n");
    const res = await upload(authority, "/api/registry/imports/enterprises?background=true&dryRun=true", "lon.csv", file);
    expect(res.statusCode).toBe(202);
    const { jobId } = res.json();
    let job = (await authority.get(`/api/registry/imports/${jobId}`)).json();
    // Queued until a worker claims it, then running: both are "not yet".
    for (let i = 0; i < 300 && (job.status === "queued" || job.status === "running"); i++) {
      await new Promise((r) => setTimeout(r, 100));
      job = (await authority.get(`/api/registry/imports/${jobId}`)).json();
    }
    expect(job).toMatchObject({ kind: "enterprises", status: "done", processed: 300, result: { created: 300, dryRun: true } });
    expect((await officer.get(`/api/registry/imports/${jobId}`)).statusCode).toBe(404);
  });
});

describe("union import", () => {
  it("dry-runs naming every bad row; commits all-or-nothing; creates, re-imports unchanged, updates and moves coverage", async () => {
    const e1 = await buildEnterprise(t.database, city, { name: `Công ty TNHH Một ${tag()}` });
    const e2 = await buildEnterprise(t.database, city, { name: `Công ty TNHH Hai ${tag()}` });
    const e3 = await buildEnterprise(t.database, city, { name: `Công ty TNHH Ba ${tag()}` });
    const taken = await buildEnterprise(t.database, city, { name: `Công ty TNHH Đã Có CĐ ${tag()}` });
    await buildUnion(t.database, city, taken.id);
    const [zu] = await t.database.rows<{ name: string }>(sql`SELECT name FROM bodies WHERE id = ${city.zoneUnion}`);
    const code1 = `CDT${tag()}`.toUpperCase();
    const code2 = `CDT${tag()}`.toUpperCase();
    const H = "Mã công đoàn,Tên công đoàn cơ sở,Mã số thuế doanh nghiệp,Ngày thành lập,Chủ tịch,Công đoàn cấp trên";
    const bad = [
      H,
      `${code1},Công đoàn cơ sở liên doanh nghiệp Một Hai,"${e1.taxCode}; ${e2.taxCode}",01/06/2015,Nguyễn Văn An,${zu?.name}`,
      `${code2},Công đoàn cơ sở Ba,${e3.taxCode},2016-02-01,,`,
      `CDX${tag()},Công đoàn Đã Có,${taken.taxCode},,,`,
      `CDY${tag()},Công đoàn Không Có DN,0299999999,,,`,
      `CDZ${tag()},Công đoàn Cấp Trên Lạ,${uniqueTaxCode()},,,Liên đoàn Không Có Thật`,
      `DUP${code1.slice(3)},Trùng Một,,,,`,
      `dup${code1.slice(3)},Trùng Hai,,,,`,
      `CDW${tag()},Công đoàn Không Doanh Nghiệp,,32/13/2020,,`,
    ].join("\n");
    const dry = await upload(officer, "/api/registry/imports/unions?dryRun=true", "cd.csv", bad);
    const r = dry.json();
    expect(r).toMatchObject({ total: 8, created: 2, updated: 0, transferred: 0, unchanged: 0, rejected: 6, committed: false });
    const codes = r.errors.map((e: { row: number; code: string }) => `${e.row}:${e.code}`);
    expect(codes).toEqual(
      expect.arrayContaining([
        "4:enterprise_has_union",
        "5:enterprise_not_found",
        "6:parent_not_found",
        "7:duplicate_in_file",
        "8:duplicate_in_file",
        "9:invalid_date",
      ]),
    );
    expect(r.errors.find((e: { row: number }) => e.row === 6).message).toBe(
      'Không tìm thấy công đoàn cấp trên "Liên đoàn Không Có Thật" (ghi đúng tên hoặc mã)',
    );
    expect(r.errors.find((e: { row: number }) => e.row === 6).column).toBe("Công đoàn cấp trên");
    expect((await upload(officer, "/api/registry/imports/unions", "cd.csv", bad)).json()).toMatchObject({ committed: false });
    const unionsNamed = async () =>
      t.database.rows<{ code: string; chair: string | null; parent: number; path: string; covers: string[] }>(
        sql`SELECT u.code, u.chair_name AS chair, b.parent_id AS parent, b.path,
                   (SELECT array_agg(e.tax_code ORDER BY e.tax_code) FROM union_enterprises ue JOIN enterprises e ON e.id = ue.enterprise_id WHERE ue.union_id = u.id) AS covers
            FROM unions u JOIN bodies b ON b.id = u.id WHERE u.code IN (${code1}, ${code2}) ORDER BY u.code`,
      );
    expect(await unionsNamed()).toEqual([]);

    const good = bad.split("\n").slice(0, 3).join("\n");
    const first = await upload(officer, "/api/registry/imports/unions", "cd.csv", good);
    expect(first.json()).toMatchObject({ created: 2, rejected: 0, committed: true });
    const made = await unionsNamed();
    expect(made.find((u) => u.code === code1)).toMatchObject({ chair: "Nguyễn Văn An", parent: city.zoneUnion, covers: [e1.taxCode, e2.taxCode].sort() });
    // Without an upper body named, the union hangs under its enterprise's zone union.
    expect(made.find((u) => u.code === code2)).toMatchObject({ parent: city.zoneUnion, covers: [e3.taxCode] });
    expect(made[0]?.path).toMatch(/^\/\d+\/\d+\/\d+\/$/);
    expect(await auditCount(t.database, "create", "union")).toBeGreaterThanOrEqual(2);

    expect((await upload(officer, "/api/registry/imports/unions", "cd.csv", good)).json()).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    // E2 moves from union 1 to union 2 and union 1 gets a new chair: two updates, the coverage follows.
    const moved = [
      H,
      `${code1.toLowerCase()},Công đoàn cơ sở liên doanh nghiệp Một Hai,${e1.taxCode},,Trần Thị Bình,`,
      `${code2},Công đoàn cơ sở Ba,"${e3.taxCode};${e2.taxCode}",,,`,
    ].join("\n");
    const movedRes = (await upload(officer, "/api/registry/imports/unions", "cd.csv", moved)).json();
    expect(movedRes.errors).toEqual([]);
    expect(movedRes).toMatchObject({ created: 0, updated: 2, unchanged: 0, rejected: 0 });
    const after = await unionsNamed();
    expect(after.find((u) => u.code === code1)).toMatchObject({ chair: "Trần Thị Bình", covers: [e1.taxCode] });
    expect(after.find((u) => u.code === code2)?.covers).toEqual([e2.taxCode, e3.taxCode].sort());
    expect((await upload(officer, "/api/registry/imports/unions", "cd.csv", moved)).json()).toMatchObject({ updated: 0, unchanged: 2 });
    // Excel leaves a cell's ";" unquoted in a comma-separated file: the file's one delimiter is the
    // header's comma, so the two tax codes stay in their cell and the move is read as it was written.
    const unquoted = await upload(
      officer,
      "/api/registry/imports/unions?dryRun=true",
      "cd.csv",
      `${H}\n${code2},Công đoàn cơ sở Ba,${e3.taxCode};${e2.taxCode},01/01/2016,,\n`,
    );
    expect(unquoted.json()).toMatchObject({ errors: [], rejected: 0 });
  });

  it("skipping bad rows never lets a good row take an enterprise that a skipped row was to release", async () => {
    const e = await buildEnterprise(t.database, city, { name: `Công ty TNHH Chuyển ${tag()}` });
    const keep = await buildEnterprise(t.database, city, { name: `Công ty TNHH Ở Lại ${tag()}` });
    const u1 = await buildUnion(t.database, city, e.id);
    await t.database.rows(sql`INSERT INTO union_enterprises (union_id, enterprise_id) VALUES (${u1.id}, ${keep.id})`);
    const [c1] = await t.database.rows<{ code: string }>(sql`SELECT code FROM unions WHERE id = ${u1.id}`);
    const code2 = `CDS${tag()}`.toUpperCase();
    // Row 2 lets E go but names an enterprise that does not exist; row 3 takes E, a new union.
    const file = [
      "Mã công đoàn,Tên công đoàn cơ sở,Mã số thuế doanh nghiệp",
      `${c1?.code},${u1.name},"${keep.taxCode};0299999998"`,
      `${code2},Công đoàn cơ sở Nhận Chuyển,${e.taxCode}`,
    ].join("\n");
    const dry = (await upload(officer, "/api/registry/imports/unions?dryRun=true", "cd.csv", file)).json();
    expect(dry.errors.map((x: { row: number; code: string }) => `${x.row}:${x.code}`)).toEqual(["2:enterprise_not_found"]);
    const skipped = await upload(officer, "/api/registry/imports/unions?skipInvalid=true", "cd.csv", file);
    expect(skipped.statusCode).toBe(200);
    expect(skipped.json().errors.map((x: { row: number; code: string }) => `${x.row}:${x.code}`)).toEqual(["2:enterprise_not_found", "3:enterprise_has_union"]);
    expect(skipped.json()).toMatchObject({ created: 0, rejected: 2 });
    const [covered] = await t.database.rows<{ union_id: number }>(sql`SELECT union_id FROM union_enterprises WHERE enterprise_id = ${e.id}`);
    expect(covered?.union_id).toBe(u1.id);
  });

  it("keeps a zone union's officer to its unions, enterprises and upper bodies", async () => {
    const inZone = await buildEnterprise(t.database, city, { name: `Công ty TNHH Trong Khu ${tag()}` });
    const outside = await buildEnterprise(t.database, city, { name: `Công ty TNHH Ngoài Khu ${tag()}`, zoneId: otherZone });
    const outsideUnion = await buildUnion(t.database, { ...city, zoneUnion: otherZoneUnion }, outside.id, `Công đoàn BÍ MẬT ${tag()}`);
    const [oc] = await t.database.rows<{ code: string }>(sql`SELECT code FROM unions WHERE id = ${outsideUnion.id}`);
    const [ozu] = await t.database.rows<{ name: string }>(sql`SELECT name FROM bodies WHERE id = ${otherZoneUnion}`);
    const file = [
      "Mã công đoàn,Tên công đoàn cơ sở,Mã số thuế doanh nghiệp,Công đoàn cấp trên",
      `CDK${tag()},Công đoàn Trong Khu,${inZone.taxCode},`,
      `${oc?.code},Đổi Tên Thử,,`,
      `CDL${tag()},Công đoàn Lấn Khu,${outside.taxCode},`,
      `CDM${tag()},Công đoàn Cấp Trên Khác,${inZone.taxCode.slice(0, 0)}${uniqueTaxCode()},${ozu?.name}`,
    ].join("\n");
    const res = await upload(zoneOfficer, "/api/registry/imports/unions", "cd.csv", file);
    expect(res.json()).toMatchObject({ created: 1, rejected: 3, committed: false });
    const codes = res.json().errors.map((e: { row: number; code: string }) => `${e.row}:${e.code}`);
    expect(codes).toEqual(["3:union_out_of_scope", "4:enterprise_out_of_scope", "5:parent_out_of_scope"]);
    expect(res.body).not.toContain(outsideUnion.name);
    expect(res.body).not.toContain(outside.name);
    const [kept] = await t.database.rows<{ name: string }>(sql`SELECT name FROM unions WHERE id = ${outsideUnion.id}`);
    expect(kept?.name).toBe(outsideUnion.name);
  });
});
