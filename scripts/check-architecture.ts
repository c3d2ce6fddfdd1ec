/**
 * The walls that an import rule cannot see (docs/ARCHITECTURE.md):
 *  1. every table a migration creates has one owner in src/server/modules/ownership.ts;
 *  2. a module's code writes (INSERT/UPDATE/DELETE) only tables it owns, shared ones, or those
 *     `crossWrites` lists with a reason;
 *  3. every module folder has its door, index.ts;
 *  4. docs/ARCHITECTURE.md's ownership table is the one ownership.ts gives (`--write` rewrites it);
 *  5. no source file over 600 lines and no function over 80 (scripts/unit-size.ts) unless
 *     scripts/unit-size.allow.ts lists it with its reason, and no entry there outlives its unit.
 * The import rules themselves are dependency-cruiser's (.dependency-cruiser.cjs); `npm run check:arch`
 * runs both. Exit 1 with one line per problem.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { crossWrites, type ModuleName, owners } from "../src/server/modules/ownership.ts";
import { MAX_FILE_LINES, MAX_FUNCTION_LINES, oversized } from "./unit-size.ts";
import { type Allowance, allowances } from "./unit-size.allow.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const MODULES = path.join(ROOT, "src/server/modules");
const MIGRATIONS = path.join(ROOT, "src/server/db/migrations");
const DOC = path.join(ROOT, "docs/ARCHITECTURE.md");
const problems: string[] = [];

const ownerOf = new Map<string, string>();
for (const [module, tables] of Object.entries(owners)) {
  for (const table of tables) {
    if (ownerOf.has(table)) problems.push(`ownership.ts: bảng ${table} có hai chủ (${ownerOf.get(table)}, ${module})`);
    ownerOf.set(table, module);
  }
}

// 1. Tables in migrations.
const created = new Set<string>();
for (const file of readdirSync(MIGRATIONS).filter((f) => f.endsWith(".sql"))) {
  const text = readFileSync(path.join(MIGRATIONS, file), "utf8");
  for (const m of text.matchAll(/CREATE\s+(?:UNLOGGED\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?([a-z_][a-z0-9_]*)/gi)) {
    const table = (m[1] as string).toLowerCase();
    if (table === "schema_migrations") continue;
    created.add(table);
    if (!ownerOf.has(table)) problems.push(`${file}: bảng ${table} chưa có chủ — thêm vào src/server/modules/ownership.ts`);
  }
}
for (const table of ownerOf.keys()) if (!created.has(table)) problems.push(`ownership.ts: bảng ${table} không có trong migration nào`);

// 2. Writes across walls.
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}
const WRITE = /\b(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+([a-z_][a-z0-9_]*)/gi;
const moduleDirs = readdirSync(MODULES).filter((d) => statSync(path.join(MODULES, d)).isDirectory());
for (const module of moduleDirs) {
  if (!existsSync(path.join(MODULES, module, "index.ts"))) problems.push(`src/server/modules/${module}: thiếu cửa index.ts`);
  if (!(module in owners)) problems.push(`src/server/modules/${module}: chưa có trong ownership.ts (owners)`);
  for (const file of sources(path.join(MODULES, module))) {
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(WRITE)) {
      const verb = (m[1] as string).split(/\s+/)[0]?.toUpperCase() as "INSERT" | "UPDATE" | "DELETE";
      const table = (m[2] as string).toLowerCase();
      const owner = ownerOf.get(table);
      if (!owner || owner === module || owner === "shared") continue;
      const allowed = crossWrites.some((w) => w.module === (module as ModuleName) && (w.table === table || w.table === "*") && w.verbs.includes(verb));
      if (allowed) continue;
      const line = text.slice(0, m.index).split("\n").length;
      problems.push(`${path.relative(ROOT, file)}:${line}: ${module} ${verb} ${table}, bảng của ${owner} — gọi hàm công bố trong modules/${owner}/index.ts`);
    }
  }
}

// 4. The map in the docs.
export function ownershipTable(): string {
  const rows = Object.entries(owners).map(([module, tables]) => `| \`${module}\` | ${tables.map((t) => `\`${t}\``).join(", ")} |`);
  const cross = crossWrites.map((w) => `| \`${w.module}\` | ${w.verbs.join(", ")} \`${w.table}\` | ${w.why} |`);
  return [
    "<!-- ownership:begin (generated from src/server/modules/ownership.ts by `npx tsx scripts/check-architecture.ts --write`) -->",
    "| Module | Owns (only it writes) |",
    "| --- | --- |",
    ...rows,
    "",
    "Writes across a wall that stay, each with its reason:",
    "",
    "| Module | Writes | Why |",
    "| --- | --- | --- |",
    ...cross,
    "<!-- ownership:end -->",
  ].join("\n");
}
const doc = existsSync(DOC) ? readFileSync(DOC, "utf8") : "";
const block = /<!-- ownership:begin[\s\S]*?<!-- ownership:end -->/;
if (process.argv.includes("--write") && block.test(doc)) writeFileSync(DOC, doc.replace(block, ownershipTable()));
else if (!block.test(doc)) problems.push("docs/ARCHITECTURE.md: thiếu bảng sở hữu (<!-- ownership:begin --> … <!-- ownership:end -->)");
else if ((doc.match(block)?.[0] ?? "") !== ownershipTable())
  problems.push("docs/ARCHITECTURE.md: bảng sở hữu khác ownership.ts — chạy `npx tsx scripts/check-architecture.ts --write`");

// 5. Units a reader can hold.
const matches = (pattern: string | RegExp, value: string) => (typeof pattern === "string" ? pattern === value : pattern.test(value));
const covers = (a: Allowance, file: string, name: string | null) => {
  if (!matches(a.file, file)) return false;
  if (a.unit === undefined || name === null) return a.unit === undefined && name === null;
  if (matches(a.unit, name)) return true;
  // A nested unit is "outer > inner": covered when the entry says so for its outer function.
  const outer = name.split(" > ")[0] as string;
  return a.inner === true && name.includes(" > ") && matches(a.unit, outer);
};
const used = new Set<Allowance>();
const units = oversized(ROOT);
for (const u of units) {
  const what = u.name === null ? `tệp ${u.lines} dòng (tối đa ${MAX_FILE_LINES})` : `hàm ${u.name} ${u.lines} dòng (tối đa ${MAX_FUNCTION_LINES})`;
  const entry = allowances.find((a) => covers(a, u.file, u.name));
  if (!entry) {
    problems.push(`${u.file}:${u.line}: ${what} — tách ra, hoặc ghi vào scripts/unit-size.allow.ts kèm lý do`);
    continue;
  }
  used.add(entry);
  const exact = u.name === null || entry.unit === undefined || matches(entry.unit, u.name);
  if (exact && entry.lines !== undefined && u.lines > entry.lines)
    problems.push(`${u.file}:${u.line}: ${what} đã dài thêm so với danh sách cho phép (${entry.lines}) — tách ra thay vì nâng giới hạn`);
}
for (const a of allowances)
  if (!used.has(a)) problems.push(`scripts/unit-size.allow.ts: ${String(a.file)} ${a.unit ? String(a.unit) : ""} không còn vượt giới hạn — xóa dòng này`);

if (problems.length) {
  for (const p of problems) console.error(`✗ ${p}`);
  console.error(`\n${problems.length} vi phạm kiến trúc (ranh giới module, kích thước đơn vị).`);
  process.exit(1);
}
console.log(`✔ ranh giới module: ${created.size} bảng có chủ, ${moduleDirs.length} module có cửa, không ghi chéo ngoài danh sách.`);
console.log(`✔ kích thước: ${units.length} đơn vị vượt giới hạn, tất cả có lý do trong scripts/unit-size.allow.ts (${allowances.length} dòng).`);
