/**
 * The "Hướng Công" app's files, made at build time (issue 21, item 5): the icons (drawn here, written as
 * PNG with node:zlib — no image library, no download), the web app manifest, and the service worker
 * with the list of the public portal's files to keep for offline use.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { crc32, deflateSync } from "node:zlib";
import type { Plugin } from "vite";

export const THEME_COLOR = "#1c5fb8";
const BACKGROUND = "#f8f9fa";
const [R, G, B] = [0x1c, 0x5f, 0xb8];

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** An 8-bit RGBA PNG from its pixels (width × height × 4 bytes). */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) raw.set(rgba.subarray(y * width * 4, (y + 1) * width * 4), y * (width * 4 + 1) + 1);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk("IHDR", ihdr), chunk("IDAT", deflateSync(raw, { level: 9 })), chunk("IEND", Buffer.alloc(0))]);
}

/**
 * The favicon's drawing at any size: a white bridge (an arch over a deck) on the app's blue. `rounded`
 * gives the tile rounded corners on transparency (Android's "any" icon); without it the blue fills the
 * square (iOS rounds it itself; a maskable icon is cropped by the launcher), and `inset` keeps the
 * drawing inside the maskable safe zone.
 */
export function drawIcon(size: number, opts: { rounded: boolean; inset: number }): Buffer {
  const px = new Uint8Array(size * size * 4);
  const SS = 4; // samples per axis, for smooth edges
  const radius = opts.rounded ? 6 / 32 : 0;
  // In the favicon's 32-unit box: the arch y = f(x) is the quadratic Bézier (5,22) (16,6) (27,22).
  const arch = (x: number) => {
    const t = (x - 5) / 22;
    return 22 * (1 - t) ** 2 + 12 * t * (1 - t) + 22 * t * t;
  };
  const slope = (x: number) => (-44 * (1 - (x - 5) / 22) + 12 * (1 - 2 * ((x - 5) / 22)) + 44 * ((x - 5) / 22)) / 22;
  for (let py = 0; py < size; py++) {
    for (let pxl = 0; pxl < size; pxl++) {
      let tile = 0;
      let ink = 0;
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) {
          const u = (pxl + (sx + 0.5) / SS) / size;
          const v = (py + (sy + 0.5) / SS) / size;
          const dx = Math.max(radius - u, 0, u - (1 - radius));
          const dy = Math.max(radius - v, 0, v - (1 - radius));
          if (radius === 0 || dx * dx + dy * dy <= radius * radius) tile++;
          // The drawing in favicon units, shrunk towards the centre by the inset, raised to sit in the middle.
          const x = 16 + (u * 32 - 16) / (1 - 2 * opts.inset);
          const y = 19 + (v * 32 - 16) / (1 - 2 * opts.inset);
          const onArch = x >= 3.5 && x <= 28.5 && y <= 24.5 && Math.abs(y - arch(x)) / Math.sqrt(1 + slope(x) ** 2) <= 1.5;
          const onDeck = x >= 3 && x <= 29 && Math.abs(y - 24.5) <= 1.1;
          const onPier = (Math.abs(x - 10) <= 0.9 || Math.abs(x - 22) <= 0.9) && y >= arch(x) && y <= 24.5;
          if (onArch || onDeck || onPier) ink++;
        }
      }
      const n = SS * SS;
      const a = tile / n;
      const w = Math.min(ink, tile) / n;
      const i = (py * size + pxl) * 4;
      // White over blue, pre-blended, so the PNG needs no alpha except at the rounded corners.
      const mix = (c: number) => Math.round(a > 0 ? (c * (a - w) + 255 * w) / a : 0);
      px.set([mix(R), mix(G), mix(B), Math.round(a * 255)], i);
    }
  }
  return encodePng(size, size, px);
}

