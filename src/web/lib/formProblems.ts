import { ApiError } from "./api.ts";

/** The part of a Mantine `useForm` form the helper needs. */
export interface ProblemForm {
  values: object;
  setFieldError: (path: string, error: string) => void;
}

/** Field errors keyed by form path, and the messages that name no field of the form. */
export interface ProblemSplit {
  fields: Record<string, string>;
  rest: { pointer: string; message: string }[];
}

/**
 * Turns a problem's JSON pointer into a form path: `/body/a/b/0` → `a.b.0`, `/querystring/x` → `x`
 * (RFC 6901 escapes `~1` and `~0` undone). Pointers outside the body or query string give null.
 */
export function pointerToPath(pointer: string): string | null {
  return pointerParts(pointer)?.join(".") ?? null;
}

/** The keys a pointer walks through, unescaped, or null (kept apart so a key holding a dot stays one key). */
function pointerParts(pointer: string): string[] | null {
  const m = /^\/(?:body|querystring)(?:\/(.*))?$/.exec(pointer);
  if (!m?.[1]) return null;
  const parts = m[1].split("/").map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
  return parts.some((p) => p === "") ? null : parts;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

/**
 * The form path a pointer belongs to, or null when no input of the form holds it. A list of plain values is one
 * input (a multi-select): `bodyIds.0` lands on `bodyIds`; a list of groups is a list of inputs:
 * `questions.0.label` stays. A pointer at a whole group (`requester`) names no single input, so null.
 * `aliases` maps a server field to the form field that edits it (`targetEnterpriseIds` → `targets`); an empty
 * alias drops a group the form keeps flat (`eligibility/membersOnly` → `membersOnly`).
 */
export function fieldForPointer(pointer: string, values: object, aliases: Record<string, string> = {}): string | null {
  const parts = pointerParts(pointer);
  if (!parts) return null;
  const first = parts[0] as string;
  const alias = Object.hasOwn(aliases, first) ? aliases[first] : undefined;
  if (alias !== undefined) parts.splice(0, 1, ...alias.split(".").filter(Boolean));
  let v: unknown = values;
  const out: string[] = [];
  for (const key of parts) {
    if (Array.isArray(v)) {
      const item: unknown = /^\d+$/.test(key) ? v[Number(key)] : undefined;
      if (!isPlainObject(item)) return out.join(".");
      v = item;
    } else if (isPlainObject(v) && Object.hasOwn(v, key)) v = v[key];
    else if (isPlainObject(v)) return null;
    else return out.join(".");
    out.push(key);
  }
  return isPlainObject(v) ? null : out.join(".");
}

/** Splits a problem's errors into those that belong to a field of the form and the others. */
export function splitProblem(error: unknown, values: object, aliases: Record<string, string> = {}): ProblemSplit {
  const fields: Record<string, string> = {};
  const rest: ProblemSplit["rest"] = [];
  const errors = error instanceof ApiError ? (error.problem.errors ?? []) : [];
  for (const e of errors) {
    const path = fieldForPointer(e.pointer, values, aliases);
    if (path === null) rest.push(e);
    else if (fields[path] === undefined) fields[path] = e.message;
    else if (!fields[path].includes(e.message)) fields[path] = `${fields[path]} ${e.message}`;
  }
  return { fields, rest };
}

/**
 * Puts each of the problem's messages under the field its pointer names and returns the messages that name
 * no field, so the page still shows them. Use in a mutation's `onError`.
 */
export function applyProblem(form: ProblemForm, error: unknown, aliases: Record<string, string> = {}): string[] {
  const { fields, rest } = splitProblem(error, form.values, aliases);
  for (const [path, message] of Object.entries(fields)) form.setFieldError(path, message);
  return rest.map((e) => e.message);
}
