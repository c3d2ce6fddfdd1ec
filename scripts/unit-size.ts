/**
 * Units a reader can hold (issue 19): measures every source file under src/ (tests apart) and every
 * function in it, by lines from its first to its last, with SWC's parser (already here for
 * dependency-cruiser; TypeScript 7 has no JS API). A function is named as a reader finds it: its
 * declaration, the variable or property it is assigned to, or `(anonymous)` inside its parent.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parseSync } from "@swc/core";

export const MAX_FILE_LINES = 600;
export const MAX_FUNCTION_LINES = 80;

export interface Unit {
  /** Path from the repository root, with forward slashes. */
  file: string;
  /** The function's name (`outer > inner` when nested), or null for the file itself. */
  name: string | null;
  line: number;
  lines: number;
}

const FUNCTION_TYPES = new Set([
  "FunctionDeclaration",
  "FunctionExpression",
  "ArrowFunctionExpression",
  "ClassMethod",
  "MethodProperty",
  "GetterProperty",
  "SetterProperty",
]);

function nameOf(node: Record<string, unknown>): string | null {
  const id = (k: string) => {
    const v = node[k] as { type?: string; value?: unknown } | undefined;
    return v && (v.type === "Identifier" || v.type === "StringLiteral") && typeof v.value === "string" ? v.value : null;
  };
  switch (node.type) {
    case "VariableDeclarator":
      return id("id");
    case "FunctionDeclaration":
    case "FunctionExpression":
      return id("identifier");
    case "KeyValueProperty":
    case "MethodProperty":
    case "ClassMethod":
    case "ClassProperty":
    case "GetterProperty":
    case "SetterProperty":
      return id("key");
    case "AssignmentExpression": {
      const left = node.left as { type?: string; property?: { value?: unknown }; value?: unknown } | undefined;
      if (left?.type === "MemberExpression" && typeof left.property?.value === "string") return left.property.value;
      return left?.type === "Identifier" && typeof left.value === "string" ? left.value : null;
    }
    default:
      return null;
  }
}

/** The functions of one file longer than `min` lines (every function when min is 0). */
export function measureFunctions(file: string, source: string, min = 0): Unit[] {
  const tsx = file.endsWith(".tsx");
  const ast = parseSync(source, { syntax: "typescript", tsx, comments: false });
  // SWC's spans are byte offsets, counted on from the previous parse in the same process.
  const bytes = Buffer.from(source, "utf8");
  const newlines: number[] = [];
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 10) newlines.push(i);
  const lineAt = (offset: number) => {
    const at = offset - ast.span.start;
    let lo = 0;
    let hi = newlines.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((newlines[mid] as number) < at) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  };
  const units: Unit[] = [];
  const walk = (node: unknown, named: string | null, outer: string[]) => {
    if (!node || typeof node !== "object") return;
    if (Array.isArray(node)) {
      for (const x of node) walk(x, named, outer);
      return;
    }
    const n = node as Record<string, unknown>;
    const here = nameOf(n) ?? named;
    let path = outer;
    if (typeof n.type === "string" && FUNCTION_TYPES.has(n.type)) {
      const span = n.span as { start: number; end: number } | undefined;
      const name = [...outer, here ?? "(anonymous)"].join(" > ");
      if (span) {
        const line = lineAt(span.start);
        const lines = lineAt(span.end) - line + 1;
        if (lines > min) units.push({ file, name, line, lines });
      }
      path = [...outer, here ?? "(anonymous)"];
    }
    for (const [k, v] of Object.entries(n)) {
      if (k === "span" || k === "ctxt") continue;
      // A name reaches only the function assigned to it, not functions further down.
      walk(v, FUNCTION_TYPES.has(String(n.type)) ? null : here, path);
    }
  };
  walk(ast.body, null, []);
  return units;
}

/** Every source file under `dir` (tests and declaration files apart). */
export function sourceFiles(root: string, dir: string): string[] {
  return readdirSync(path.join(root, dir)).flatMap((name) => {
    const rel = `${dir}/${name}`;
    if (statSync(path.join(root, rel)).isDirectory()) return sourceFiles(root, rel);
    return /\.tsx?$/.test(name) && !/\.(test|e2e)\.tsx?$/.test(name) && !name.endsWith(".d.ts") ? [rel] : [];
  });
}

/** Files over MAX_FILE_LINES and functions over MAX_FUNCTION_LINES under src/. */
export function oversized(root: string): Unit[] {
  const out: Unit[] = [];
  for (const file of sourceFiles(root, "src")) {
    const source = readFileSync(path.join(root, file), "utf8");
    const lines = source.split("\n").length - (source.endsWith("\n") ? 1 : 0);
    if (lines > MAX_FILE_LINES) out.push({ file, name: null, line: 1, lines });
    out.push(...measureFunctions(file, source, MAX_FUNCTION_LINES));
  }
  return out;
}
