import { execSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, type TestApp, createTestApp } from "../support/app.ts";
import { buildBody, buildUser } from "../support/factories.ts";

/**
 * The PostgreSQL server restarted under load: requests during the outage get a 503 problem (never a
 * crash or a hang), and the app recovers by itself once the server is back. Needs root and the local
 * cluster; skipped without DATABASE_URL.
 */
const url = process.env.DATABASE_URL;
const version = (() => {
  try {
    return readdirSync("/etc/postgresql")[0];
  } catch {
    return undefined;
  }
})();

describe.skipIf(!url || !version)("PostgreSQL restarted under load", () => {
  let t: TestApp;
  let client: Client;
  beforeAll(async () => {
    t = await createTestApp();
    const body = await buildBody(t.database, "federation", null);
    const user = await buildUser(t.database, "officer", body.id);
    client = new Client(t.app);
    await client.login(user.username, user.password);
  });
  afterAll(async () => t?.close());

  it("answers 503 during the outage and recovers without a restart of the app", async () => {
    const statuses: number[] = [];
    let running = true;
    const load = (async () => {
      while (running) {
        const res = await client.get("/api/auth/me");
        statuses.push(res.statusCode);
        if (res.statusCode >= 500) {
          expect(res.json().code).toBe("database_unavailable");
          expect(Number(res.headers["retry-after"])).toBeGreaterThan(0);
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    await new Promise((r) => setTimeout(r, 500));
    execSync(`pg_ctlcluster --skip-systemctl-redirect ${version} main restart`, { stdio: "ignore" });
    // Back within a few seconds: keep loading, then require success.
    let recovered = false;
    for (let i = 0; i < 100 && !recovered; i++) {
      await new Promise((r) => setTimeout(r, 100));
      recovered = statuses.slice(-5).length === 5 && statuses.slice(-5).every((s) => s === 200);
    }
    running = false;
    await load;
    console.log(
      "statuses during the restart:",
      JSON.stringify(Object.fromEntries([...new Set(statuses)].map((s) => [s, statuses.filter((x) => x === s).length]))),
    );
    expect(recovered).toBe(true);
    expect(statuses.filter((s) => s !== 200 && s !== 503)).toEqual([]);
    const res = await client.get("/api/auth/me");
    expect(res.statusCode).toBe(200);
  });
});
