/**
 * The admin's form over the HTTP gateways (SMS brand name, Zalo ZNS): URL, token, brand name and
 * template ids kept in the setting `notify.channels`, over the environment. Tokens are written and
 * never read back, nor written into the audit log; a test message shows the gateway's own answer.
 */
import { sql } from "drizzle-orm";
import type { z } from "zod";
import type { Database } from "#server/db/client.ts";
import type { RequestContext } from "#server/http/context.ts";
import { AppError } from "#server/http/errors.ts";
import { audit } from "#server/modules/access/index.ts";
import { now, nowMs } from "#shared/clock.ts";
import { normalizePhone } from "#shared/identifiers.ts";
import { type channelSettingsInput, type channelTestInput, workerNoticeEvents } from "#shared/contract/notify.ts";
import { maskRecipient } from "./admin.service.ts";
import { type ChannelEnv, type Channels, channelsOf, envOf, send } from "./channels.ts";

const KEY = "notify.channels";

interface Stored {
  sms?: { url?: string; token?: string; brandname?: string };
  zalo?: { url?: string; token?: string; templates?: Record<string, string> };
}

async function stored(database: Database): Promise<{ value: Stored; updatedAt: string | null }> {
  const [row] = await database.rows<{ value: Stored; updatedAt: string }>(
    sql`SELECT value, to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "updatedAt" FROM settings WHERE key = ${KEY}`,
  );
  return { value: row?.value ?? {}, updatedAt: row?.updatedAt ?? null };
}

/** The gateways' settings as the form shows them: the stored values, whether a token is kept, never the token. */
export async function channelSettings(database: Database, env: ChannelEnv = envOf(database)) {
  const { value: s, updatedAt } = await stored(database);
  const c = await channelsOf(database, env);
  return {
    sms: {
      url: s.sms?.url ?? "",
      brandname: s.sms?.brandname ?? "",
      hasToken: Boolean(s.sms?.token),
      // The environment's gateway is in force while the form leaves the URL blank.
      fromEnv: !s.sms?.url && Boolean(env.SMS_URL),
    },
    zalo: {
      url: s.zalo?.url ?? "",
      hasToken: Boolean(s.zalo?.token),
      templates: s.zalo?.templates ?? {},
      fromEnv: !s.zalo?.url && Boolean(env.ZALO_URL),
    },
    email: { configured: c.email !== null, from: c.email?.from ?? null },
    updatedAt,
  };
}

type Input = z.output<typeof channelSettingsInput>;

const nonEmpty = (o: Record<string, string>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== ""));

/** Saves the gateways' settings in one transaction with its audit record (which says a token changed, not what it is). */
export async function putChannelSettings(database: Database, ctx: RequestContext, input: Input) {
  await database.db.transaction(async (tx) => {
    const [row] = await database.rows<{ value: Stored }>(sql`SELECT value FROM settings WHERE key = ${KEY} FOR UPDATE`, tx);
    const old = row?.value ?? {};
    // A token given replaces the stored one, `clearToken` removes it, none given keeps it.
    const tokenOf = (given: string | undefined, clear: boolean | undefined, before: string | undefined) => {
      const t = clear ? undefined : given || before;
      return t ? { token: t } : {};
    };
    const next: Stored = {
      sms: { url: input.sms.url, brandname: input.sms.brandname, ...tokenOf(input.sms.token, input.sms.clearToken, old.sms?.token) },
      zalo: {
        url: input.zalo.url,
        templates: nonEmpty(input.zalo.templates),
        ...tokenOf(input.zalo.token, input.zalo.clearToken, old.zalo?.token),
      },
    };
    await database.rows(
      sql`INSERT INTO settings (key, value, updated_at, updated_by) VALUES (${KEY}, ${JSON.stringify(next)}::jsonb, now(), ${ctx.actor.userId})
          ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now(), updated_by = EXCLUDED.updated_by`,
      tx,
    );
    const shown = (s: Stored) => ({
      sms: { url: s.sms?.url ?? "", brandname: s.sms?.brandname ?? "", hasToken: Boolean(s.sms?.token) },
      zalo: { url: s.zalo?.url ?? "", templates: s.zalo?.templates ?? {}, hasToken: Boolean(s.zalo?.token) },
    });
    await audit(database, tx, ctx, {
      action: "notify_channels_put",
      objectType: "setting",
      objectId: KEY,
      before: shown(old),
      after: {
        ...shown(next),
        smsTokenChanged: (old.sms?.token ?? "") !== (next.sms?.token ?? ""),
        zaloTokenChanged: (old.zalo?.token ?? "") !== (next.zalo?.token ?? ""),
      },
    });
  });
  return channelSettings(database);
}

