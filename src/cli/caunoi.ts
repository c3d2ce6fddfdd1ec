import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { ConfigError, loadConfig } from "#server/config.ts";
import { ensureAdmin, openConfiguredDatabase } from "#server/bootstrap.ts";
import { type Role, roles } from "#server/modules/access/access.policy.ts";
import { checkPasswordStrength, hashPassword } from "#server/modules/access/auth.service.ts";
import { seedDemo } from "#server/seed/seed.ts";
import { backup, restore } from "#server/db/backup.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

const help = `Cầu Nối — dòng lệnh / command line

  caunoi start                         chạy máy chủ (dựng giao diện web nếu cần)
  caunoi worker                        chạy các việc nền (nhập tệp, lưu giữ dữ liệu, báo quá hạn…) không có HTTP
  caunoi migrate                       áp dụng các migration cơ sở dữ liệu
  caunoi seed [--scale demo|city] [--seed N]
                                       tạo dữ liệu thành phố mẫu trên cơ sở dữ liệu trống
  caunoi create-user --username U --password P --role R --body-id N [--full-name "…"]
  caunoi backup <tệp>                  sao lưu nhất quán toàn bộ dữ liệu ra tệp (.jsonl.gz)
  caunoi restore <tệp>                 khôi phục bản sao lưu vào cơ sở dữ liệu trống

Cấu hình qua biến môi trường: PORT, HOST, DATA_DIR, DATABASE_URL, CAUNOI_ADMIN_PASSWORD,
CAUNOI_DEMO, SESSION_SECRET, LOG_LEVEL, WORKER, IMPORT_DIR (xem README.md).`;

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds the web client when it is missing or older than its sources. */
function buildWebIfNeeded(): void {
  const index = path.join(ROOT, "dist/web/index.html");
  const sources = Math.max(
    newestMtime(path.join(ROOT, "src/web")),
    newestMtime(path.join(ROOT, "src/shared")),
    statSync(path.join(ROOT, "vite.config.ts")).mtimeMs,
  );
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  console.log("Đang dựng giao diện web… (building the web client)");
  const r = spawnSync(process.execPath, [path.join(ROOT, "node_modules/vite/bin/vite.js"), "build", "--logLevel", "warn"], { cwd: ROOT, stdio: "inherit" });
  if (r.status !== 0) throw new Error("vite build failed");
}

/** The configuration, or one line per bad key and exit 2. */
function configOrExit(): ReturnType<typeof loadConfig> {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
}

async function run(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  const config = configOrExit();
  switch (command) {
    case "start": {
      buildWebIfNeeded();
      const { main } = await import("#server/main.ts");
      await main();
      return;
    }
    case "worker": {
      const { runWorker } = await import("#server/worker.ts");
      await runWorker(config);
      return;
    }
    case "migrate": {
      const database = await openConfiguredDatabase(config);
      console.log(`Cơ sở dữ liệu đã cập nhật (${database.kind}).`);
      await database.close();
      return;
    }
    case "seed": {
      const { values } = parseArgs({ args: rest, options: { scale: { type: "string", default: "demo" }, seed: { type: "string", default: "1" } } });
      if (values.scale !== "demo" && values.scale !== "city") throw new Error("--scale phải là demo hoặc city");
      const database = await openConfiguredDatabase(config);
      await ensureAdmin(database, config, console.log);
      const [row] = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM enterprises`);
      if ((row?.n ?? 0) > 0) {
        console.error("Cơ sở dữ liệu đã có dữ liệu; hãy dùng một cơ sở dữ liệu trống (the database already has data).");
        process.exit(1);
      }
      const t = Date.now();
      const summary = await seedDemo(database, { scale: values.scale, seed: Number(values.seed), log: (l) => console.log(`  ${l}`) });
      console.log(`Xong trong ${((Date.now() - t) / 1000).toFixed(1)} giây:`, summary);
      await database.close();
      return;
    }
    case "create-user": {
      const { values } = parseArgs({
        args: rest,
        options: {
          username: { type: "string" },
          password: { type: "string" },
          role: { type: "string" },
          "body-id": { type: "string" },
          "full-name": { type: "string" },
        },
      });
      if (!values.username || !values.password || !values.role || !values["body-id"]) throw new Error(help);
      if (!roles.includes(values.role as Role)) throw new Error(`Vai trò phải là một trong: ${roles.join(", ")}`);
      checkPasswordStrength(values.password, { username: values.username, fullName: values["full-name"] });
      const database = await openConfiguredDatabase(config);
      const hash = await hashPassword(values.password);
      await database.rows(
        sql`INSERT INTO users (username, full_name, password_hash, role, body_id) VALUES (${values.username}, ${values["full-name"] ?? values.username}, ${hash}, ${values.role}, ${Number(values["body-id"])})`,
      );
      console.log(`Đã tạo người dùng ${values.username}.`);
      await database.close();
      return;
    }
    case "backup":
    case "restore": {
      const file = rest[0];
      if (!file) throw new Error(`Thiếu tên tệp: caunoi ${command} <tệp>`);
      const database = await openConfiguredDatabase(config);
      const result = command === "backup" ? await backup(database, file) : await restore(database, file);
      console.log(command === "backup" ? "Đã sao lưu:" : "Đã khôi phục:", result);
      await database.close();
      return;
    }
    default:
      console.log(help);
      if (command && command !== "help" && command !== "--help") process.exit(1);
  }
}

run(process.argv.slice(2)).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
