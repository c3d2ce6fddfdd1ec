import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "#server/db/client.ts";
import { migrate } from "#server/db/migrate.ts";
import { messageId } from "#server/modules/notify/channels.ts";
import { enqueueMessage } from "#server/modules/notify/index.ts";
import { scratchDatabase, waitFor } from "../support/processes.ts";
import { httpRecorder, smtpRecorder } from "../support/recorders.ts";

/**
 * A worker process (`caunoi worker`, configured by its environment alone) killed (SIGKILL) while it
 * delivers a batch of notices by SMS and e-mail; a second worker delivers the rest. Every notice
 * arrives exactly once as the gateway and the mail reader count it: a message the killed worker had
 * handed over but not recorded is sent again under the same key (the SMS gateway's Idempotency-Key,
 * the e-mail's Message-ID), never under a new one, and none is lost.
 */
const serverUrl = process.env.DATABASE_URL;
const dir = mkdtempSync(path.join(tmpdir(), "caunoi-killed-delivery-"));
const children: ChildProcess[] = [];
let scratch: { url: string; drop: () => Promise<void> } | null = null;
let database: Database | null = null;

afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
  await database?.close();
  await scratch?.drop();
});

describe.skipIf(!serverUrl)("a worker killed while it delivers notices (PostgreSQL)", () => {
  it("every notice arrives exactly once: the next worker sends what was cut off, under the same key", async () => {
    scratch = await scratchDatabase(serverUrl ?? "", "caunoi_delivery_kill");
    const dbUrl = scratch.url;
    database = await openDatabase({ url: dbUrl });
    await migrate(database);
    const db = database;

    // A slow SMS gateway (each answer 100 ms later) and a real SMTP server.
    const [sms, smtp] = await Promise.all([httpRecorder(0, { delayMs: 100 }), smtpRecorder()]);
    try {
      // 160 notices written as their events would write them, SMS and e-mail interleaved.
      const run = randomBytes(3).toString("hex");
      const messages = Array.from({ length: 160 }, (_, i) =>
        i % 4 === 3
          ? {
              key: `kill:${run}:${i}`,
              channel: "email" as const,
              recipient: `nld${i}@caunoi.test`,
              subject: `Yêu cầu ${i}`,
              body: `Yêu cầu số ${i} đã được trả lời.`,
            }
          : { key: `kill:${run}:${i}`, channel: "sms" as const, recipient: `0912${String(i).padStart(6, "0")}`, body: `Yeu cau so ${i} da duoc tra loi.` },
      );
      await db.db.transaction(async (tx) => {
        for (const m of messages) await enqueueMessage(tx, { ...m, purpose: "test" });
      });

      const env = {
        ...process.env,
        DATABASE_URL: dbUrl,
        DATA_DIR: dir,
        LOG_LEVEL: "warn",
        SMS_URL: `${sms.url}/sms`,
        SMS_TOKEN: "sms-secret",
        SMTP_URL: smtp.url,
        MAIL_FROM: "Cầu Nối <thongbao@caunoi.test>",
      };
      const worker = () => {
        const child = spawn(process.execPath, ["--import", "tsx", "src/cli/caunoi.ts", "worker"], { env, stdio: ["ignore", "pipe", "pipe"] });
        let out = "";
        child.stdout?.on("data", (d) => {
          out += String(d);
        });
        child.stderr?.on("data", (d) => {
          out += String(d);
        });
        children.push(child);
        return { child, out: () => out };
      };

      // The first worker starts delivering; it is killed mid-batch, with part of its claimed batch sent.
      const first = worker();
      await waitFor(
        () => sms.received.length,
        (n) => n >= 24,
        120,
        () => `first deliveries (${sms.received.length} SMS received; worker: ${first.out().slice(-800)})`,
        10,
      );
      first.child.kill("SIGKILL");
      await new Promise((r) => first.child.once("exit", r));
      const sentAtKill = sms.received.length;
      const [held] = await db.rows<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM outbound_messages WHERE key LIKE ${`kill:${run}:%`} AND status = 'pending' AND lease_until > now()`,
      );
      expect(held?.n, "messages the killed worker had claimed and not settled").toBeGreaterThan(0);

      // The next worker sends the rest, and what the killed one held once its lease has run out.
      const second = worker();
      type Row = { key: string; status: string; attempts: number };
      const rows = await waitFor(
        () => db.rows<Row>(sql`SELECT key, status, attempts FROM outbound_messages WHERE key LIKE ${`kill:${run}:%`}`),
        (rs) => rs.length === messages.length && rs.every((r) => r.status === "sent"),
        240,
        () => `all sent (worker: ${second.out().slice(-800)})`,
        1000,
      );
      const taken = rows.filter((r) => r.attempts === 2).map((r) => r.key);
      expect(taken.length, "messages taken over from the killed worker").toBeGreaterThan(0);
      expect(rows.every((r) => r.attempts <= 2)).toBe(true);

      // SMS: the gateway counts each key once (Idempotency-Key), every key arrived, nothing else did.
      const smsKeys = messages.filter((m) => m.channel === "sms").map((m) => m.key);
      expect([...sms.delivered.keys()].sort()).toEqual([...smsKeys].sort());
      const seen = new Map<string, number>();
      for (const r of sms.received) {
        const k = String(r.headers["idempotency-key"]);
        seen.set(k, (seen.get(k) ?? 0) + 1);
      }
      // A key handed to the gateway twice is one the killed worker had sent without recording it.
      for (const [k, n] of seen) {
        expect(n).toBeLessThanOrEqual(2);
        if (n === 2) expect(taken).toContain(k);
      }

      // E-mail: one Message-ID per notice, the same on a second sending; every notice arrived.
      const mailKeys = messages.filter((m) => m.channel === "email").map((m) => m.key);
      const wanted = new Map(mailKeys.map((k) => [messageId(k), k]));
      const ids = smtp.mails.map((m) => m.messageId);
      expect(new Set(ids)).toEqual(new Set(wanted.keys()));
      for (const id of new Set(ids)) {
        const n = ids.filter((x) => x === id).length;
        if (n > 1) expect(taken).toContain(wanted.get(id));
      }
      const vietnamese = smtp.mails.find((m) => m.messageId === messageId(mailKeys[0] ?? ""));
      expect(vietnamese?.subject).toBe("Yêu cầu 3");

      console.log(
        `killed delivery: ${sentAtKill} SMS handed over before the kill, ${held?.n} messages held by the killed worker, ` +
          `${taken.length} taken over, ${sms.received.length - smsKeys.length} SMS and ${ids.length - mailKeys.length} e-mails sent twice under the same key`,
      );
    } finally {
      await Promise.all([sms.close(), smtp.close()]);
    }
  });
});