/** The manifest: installable on Android (icons 192 and 512, maskable too), opening standalone on the portal. */
export function manifest() {
  return {
    name: "Hướng Công — Cầu Nối",
    short_name: "Hướng Công",
    description: "Gửi câu hỏi, khiếu nại, kiến nghị và theo dõi yêu cầu của người lao động, cả khi mất mạng.",
    lang: "vi",
    dir: "ltr",
    id: "/",
    start_url: "/?nguon=ung-dung",
    scope: "/",
    display: "standalone",
    orientation: "portrait",
    theme_color: THEME_COLOR,
    background_color: BACKGROUND,
    categories: ["government", "utilities"],
    icons: [
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icons/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
    shortcuts: [
      { name: "Gửi yêu cầu", url: "/gui-yeu-cau", icons: [{ src: "/icons/icon-192.png", sizes: "192x192" }] },
      { name: "Yêu cầu của tôi", url: "/yeu-cau-cua-toi", icons: [{ src: "/icons/icon-192.png", sizes: "192x192" }] },
    ],
  };
}

interface OutChunk {
  type: "chunk";
  fileName: string;
  isEntry: boolean;
  imports: string[];
  dynamicImports: string[];
  facadeModuleId: string | null;
  viteMetadata?: { importedCss: Set<string> };
}
interface OutAsset {
  type: "asset";
  fileName: string;
}

/** Pages a worker never opens offline: the staff workspace, the login, the enterprise account's activation. */
const NOT_OFFLINE = /[\\/](staff|LoginPage|accounts)[\\/.]|[\\/]i18n[\\/]staff\.ts$/;

/** The public portal's files: the entry and every chunk it reaches, except the staff side's. */
export function publicFiles(bundle: Record<string, OutChunk | OutAsset>): string[] {
  const chunks = Object.values(bundle).filter((c): c is OutChunk => c.type === "chunk");
  const byName = new Map(chunks.map((c) => [c.fileName, c]));
  const keep = new Set<string>();
  const visit = (c: OutChunk | undefined) => {
    if (!c || keep.has(c.fileName)) return;
    keep.add(c.fileName);
    for (const css of c.viteMetadata?.importedCss ?? []) keep.add(css);
    for (const f of c.imports) visit(byName.get(f));
    for (const f of c.dynamicImports) {
      const d = byName.get(f);
      if (d && !(d.facadeModuleId && NOT_OFFLINE.test(d.facadeModuleId))) visit(d);
    }
  };
  for (const c of chunks.filter((c) => c.isEntry)) visit(c);
  return [...keep].sort().map((f) => `/${f}`);
}

/** Vite plugin: emits the icons, the manifest and /sw.js with its precache list and version. */
export function pwaPlugin(): Plugin {
  return {
    name: "caunoi-pwa",
    apply: "build",
    generateBundle(_options, bundle) {
      const icons: [string, Buffer][] = [
        ["icons/icon-192.png", drawIcon(192, { rounded: true, inset: 0 })],
        ["icons/icon-512.png", drawIcon(512, { rounded: true, inset: 0 })],
        ["icons/icon-maskable-512.png", drawIcon(512, { rounded: false, inset: 0.12 })],
        ["icons/apple-touch-icon.png", drawIcon(180, { rounded: false, inset: 0.04 })],
      ];
      for (const [fileName, source] of icons) this.emitFile({ type: "asset", fileName, source });
      this.emitFile({ type: "asset", fileName: "manifest.webmanifest", source: `${JSON.stringify(manifest(), null, 2)}\n` });
      const files = publicFiles(bundle as unknown as Record<string, OutChunk | OutAsset>);
      const shell = ["/", "/manifest.webmanifest", ...icons.map(([f]) => `/${f}`), ...files];
      const version = createHash("sha256").update(shell.join("\n")).digest("hex").slice(0, 12);
      const source = readFileSync(path.join(import.meta.dirname, "pwa-sw.js"), "utf8")
        .replace('"__VERSION__"', JSON.stringify(version))
        .replace('["__SHELL__"]', JSON.stringify(shell));
      this.emitFile({ type: "asset", fileName: "sw.js", source });
    },
  };
}
