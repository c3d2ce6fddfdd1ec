import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import type { Config } from "./config.ts";
import { type Database, openDatabase } from "./db/client.ts";
import { DataDirLockedError } from "./db/lock.ts";
import { MigrationError, migrate } from "./db/migrate.ts";
import { hashPassword } from "./modules/access/auth.service.ts";
import { insertBody } from "./modules/access/bodies.service.ts";
import { recoverInterruptedImports } from "./modules/registry/import.recovery.ts";
import { seedDemo } from "./seed/seed.ts";

/** Thrown when the data directory cannot be written: a clear sentence instead of a WASM trace. */
export class DataDirError extends Error {}

/** Checks that the embedded database's directory can be created and written. */
export function checkDataDir(dataDir: string): void {
  const probe = path.join(dataDir, `.write-test-${process.pid}`);
  try {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(probe, "ok");
    rmSync(probe);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? "";
    const why =
      code === "ENOSPC"
        ? "ổ đĩa đã đầy / the disk is full"
        : code === "EROFS" || code === "EACCES" || code === "EPERM"
          ? "thư mục chỉ đọc / the directory is read-only"
          : `${code || String(err)}`;
    throw new DataDirError(
      `Không ghi được vào thư mục dữ liệu DATA_DIR=${path.resolve(dataDir)}: ${why}. Hãy kiểm tra quyền ghi và dung lượng, hoặc chọn DATA_DIR khác.`,
    );
  }
}

/** Opens the configured database and brings its schema up to date. */
export async function openConfiguredDatabase(config: Config): Promise<Database> {
  if (!config.DATABASE_URL) checkDataDir(config.DATA_DIR);
  let database: Database;
  try {
    database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATABASE_URL ? null : config.DATA_DIR });
  } catch (err) {
    // Another process (the running server) holds the embedded database: one clear sentence.
    if (err instanceof DataDirLockedError) throw new DataDirError(err.message);
    throw err;
  }
  try {
    await migrate(database);
  } catch (err) {
    // An edited or out-of-order migration: one clear sentence and exit 2, like an unusable directory.
    await database.close();
    if (err instanceof MigrationError) throw new DataDirError(err.message);
    throw err;
  }
  return database;
}

/**
 * Makes sure the system body and the `admin` account exist. The password comes from
 * CAUNOI_ADMIN_PASSWORD, or is generated and printed once.
 */
export async function ensureAdmin(database: Database, config: Config, print: (line: string) => void): Promise<void> {
  const [existing] = await database.rows<{ id: number }>(sql`SELECT id FROM users WHERE lower(username) = 'admin'`);
  if (existing) return;
  const password = config.CAUNOI_ADMIN_PASSWORD ?? randomBytes(9).toString("base64url");
  const hash = await hashPassword(password);
  await database.db.transaction(async (tx) => {
    let [system] = await database.rows<{ id: number }>(sql`SELECT id FROM bodies WHERE kind = 'system' LIMIT 1`, tx);
    system ??= await insertBody(database, tx, { kind: "system", name: "Quản trị hệ thống", code: "SYSTEM", parentId: null });
    await database.rows(
      sql`INSERT INTO users (username, full_name, password_hash, role, body_id) VALUES ('admin', 'Quản trị hệ thống', ${hash}, 'system_admin', ${system.id})`,
      tx,
    );
  });
  if (!config.CAUNOI_ADMIN_PASSWORD) {
    print(`Đã tạo tài khoản quản trị "admin" với mật khẩu: ${password}  (Created admin account "admin" with password: ${password})`);
  }
}

/** Migrations, the admin account and, on an empty database, the demo city. */
export async function prepareDatabase(config: Config, print: (line: string) => void): Promise<Database> {
  const database = await openConfiguredDatabase(config);
  await ensureAdmin(database, config, print);
  const interrupted = await recoverInterruptedImports(database);
  if (interrupted) print(`Đã đánh dấu ${interrupted} lượt nhập bị gián đoạn (interrupted imports marked failed).`);
  if (config.CAUNOI_DEMO) {
    const [row] = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM bodies WHERE kind <> 'system'`);
    if ((row?.n ?? 0) === 0) {
      const t = Date.now();
      print("Đang tạo dữ liệu thành phố mẫu… (seeding the demo city)");
      const summary = await seedDemo(database, { scale: "demo", seed: 1 });
      print(`Đã tạo dữ liệu mẫu trong ${((Date.now() - t) / 1000).toFixed(1)} giây: ${JSON.stringify(summary)}`);
    }
  }
  return database;
}
