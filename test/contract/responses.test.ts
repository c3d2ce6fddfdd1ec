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
});
