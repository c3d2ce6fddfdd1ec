// The worker thread that parses a large upload (see readRows in import.reader.ts). Plain JavaScript
// so it starts without a build step: it registers tsx, then loads the TypeScript reader.
import { parentPort, workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
const { readRowsHere } = await import("./import.reader.ts");
const { AppError } = await import("../../http/errors.ts");
const rows = readRowsHere(workerData.path);
parentPort.on("message", async () => {
  try {
    const next = await rows.next();
    parentPort.postMessage(next.done ? { type: "done" } : { type: "batch", rows: next.value });
  } catch (err) {
    parentPort.postMessage({
      type: "error",
      code: err instanceof AppError ? err.code : null,
      detail: err instanceof AppError ? (err.detail ?? "") : "Không đọc được tệp",
    });
  }
});
