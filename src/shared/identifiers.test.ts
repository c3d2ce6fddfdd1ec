import { describe, expect, it } from "vitest";
import {
  citizenIdCenturyDigit,
  citizenIdMismatches,
  decodeCitizenId,
  normalizePhone,
  normalizeTaxCode,
  taxCodeCheckDigit,
  taxCodeCheckDigitOk,
} from "./identifiers.ts";

describe("identifiers", () => {
  it("decodes the citizen ID's century, gender and birth year", () => {
    expect(decodeCitizenId("031195001234")).toMatchObject({ provinceCode: "031", gender: "female", birthYearSuffix: 95, century: 1900 });
    expect(citizenIdCenturyDigit(2003, "male")).toBe(2);
    expect(citizenIdMismatches("031195001234", 1995, "female")).toEqual([]);
    expect(citizenIdMismatches("031095001234", 1996, "female")).toEqual(["gender", "birthYear"]);
  });
  it("normalises tax codes and checks the check digit", () => {
    const nine = "020123456";
    const check = taxCodeCheckDigit(nine);
    if (check !== null) expect(taxCodeCheckDigitOk(nine + check)).toBe(true);
    expect(normalizeTaxCode("0201234567001")).toBe("0201234567-001");
    expect(normalizeTaxCode("12345")).toBeNull();
  });
  it("normalises mobile numbers", () => {
    expect(normalizePhone("+84 912 345 678")).toBe("0912345678");
    expect(normalizePhone("0912.345.678")).toBe("0912345678");
    expect(normalizePhone("0123")).toBeNull();
  });
});
