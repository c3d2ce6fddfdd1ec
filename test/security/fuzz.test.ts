import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, type TestApp, createTestApp } from "../support/app.ts";
import { type World, buildWorld } from "./world.ts";

/**
 * Every JSON endpoint fed schema-shaped hostile input: the body's own field names (from the OpenAPI
 * description) with values of every wrong type, SQL and script payloads, huge and odd Unicode strings.
 * No answer may be a 5xx, and none may carry a stack trace or SQL.
 */
let t: TestApp;
let w: World;
let admin: Client;

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t.database);
  admin = new Client(t.app);
  await admin.login(w.users.systemAdmin.username, w.users.systemAdmin.password);
}, 120_000);
afterAll(async () => t?.close());

const hostile = fc.constantFrom(
  "' OR 1=1 --",
  "'; DROP TABLE people; --",
  '"><script>alert(1)</script>',
  "<img src=x onerror=alert(1)>",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection payload, on purpose
  "${7*7}{{7*7}}",
  "../../../../etc/passwd",
  "\u0000\u0001\u0002",
  "Ðặng Văn Ðức\u200B",
  "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🇻🇳",
  "x".repeat(70_000),
  "-1",
  "1e309",
  "2026-02-31",
  "NaN",
);
const value = fc.oneof(
  hostile,
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(hostile, fc.integer()), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), hostile, { maxKeys: 3 }),
);

type OpenApi = { paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> } }>> };

describe("fuzzing every JSON endpoint", () => {
  it("never answers 5xx or leaks internals", async () => {
    const spec = (await t.app.inject({ method: "GET", url: "/api/openapi.json" })).json() as OpenApi;
    const failures: string[] = [];
    const targets = t.app.routeTable.filter((r) => r.hasBody && r.url !== "/api/auth/logout");
    expect(targets.length).toBeGreaterThan(3);
    for (const r of targets) {
      const openapiPath = r.url.replace(/:(\w+)/g, "{$1}");
      const props = Object.keys(spec.paths[openapiPath]?.[r.method.toLowerCase()]?.requestBody?.content?.["application/json"]?.schema?.properties ?? {});
      const body = props.length ? fc.record(Object.fromEntries(props.map((p) => [p, value])), { requiredKeys: [] }) : fc.oneof(value, fc.object());
      const url = r.url.replace(/:[A-Za-z]+/g, String(w.enterpriseA));
      await fc
        .assert(
          fc.asyncProperty(body, async (payload) => {
            const res = await admin.request({
              method: r.method as "POST",
              url,
              payload: JSON.stringify(payload),
              headers: { "content-type": "application/json" },
            });
            if (res.statusCode >= 500 || /\bat [\w.]+ \(|node_modules|SELECT .* FROM|syntax error at/i.test(res.body)) {
              failures.push(`${r.method} ${r.url} ${res.statusCode} ${JSON.stringify(payload).slice(0, 120)} → ${res.body.slice(0, 160)}`);
              return false;
            }
            return true;
          }),
          { numRuns: 25, seed: 20261121, endOnFailure: true },
        )
        .catch(() => undefined);
    }
    expect(failures).toEqual([]);
    // 25 hostile bodies for each of the ~200 JSON endpoints: its time grows with the API, not with a fault.
  }, 240_000);
});
