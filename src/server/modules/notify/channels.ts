/**
 * The channels, each a real protocol: e-mail over SMTP (nodemailer), SMS and Zalo ZNS over HTTP.
 * Configured by the environment (SMTP_URL, MAIL_FROM, SMS_*, ZALO_*) with the setting
 * `notify.channels` over it for the HTTP gateways (URL, token, brand name, template ids).
 */
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import nodemailer from "nodemailer";
import type { Database } from "#server/db/client.ts";
import { smsText } from "./text.ts";

export interface ChannelEnv {
  SMTP_URL?: string | undefined;
  MAIL_FROM?: string | undefined;
  SMS_URL?: string | undefined;
  SMS_TOKEN?: string | undefined;
  SMS_BRANDNAME?: string | undefined;
  ZALO_URL?: string | undefined;
  ZALO_TOKEN?: string | undefined;
  /** `receipt=4321,answer=4322`: template name = ZNS template id. */
  ZALO_TEMPLATES?: string | undefined;
}

export interface Channels {
  email: { url: string; from: string } | null;
  sms: { url: string; token: string; brandname: string } | null;
  zalo: { url: string; token: string; templates: Record<string, string> } | null;
}

// The environment each app hands its database at start (config.ts stays the only reader of process.env).
const envs = new WeakMap<Database, ChannelEnv>();

/** The environment remembered for this database's deliveries (empty in a bare test database). */
export const envOf = (database: Database): ChannelEnv => envs.get(database) ?? {};

const parseTemplates = (s: string | undefined) =>
  Object.fromEntries(
    (s ?? "")
      .split(",")
      .map((p) => p.split("=").map((x) => x.trim()))
      .filter((p): p is [string, string] => p.length === 2 && Boolean(p[0]) && Boolean(p[1])),
  );

interface ChannelSetting {
  sms?: { url?: string; token?: string; brandname?: string };
  zalo?: { url?: string; token?: string; templates?: Record<string, string> };
}

/** The channels in force: the environment, with the `notify.channels` setting over the HTTP gateways. */
export async function channelsOf(database: Database, env: ChannelEnv = envOf(database)): Promise<Channels> {
  const [row] = await database.rows<{ value: ChannelSetting }>(sql`SELECT value FROM settings WHERE key = 'notify.channels'`);
  const s = row?.value ?? {};
  const smsUrl = s.sms?.url || env.SMS_URL;
  const zaloUrl = s.zalo?.url || env.ZALO_URL;
  return {
    email: env.SMTP_URL ? { url: env.SMTP_URL, from: env.MAIL_FROM || "Cầu Nối <no-reply@caunoi.local>" } : null,
    sms: smsUrl ? { url: smsUrl, token: s.sms?.token || env.SMS_TOKEN || "", brandname: s.sms?.brandname || env.SMS_BRANDNAME || "CAUNOI" } : null,
    zalo: zaloUrl
      ? { url: zaloUrl, token: s.zalo?.token || env.ZALO_TOKEN || "", templates: { ...parseTemplates(env.ZALO_TEMPLATES), ...(s.zalo?.templates ?? {}) } }
      : null,
  };
}

export interface Sendable {
  key: string;
  channel: "sms" | "email" | "zalo" | "push";
  recipient: string;
  subject: string | null;
  body: string;
  template: string | null;
  data: Record<string, string>;
}

/** Which channel kinds can be delivered now: messages for the others wait, unclaimed. */
export function deliverable(c: Channels): string[] {
  // Push needs no configuration: the VAPID keys are made at the first start.
  const out: string[] = ["push"];
  if (c.email) out.push("email");
  if (c.sms || c.zalo) out.push("sms");
  if (c.zalo) out.push("zalo");
  return out;
}

const transports = new Map<string, ReturnType<typeof nodemailer.createTransport>>();
function transport(url: string) {
  let t = transports.get(url);
  if (!t) {
    // Pooled: a batch reuses a few SMTP connections instead of one handshake per mail.
    t = nodemailer.createTransport({ url, pool: true, maxConnections: 4 });
    transports.set(url, t);
  }
  return t;
}

/** A Message-ID derived from the key: a receiving server (or a reader) sees a resend as the same mail. */
export const messageId = (key: string) => `<${createHash("sha256").update(key).digest("hex").slice(0, 32)}@caunoi>`;

async function post(url: string, headers: Record<string, string>, body: unknown): Promise<void> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
  if (!res.ok) throw new Error(`HTTP ${res.status}: ${(await res.text()).slice(0, 200)}`);
}

/** Sends one message on its channel; throws on any failure (the deliverer retries). Returns the way it went. */
export async function send(c: Channels, m: Sendable): Promise<string> {
  if (m.channel === "email") {
    if (!c.email) throw new Error("Chưa cấu hình email (SMTP_URL)");
    await transport(c.email.url).sendMail({
      from: c.email.from,
      to: m.recipient,
      subject: m.subject ?? "Cầu Nối",
      text: m.body,
      messageId: messageId(m.key),
      headers: { "X-Idempotency-Key": m.key },
    });
    return "smtp";
  }
  // A phone: Zalo ZNS when its template is configured (the worker reads it in Zalo), else the SMS gateway.
  const templateId = m.template ? c.zalo?.templates[m.template] : undefined;
  if (c.zalo && templateId) {
    await post(
      c.zalo.url,
      { access_token: c.zalo.token, "Idempotency-Key": m.key },
      {
        phone: m.recipient.replace(/^0/, "84").replace(/^\+/, ""),
        template_id: templateId,
        template_data: m.data,
        tracking_id: m.key,
      },
    );
    return "zalo";
  }
  if (m.channel === "zalo" || !c.sms) throw new Error("Chưa cấu hình SMS");
  await post(
    c.sms.url,
    { authorization: `Bearer ${c.sms.token}`, "Idempotency-Key": m.key },
    {
      to: m.recipient,
      brandname: c.sms.brandname,
      text: smsText(m.body),
      request_id: m.key,
    },
  );
  return "sms";
}

// The address people reach the app at, for the links in notices (config PUBLIC_URL).
const publicUrls = new WeakMap<Database, string>();
/**
 * What every process that delivers needs from its configuration: the channels' environment and the
 * portal's address for links. The web app's routes and `caunoi worker` both call it, so a worker
 * without HTTP sends through the same gateways.
 */
export function configureNotify(database: Database, config: ChannelEnv & { PUBLIC_URL: string }): void {
  envs.set(database, config);
  publicUrls.set(database, config.PUBLIC_URL.replace(/\/+$/, ""));
}

/** The public address links in notices start with. */
export const publicUrlOf = (database: Database) => publicUrls.get(database) ?? "http://127.0.0.1:3000";
