import { vnFileStamp } from "#shared/clock.ts";
import { createReadStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { FastifyPluginAsync } from "fastify";
import type { AppDeps } from "#server/http/deps.ts";
import { backup } from "#server/db/backup.ts";
import { contextOf } from "#server/http/context.ts";
import { AppError } from "#server/http/errors.ts";
import { audit } from "./audit.service.ts";
import { fileResponse } from "#shared/contract/common.ts";

/**
 * A backup taken by the running server, through the database connection it already holds. On the
 * embedded database a second process may not open the data directory (db/lock.ts), so this is how
 * a live server is backed up; the file is the same as `caunoi backup` writes, and restores the same way.
 */
export const backupRoutes: FastifyPluginAsync<{ deps: AppDeps }> = async (app, { deps }) => {
  const { database } = deps;
  let running = false;
  app.get(
    "/api/admin/backup",
    {
      schema: {
        tags: ["access"],
        summary: "Sao lưu toàn bộ dữ liệu từ máy chủ đang chạy (.jsonl.gz, quản trị hệ thống)",
        response: { 200: fileResponse("application/gzip", "Bản sao lưu .jsonl.gz") },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request);
      if (ctx.actor.role !== "system_admin") throw new AppError("forbidden", "Chỉ quản trị hệ thống được sao lưu dữ liệu");
      if (running) throw new AppError("rate_limited", "Đang có một bản sao lưu được tạo; hãy thử lại sau ít phút");
      running = true;
      const dir = await mkdtemp(path.join(tmpdir(), "caunoi-backup-"));
      const file = path.join(dir, "backup.jsonl.gz");
      try {
        const counts = await backup(database, file);
        await database.db.transaction((tx) =>
          audit(database, tx, ctx, { action: "backup", objectType: "database", detail: { tables: Object.keys(counts).length } }),
        );
      } catch (err) {
        running = false;
        await rm(dir, { recursive: true, force: true });
        throw err;
      }
      const stream = createReadStream(file);
      stream.on("close", () => {
        running = false;
        void rm(dir, { recursive: true, force: true });
      });
      const name = `caunoi-${vnFileStamp()}.jsonl.gz`;
      return reply
        .header("content-type", "application/gzip")
        .header("content-disposition", `attachment; filename="${name}"`)
        .header("cache-control", "no-store")
        .send(stream);
    },
  );
};
