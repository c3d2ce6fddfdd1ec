import { type SQL, sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { Database, Tx } from "#server/db/client.ts";
import type { RequestContext } from "#server/http/context.ts";
import { AppError } from "#server/http/errors.ts";
import { PERSON_OUT_OF_SCOPE, enterpriseScope, personScope, unionScope } from "#server/modules/access/index.ts";
import { audit } from "#server/modules/access/index.ts";
import { mapHeaders, memberColumns } from "./import.columns.ts";
import { readRows } from "./import.reader.ts";
import { todayIso } from "./registry.common.ts";
import { checkRow, loadLookups, type RowSink, type StagedRow } from "./import.check.ts";
import {
  ClaimLostError,
  ERROR_LIST_LIMIT,
  importTransaction,
  type ImportIssue,
  type ImportLog,
  type ImportResult,
  markImportFailed,
  reportImportProgress,
  saveIssues,
  WARNING_LIST_LIMIT,
} from "./import.jobs.ts";
import { openStager, type Stager } from "./import.stage.ts";

export interface MemberImportOptions {
  dryRun: boolean;
  skipInvalid?: boolean;
  today?: string;
  log?: ImportLog;
  /** New people from which the import is a bulk load (BULK_MIN_CREATED; tests lower it). */
  bulkFrom?: number;
  /** The claim this run holds on its queued job (import.jobs.ts, holdImportClaim). */
  claim?: string;
}

/**
 * Imports members from a streamed .xlsx or CSV. Rows are parsed and checked in TS (unions and
 * enterprises looked up in small in-memory maps) and COPYed into a staging table in batches, so
 * memory stays flat whatever the file size; in-file duplicate citizen IDs, scope and existing
 * people are then resolved and applied set-based (INSERT…SELECT / UPDATE…FROM) in ONE transaction,
 * so a failure or a killed process leaves nothing half-imported. A row matching a person already in
 * the registry updates them; a member whose union changed is transferred (the old interval closed,
 * a new one opened); the same file imported twice changes nothing. Any bad row refuses the whole
 * commit unless `skipInvalid` is set.
 */
export async function importMembers(database: Database, ctx: RequestContext, jobId: number, path: string, opts: MemberImportOptions): Promise<ImportResult> {
  const today = opts.today ?? todayIso();
  const t0 = performance.now();
  const log = opts.log;
  const mark = (what: string) => log?.(`import ${jobId}: ${what} at ${Math.round(performance.now() - t0)} ms`);
  reportImportProgress(database, jobId, { processed: 0, phase: "reading" });
  const cols = new Map(memberColumns.map((c) => [c.key, c]));
  const lookups = await loadLookups(database);
  // A city's first import: every row will be a new person, staged as such (resolve checks again).
  const [registered] = await database.rows<{ any: boolean }>(sql`SELECT EXISTS (SELECT 1 FROM people) AS any`);
  const stagedAsNew = registered?.any === false;
  let index: Map<string, number> | null = null;
  let total = 0;
  const warningsKept: ImportIssue[] = [];
  let warningCount = 0;
  let probed = 0;
  let stager: Stager | null = null;
  let writeMs = 0;
  let checkMs = 0;
  let readMs = 0;
  let tr = performance.now();
  try {
    mark("lookups loaded");
    stager = await openStager(database, jobId);
    mark("stager open");
    for await (const rows of readRows(path)) {
      const tc = performance.now();
      readMs += tc - tr;
      const staged: StagedRow[] = [];
      const sink: RowSink = { cols, errors: [], warnings: [] };
      for (const { rowNo, cells } of rows) {
        if (!index) {
          if (cells.every((c) => c === null || String(c).trim() === "")) continue;
          const mapped = mapHeaders(cells, memberColumns);
          // Title rows above the header ("DANH SÁCH ĐOÀN VIÊN …") are skipped: the header is the first row naming 3+ known columns.
          if (mapped.index.size < 3) {
            if (++probed > 20) break;
            continue;
          }
          if (mapped.missing.length) {
            throw new AppError("import_invalid_file", `Tệp thiếu cột bắt buộc: ${mapped.missing.map((c) => c.header).join(", ")}`, {
              errors: mapped.missing.map((c) => ({
                pointer: `/file/columns/${c.header}`,
                message: `Thiếu cột bắt buộc "${c.header}"`,
                code: "missing_column",
              })),
            });
          }
          index = mapped.index;
          continue;
        }
        if (cells.every((c) => c === null || (typeof c === "string" && c.trim() === ""))) continue;
        total++;
        const checked = checkRow(rowNo, cells, index, sink, today, lookups);
        if (checked) {
          if (stagedAsNew) checked.action = "create";
          staged.push(checked);
        }
      }
      if (!index && probed > 20) break;
      warningCount += sink.warnings.length;
      for (const w of sink.warnings) if (warningsKept.length < WARNING_LIST_LIMIT) warningsKept.push(w);
      const tw = performance.now();
      checkMs += tw - tc;
      await stager.write(staged);
      await saveIssues(database, jobId, sink.errors);
      tr = performance.now();
      writeMs += tr - tw;
      reportImportProgress(database, jobId, { processed: total, phase: "reading" });
    }
    mark("rows read");
    const tEnd = performance.now();
    await stager.end();
    const waitedMs = stager.waitedMs + performance.now() - tEnd;
    stager = null;
    if (!index) {
      throw new AppError(
        "import_invalid_file",
        "Không tìm thấy dòng tiêu đề: tệp phải có các cột Họ và tên, Số CCCD, Công đoàn cơ sở, Ngày vào công đoàn (tải tệp mẫu)",
      );
    }
    mark(
      `staged (reading ${Math.round(readMs)} ms, checking ${Math.round(checkMs)} ms, COPY lines and writes ${Math.round(writeMs)} ms of which ${Math.round(waitedMs)} ms waiting for the database)`,
    );
    // Fresh statistics, or the planner takes the staging table for empty and nests loops over it.
    await database.rows(sql`ANALYZE import_rows`);
    reportImportProgress(database, jobId, { processed: total, phase: "checking" });

    const counts = await importTransaction(database, jobId, total, opts, async (tx) => {
      if (database.pool) {
        // Set-based statements over every staged row: hash joins in memory, and no JIT (the row
        // estimates of the correlated look-ups make PostgreSQL spend a second compiling each one).
        await database.rows(sql`SET LOCAL jit = off`, tx);
        await database.rows(sql`SET LOCAL work_mem = '64MB'`, tx);
      }
      const classified = await resolve(database, ctx, tx, jobId, today, stagedAsNew, log);
      // The actions are known now: fresh statistics again so the apply joins hash instead of looping.
      if (classified) await database.rows(sql`ANALYZE import_rows`, tx);
      // Trigram index entries of new names go to the GIN pending list and are merged in bulk.
      await database.rows(sql`SET LOCAL gin_pending_list_limit = '64MB'`, tx);
      mark("resolved");
      const c = await countOutcome(database, tx, jobId);
      const commit = !opts.dryRun && (c.rejected === 0 || opts.skipInvalid === true);
      if (commit) {
        reportImportProgress(database, jobId, { processed: total, phase: "saving" });
        await apply(database, tx, jobId, c.created, opts.bulkFrom ?? BULK_MIN_CREATED, log);
        mark("applied");
        await audit(database, tx, ctx, {
          action: "import",
          objectType: "members",
          objectId: jobId,
          detail: { total, ...c, skipInvalid: opts.skipInvalid === true },
        });
      }
      await database.rows(sql`DELETE FROM import_rows WHERE job_id = ${jobId}`, tx);
      return { ...c, committed: commit };
    });
    mark("committed");
    const errors = await database.rows<ImportIssue>(
      sql`SELECT row_no AS "row", col AS "column", code, message FROM import_errors WHERE job_id = ${jobId} ORDER BY row_no, col LIMIT ${ERROR_LIST_LIMIT}`,
    );
    const [errorCount] = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM import_errors WHERE job_id = ${jobId}`);
    const result: ImportResult = {
      jobId,
      dryRun: opts.dryRun,
      committed: counts.committed,
      total,
      created: counts.created,
      updated: counts.updated,
      transferred: counts.transferred,
      unchanged: counts.unchanged,
      rejected: counts.rejected,
      errors,
      errorCount: errorCount?.n ?? 0,
      warnings: warningsKept,
    };
    await database.rows(
      sql`UPDATE import_jobs SET status = 'done', processed = ${total}, finished_at = now(),
            result = ${JSON.stringify({ ...result, errors: errors.slice(0, 500), warningCount })}::jsonb WHERE id = ${jobId}`,
    );
    return result;
  } catch (err) {
    stager?.abort();
    if (!(err instanceof ClaimLostError)) await database.rows(sql`DELETE FROM import_rows WHERE job_id = ${jobId}`).catch(() => undefined);
    await markImportFailed(database, jobId, total, err, opts.claim);
    throw err;
  } finally {
    reportImportProgress(database, jobId, null);
  }
}

/** Records what is wrong with rows (scope, in-file duplicates, dates against history) and decides created / transferred / updated / unchanged; says whether it had to classify the rows against the registry. */
async function resolve(database: Database, ctx: RequestContext, tx: Tx, job: number, today: string, stagedAsNew: boolean, log: ImportLog | undefined) {
  const q = async (s: SQL) => {
    const t = performance.now();
    const r = await database.rows(s, tx);
    log?.(`  ${Math.round(performance.now() - t)} ms ${new PgDialect().sqlToQuery(s).sql.replace(/\s+/g, " ").slice(0, 90)}`);
    return r;
  };
  const err = (col: string, code: string, message: SQL, where: SQL) =>
    q(
      sql`INSERT INTO import_errors (job_id, row_no, col, code, message) SELECT ${job}, s.row_no, ${col}, ${code}, ${message} FROM import_rows s WHERE s.job_id = ${job} AND ${where}`,
    );
  const dropBad = () =>
    q(sql`DELETE FROM import_rows s WHERE s.job_id = ${job} AND s.row_no IN (SELECT e.row_no FROM import_errors e WHERE e.job_id = ${job})`);

  if (ctx.actor.scope.kind !== "city") {
    await err(
      "Công đoàn cơ sở",
      "union_out_of_scope",
      sql`'Công đoàn cơ sở "' || s.union_ref || '" ngoài phạm vi quản lý của bạn'`,
      sql`NOT ${unionScope(ctx.actor.scope, sql`s.union_id`)}`,
    );
  }
  await err(
    "Công đoàn cơ sở",
    "union_dissolved",
    sql`'Công đoàn cơ sở "' || s.union_ref || '" đã giải thể'`,
    sql`s.union_id IN (SELECT id FROM unions WHERE dissolved_on IS NOT NULL)`,
  );
  // The same citizen ID twice in one file: which row is right cannot be known, so every one of them is refused.
  // (The row lists are built only for the duplicated IDs, not for every row of the file.)
  await q(sql`INSERT INTO import_errors (job_id, row_no, col, code, message)
      SELECT ${job}, s.row_no, 'Số CCCD', 'duplicate_in_file', 'Số CCCD ' || s.citizen_id || ' xuất hiện nhiều lần trong tệp (các dòng ' || d.rows || ')'
      FROM import_rows s JOIN (SELECT citizen_id, string_agg(row_no::text, ', ' ORDER BY row_no) AS rows FROM import_rows
                              WHERE job_id = ${job} AND citizen_id IN (SELECT citizen_id FROM import_rows WHERE job_id = ${job} GROUP BY citizen_id HAVING count(*) > 1)
                              GROUP BY citizen_id) d ON d.citizen_id = s.citizen_id
      WHERE s.job_id = ${job}`);

  // One pass: who each row is, what happens to them, and on which date. Against an empty registry
  // (a city's first import) every row is a new person: the rows were staged as 'create' already
  // (a person registered meanwhile with the same citizen ID would fail the unique key, so the commit).
  const [registered] = await database.rows<{ any: boolean }>(sql`SELECT EXISTS (SELECT 1 FROM people) AS any`, tx);
  const classify = !stagedAsNew || registered?.any === true;
  if (classify)
    await q(sql`UPDATE import_rows s SET
      person_id = p.id,
      action = CASE WHEN p.id IS NULL THEN 'create' WHEN m.id IS NULL THEN 'rejoin' WHEN m.union_id <> x.union_id THEN 'transfer' ELSE 'same' END,
      moved_on = CASE
        WHEN p.id IS NOT NULL AND m.id IS NULL THEN
          CASE WHEN x.joined_on > (SELECT max(l.valid_to) FROM memberships l WHERE l.person_id = p.id) THEN x.joined_on
               ELSE greatest(coalesce(x.moved_on, ${today}::date), (SELECT max(l.valid_to) FROM memberships l WHERE l.person_id = p.id) + 1) END
        WHEN m.id IS NOT NULL AND m.union_id <> x.union_id THEN greatest(coalesce(x.moved_on, ${today}::date), m.valid_from + 1)
        ELSE x.moved_on END,
      changed = p.id IS NOT NULL AND (
        p.family_name <> x.family_name OR p.middle_name <> x.middle_name OR p.given_name <> x.given_name
        OR (x.birth_date IS NOT NULL AND p.birth_date IS DISTINCT FROM x.birth_date)
        OR (x.gender IS NOT NULL AND p.gender IS DISTINCT FROM x.gender)
        OR (x.phone IS NOT NULL AND p.phone IS DISTINCT FROM x.phone)
        OR (x.ethnicity IS NOT NULL AND p.ethnicity IS DISTINCT FROM x.ethnicity)
        OR (x.hometown IS NOT NULL AND p.hometown IS DISTINCT FROM x.hometown)
        OR (x.legacy_id IS NOT NULL AND p.legacy_id IS DISTINCT FROM x.legacy_id)
        OR (x.enterprise_id IS NOT NULL AND p.enterprise_id IS DISTINCT FROM x.enterprise_id)
        OR (m.id IS NOT NULL AND m.union_id = x.union_id AND x.card_no IS NOT NULL AND m.card_no IS DISTINCT FROM x.card_no))
    FROM import_rows x LEFT JOIN people p ON p.citizen_id = x.citizen_id LEFT JOIN memberships m ON m.person_id = p.id AND m.valid_to IS NULL
    WHERE x.job_id = ${job} AND s.job_id = ${job} AND s.row_no = x.row_no`);

  if (ctx.actor.scope.kind !== "city") {
    // An import touches only what its user could touch one row at a time: a citizen ID of a person
    // outside the caller's scope is refused in words that do not say whether anyone has that ID, nor
    // where they are; nothing of the record is echoed.
    await err(
      "Số CCCD",
      "person_out_of_scope",
      sql`${PERSON_OUT_OF_SCOPE}`,
      sql`s.person_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM people p WHERE p.id = s.person_id AND ${personScope(ctx.actor.scope, sql`p.id`, sql`p.enterprise_id`)})`,
    );
    // A person moved to an enterprise the caller cannot see is a write outside scope too; it answers as an unknown tax code does.
    await err(
      "Mã số thuế",
      "enterprise_not_found",
      sql`'Không tìm thấy doanh nghiệp có mã số thuế ' || s.tax_code`,
      sql`s.tax_code IS NOT NULL AND s.enterprise_id IS NOT NULL AND NOT ${enterpriseScope(ctx.actor.scope, sql`s.enterprise_id`)}`,
    );
    await dropBad();
    // Left: people the caller may see. One still a member of a union outside scope moves only through that union's superiors.
    await err(
      "Số CCCD",
      "member_elsewhere",
      sql`'Người có số CCCD này đang sinh hoạt ở công đoàn ngoài phạm vi của bạn; đề nghị công đoàn cấp trên chuyển sinh hoạt'`,
      sql`s.action = 'transfer' AND EXISTS (SELECT 1 FROM memberships m WHERE m.person_id = s.person_id AND m.valid_to IS NULL AND NOT ${unionScope(ctx.actor.scope, sql`m.union_id`)})`,
    );
  }
  await q(sql`INSERT INTO import_errors (job_id, row_no, col, code, message)
      SELECT ${job}, s.row_no, 'Ngày chuyển đến', 'transfer_before_start',
             'Ngày chuyển đến phải sau ngày bắt đầu sinh hoạt ở công đoàn hiện tại (' || to_char(m.valid_from, 'DD/MM/YYYY') || ')'
      FROM import_rows s JOIN memberships m ON m.person_id = s.person_id AND m.valid_to IS NULL
      WHERE s.job_id = ${job} AND s.action = 'transfer' AND s.moved_on <= m.valid_from`);
  await dropBad();
  return classify;
}

async function countOutcome(database: Database, tx: Tx, job: number) {
  const [c] = await database.rows<{ created: number; updated: number; transferred: number; unchanged: number }>(
    sql`SELECT count(*) FILTER (WHERE action = 'create')::int AS created,
               count(*) FILTER (WHERE action = 'rejoin' OR (action = 'same' AND changed))::int AS updated,
               count(*) FILTER (WHERE action = 'transfer')::int AS transferred,
               count(*) FILTER (WHERE action = 'same' AND NOT changed)::int AS unchanged
        FROM import_rows WHERE job_id = ${job}`,
    tx,
  );
  const [r] = await database.rows<{ n: number }>(sql`SELECT count(DISTINCT row_no)::int AS n FROM import_errors WHERE job_id = ${job}`, tx);
  return { created: c?.created ?? 0, updated: c?.updated ?? 0, transferred: c?.transferred ?? 0, unchanged: c?.unchanged ?? 0, rejected: r?.n ?? 0 };
}

/** At least this many new people, and a quarter of those already registered, make an import a bulk load. */
const BULK_MIN_CREATED = 50_000;

/**
 * Writes the staged outcome to the registry, set-based: first the changes to people already
 * registered (updates, transfers, rejoins — they look up each person's intervals), then the new
 * people and their first memberships. A bulk load (a city's first import) inserts those without
 * the secondary indexes of people and memberships and builds them again afterwards, still inside
 * the one transaction: building an index once is an order of magnitude cheaper than updating it
 * row by row, and a unique index that no longer holds fails the build and so the whole import.
 * Foreign keys are dropped and added back the same way (as pg_restore does): adding one checks
 * every row again.
 * The tables are locked meanwhile (readers wait seconds), which only a bulk load pays for.
 */
async function apply(database: Database, tx: Tx, job: number, created: number, bulkFrom: number, log: ImportLog | undefined) {
  const q = async (s: SQL) => {
    const t = performance.now();
    const r = await database.rows(s, tx);
    log?.(`  ${Math.round(performance.now() - t)} ms ${new PgDialect().sqlToQuery(s).sql.replace(/\s+/g, " ").slice(0, 90)}`);
    return r;
  };
  await q(sql`UPDATE people p SET family_name = s.family_name, middle_name = s.middle_name, given_name = s.given_name,
        birth_date = coalesce(s.birth_date, p.birth_date), gender = coalesce(s.gender, p.gender), phone = coalesce(s.phone, p.phone),
        ethnicity = coalesce(s.ethnicity, p.ethnicity), hometown = coalesce(s.hometown, p.hometown), legacy_id = coalesce(s.legacy_id, p.legacy_id),
        enterprise_id = coalesce(s.enterprise_id, p.enterprise_id), updated_at = now()
      FROM import_rows s WHERE s.job_id = ${job} AND s.changed AND p.id = s.person_id`);
  await q(sql`UPDATE memberships m SET card_no = s.card_no FROM import_rows s
      WHERE s.job_id = ${job} AND s.action = 'same' AND s.card_no IS NOT NULL AND m.person_id = s.person_id AND m.valid_to IS NULL AND m.card_no IS DISTINCT FROM s.card_no`);
  // A transfer: the open interval ends the day before the move, the next one starts on it (card number carried over unless a new one is given).
  await q(sql`UPDATE memberships m SET valid_to = s.moved_on - 1, end_reason = 'transfer' FROM import_rows s
      WHERE s.job_id = ${job} AND s.action = 'transfer' AND m.person_id = s.person_id AND m.valid_to IS NULL`);
  await q(sql`INSERT INTO memberships (person_id, union_id, card_no, valid_from, start_reason)
      SELECT s.person_id, s.union_id,
             coalesce(s.card_no, (SELECT o.card_no FROM memberships o WHERE o.person_id = s.person_id AND o.valid_to = s.moved_on - 1 ORDER BY o.id DESC LIMIT 1)),
             s.moved_on, CASE s.action WHEN 'transfer' THEN 'transfer' ELSE 'rejoin' END
      FROM import_rows s WHERE s.job_id = ${job} AND s.action IN ('transfer', 'rejoin')`);
  if (!created) return;

  const [size] = await database.rows<{ n: number }>(sql`SELECT greatest(reltuples, 0)::float8 AS n FROM pg_class WHERE oid = 'people'::regclass`, tx);
  const bulk = created >= bulkFrom && created * 4 >= (size?.n ?? 0);
  let rebuild: { name: string; def: string }[] = [];
  let foreignKeys: { table: string; name: string; def: string }[] = [];
  if (bulk) {
    // Taken at once for both tables, so two bulk loads queue instead of deadlocking on the upgrade.
    await q(sql`LOCK TABLE people, memberships IN ACCESS EXCLUSIVE MODE`);
    // Indexes that back a constraint (primary keys, the unique citizen ID) stay: they are what the inserts are checked against.
    rebuild = await database.rows<{ name: string; def: string }>(
      sql`SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS def FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
          WHERE i.indrelid IN ('people'::regclass, 'memberships'::regclass) AND NOT i.indisprimary
            AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)`,
      tx,
    );
    for (const ix of rebuild) await q(sql`DROP INDEX ${sql.identifier(ix.name)}`);
    // Foreign keys likewise: checked row by row they cost more than the inserts; added back, each is one join over the tables.
    foreignKeys = await database.rows<{ table: string; name: string; def: string }>(
      sql`SELECT conrelid::regclass::text AS "table", conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint
          WHERE conrelid IN ('people'::regclass, 'memberships'::regclass) AND contype = 'f'`,
      tx,
    );
    for (const fk of foreignKeys) await q(sql`ALTER TABLE ${sql.identifier(fk.table)} DROP CONSTRAINT ${sql.identifier(fk.name)}`);
  }
  // A bulk load gives full_name and name_fold as Node computed them (import.names.ts; SQL computes the
  // few Node left null) instead of the people_names trigger computing them row by row (migration 0103).
  // The trigger is off for this statement only, inside the transaction, under the lock taken above.
  if (bulk) {
    await q(sql`ALTER TABLE people DISABLE TRIGGER people_names`);
    // The new people sorted by citizen ID and kept for their memberships: ~200 bytes a row, in memory rather than in temporary files.
    if (database.pool) await q(sql`SET LOCAL work_mem = '512MB'`);
  }
  // In citizen ID order, the unique index grows at its right edge instead of at random pages (650,000 rows, measured alone: 9,9–10,1 s → 7,6–9,1 s).
  // Each new person's id is drawn here, so their first membership needs no join back to people by citizen ID.
  await q(sql`WITH s AS MATERIALIZED (
        SELECT nextval('people_id_seq'::regclass) AS id, o.* FROM (
          SELECT citizen_id, legacy_id, family_name, middle_name, given_name, full_name, name_fold, birth_date, gender, ethnicity, phone, hometown,
                 enterprise_id, union_id, card_no, joined_on
          FROM import_rows WHERE job_id = ${job} AND action = 'create' ORDER BY citizen_id) o),
      p AS (INSERT INTO people (id, citizen_id, legacy_id, family_name, middle_name, given_name, full_name, name_fold, birth_date, gender, ethnicity, phone, hometown, enterprise_id)
        SELECT id, citizen_id, legacy_id, family_name, middle_name, given_name,
               coalesce(full_name, btrim(regexp_replace(family_name || ' ' || middle_name || ' ' || given_name, '\\s+', ' ', 'g'))),
               coalesce(name_fold, vn_fold(family_name || ' ' || middle_name || ' ' || given_name)),
               birth_date, gender, ethnicity, phone, hometown, enterprise_id
        FROM s)
      INSERT INTO memberships (person_id, union_id, card_no, valid_from, start_reason)
      SELECT id, union_id, card_no, joined_on, 'join' FROM s`);
  if (bulk) await q(sql`ALTER TABLE people ENABLE TRIGGER people_names`);
  if (bulk) {
    await q(sql`SET LOCAL maintenance_work_mem = '256MB'`);
    for (const ix of rebuild) await q(sql.raw(ix.def));
    for (const fk of foreignKeys) await q(sql`ALTER TABLE ${sql.identifier(fk.table)} ADD CONSTRAINT ${sql.identifier(fk.name)} ${sql.raw(fk.def)}`);
    // The planner would otherwise take the tables for as small as before the load until autovacuum comes by.
    await q(sql`ANALYZE people, memberships`);
  }
}
