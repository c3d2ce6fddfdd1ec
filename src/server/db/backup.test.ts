import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { seedDemo } from "#server/seed/seed.ts";
import { freshDatabase } from "../../../test/support/db.ts";
import { backup, restore, tableChecksums } from "./backup.ts";

describe("backup and restore", () => {
  it("gives identical counts and checksums, and refuses a database that has data", async () => {
    const source = await freshDatabase();
    const target = await freshDatabase();
    try {
      await seedDemo(source.database, { scale: "demo", seed: 7, today: "2026-06-30", enterprises: 25 });
      await source.database.rows(sql`INSERT INTO audit_log (action, object_type, detail) VALUES ('test', 'x', '{"ghi chú": "Đặng Văn Đức"}')`);
      const file = path.join(mkdtempSync(path.join(tmpdir(), "caunoi-")), "backup.jsonl.gz");
      const written = await backup(source.database, file);
      expect(written.people).toBeGreaterThan(500);
      const restored = await restore(target.database, file);
      expect(restored).toEqual(written);
      expect(await tableChecksums(target.database)).toEqual(await tableChecksums(source.database));
      // Sequences continue after the restored ids.
      const [row] = await target.database.rows<{ id: number }>(
        sql`INSERT INTO zones (code, name, kind, commune) VALUES ('NEW', 'KCN Mới', 'industrial_zone', 'An Dương') RETURNING id`,
      );
      expect(row?.id).toBeGreaterThan(16);
      await expect(restore(target.database, file)).rejects.toThrow(/trống/);
    } finally {
      await source.drop();
      await target.drop();
    }
  }, 180_000);
});
