/**
 * The "Hướng Công" app's service worker (written by hand; scripts/pwa-build.ts fills in the version and
 * the shell's files at build time and serves it as /sw.js).
 *
 * - The shell (the page, the public portal's scripts and styles, the manifest, the icons) is kept at
 *   install, so the portal opens without a network; hashed files under /assets/ are kept as they load.
 * - Pages: network first, the kept page when offline (the client routes it).
 * - API: network first. Only public answers that are the same for everyone and name nobody (the legal
 *   Q&A, the hotline contacts, the consent text) are kept for offline reading. A request's status (opened
 *   with a secret), the staff API and every write go to the network and are never stored here.
 * - Push: shows the server's notice (a code and a status, never the complaint) and opens its page.
 */
const VERSION = "__VERSION__";
const SHELL = ["__SHELL__"];
const SHELL_CACHE = `caunoi-shell-${VERSION}`;
const ASSETS_CACHE = "caunoi-assets";
const PUBLIC_API_CACHE = "caunoi-public-api";
/** Public GET answers safe to keep: identical for every caller, with no personal data. */
const CACHEABLE_API = [/^\/api\/public\/qa(\/|$|\?)/, /^\/api\/public\/contacts$/, /^\/api\/public\/voice\/consent$/];

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(SHELL_CACHE)
      .then((cache) => cache.addAll(SHELL))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("caunoi-shell-") && k !== SHELL_CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

/** The network's answer, kept in `cacheName` when it is a success; the kept one when the network fails. */
async function networkFirst(request, cacheName, key) {
  try {
    const response = await fetch(request);
    if (response.ok && cacheName) {
      const copy = response.clone();
      caches.open(cacheName).then((cache) => cache.put(key ?? request, copy));
    }
    return response;
  } catch (err) {
    const kept = await caches.match(key ?? request);
    if (kept) return kept;
    throw err;
  }
}

async function cacheFirst(request) {
  const kept = await caches.match(request);
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok) {
    const copy = response.clone();
    caches.open(ASSETS_CACHE).then((cache) => cache.put(request, copy));
  }
  return response;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/api/")) {
    const safe = CACHEABLE_API.some((re) => re.test(url.pathname + url.search)) && !request.headers.has("x-request-secret");
    // Everything else under /api/ is left to the browser: never stored by this worker.
    if (safe) event.respondWith(networkFirst(request, PUBLIC_API_CACHE));
    return;
  }
  if (request.mode === "navigate") {
    // The staff workspace needs the network (and is never kept); the portal's pages all open the shell.
    if (url.pathname.startsWith("/staff") || url.pathname.startsWith("/login")) return;
    event.respondWith(networkFirst(request, SHELL_CACHE, "/"));
    return;
  }
  if (url.pathname.startsWith("/assets/") || url.pathname.startsWith("/icons/") || url.pathname === "/manifest.webmanifest") {
    event.respondWith(cacheFirst(request));
  }
});

self.addEventListener("push", (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    data = { body: event.data ? event.data.text() : "" };
  }
  const title = data.title || "Cầu Nối";
  event.waitUntil(
    self.registration.showNotification(title, {
      body: data.body || "Yêu cầu của bạn có cập nhật mới.",
      icon: "/icons/icon-192.png",
      badge: "/icons/icon-192.png",
      lang: "vi",
      // One notice per request: a newer status replaces the older one.
      tag: data.code ? `yeu-cau-${data.code}` : "caunoi",
      data: { url: data.url || "/yeu-cau-cua-toi" },
    }),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const target = new URL(event.notification.data?.url || "/yeu-cau-cua-toi", self.location.origin).href;
  event.waitUntil(
    self.clients.matchAll({ type: "window", includeUncontrolled: true }).then((windows) => {
      for (const w of windows) {
        if ("focus" in w) {
          w.navigate?.(target);
          return w.focus();
        }
      }
      return self.clients.openWindow(target);
    }),
  );
});
