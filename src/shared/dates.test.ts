import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { setClock } from "./clock.ts";
import { dateProblem, dateProblemVi, refuseFutureDate } from "./dates.ts";

afterEach(() => setClock(null));

describe("dateProblem", () => {
  it("accepts real days as offices write them", () => {
    expect(dateProblem("29/02/2024")).toBeNull();
    expect(dateProblem("1/3/2026")).toBeNull();
    expect(dateProblem("2026-03-01")).toBeNull();
  });
  it("names the day the calendar does not have", () => {
    const p = dateProblem("31/02/2026");
    expect(p).toEqual({ code: "impossible", day: "31", month: "02" });
    expect(dateProblemVi(p as NonNullable<typeof p>)).toBe("Ngày 31/02 không tồn tại");
    expect(dateProblem("29/2/2025")).toEqual({ code: "impossible", day: "29", month: "02" });
    expect(dateProblem("2026-04-31")).toEqual({ code: "impossible", day: "31", month: "04" });
  });
  it("says the format for text that is no date, and the year when it is out of range", () => {
    expect(dateProblem("hôm qua")).toEqual({ code: "format" });
    expect(dateProblem("12/13/2026")).toEqual({ code: "format" });
    expect(dateProblem("01/01/1800")).toEqual({ code: "tooOld" });
    expect(dateProblem("01/01/1950", { minYear: 1960 })).toEqual({ code: "tooOld" });
  });
  it("refuses a day after Vietnam's today only when told, whatever the server's time zone", () => {
    // 17:30 UTC on 4 December is already 5 December in Vietnam.
    setClock("2026-12-04T17:30:00Z");
    expect(dateProblem("05/12/2026", { notFuture: true })).toBeNull();
    expect(dateProblem("06/12/2026", { notFuture: true })).toEqual({ code: "future", today: "2026-12-05" });
    expect(dateProblem("06/12/2026")).toBeNull();
    expect(dateProblemVi({ code: "future", today: "2026-12-05" })).toBe("Ngày không được sau hôm nay (05/12/2026)");
  });
});

describe("refuseFutureDate", () => {
  it("adds the Vietnamese refusal on the field", () => {
    setClock("2026-12-05T03:00:00Z");
    const schema = z.object({ paidOn: z.string().superRefine(refuseFutureDate) });
    const bad = schema.safeParse({ paidOn: "2027-01-10" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(["paidOn"]);
    expect(bad.error?.issues[0]?.message).toBe("Ngày không được sau hôm nay (05/12/2026)");
    expect(schema.safeParse({ paidOn: "2026-12-05" }).success).toBe(true);
  });
});
