/**
 * The public portal's first-load JavaScript, compressed: the entry script and every module it preloads,
 * as index.html lists them (what a worker's phone downloads before the first page shows). Fails over the
 * budget of issue 21 (200 KB, gzip level 9, 1 KB = 1000 bytes). Run after `npm run build`:
 *   npx tsx scripts/js-budget.ts [dist/web]
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

export const BUDGET_BYTES = 200_000;

export interface FirstLoad {
  files: { file: string; raw: number; gzip: number }[];
  gzip: number;
  raw: number;
}

/** Sizes of the scripts index.html makes the browser load at once (module entry and modulepreloads). */
export function measureFirstLoad(dist: string): FirstLoad {
  const html = readFileSync(path.join(dist, "index.html"), "utf8");
  const urls = [...html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"|<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)].map(
    (m) => m[1] ?? m[2] ?? "",
  );
  const files = urls.map((url) => {
    const data = readFileSync(path.join(dist, url.replace(/^\//, "")));
    return { file: url, raw: data.length, gzip: gzipSync(data, { level: 9 }).length };
  });
  return { files, gzip: files.reduce((s, f) => s + f.gzip, 0), raw: files.reduce((s, f) => s + f.raw, 0) };
}

const kb = (n: number) => `${(n / 1000).toLocaleString("vi-VN", { minimumFractionDigits: 1, maximumFractionDigits: 1 })} KB`;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dist = path.resolve(process.argv[2] ?? "dist/web");
  const m = measureFirstLoad(dist);
  for (const f of m.files) console.log(`${f.file.padEnd(48)} ${kb(f.raw).padStart(10)} ${kb(f.gzip).padStart(10)} gzip`);
  console.log(`JavaScript tải lần đầu (nén gzip): ${kb(m.gzip)} / ngân sách ${kb(BUDGET_BYTES)} (chưa nén ${kb(m.raw)})`);
  if (m.gzip > BUDGET_BYTES) {
    console.error(`Vượt ngân sách ${kb(m.gzip - BUDGET_BYTES)}: hãy tải chậm (lazy) phần không cần cho trang đầu.`);
    process.exit(1);
  }
}
