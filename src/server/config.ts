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
  /** A streaming replica of DATABASE_URL: dashboards, reports and search read from it (issue #20). */
  DATABASE_REPLICA_URL: z
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
  /** Shared with the call centre or PBX: signs the hotline webhook (POST /api/voice/calls); unset, the route answers 404. */
  /** Hotline webhook requests per address per minute (the PBX's address; counted in the database). */
  HOTLINE_RATE_LIMIT: z.coerce.number().int().min(1).default(600),
  HOTLINE_WEBHOOK_SECRET: z.string().min(16, "ít nhất 16 ký tự / at least 16 characters").optional(),
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
  /** Notices by e-mail: `smtp://user:pass@host:587` (smtps:// for TLS); unset, e-mails wait in the outbox. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "phải bắt đầu bằng smtp:// hoặc smtps:// / must start with smtp:// or smtps://")
    .optional(),
  MAIL_FROM: z.string().min(3).optional(),
  /** The SMS brand-name gateway (HTTP POST, JSON), its bearer token and brand name; the setting `notify.channels` overrides them. */
  SMS_URL: z.url().optional(),
  SMS_TOKEN: z.string().optional(),
  SMS_BRANDNAME: z.string().optional(),
  /** Zalo ZNS (HTTP POST, JSON), its access token and the template ids as `receipt=1234,answer=1235`. */
  ZALO_URL: z.url().optional(),
  ZALO_TOKEN: z.string().optional(),
  ZALO_TEMPLATES: z.string().optional(),
  /** Contact given to push services with every Web Push message (mailto: or https:); defaults from PUBLIC_URL. */
  PUSH_SUBJECT: z
    .string()
    .regex(/^(mailto:[^\s@]+@[^\s@]+|https:\/\/\S+)$/, "mailto:… hoặc https://… / a mailto: or https: address")
    .optional(),
  /**
   * Push services the server will post to, by host (a subdomain matches too), https unless written
   * with http:// (tests). A subscription to any other address is refused: the server must not be made
   * to post to arbitrary hosts.
   */
  PUSH_ENDPOINT_HOSTS: z
    .string()
    .default("fcm.googleapis.com,updates.push.services.mozilla.com,push.services.mozilla.com,web.push.apple.com,notify.windows.com")
    .transform((v) =>
      v
        .split(",")
        .map((h) => h.trim().toLowerCase())
        .filter(Boolean),
    ),
});

export type Config = Omit<z.infer<typeof schema>, "SESSION_SECRET" | "PUBLIC_URL" | "PUSH_SUBJECT"> & {
  SESSION_SECRET: string;
  PUBLIC_URL: string;
  PUSH_SUBJECT: string;
};

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
  // Push services want a way to reach the sender: the site when it is https, else a mailbox on its host.
  const pushSubject = cfg.PUSH_SUBJECT ?? (publicUrl.startsWith("https://") ? publicUrl : `mailto:hotro@${new URL(publicUrl).hostname}`);
  return { ...cfg, SESSION_SECRET: cfg.SESSION_SECRET ?? persistentSecret(cfg.DATA_DIR), PUBLIC_URL: publicUrl, PUSH_SUBJECT: pushSubject };
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