const TEST_TEXT = "Cầu Nối: tin nhắn thử của quản trị hệ thống. Kênh gửi thông báo đã hoạt động.";

function recipientOf(channel: "email" | "sms" | "zalo", raw: string): string {
  if (channel === "email") {
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(raw))
      throw new AppError("validation_failed", "Địa chỉ email không hợp lệ", {
        errors: [{ pointer: "/body/recipient", message: "Nhập một địa chỉ email, ví dụ canbo@ldld.haiphong.gov.vn" }],
      });
    return raw;
  }
  const phone = normalizePhone(raw);
  if (!phone)
    throw new AppError("validation_failed", "Số điện thoại không hợp lệ", {
      errors: [{ pointer: "/body/recipient", message: "Nhập số di động Việt Nam 10 chữ số, ví dụ 0912345678" }],
    });
  return phone;
}

const configured = (c: Channels, channel: "email" | "sms" | "zalo") =>
  channel === "email" ? c.email !== null : channel === "sms" ? c.sms !== null : c.zalo !== null && workerNoticeEvents.some((e) => c.zalo?.templates[e]);

const names = { email: "Email (SMTP)", sms: "SMS", zalo: "Zalo ZNS" } as const;

/**
 * Sends one test message now on the chosen channel, so the admin sees whether the gateway takes it.
 * Zalo sends with the receipt's template (or the next one set) (ZNS sends only approved templates). Audited with the
 * masked recipient; the outbox is not used (a test is not a notice, and is not retried).
 */
export async function sendTestMessage(database: Database, ctx: RequestContext, input: z.output<typeof channelTestInput>) {
  const recipient = recipientOf(input.channel, input.recipient);
  const c = await channelsOf(database);
  if (!configured(c, input.channel))
    throw new AppError(
      "notify_channel_not_configured",
      input.channel === "zalo" ? "Kênh Zalo ZNS chưa được cấu hình (cần địa chỉ và ít nhất một mã mẫu)" : `Kênh ${names[input.channel]} chưa được cấu hình`,
    );
  const key = `test:${ctx.actor.userId}:${nowMs()}`;
  // The receipt's template first (the notice a worker sees most), else the next event's that is set.
  const template = input.channel === "zalo" ? (workerNoticeEvents.find((e) => c.zalo?.templates[e]) ?? null) : null;
  let via: string;
  try {
    via = await send(
      // A test on "sms" goes by SMS even where a Zalo template would take a phone notice.
      input.channel === "sms" ? { ...c, zalo: null } : c,
      {
        key,
        channel: input.channel === "email" ? "email" : input.channel === "zalo" ? "zalo" : "sms",
        recipient,
        subject: "Cầu Nối: tin nhắn thử",
        body: TEST_TEXT,
        template,
        data: { code: "THU-0000", link: "" },
      },
    );
  } catch (e) {
    throw new AppError("notify_send_failed", `${names[input.channel]}: ${(e as Error).message}`.slice(0, 300));
  }
  const masked = maskRecipient(recipient);
  await database.db.transaction((tx) =>
    audit(database, tx, ctx, { action: "notify_test", objectType: "setting", objectId: KEY, detail: { channel: input.channel, via, recipient: masked } }),
  );
  return { channel: input.channel, via, sentAt: now().toISOString() };
}
