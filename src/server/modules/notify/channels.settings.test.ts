import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, type TestApp, createTestApp } from "../../../../test/support/app.ts";
import { type TestCity, buildCity, buildUser } from "../../../../test/support/factories.ts";
import { httpRecorder, smtpRecorder } from "../../../../test/support/recorders.ts";
import { channelsOf } from "./channels.ts";

/** Issue #21 item 2: the admin sets the SMS and Zalo gateways on a page, and tries each with a test message. */

let t: TestApp;
let city: TestCity;
let gw: Awaited<ReturnType<typeof httpRecorder>>;
let smtp: Awaited<ReturnType<typeof smtpRecorder>>;
let admin: Client;
let adminId: number;

beforeAll(async () => {
  [gw, smtp] = await Promise.all([httpRecorder(), smtpRecorder()]);
  t = await createTestApp({ SMTP_URL: smtp.url, MAIL_FROM: "Cầu Nối <thongbao@caunoi.test>" });
  city = await buildCity(t.database);
  const u = await buildUser(t.database, "system_admin", city.federation);
  adminId = u.id;
  admin = new Client(t.app);
  await admin.login(u.username, u.password);
}, 60_000);
afterAll(async () => {
  await t.close();
  await Promise.all([gw.close(), smtp.close()]);
});

const settings = (over: Record<string, unknown> = {}) => ({
  sms: { url: `${gw.url}/sms`, token: "sms-secret-token", brandname: "LDLD HP" },
  zalo: { url: `${gw.url}/zns`, token: "zalo-secret-token", templates: { receipt: "4321", transfer: "", answer: "4322", more_info: "" } },
  ...over,
});

