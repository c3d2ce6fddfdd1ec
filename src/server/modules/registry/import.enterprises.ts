import { sql } from "drizzle-orm";
import type { Database } from "#server/db/client.ts";
import type { RequestContext } from "#server/http/context.ts";
import { AppError } from "#server/http/errors.ts";
import { enterpriseScope } from "#server/modules/access/index.ts";
import type { AuditEntry } from "#server/modules/access/index.ts";
import { normalizeTaxCode, taxCodeCheckDigitOk } from "#shared/identifiers.ts";
import { fold, formatNumber } from "#shared/text.ts";
import { enterpriseColumns } from "./import.columns.ts";
import {
  type ImportRunner,
  type OrgImportSpec,
  type Resolved,
  cellChoice,
  cellCount,
  cellTaxText,
  cellYesNo,
  checkedDate,
  importOrganizations,
  pgArray,
} from "./import.organizations.ts";
import { todayIso } from "./registry.common.ts";
import type { enterpriseStatuses, ownerships } from "./registry.schema.ts";

type Ownership = (typeof ownerships)[number];
type Status = (typeof enterpriseStatuses)[number];

/** Folded words people write for each ownership type. */
const ownershipWords: Record<string, Ownership> = {
  fdi: "fdi",
  "von dau tu nuoc ngoai": "fdi",
  "co von dau tu nuoc ngoai": "fdi",
  "dau tu nuoc ngoai": "fdi",
  "tu nhan trong nuoc": "domestic_private",
  "tu nhan": "domestic_private",
  "ngoai nha nuoc": "domestic_private",
  "dan doanh": "domestic_private",
  domestic_private: "domestic_private",
  "nha nuoc": "state",
  "doanh nghiep nha nuoc": "state",
  dnnn: "state",
  state: "state",
  "hop tac xa": "cooperative",
  htx: "cooperative",
  cooperative: "cooperative",
};

const statusWords: Record<string, Status> = {
  "dang hoat dong": "active",
  "hoat dong": "active",
  active: "active",
  "tam ngung": "suspended",
  "tam ngung hoat dong": "suspended",
  suspended: "suspended",
  "giai the": "dissolved",
  "da giai the": "dissolved",
  dissolved: "dissolved",
  "pha san": "bankrupt",
  bankrupt: "bankrupt",
  "chu bo tron": "absconded",
  "chu doanh nghiep bo tron": "absconded",
  "bo tron": "absconded",
  absconded: "absconded",
};

/** The record as the registry keeps it (and as the audit rows show it). */
interface EnterpriseRecord {
  taxCode: string;
  name: string;
  ownership: Ownership | null;
  investorCountry: string | null;
  zoneId: number | null;
  sector: string | null;
  address: string | null;
  commune: string | null;
  workforceTotal: number | null;
  workforceWomen: number | null;
  workforceMigrants: number | null;
  workforceForeigners: number | null;
  status: Status | null;
  hasPartyOrg: boolean | null;
  establishedOn: string | null;
}

/** A row of the file: null where the cell was blank (the registry's value stays). */
interface EnterpriseImportRow extends EnterpriseRecord {
  rowNo: number;
  zoneRef: string;
  /** Filled by resolve: the id, the record before and the record after. */
  id?: number;
  before?: EnterpriseRecord;
  after?: EnterpriseRecord;
}

const fields = [
  "name",
  "ownership",
  "investorCountry",
  "zoneId",
  "sector",
  "address",
  "commune",
  "workforceTotal",
  "workforceWomen",
  "workforceMigrants",
  "workforceForeigners",
  "status",
  "hasPartyOrg",
  "establishedOn",
] as const satisfies readonly (keyof EnterpriseRecord)[];

const parts = [
  ["workforceWomen", "Lao động nữ"],
  ["workforceMigrants", "Lao động ngoại tỉnh"],
  ["workforceForeigners", "Lao động nước ngoài"],
] as const;

