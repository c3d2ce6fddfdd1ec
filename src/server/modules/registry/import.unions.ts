import { sql } from "drizzle-orm";
import type { Database } from "#server/db/client.ts";
import type { RequestContext } from "#server/http/context.ts";
import { AppError } from "#server/http/errors.ts";
import { enterpriseScope, unionScope } from "#server/modules/access/index.ts";
import type { AuditEntry } from "#server/modules/access/index.ts";
import { normalizeTaxCode } from "#shared/identifiers.ts";
import { fold } from "#shared/text.ts";
import { unionColumns } from "./import.columns.ts";
import { type OrgImportSpec, type Resolved, cellTaxText, checkedDate, importOrganizations, pgArray, type ImportRunner } from "./import.organizations.ts";
import { todayIso } from "./registry.common.ts";

/** The record as the registry keeps it (and as the audit rows show it). */
interface UnionRecord {
  code: string;
  name: string;
  foundedOn: string | null;
  chairName: string | null;
  dissolvedOn: string | null;
  parentId: number | null;
  /** Tax codes of the enterprises covered, sorted. */
  taxCodes: string[];
}

/** A row of the file: null where the cell was blank (the registry's value stays). */
interface UnionImportRow {
  rowNo: number;
  code: string;
  name: string;
  taxCodes: string[] | null;
  foundedOn: string | null;
  chairName: string | null;
  dissolvedOn: string | null;
  parentRef: string;
  parentId: number | null;
  /** Filled by resolve. */
  id?: number;
  before?: UnionRecord;
  after?: UnionRecord;
  enterpriseIds?: number[];
}

interface UpperBody {
  id: number;
  code: string | null;
  path: string;
  inScope: boolean;
}

