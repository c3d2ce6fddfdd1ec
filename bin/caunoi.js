#!/usr/bin/env node
// The `caunoi` command: runs the TypeScript CLI through tsx, so no compile step is needed.
import { register } from "tsx/esm/api";

register();
await import("../src/cli/caunoi.ts");