/** The enterprise import's spec: zones looked up by name or code, enterprises matched by tax code. */
async function enterpriseSpec(database: Database, ctx: RequestContext, today: string): Promise<OrgImportSpec<EnterpriseImportRow>> {
  const scope = ctx.actor.scope;
  if (scope.kind === "union" || scope.kind === "enterprise") throw new AppError("forbidden");
  const zones = await database.rows<{ id: number; code: string; name: string }>(sql`SELECT id, code, name FROM zones`);
  const zoneByCode = new Map(zones.map((z) => [z.code.toLowerCase(), z]));
  const zoneByName = new Map<string, (typeof zones)[number] | null>();
  for (const z of zones) zoneByName.set(fold(z.name), zoneByName.has(fold(z.name)) ? null : z);
  const [authority] = await database.rows<{ id: number; path: string }>(sql`SELECT id, path FROM bodies WHERE kind = 'zone_authority' ORDER BY id LIMIT 1`);

  return {
    kind: "enterprises",
    columns: enterpriseColumns,
    keyColumn: "taxCode",
    parse(r) {
      const rawTax = cellTaxText(r.get("taxCode"));
      const taxCode = rawTax ? normalizeTaxCode(rawTax) : null;
      if (!rawTax) r.err("taxCode", "required", "Thiếu mã số thuế");
      else if (!taxCode) r.err("taxCode", "invalid_tax_code", `Mã số thuế "${rawTax}" phải có 10 chữ số, hoặc 13 chữ số dạng NNNNNNNNNN-NNN`);
      else if (!taxCodeCheckDigitOk(taxCode))
        r.warn("taxCode", "tax_check_digit", `Chữ số kiểm tra của mã số thuế ${taxCode} không khớp — hãy kiểm tra lại mã số thuế`);

      const name = r.text("name");
      if (!name) r.err("name", "required", "Thiếu tên doanh nghiệp");
      else if (name.length > 300) r.err("name", "too_long", "Tên doanh nghiệp quá 300 ký tự");

      const ownership = cellChoice(r.get("ownership"), ownershipWords);
      if (ownership === "invalid")
        r.err(
          "ownership",
          "invalid_ownership",
          `Loại hình sở hữu "${r.text("ownership")}" không hợp lệ: ghi FDI, Tư nhân trong nước, Nhà nước hoặc Hợp tác xã`,
        );
      const status = cellChoice(r.get("status"), statusWords);
      if (status === "invalid")
        r.err("status", "invalid_status", `Trạng thái "${r.text("status")}" không hợp lệ: ghi Đang hoạt động, Tạm ngừng, Giải thể, Phá sản hoặc Chủ bỏ trốn`);
      const party = cellYesNo(r.get("hasPartyOrg"));
      if (party === "invalid") r.err("hasPartyOrg", "invalid_yes_no", `"${r.text("hasPartyOrg")}" không hợp lệ: ghi Có hoặc Không`);

      const zoneRef = r.text("zone");
      let zoneId: number | null = null;
      if (zoneRef) {
        const z = zoneByCode.get(zoneRef.toLowerCase()) ?? zoneByName.get(fold(zoneRef));
        if (z === undefined) r.err("zone", "zone_not_found", `Không tìm thấy khu công nghiệp "${zoneRef}" (ghi đúng tên hoặc mã)`);
        else if (z === null) r.err("zone", "zone_ambiguous", `Có nhiều khu công nghiệp tên "${zoneRef}": hãy ghi mã khu`);
        else zoneId = z.id;
      }

      const counts: Record<string, number | null> = {};
      for (const [key, label] of [["workforceTotal", "Tổng số lao động"], ...parts] as const) {
        const n = cellCount(r.get(key));
        if (n === "negative") r.err(key, "negative_number", `${label} không được âm`);
        else if (n === "invalid") r.err(key, "invalid_number", `${label} "${r.text(key)}" phải là số nguyên`);
        counts[key] = typeof n === "number" ? n : null;
      }
      const total = counts.workforceTotal;
      if (total !== null && total !== undefined) {
        for (const [key, label] of parts) {
          const n = counts[key];
          if (n !== null && n !== undefined && n > total)
            r.err(key, "workforce_inconsistent", `${label} (${formatNumber(n)}) lớn hơn tổng số lao động (${formatNumber(total)})`);
        }
      }
      const establishedOn = checkedDate(r, "establishedOn", "Ngày thành lập", today);
      const opt = (key: string) => r.text(key) || null;
      const row: EnterpriseImportRow = {
        rowNo: r.rowNo,
        taxCode: taxCode ?? "",
        name,
        ownership: ownership === "invalid" ? null : ownership,
        investorCountry: opt("investorCountry"),
        zoneId,
        zoneRef,
        sector: opt("sector"),
        address: opt("address"),
        commune: opt("commune"),
        workforceTotal: counts.workforceTotal ?? null,
        workforceWomen: counts.workforceWomen ?? null,
        workforceMigrants: counts.workforceMigrants ?? null,
        workforceForeigners: counts.workforceForeigners ?? null,
        status: status === "invalid" ? null : status,
        hasPartyOrg: party === "invalid" ? null : party,
        establishedOn,
      };
      return { key: taxCode, row };
    },

    async resolve(tx, rows, report) {
      const existing = await database.rows<EnterpriseRecord & { id: number; inScope: boolean }>(
        sql`SELECT e.id, e.tax_code AS "taxCode", e.name, e.ownership, e.investor_country AS "investorCountry", e.zone_id AS "zoneId", e.sector,
                   e.address, e.commune, e.workforce_total AS "workforceTotal", e.workforce_women AS "workforceWomen",
                   e.workforce_migrants AS "workforceMigrants", e.workforce_foreigners AS "workforceForeigners", e.status,
                   e.has_party_org AS "hasPartyOrg", e.established_on AS "establishedOn", ${enterpriseScope(scope, sql`e.id`, sql`e.zone_id`)} AS "inScope"
            FROM enterprises e WHERE e.tax_code = ANY(${pgArray(rows.map((r) => r.taxCode))}::text[])`,
        tx,
      );
      const byTax = new Map(existing.map((e) => [e.taxCode, e]));
      // A new enterprise is a body coded DN-<tax code>: a leftover body with that code would refuse the whole commit.
      const takenCodes = new Set(
        (
          await database.rows<{ code: string }>(
            sql`SELECT code FROM bodies WHERE code = ANY(${pgArray(rows.filter((r) => !byTax.has(r.taxCode)).map((r) => `DN-${r.taxCode}`))}::text[])`,
            tx,
          )
        ).map((b) => b.code),
      );
      const out: Resolved<EnterpriseImportRow>[] = [];
      for (const row of rows) {
        const ex = byTax.get(row.taxCode);
        const err = (key: string, code: string, message: string) => report(row.rowNo, key, code, message);
        if (ex && !ex.inScope) {
          err("taxCode", "enterprise_out_of_scope", `Doanh nghiệp có mã số thuế ${row.taxCode} ngoài phạm vi quản lý của bạn`);
          continue;
        }
        if (scope.kind === "zones" && row.zoneId !== null && !scope.zoneIds.includes(row.zoneId)) {
          err("zone", "zone_out_of_scope", `Khu công nghiệp "${row.zoneRef}" ngoài phạm vi quản lý của bạn`);
          continue;
        }
        if (!ex) {
          let ok = true;
          if (scope.kind === "zones" && row.zoneId === null) {
            err("zone", "required", "Doanh nghiệp mới cần khu công nghiệp thuộc phạm vi của bạn");
            ok = false;
          }
          if (!row.ownership) {
            err("ownership", "required", 'Doanh nghiệp mới cần "Loại hình sở hữu"');
            ok = false;
          }
          if (!row.sector) {
            err("sector", "required", 'Doanh nghiệp mới cần "Ngành nghề"');
            ok = false;
          }
          if (takenCodes.has(`DN-${row.taxCode}`)) {
            err("taxCode", "code_taken", `Mã đơn vị DN-${row.taxCode} đã được dùng cho một đơn vị khác`);
            ok = false;
          }
          if (!ok) continue;
        }
        // Blank cells keep the registry's values; a new enterprise starts from the table's defaults.
        const base: EnterpriseRecord = ex ?? {
          taxCode: row.taxCode,
          name: row.name,
          ownership: null,
          investorCountry: null,
          zoneId: null,
          sector: null,
          address: null,
          commune: null,
          workforceTotal: 0,
          workforceWomen: 0,
          workforceMigrants: 0,
          workforceForeigners: 0,
          status: "active",
          hasPartyOrg: false,
          establishedOn: null,
        };
        const after: EnterpriseRecord = { ...base };
        for (const f of fields) if (row[f] !== null) (after as unknown as Record<string, unknown>)[f] = row[f];
        if (row.workforceTotal === null) {
          const bad = parts.find(([k]) => (after[k] ?? 0) > (after.workforceTotal ?? 0));
          if (bad) {
            err(
              bad[0],
              "workforce_inconsistent",
              `${bad[1]} (${formatNumber(after[bad[0]] ?? 0)}) lớn hơn tổng số lao động (${formatNumber(after.workforceTotal ?? 0)})`,
            );
            continue;
          }
        }
        const changed = !ex || fields.some((f) => after[f] !== ex[f]);
        const before = ex
          ? (Object.fromEntries(["taxCode", ...fields].map((f) => [f, ex[f as keyof EnterpriseRecord]])) as unknown as EnterpriseRecord)
          : undefined;
        out.push({ row: { ...row, ...(ex ? { id: ex.id } : {}), ...(before ? { before } : {}), after }, action: !ex ? "create" : changed ? "update" : "same" });
      }
      return out;
    },

    async apply(tx, changes) {
      const record = (r: EnterpriseImportRow) => ({ id: r.id ?? null, ...(r.after as EnterpriseRecord) });
      const recordset = (rs: EnterpriseImportRow[]) =>
        sql`jsonb_to_recordset(${JSON.stringify(rs.map(record))}::jsonb) AS x(id int, "taxCode" text, name text, ownership text, "investorCountry" text,
              "zoneId" int, sector text, address text, commune text, "workforceTotal" int, "workforceWomen" int, "workforceMigrants" int,
              "workforceForeigners" int, status text, "hasPartyOrg" boolean, "establishedOn" date)`;
      const creates = changes.filter((c) => c.action === "create").map((c) => c.row);
      const updates = changes.filter((c) => c.action === "update").map((c) => c.row);
      const entries: AuditEntry[] = [];
      if (creates.length) {
        // Each enterprise is a body under the zone authority (same id), as createEnterprise makes it.
        const made = await database.rows<{ id: number; taxCode: string }>(
          sql`WITH x AS (SELECT * FROM ${recordset(creates)}),
                   b AS (INSERT INTO bodies (kind, name, code, parent_id) SELECT 'enterprise', x.name, 'DN-' || x."taxCode", ${authority?.id ?? null}::int FROM x RETURNING id, code)
              INSERT INTO enterprises (id, tax_code, name, ownership, investor_country, zone_id, sector, address, commune, workforce_total, workforce_women,
                                       workforce_migrants, workforce_foreigners, status, has_party_org, established_on)
              SELECT b.id, x."taxCode", x.name, x.ownership, x."investorCountry", x."zoneId", x.sector, x.address, x.commune, x."workforceTotal",
                     x."workforceWomen", x."workforceMigrants", x."workforceForeigners", x.status, x."hasPartyOrg", x."establishedOn"
              FROM x JOIN b ON b.code = 'DN-' || x."taxCode" RETURNING id, tax_code AS "taxCode"`,
          tx,
        );
        await database.rows(sql`UPDATE bodies SET path = ${authority?.path ?? "/"} || id || '/' WHERE id = ANY(${pgArray(made.map((m) => m.id))}::int[])`, tx);
        const ids = new Map(made.map((m) => [m.taxCode, m.id]));
        for (const r of creates) entries.push({ action: "create", objectType: "enterprise", objectId: ids.get(r.taxCode) ?? null, after: r.after });
      }
      if (updates.length) {
        await database.rows(
          sql`UPDATE enterprises e SET name = x.name, ownership = x.ownership, investor_country = x."investorCountry", zone_id = x."zoneId", sector = x.sector,
                address = x.address, commune = x.commune, workforce_total = x."workforceTotal", workforce_women = x."workforceWomen",
                workforce_migrants = x."workforceMigrants", workforce_foreigners = x."workforceForeigners", status = x.status,
                has_party_org = x."hasPartyOrg", established_on = x."establishedOn", updated_at = now()
              FROM ${recordset(updates)} WHERE e.id = x.id`,
          tx,
        );
        await database.rows(sql`UPDATE bodies b SET name = x.name FROM ${recordset(updates)} WHERE b.id = x.id AND b.name <> x.name`, tx);
        for (const r of updates) entries.push({ action: "update", objectType: "enterprise", objectId: r.id ?? null, before: r.before, after: r.after });
      }
      return entries;
    },
  };
}

/** Imports enterprises from a streamed .xlsx or CSV, matched by tax code (see import.organizations.ts). */
export const importEnterprises: ImportRunner = async (database, ctx, jobId, path, opts) =>
  importOrganizations(database, ctx, jobId, path, opts, await enterpriseSpec(database, ctx, opts.today ?? todayIso()));
