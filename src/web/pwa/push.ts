/** Web Push on the phone: subscribes this browser to one request's status changes, by its code and secret. */
import { api, withSecret } from "../lib/api.ts";

/** Whether this browser can receive push at all (iOS: only once the app is added to the home screen). */
export function pushSupported(): boolean {
  return typeof window !== "undefined" && "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;
}

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const b64 = base64url.replace(/-/g, "+").replace(/_/g, "/");
  const raw = atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(raw, (c) => c.charCodeAt(0));
}

/** Asks permission (once), subscribes this browser with the server's key, and registers it for the request. */
export async function subscribeToRequest(code: string, secret: string): Promise<"on" | "denied"> {
  if ((await Notification.requestPermission()) !== "granted") return "denied";
  const registration = await navigator.serviceWorker.ready;
  const { publicKey } = await api.get<{ publicKey: string }>("/api/public/push/key");
  const subscription =
    (await registration.pushManager.getSubscription()) ??
    (await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(publicKey) }));
  await withSecret(secret).post(`/api/public/requests/${encodeURIComponent(code)}/push`, subscription.toJSON());
  return "on";
}

/** Subscribes a request just filed when the worker has already allowed notices (never asks again by itself). */
export async function subscribeIfAllowed(code: string, secret: string): Promise<void> {
  if (!pushSupported() || Notification.permission !== "granted") return;
  await subscribeToRequest(code, secret).catch(() => undefined);
}
