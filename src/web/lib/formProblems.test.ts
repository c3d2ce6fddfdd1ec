import { describe, expect, it } from "vitest";
import { ApiError } from "./api.ts";
import { applyProblem, fieldForPointer, pointerToPath, splitProblem } from "./formProblems.ts";

const problem = (errors: { pointer: string; message: string }[]) => new ApiError({ title: "Dữ liệu không hợp lệ", status: 400, errors });

describe("pointerToPath", () => {
  it("turns body and query-string pointers into form paths", () => {
    expect(pointerToPath("/body/title")).toBe("title");
    expect(pointerToPath("/body/a/b/0")).toBe("a.b.0");
    expect(pointerToPath("/body/requester/fullName")).toBe("requester.fullName");
    expect(pointerToPath("/querystring/from")).toBe("from");
    expect(pointerToPath("/body/a~1b/c~0d")).toBe("a/b.c~d");
  });
  it("gives null for the whole body, other places and malformed pointers", () => {
    expect(pointerToPath("/body")).toBeNull();
    expect(pointerToPath("")).toBeNull();
    expect(pointerToPath("/params/id")).toBeNull();
    expect(pointerToPath("/headers/x-csrf-token")).toBeNull();
    expect(pointerToPath("/bodyx/title")).toBeNull();
    expect(pointerToPath("/body//title")).toBeNull();
  });
});

describe("fieldForPointer", () => {
  const values = { title: "", bodyIds: ["1", "2"], requester: { fullName: "", phone: "" }, questions: [{ label: "" }], startedOn: null };
  it("lands on the field itself, nested fields and array items", () => {
    expect(fieldForPointer("/body/title", values)).toBe("title");
    expect(fieldForPointer("/body/requester/phone", values)).toBe("requester.phone");
    expect(fieldForPointer("/body/questions/0/label", values)).toBe("questions.0.label");
    expect(fieldForPointer("/body/startedOn", values)).toBe("startedOn");
  });
  it("lands an item of a list-valued input on the input", () => {
    expect(fieldForPointer("/body/bodyIds/1", values)).toBe("bodyIds");
    expect(fieldForPointer("/body/bodyIds/7", values)).toBe("bodyIds");
  });
  it("names no field for what the form does not hold", () => {
    expect(fieldForPointer("/body/challenge/token", values)).toBeNull();
    expect(fieldForPointer("/body/requester/email", values)).toBeNull();
    expect(fieldForPointer("/body/constructor", values)).toBeNull();
    expect(fieldForPointer("/params/id", values)).toBeNull();
  });
  it("follows aliases from the server's field to the form's", () => {
    expect(fieldForPointer("/body/enterpriseName", { enterprise: "" }, { enterpriseName: "enterprise" })).toBe("enterprise");
  });
});

describe("splitProblem and applyProblem", () => {
  const values = { username: "", password: "" };
  it("sets each field's message and returns the others", () => {
    const set: Record<string, string> = {};
    const form = {
      values,
      setFieldError: (p: string, m: string) => {
        set[p] = m;
      },
    };
    const rest = applyProblem(
      form,
      problem([
        { pointer: "/body/password", message: "Mật khẩu phải có ít nhất 12 ký tự." },
        { pointer: "/body/password", message: "Mật khẩu phải có chữ số." },
        { pointer: "/body/role", message: "Vai trò không hợp lệ." },
        { pointer: "/body", message: "Thiếu dữ liệu." },
      ]),
    );
    expect(set).toEqual({ password: "Mật khẩu phải có ít nhất 12 ký tự. Mật khẩu phải có chữ số." });
    expect(rest).toEqual(["Vai trò không hợp lệ.", "Thiếu dữ liệu."]);
  });
  it("leaves errors that are not problems alone", () => {
    expect(splitProblem(new Error("mất mạng"), values)).toEqual({ fields: {}, rest: [] });
    expect(splitProblem(null, values)).toEqual({ fields: {}, rest: [] });
  });
});

describe("fieldForPointer on groups", () => {
  it("names no input for a whole group, so the page lists it", () => {
    expect(fieldForPointer("/body/requester", { requester: { fullName: "" } })).toBeNull();
  });
});

describe("fieldForPointer with aliases", () => {
  it("renames the server's field and drops a group the form keeps flat", () => {
    expect(fieldForPointer("/body/targetEnterpriseIds/2", { targets: ["4"] }, { targetEnterpriseIds: "targets" })).toBe("targets");
    expect(fieldForPointer("/body/eligibility/membersOnly", { membersOnly: true }, { eligibility: "" })).toBe("membersOnly");
    expect(fieldForPointer("/body/eligibility", { membersOnly: true }, { eligibility: "" })).toBeNull();
  });
});
