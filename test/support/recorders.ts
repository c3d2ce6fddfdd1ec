import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import PostalMime from "postal-mime";
import { SMTPServer } from "smtp-server";

export interface Recorded {
  path: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

/**
 * A local HTTP endpoint that records what it receives, as an SMS or Zalo gateway would; `failNext`
 * answers the next n requests with 503; `delayMs` answers each that much later. Like a real gateway it counts a repeated Idempotency-Key once
 * (`delivered`), and keeps every request it saw (`received`).
 */
export async function httpRecorder(port = 0, opts: { delayMs?: number } = {}) {
  const received: Recorded[] = [];
  const delivered = new Map<string, Recorded>();
  let failNext = 0;
  const server = createServer((req, res) => {
    let data = "";
    req.on("data", (c) => {
      data += c;
    });
    req.on("end", async () => {
      // A gateway that takes its time (a slow operator): a delivery is long enough to be cut off.
      if (opts.delayMs) await new Promise((r) => setTimeout(r, opts.delayMs));
      const r = { path: req.url ?? "", headers: req.headers, body: JSON.parse(data || "{}") as Record<string, unknown> };
      received.push(r);
      if (failNext > 0) {
        failNext--;
        res.writeHead(503).end("busy");
        return;
      }
      const key = String(req.headers["idempotency-key"] ?? "");
      if (!delivered.has(key)) delivered.set(key, r);
      res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    delivered,
    failNext(n: number) {
      failNext = n;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface Mail {
  to: string[];
  subject: string;
  text: string;
  messageId: string;
}

/** A real SMTP server on a free local port; the mails it accepted, parsed. */
export async function smtpRecorder(port = 0) {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        PostalMime.parse(Buffer.concat(chunks))
          .then((m) => {
            mails.push({
              to: session.envelope.rcptTo.map((r) => r.address),
              subject: m.subject ?? "",
              text: m.text ?? "",
              messageId: m.messageId ?? "",
            });
            callback();
          })
          .catch(callback);
      });
    },
  });
  // A client that dies mid-session (a server killed during delivery) resets its connection: not the recorder's failure.
  server.on("error", () => undefined);
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    mails,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
