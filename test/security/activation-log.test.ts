import { randomBytes } from "node:crypto";
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { buildApp } from "#server/app.ts";
import { loadConfig } from "#server/config.ts";
import { Client } from "../support/app.ts";
import { freshDatabase } from "../support/db.ts";
import { buildCity, buildEnterprise, buildUser } from "../support/factories.ts";

const PASSWORD = "Doanhnghiep-Xanh-2468";

describe("the activation code and the server's log", () => {
  it("never writes the code: it travels in bodies, not URLs, and bodies are not logged", async () => {
    const { database, drop } = await freshDatabase();
    const lines: string[] = [];
    const logStream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const config = loadConfig({ LOG_LEVEL: "trace", DATA_DIR: `/tmp/caunoi-test-${randomBytes(4).toString("hex")}`, SESSION_SECRET: "t".repeat(40) });
    const app = await buildApp({ config, database, logStream });
    await app.ready();
    try {
      const c2 = await buildCity(database);
      const ent = await buildEnterprise(database, c2);
      const u = await buildUser(database, "officer", c2.authority);
      const off = new Client(app);
      await off.login(u.username, u.password);
      const made = (await off.post("/api/accounts/invites", { enterpriseId: ent.id })).json() as { code: string };
      const checked = await app.inject({ method: "POST", url: "/api/public/activation/check", payload: { code: made.code } });
      expect(checked.statusCode).toBe(200);
      const done = await app.inject({
        method: "POST",
        url: "/api/public/activation",
        payload: { code: made.code, username: `log_${ent.id}`, fullName: "Người Thử Nhật Ký", password: PASSWORD },
      });
      expect(done.statusCode).toBe(201);
      const log = lines.join("");
      expect(log).toContain("/api/public/activation");
      expect(log).not.toContain(made.code);
      expect(log).not.toContain(made.code.replace(/-/g, ""));
    } finally {
      await app.close();
      await drop();
    }
  });
});
