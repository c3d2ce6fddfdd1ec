import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../support/app.ts";

/**
 * One contract between server and web (issue 19, item 2): every route declares the schema of its success
 * answer, so the answer is serialized through it (a field the schema lacks never leaves the server) and
 * OpenAPI shows it. A route answering 201 or 204 declares that status; a file download declares its
 * content type.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const SUCCESS = /^(2\d\d|2XX)$/;

describe("response contract", () => {
  it("every route declares the schema of its success answer", () => {
    const missing = t.app.routeTable.filter((r) => !r.responses.some((s) => SUCCESS.test(s))).map((r) => `${r.method} ${r.url}`);
    expect(missing).toEqual([]);
  });

  it("OpenAPI (/api/docs) shows every route's success answer: a JSON schema, or a file's content type", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/openapi.json" });
    expect(res.statusCode).toBe(200);
    type Op = { responses?: Record<string, { content?: Record<string, { schema?: object }> }> };
    const paths = res.json().paths as Record<string, Record<string, Op>>;
    const undocumented: string[] = [];
    for (const r of t.app.routeTable.filter((x) => x.url !== "/api/openapi.json")) {
      const op = paths[r.url.replace(/:(\w+)/g, "{$1}")]?.[r.method.toLowerCase()];
      const ok = Object.entries(op?.responses ?? {}).some(
        ([status, answer]) => SUCCESS.test(status) && (status === "204" || Object.values(answer.content ?? {}).some((c) => c.schema)),
      );
      if (!ok) undocumented.push(`${r.method} ${r.url}`);
    }
    expect(undocumented).toEqual([]);
    // A download says what it is.
    const xlsx = paths["/api/registry/export/people.xlsx"]?.get?.responses?.["200"]?.content ?? {};
    expect(Object.keys(xlsx)).toEqual(["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"]);
  });
});
