import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

const booleanish = z.enum(["1", "0", "true", "false", "yes", "no", "on", "off", ""]).transform((v) => ["1", "true", "yes", "on"].includes(v));

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "phải bắt đầu bằng postgres:// / must start with postgres://")
    .optional(),
  CAUNOI_ADMIN_PASSWORD: z.string().min(8, "ít nhất 8 ký tự / at least 8 characters").optional(),
  CAUNOI_DEMO: booleanish.default(true),
  SESSION_SECRET: z.string().min(32, "ít nhất 32 ký tự / at least 32 characters").optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Public submissions per address per minute; 0 lifts the limit (benchmarks). */
  PUBLIC_RATE_LIMIT: z.coerce.number().int().min(0).default(20),
  /** Leading zero bits of the public proof-of-work challenge; 0 lifts the challenge (tests, benchmarks). */
  PUBLIC_CHALLENGE_DIFFICULTY: z.coerce.number().int().min(0).max(28).default(16),
  /** Login attempts per address per minute. */
  LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).default(20),
  TRUST_PROXY: booleanish.default(false),
  /** off: this server answers HTTP and enqueues jobs but runs none (another process runs `caunoi worker`). */
  WORKER: z.enum(["on", "off"]).default("on"),
  /** A job's lease: a worker that stops renewing it (killed) loses its job after this long (renewed every third of it). */
  JOB_LEASE_SECONDS: z.coerce.number().int().min(3).max(600).default(30),
  /** Where a queued import's file waits for its worker: a directory every server and worker reads. */
  IMPORT_DIR: z.string().min(1).optional(),
  /** The address people reach the app at (links in exported documents); defaults to http://HOST:PORT. */
  PUBLIC_URL: z
    .string()
    .regex(/^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?$/, "địa chỉ đầy đủ http(s):// không có ?… hay #… / an absolute http(s) URL without ?… or #…")
    .refine((v) => URL.canParse(v), "địa chỉ không hợp lệ / not a valid URL")
    .optional(),
});

export type Config = Omit<z.infer<typeof schema>, "SESSION_SECRET" | "PUBLIC_URL"> & { SESSION_SECRET: string; PUBLIC_URL: string };

/** Thrown with one line per bad key, in Vietnamese and English. */
export class ConfigError extends Error {}

/**
 * Parses the environment once at start-up. The only reader of process.env in the server.
 * Empty strings count as unset so that `FOO= npm start` does not fail on a default.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `Cấu hình sai / bad configuration: ${i.path.join(".")} — ${i.message}`);
    throw new ConfigError(lines.join("\n"));
  }
  const cfg = parsed.data;
  // Listening on every interface says nothing of the address people use: then this machine's own.
  const host = ["0.0.0.0", "::", "[::]"].includes(cfg.HOST) ? "127.0.0.1" : cfg.HOST;
  const publicUrl = (cfg.PUBLIC_URL ?? `http://${host}:${cfg.PORT}`).replace(/\/+$/, "");
  return { ...cfg, SESSION_SECRET: cfg.SESSION_SECRET ?? persistentSecret(cfg.DATA_DIR), PUBLIC_URL: publicUrl };
}

/** A session secret generated once and kept in the data directory, so restarts keep sessions. */
function persistentSecret(dataDir: string): string {
  const file = path.join(dataDir, "session-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const secret = randomBytes(32).toString("hex");
  try {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, secret, { mode: 0o600 });
  } catch {
    // An unwritable data directory is reported with a clear sentence when the database opens;
    // here the secret just lives for this process.
  }
  return secret;
}
