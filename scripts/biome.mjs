#!/usr/bin/env node
// Runs Biome from its platform package. The `@biomejs/biome` wrapper is not a dependency: its
// optional per-platform packages made `npm ci` refuse the lockfile here ("Missing … from lock file").
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
const pkg = `@biomejs/cli-${process.platform}-${process.arch}`;
let bin;
try {
  bin = path.join(path.dirname(require.resolve(`${pkg}/package.json`)), process.platform === "win32" ? "biome.exe" : "biome");
} catch {
  console.error(`Biome for this platform is not installed: npm install --no-save ${pkg}`);
  process.exit(1);
}
const r = spawnSync(bin, process.argv.slice(2), { stdio: "inherit" });
process.exit(r.status ?? 1);
