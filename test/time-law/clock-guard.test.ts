import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Every day in the app is a day in Vietnam from src/shared/clock.ts. This test fails when another
 * module computes a day by itself: the UTC day of an instant, the machine's local day, the
 * database's current_date, or a hand-made +7 hours. Date arithmetic on calendar dates goes through
 * the clock's helpers too (addDays, addMonths, monthEnd, utcCalendarDate), so that a grep for the
 * patterns below has no legitimate hit.
 */
const FORBIDDEN: { pattern: RegExp; why: string }[] = [
  { pattern: /toISOString\(\)\s*\.\s*(slice|substring|substr)\s*\(/, why: "the UTC day of an instant" },
  { pattern: /\.split\(\s*["']T["']\s*\)/, why: "the UTC day of an instant" },
  { pattern: /\bcurrent_date\b/i, why: "the database's day (its time zone, not Vietnam's)" },
  { pattern: /\bnow\(\)\s*::\s*date\b/i, why: "the database's day" },
  { pattern: /\blocaltime(stamp)?\b/i, why: "the database's local time" },
  { pattern: /\.get(FullYear|Month|Date|Day|Hours)\(\)/, why: "the machine's local day" },
  { pattern: /new Date\(\)\s*\.\s*getUTC/, why: "the UTC day of now" },
  { pattern: /\b7\s*\*\s*3_?600_?000\b|\b25_?200_?000\b/, why: "a hand-made UTC+7 offset" },
  { pattern: /timeZone:\s*["']Asia\/Ho_Chi_Minh["'][^)]*\)\.format\(\s*new Date\(\)\s*\)/, why: "today computed outside the clock" },
  { pattern: /\bdayjs\(\s*\)/, why: "dayjs' local day" },
  { pattern: /\bvietnamToday\b/, why: "a second copy of the clock" },
];

const ROOT = path.resolve("src");
const ALLOWED = new Set([path.join(ROOT, "shared", "clock.ts")]);
// Migrations are forward-only: 0500_care.sql's `DEFAULT current_date` is history, overridden by
// the time-law migration that sets the default to the Vietnamese day.
const HISTORY = new Set([path.join(ROOT, "server", "db", "migrations", "0500_care.sql")]);

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name === "node_modules" || name === "public") continue;
      yield* files(p);
    } else if (/\.(ts|tsx|sql)$/.test(name) && !/\.test\.ts$/.test(name)) yield p;
  }
}

describe("one clock", () => {
  it("no module outside src/shared/clock.ts computes a day by itself", () => {
    const hits: string[] = [];
    for (const file of files(ROOT)) {
      if (ALLOWED.has(file) || HISTORY.has(file)) continue;
      const lines = readFileSync(file, "utf8").split("\n");
      lines.forEach((line, i) => {
        if (/^\s*(\/\/|\*|--)/.test(line)) return;
        for (const { pattern, why } of FORBIDDEN) {
          if (pattern.test(line)) hits.push(`${path.relative(process.cwd(), file)}:${i + 1} ${why}: ${line.trim()}`);
        }
      });
    }
    expect(hits).toEqual([]);
  });

  it("the guard can fail: each pattern catches its example", () => {
    const examples = [
      "const d = new Date().toISOString().slice(0, 10);",
      'const d = x.toISOString().split("T")[0];',
      "WHERE deadline < current_date",
      "SELECT now()::date",
      "SELECT localtimestamp",
      "const y = new Date().getFullYear();",
      "const y = new Date().getUTCFullYear();",
      "const t = Date.now() + 7 * 3_600_000;",
      'new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh" }).format(new Date())',
      "const d = dayjs();",
      "const vietnamToday = () => 1;",
    ];
    for (const [i, line] of examples.entries()) expect(FORBIDDEN[i]?.pattern.test(line), line).toBe(true);
  });

  it("the test process runs on UTC, like the server", () => {
    expect(new Date("2026-01-01T00:00:00Z").getTimezoneOffset()).toBe(0);
  });
});
