import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "./client.ts";
import { isConnectionError, isRecoveryConflict, lsnReached, parseLsn, primaryOnly, routeReads } from "./replica.ts";

describe("WAL positions", () => {
  it("reads X/Y as a 64-bit position, the high half before the slash", () => {
    expect(parseLsn("0/3000148")).toBe(0x3000148n);
    expect(parseLsn("1/0")).toBe(1n << 32n);
    expect(parseLsn("16/B374D848")).toBe((0x16n << 32n) | 0xb374d848n);
    expect(parseLsn("nonsense")).toBeNull();
    expect(parseLsn("0/")).toBeNull();
  });
  it("compares numerically, not as text: 0/A0000000 is past 0/9FFFFFFF, 1/0 past 0/FFFFFFFF", () => {
    expect(lsnReached("0/A0000000", "0/9FFFFFFF")).toBe(true);
    expect(lsnReached("1/0", "0/FFFFFFFF")).toBe(true);
    expect(lsnReached("0/FFFFFFFF", "1/0")).toBe(false);
    expect(lsnReached("0/3000148", "0/3000148")).toBe(true);
  });
  it("counts an unknown replay position or a garbled cookie as not reached (the primary answers)", () => {
    expect(lsnReached(null, "0/1")).toBe(false);
    expect(lsnReached("0/5", "garbage")).toBe(false);
  });
});

describe("connection errors", () => {
  it("tells an unreachable replica from a wrong query", () => {
    expect(isConnectionError(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5433"), { code: "ECONNREFUSED" }))).toBe(true);
    expect(isConnectionError(Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" }))).toBe(true);
    expect(isConnectionError(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isConnectionError(new Error("wrapped", { cause: Object.assign(new Error("x"), { code: "08006" }) }))).toBe(true);
    expect(isConnectionError(Object.assign(new Error('relation "x" does not exist'), { code: "42P01" }))).toBe(false);
    expect(isConnectionError(null)).toBe(false);
  });
  it("tells a standby's cancelled query (conflict with recovery) from a serialization failure on the primary", () => {
    const conflict = Object.assign(new Error("canceling statement due to conflict with recovery"), { code: "40001" });
    expect(isRecoveryConflict(new Error("Failed query", { cause: conflict }))).toBe(true);
    expect(isRecoveryConflict(Object.assign(new Error("could not serialize access due to concurrent update"), { code: "40001" }))).toBe(false);
  });
});

describe("routing (embedded databases: neither is a standby)", () => {
  let primary: Database;
  let other: Database;
  beforeAll(async () => {
    primary = await openDatabase({ dataDir: null });
    other = await openDatabase({ dataDir: null });
  });
  afterAll(async () => {
    await primary.close();
  });

  it("without a replica every read and no cookie: the primary", async () => {
    const reads = primaryOnly(primary);
    expect(await reads.choose(null)).toBe(primary);
    expect(await reads.writtenLsn()).toBeNull();
  });

  it("a database that is not replaying WAL (promoted, misconfigured) is not read from", async () => {
    const reads = routeReads(primary, other);
    expect(await reads.choose(null)).toBe(primary);
  });

  it("a replica that fails is left alone for a while, then asked again", async () => {
    let t = 1000;
    const reads = routeReads(primary, other, { downFor: 5000, now: () => t });
    await other.close();
    expect(await reads.choose(null)).toBe(primary);
    // Closed: the next reads do not even try it until the pause is over.
    t += 1000;
    expect(await reads.read(null, async (db) => db)).toBe(primary);
    t += 10_000;
    expect(await reads.choose(null)).toBe(primary);
  });
});