describe("the gateways' settings page", () => {
  it("says no gateway is set, saves one, never reads the token back nor writes it in the audit log, and deliveries use it", async () => {
    const before = await admin.get("/api/admin/notify/channels/settings");
    expect(before.statusCode).toBe(200);
    expect(before.json()).toMatchObject({ sms: { url: "", hasToken: false, fromEnv: false }, email: { configured: true } });
    expect((await admin.get("/api/admin/notify/channels")).json()).toMatchObject({ sms: { configured: false }, zalo: { configured: false } });

    const put = await admin.put("/api/admin/notify/channels/settings", settings());
    expect(put.statusCode).toBe(200);
    const body = put.json();
    expect(body.sms).toMatchObject({ url: `${gw.url}/sms`, brandname: "LDLD HP", hasToken: true });
    expect(body.zalo.templates).toEqual({ receipt: "4321", answer: "4322" });
    expect(JSON.stringify(body)).not.toContain("secret-token");
    expect((await admin.get("/api/admin/notify/channels")).json()).toMatchObject({ sms: { configured: true }, zalo: { configured: true } });

    const c = await channelsOf(t.database);
    expect(c.sms).toMatchObject({ token: "sms-secret-token", brandname: "LDLD HP" });

    // Saved again without a token: the stored one is kept; with clearToken it is gone.
    const keep = await admin.put("/api/admin/notify/channels/settings", settings({ sms: { url: `${gw.url}/sms`, brandname: "LDLD HP" } }));
    expect(keep.json().sms.hasToken).toBe(true);
    expect((await channelsOf(t.database)).sms?.token).toBe("sms-secret-token");

    const audits = await t.database.rows<{ before: unknown; after: unknown }>(
      sql`SELECT before, after FROM audit_log WHERE action = 'notify_channels_put' AND user_id = ${adminId} ORDER BY id`,
    );
    expect(audits).toHaveLength(2);
    expect(JSON.stringify(audits)).not.toContain("secret-token");
    expect(audits[0]?.after).toMatchObject({ smsTokenChanged: true, zaloTokenChanged: true });
    expect(audits[1]?.after).toMatchObject({ smsTokenChanged: false });
  });

  it("refuses a bad URL, brand name or template id field by field in Vietnamese, and saves nothing", async () => {
    const stored = await t.database.rows(sql`SELECT value FROM settings WHERE key = 'notify.channels'`);
    const res = await admin.put("/api/admin/notify/channels/settings", {
      sms: { url: "ftp://cong-sms", brandname: "Liên đoàn lao động" },
      zalo: { url: "", templates: { receipt: "abc", transfer: "", answer: "", more_info: "" } },
    });
    expect(res.statusCode).toBe(400);
    const pointers = (res.json().errors as { pointer: string; message: string }[]).map((e) => e.pointer);
    expect(pointers).toEqual(expect.arrayContaining(["/body/sms/url", "/body/sms/brandname", "/body/zalo/templates/receipt"]));
    expect(JSON.stringify(res.json())).toMatch(/http:\/\/ hoặc https:\/\//);
    expect(await t.database.rows(sql`SELECT value FROM settings WHERE key = 'notify.channels'`)).toEqual(stored);
  });

  it("sends a test message on each channel and shows the gateway's refusal", async () => {
    await admin.put("/api/admin/notify/channels/settings", settings({ sms: { url: `${gw.url}/sms`, token: "sms-secret-token", brandname: "LDLD HP" } }));
    const n = gw.received.length;
    const sms = await admin.post("/api/admin/notify/test", { channel: "sms", recipient: "+84 912 345 678" });
    expect(sms.statusCode).toBe(201);
    expect(sms.json()).toMatchObject({ channel: "sms", via: "sms" });
    const got = gw.received[n];
    expect(got?.path).toBe("/sms");
    expect(got?.headers.authorization).toBe("Bearer sms-secret-token");
    expect(got?.body).toMatchObject({ to: "0912345678", brandname: "LDLD HP" });
    // SMS goes in ASCII.
    expect(String(got?.body.text)).toMatch(/^Cau Noi: tin nhan thu/);

    const zalo = await admin.post("/api/admin/notify/test", { channel: "zalo", recipient: "0912345678" });
    expect(zalo.statusCode).toBe(201);
    expect(gw.received.at(-1)?.body).toMatchObject({ phone: "84912345678", template_id: "4321" });

    const mail = await admin.post("/api/admin/notify/test", { channel: "email", recipient: "canbo@ldld.test" });
    expect(mail.statusCode).toBe(201);
    await expect.poll(() => smtp.mails.some((m) => m.to.includes("canbo@ldld.test") && m.subject.includes("tin nhắn thử"))).toBe(true);

    gw.failNext(1);
    const refused = await admin.post("/api/admin/notify/test", { channel: "sms", recipient: "0912345678" });
    expect(refused.statusCode).toBe(502);
    expect(refused.json()).toMatchObject({ code: "notify_send_failed" });
    expect(refused.json().detail).toContain("503");

    const bad = await admin.post("/api/admin/notify/test", { channel: "sms", recipient: "12" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toMatchObject({ pointer: "/body/recipient" });

    const audits = await t.database.rows<{ detail: Record<string, string> }>(
      sql`SELECT detail FROM audit_log WHERE action = 'notify_test' AND user_id = ${adminId} ORDER BY id`,
    );
    expect(audits.map((a) => a.detail.channel)).toEqual(["sms", "zalo", "email"]);
    expect(JSON.stringify(audits)).not.toContain("0912345678");
  });

  it("says a channel is not configured, and lets no one but an administrator near the settings", async () => {
    await admin.put("/api/admin/notify/channels/settings", {
      sms: { url: "", brandname: "", clearToken: true },
      zalo: { url: "", clearToken: true, templates: { receipt: "", transfer: "", answer: "", more_info: "" } },
    });
    const res = await admin.post("/api/admin/notify/test", { channel: "sms", recipient: "0912345678" });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: "notify_channel_not_configured", detail: "Kênh SMS chưa được cấu hình" });
    expect((await admin.get("/api/admin/notify/channels/settings")).json().sms.hasToken).toBe(false);

    const officer = await buildUser(t.database, "officer", city.federation);
    const c = new Client(t.app);
    await c.login(officer.username, officer.password);
    expect((await c.get("/api/admin/notify/channels/settings")).statusCode).toBe(403);
    expect((await c.put("/api/admin/notify/channels/settings", settings())).statusCode).toBe(403);
    expect((await c.post("/api/admin/notify/test", { channel: "email", recipient: "a@b.vn" })).statusCode).toBe(403);
  });
});
