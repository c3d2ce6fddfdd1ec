import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";

/**
 * Whether a URL belongs to the signed-in staff API. Everything else — the public portal's routes
 * (/api/public/…), sign-in, health, the API description and the web pages — can be called by anyone,
 * anonymous workers included. A test checks every route marked public against this.
 */
export function isStaffUrl(url: string | undefined): boolean {
  if (!url?.startsWith("/api/")) return false;
  return !/^\/api\/(public\/|auth\/login|health|openapi\.json|docs)/.test(url);
}

/**
 * The request's id. A staff integration may name its own (X-Request-Id) to trace a call through
 * the audit log; a public caller may not: an id the client chose would tie an anonymous submission's
 * audit row and log lines to whatever else that client sent with the same id.
 */
export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers["x-request-id"];
  if (isStaffUrl(req.url) && typeof given === "string" && /^[\w-]{8,64}$/.test(given)) return given;
  return randomUUID();
}

/**
 * What the log writes about a request: the address only for the staff API (who did what, from where),
 * never next to a public call, so the log cannot link an anonymous submission to a place.
 */
export function requestLogLine(req: { method?: string; url?: string; ip?: string; socket?: { remoteAddress?: string; remotePort?: number } }) {
  const staff = isStaffUrl(req.url);
  return {
    method: req.method,
    url: staff ? req.url : req.url?.split("?")[0],
    ...(staff ? { remoteAddress: req.ip ?? req.socket?.remoteAddress, remotePort: req.socket?.remotePort } : {}),
  };
}