/** The union import's spec: upper bodies looked up by name or code, enterprises by tax code, unions matched by code. */
async function unionSpec(database: Database, ctx: RequestContext, today: string): Promise<OrgImportSpec<UnionImportRow>> {
  const scope = ctx.actor.scope;
  if (scope.kind === "union" || scope.kind === "enterprise") throw new AppError("forbidden");
  const city = scope.kind === "city";
  // Upper bodies: the federation and the zone unions (a few dozen); the caller may hang unions only under its own subtree.
  const uppers = await database.rows<UpperBody & { kind: string; nameFold: string; shortName: string | null }>(
    sql`SELECT id, kind, code, path, name_fold AS "nameFold", short_name AS "shortName", (${city} OR path LIKE ${`${ctx.actor.bodyPath}%`}) AS "inScope"
        FROM bodies WHERE kind IN ('federation', 'zone_union')`,
  );
  const upperByCode = new Map<string, UpperBody>();
  const upperByName = new Map<string, UpperBody | null>();
  for (const u of uppers) {
    if (u.code) upperByCode.set(u.code.toLowerCase(), u);
    for (const n of [u.nameFold, u.shortName ? fold(u.shortName) : null]) if (n) upperByName.set(n, upperByName.has(n) ? null : u);
  }
  const upperById = new Map(uppers.map((u) => [u.id, u]));
  const [federation] = uppers.filter((u) => u.kind === "federation").sort((a, b) => a.id - b.id);

  return {
    kind: "unions",
    columns: unionColumns,
    keyColumn: "code",
    parse(r) {
      const code = r.text("code").replace(/\s+/g, "");
      if (!code) r.err("code", "required", "Thiếu mã công đoàn");
      else if (code.length > 50) r.err("code", "too_long", "Mã công đoàn quá 50 ký tự");
      const name = r.text("name");
      if (!name) r.err("name", "required", "Thiếu tên công đoàn cơ sở");
      else if (name.length > 300) r.err("name", "too_long", "Tên công đoàn cơ sở quá 300 ký tự");

      let taxCodes: string[] | null = null;
      const rawTax = cellTaxText(r.get("taxCodes"));
      if (rawTax) {
        const list = new Set<string>();
        for (const piece of rawTax.split(/[;,\n]+/)) {
          const t = piece.trim();
          if (!t) continue;
          const tax = normalizeTaxCode(t);
          if (!tax) r.err("taxCodes", "invalid_tax_code", `Mã số thuế "${t}" phải có 10 chữ số, hoặc 13 chữ số dạng NNNNNNNNNN-NNN`);
          else list.add(tax);
        }
        taxCodes = [...list].sort();
      }
      const foundedOn = checkedDate(r, "foundedOn", "Ngày thành lập", today);
      const dissolvedOn = checkedDate(r, "dissolvedOn", "Ngày giải thể", today);
      if (foundedOn && dissolvedOn && dissolvedOn < foundedOn) r.err("dissolvedOn", "invalid_date", "Ngày giải thể trước ngày thành lập");

      const parentRef = r.text("parent");
      let parentId: number | null = null;
      if (parentRef) {
        const p = upperByCode.get(parentRef.toLowerCase()) ?? upperByName.get(fold(parentRef));
        if (p === undefined) r.err("parent", "parent_not_found", `Không tìm thấy công đoàn cấp trên "${parentRef}" (ghi đúng tên hoặc mã)`);
        else if (p === null) r.err("parent", "parent_ambiguous", `Có nhiều công đoàn cấp trên tên "${parentRef}": hãy ghi mã`);
        else if (!p.inScope) r.err("parent", "parent_out_of_scope", `Công đoàn cấp trên "${parentRef}" ngoài phạm vi quản lý của bạn`);
        else parentId = p.id;
      }
      const row: UnionImportRow = {
        rowNo: r.rowNo,
        code,
        name,
        taxCodes,
        foundedOn,
        chairName: r.text("chairName") || null,
        dissolvedOn,
        parentRef,
        parentId,
      };
      return { key: code ? code.toUpperCase() : null, row };
    },

    async resolve(tx, rows, report) {
      const codes = rows.map((r) => r.code.toLowerCase());
      const existing = await database.rows<UnionRecord & { id: number; inScope: boolean }>(
        sql`SELECT u.id, u.code, u.name, u.founded_on AS "foundedOn", u.chair_name AS "chairName", u.dissolved_on AS "dissolvedOn", b.parent_id AS "parentId",
                   ${unionScope(scope, sql`u.id`)} AS "inScope",
                   coalesce((SELECT array_agg(e.tax_code ORDER BY e.tax_code) FROM union_enterprises ue JOIN enterprises e ON e.id = ue.enterprise_id
                             WHERE ue.union_id = u.id), '{}') AS "taxCodes"
            FROM unions u JOIN bodies b ON b.id = u.id WHERE lower(u.code) = ANY(${pgArray(codes)}::text[])`,
        tx,
      );
      const byCode = new Map(existing.map((u) => [u.code.toLowerCase(), u]));
      const otherBodies = new Set(
        (
          await database.rows<{ code: string }>(
            sql`SELECT lower(code) AS code FROM bodies WHERE lower(code) = ANY(${pgArray(codes)}::text[]) AND id NOT IN (SELECT id FROM unions)`,
            tx,
          )
        ).map((b) => b.code),
      );
      const named = [...new Set(rows.flatMap((r) => r.taxCodes ?? []))];
      const enterprises = await database.rows<{ id: number; taxCode: string; zoneUnionId: number | null; inScope: boolean; coveredBy: number | null }>(
        sql`SELECT e.id, e.tax_code AS "taxCode", z.zone_union_id AS "zoneUnionId", ${enterpriseScope(scope, sql`e.id`, sql`e.zone_id`)} AS "inScope",
                   ue.union_id AS "coveredBy"
            FROM enterprises e LEFT JOIN zones z ON z.id = e.zone_id LEFT JOIN union_enterprises ue ON ue.enterprise_id = e.id
            WHERE e.tax_code = ANY(${pgArray(named)}::text[])`,
        tx,
      );
      const entByTax = new Map(enterprises.map((e) => [e.taxCode, e]));
      // An enterprise named by two rows cannot be covered by both; an enterprise a union of the file drops is free for another row.
      const namedAt = new Map<string, number[]>();
      for (const r of rows) for (const t of r.taxCodes ?? []) namedAt.set(t, [...(namedAt.get(t) ?? []), r.rowNo]);
      const released = new Set<number>();
      for (const r of rows) {
        const ex = byCode.get(r.code.toLowerCase());
        if (ex?.inScope && r.taxCodes) released.add(ex.id);
      }

      const out: Resolved<UnionImportRow>[] = [];
      for (const row of rows) {
        const ex = byCode.get(row.code.toLowerCase());
        const err = (key: string, code: string, message: string) => report(row.rowNo, key, code, message);
        if (ex && !ex.inScope) {
          err("code", "union_out_of_scope", `Công đoàn cơ sở mã ${row.code} ngoài phạm vi quản lý của bạn`);
          continue;
        }
        if (!ex && otherBodies.has(row.code.toLowerCase())) {
          err("code", "code_taken", `Mã ${row.code} đã được dùng cho một đơn vị khác`);
          continue;
        }
        if (!ex && !row.taxCodes?.length) {
          err("taxCodes", "required", "Công đoàn cơ sở mới cần mã số thuế của ít nhất một doanh nghiệp được bao phủ");
          continue;
        }
        let ok = true;
        const enterpriseIds: number[] = [];
        for (const tax of row.taxCodes ?? []) {
          const e = entByTax.get(tax);
          const at = namedAt.get(tax) ?? [];
          if (!e) err("taxCodes", "enterprise_not_found", `Không tìm thấy doanh nghiệp có mã số thuế ${tax}`);
          else if (!e.inScope) err("taxCodes", "enterprise_out_of_scope", `Doanh nghiệp có mã số thuế ${tax} ngoài phạm vi quản lý của bạn`);
          else if (at.length > 1)
            err("taxCodes", "enterprise_in_several_rows", `Doanh nghiệp có mã số thuế ${tax} được ghi cho nhiều công đoàn (các dòng ${at.join(", ")})`);
          else if (e.coveredBy !== null && e.coveredBy !== ex?.id && !released.has(e.coveredBy))
            err("taxCodes", "enterprise_has_union", `Doanh nghiệp có mã số thuế ${tax} đã có công đoàn cơ sở khác`);
          else {
            enterpriseIds.push(e.id);
            continue;
          }
          ok = false;
        }
        if (!ok) continue;
        // A new union without an upper body named hangs under the zone union of its first enterprise, else the federation (as createUnion does).
        let parentId = row.parentId ?? ex?.parentId ?? null;
        if (!ex && parentId === null) {
          const first = entByTax.get(row.taxCodes?.[0] ?? "");
          parentId = first?.zoneUnionId ?? federation?.id ?? null;
          if (parentId !== null && !upperById.get(parentId)?.inScope) {
            err("parent", "parent_out_of_scope", "Ghi công đoàn cấp trên thuộc phạm vi quản lý của bạn");
            continue;
          }
        }
        const after: UnionRecord = {
          code: ex?.code ?? row.code,
          name: row.name,
          foundedOn: row.foundedOn ?? ex?.foundedOn ?? null,
          chairName: row.chairName ?? ex?.chairName ?? null,
          dissolvedOn: row.dissolvedOn ?? ex?.dissolvedOn ?? null,
          parentId,
          taxCodes: row.taxCodes ?? ex?.taxCodes ?? [],
        };
        if (after.foundedOn && after.dissolvedOn && after.dissolvedOn < after.foundedOn) {
          err("dissolvedOn", "invalid_date", "Ngày giải thể trước ngày thành lập");
          continue;
        }
        const before: UnionRecord | undefined = ex
          ? {
              code: ex.code,
              name: ex.name,
              foundedOn: ex.foundedOn,
              chairName: ex.chairName,
              dissolvedOn: ex.dissolvedOn,
              parentId: ex.parentId,
              taxCodes: ex.taxCodes,
            }
          : undefined;
        const changed = !before || (Object.keys(after) as (keyof UnionRecord)[]).some((k) => JSON.stringify(after[k]) !== JSON.stringify(before[k]));
        out.push({
          row: { ...row, ...(ex ? { id: ex.id } : {}), ...(before ? { before } : {}), after, enterpriseIds },
          action: !before ? "create" : changed ? "update" : "same",
        });
      }
      return out;
    },

    async apply(tx, changes) {
      const record = (r: UnionImportRow) => ({ ...(r.after as UnionRecord), id: r.id ?? null });
      const recordset = (rs: UnionImportRow[]) =>
        sql`jsonb_to_recordset(${JSON.stringify(rs.map(record))}::jsonb) AS x(id int, code text, name text, "foundedOn" date, "chairName" text,
              "dissolvedOn" date, "parentId" int)`;
      const creates = changes.filter((c) => c.action === "create").map((c) => c.row);
      const updates = changes.filter((c) => c.action === "update").map((c) => c.row);
      const entries: AuditEntry[] = [];
      const ids = new Map<string, number>();
      if (creates.length) {
        // Each union is a body under its upper union (same id), coded like the union, as createUnion makes it.
        const made = await database.rows<{ id: number; code: string }>(
          sql`WITH x AS (SELECT * FROM ${recordset(creates)}),
                   b AS (INSERT INTO bodies (kind, name, code, parent_id) SELECT 'grassroots_union', x.name, x.code, x."parentId" FROM x RETURNING id, code)
              INSERT INTO unions (id, code, name, founded_on, chair_name, dissolved_on)
              SELECT b.id, x.code, x.name, x."foundedOn", x."chairName", x."dissolvedOn" FROM x JOIN b ON b.code = x.code RETURNING id, code`,
          tx,
        );
        for (const m of made) ids.set(m.code, m.id);
        for (const r of creates) entries.push({ action: "create", objectType: "union", objectId: ids.get(r.code) ?? null, after: r.after });
      }
      if (updates.length) {
        await database.rows(
          sql`UPDATE unions u SET name = x.name, founded_on = x."foundedOn", chair_name = x."chairName", dissolved_on = x."dissolvedOn", updated_at = now()
              FROM ${recordset(updates)} WHERE u.id = x.id`,
          tx,
        );
        await database.rows(sql`UPDATE bodies b SET name = x.name, parent_id = x."parentId" FROM ${recordset(updates)} WHERE b.id = x.id`, tx);
        for (const r of updates) {
          if (r.id !== undefined) ids.set(r.code, r.id);
          entries.push({ action: "update", objectType: "union", objectId: r.id ?? null, before: r.before, after: r.after });
        }
      }
      const touched = [...creates, ...updates].map((r) => ids.get(r.code)).filter((id): id is number => id !== undefined);
      if (!touched.length) return entries;
      // Paths follow the upper body (grassroots unions have no bodies under them).
      await database.rows(
        sql`UPDATE bodies b SET path = p.path || b.id || '/' FROM bodies p WHERE p.id = b.parent_id AND b.id = ANY(${pgArray(touched)}::int[])`,
        tx,
      );
      // Coverage: every union whose list the file gives lets go of its enterprises first, then each takes its list.
      const covering = [...creates, ...updates].filter((r) => r.taxCodes !== null);
      const pairs = covering.flatMap((r) => (r.enterpriseIds ?? []).map((e) => ({ u: ids.get(r.code), e })));
      await database.rows(sql`DELETE FROM union_enterprises WHERE union_id = ANY(${pgArray(covering.map((r) => ids.get(r.code) ?? 0))}::int[])`, tx);
      await database.rows(
        sql`INSERT INTO union_enterprises (union_id, enterprise_id) SELECT x.u, x.e FROM jsonb_to_recordset(${JSON.stringify(pairs)}::jsonb) AS x(u int, e int)`,
        tx,
      );
      return entries;
    },
  };
}

/** Imports grassroots unions from a streamed .xlsx or CSV, matched by code (see import.organizations.ts). */
export const importUnions: ImportRunner = async (database, ctx, jobId, path, opts) =>
  importOrganizations(database, ctx, jobId, path, opts, await unionSpec(database, ctx, opts.today ?? todayIso()));
