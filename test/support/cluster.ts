import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * App servers as separate processes on one PostgreSQL, behind a real HAProxy (Debian's `haproxy`),
 * as a city runs them (issue #20, item 4; deploy/haproxy.cfg is the production form of the same).
 * Each server is `node --import tsx src/server/main.ts` with its own port and pool; the proxy checks
 * `/api/health` every second and takes a server out after two failed checks (≤ 3 s).
 */
export interface AppServer {
  port: number;
  url: string;
  process: ChildProcess | null;
}

export interface Cluster {
  /** The proxy's address (or the only server's, without a proxy). */
  url: string;
  servers: AppServer[];
  /** SIGKILL one server (no goodbye: sockets cut, nothing flushed). */
  kill(index: number): void;
  /** Starts a killed server again on its port and waits for its health. */
  restart(index: number): Promise<void>;
  /** Waits until the proxy reports `index` up (up=true) or down. */
  proxyMarks(index: number, up: boolean, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export interface ClusterOptions {
  databaseUrl: string;
  servers: number;
  /** Put HAProxy in front (default true; false: the one server is reached directly, the benchmark's baseline). */
  proxy?: boolean;
  env?: Record<string, string>;
  log?: (line: string) => void;
}

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");

/** A free TCP port on the loopback interface. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** Whether Debian's haproxy is installed (the proxy tests skip with a reason when it is not). */
export function haproxyAvailable(): string | null {
  try {
    execFileSync("haproxy", ["-v"], { stdio: "ignore" });
    return null;
  } catch {
    return "haproxy is not installed (apt-get install haproxy; .ci/run installs it)";
  }
}

async function waitHealthy(url: string, child: ChildProcess | null, timeoutMs = 120_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (child && child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} before it was healthy`);
    const ok = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not become healthy`);
}

/** The HAProxy configuration the tests run (deploy/haproxy.cfg is the commented production one). */
export function haproxyConfig(listen: number, servers: { port: number }[], statsSocket: string): string {
  return [
    "global",
    "  maxconn 4096",
    `  stats socket ${statsSocket} mode 600 level admin`,
    "defaults",
    "  mode http",
    "  option forwardfor",
    "  timeout connect 2s",
    "  timeout client 60s",
    "  timeout server 60s",
    "  timeout check 2s",
    // A request whose connection to a dead server fails is sent to another one; a request the dead
    // server already had is not replayed by the proxy (POSTs are not idempotent to it): the client
    // retries it under its submission key.
    "  retries 2",
    "  option redispatch",
    "frontend web",
    `  bind 127.0.0.1:${listen}`,
    "  default_backend app",
    "backend app",
    "  balance roundrobin",
    "  option httpchk GET /api/health",
    "  http-check expect status 200",
    "  default-server check inter 1s fall 2 rise 2",
    ...servers.map((s, i) => `  server app${i + 1} 127.0.0.1:${s.port}`),
    "",
  ].join("\n");
}

/** HAProxy before `servers` (its config and admin socket in `dir`), healthy: its address and process. */
export async function startProxy(
  servers: { port: number }[],
  dir: string,
  log?: (line: string) => void,
): Promise<{ url: string; process: ChildProcess; statsSocket: string }> {
  const listen = await freePort();
  const cfg = path.join(dir, `haproxy-${listen}.cfg`);
  const statsSocket = path.join(dir, `haproxy-${listen}.sock`);
  writeFileSync(cfg, haproxyConfig(listen, servers, statsSocket));
  const proxy = spawn("haproxy", ["-db", "-f", cfg], { stdio: ["ignore", "pipe", "pipe"] });
  proxy.stderr?.on("data", (d: Buffer) => log?.(`haproxy: ${d.toString().trim()}`));
  proxy.stdout?.resume();
  const url = `http://127.0.0.1:${listen}`;
  await waitHealthy(url, proxy);
  return { url, process: proxy, statsSocket };
}

/** Starts `servers` app processes (one after the other: the first migrates) and, unless told not to, HAProxy before them. */
export async function startCluster(opts: ClusterOptions): Promise<Cluster> {
  const dir = mkdtempSync(path.join(tmpdir(), "caunoi-cluster-"));
  const servers: AppServer[] = [];
  for (let i = 0; i < opts.servers; i++) {
    const port = await freePort();
    servers.push({ port, url: `http://127.0.0.1:${port}`, process: null });
  }
  const spawnServer = (i: number): ChildProcess => {
    const s = servers[i] as AppServer;
    const child = spawn(process.execPath, ["--import", "tsx", "src/server/main.ts"], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: opts.databaseUrl,
        DATABASE_REPLICA_URL: "",
        PORT: String(s.port),
        HOST: "127.0.0.1",
        DATA_DIR: path.join(dir, `app${i + 1}`),
        // Every server signs cookies and derives receipts with the same secret, as in production.
        SESSION_SECRET: "cluster-session-secret-".padEnd(48, "x"),
        TRUST_PROXY: "1",
        CAUNOI_DEMO: "0",
        CAUNOI_ADMIN_PASSWORD: "Admin-cluster-12345",
        LOG_LEVEL: "warn",
        ...opts.env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stderr?.on("data", (d: Buffer) => opts.log?.(`app${i + 1}: ${d.toString().trim()}`));
    // The job queue's lines (which process claimed what) come on stdout.
    child.stdout?.on("data", (d: Buffer) => opts.log?.(`app${i + 1}: ${d.toString().trim()}`));
    s.process = child;
    return child;
  };
  for (let i = 0; i < servers.length; i++) await waitHealthy((servers[i] as AppServer).url, spawnServer(i));

  let proxy: ChildProcess | null = null;
  let url = (servers[0] as AppServer).url;
  let statsSocket = "";
  if (opts.proxy !== false) {
    const started = await startProxy(servers, dir, opts.log);
    proxy = started.process;
    url = started.url;
    statsSocket = started.statsSocket;
  }

  const proxyState = async (index: number): Promise<string> => {
    const csv = await new Promise<string>((resolve, reject) => {
      const sock = net.createConnection(statsSocket);
      let out = "";
      sock.on("data", (d) => {
        out += d.toString();
      });
      sock.on("end", () => resolve(out));
      sock.on("error", reject);
      sock.end("show stat\n");
    });
    const line = csv.split("\n").find((l) => l.startsWith(`app,app${index + 1},`));
    return line?.split(",")[17] ?? "";
  };

  return {
    url,
    servers,
    kill(index) {
      servers[index]?.process?.kill("SIGKILL");
    },
    async restart(index) {
      await waitHealthy((servers[index] as AppServer).url, spawnServer(index));
    },
    async proxyMarks(index, up, timeoutMs = 10_000) {
      const end = Date.now() + timeoutMs;
      for (;;) {
        const status = await proxyState(index).catch(() => "");
        if (up ? status.startsWith("UP") : status.startsWith("DOWN")) return;
        if (Date.now() > end) throw new Error(`the proxy still says app${index + 1} is "${status}"`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async stop() {
      proxy?.kill("SIGKILL");
      const exits = servers.map(
        (s) =>
          new Promise<void>((resolve) => {
            if (!s.process || s.process.exitCode !== null || s.process.signalCode !== null) return resolve();
            s.process.once("exit", () => resolve());
            s.process.kill("SIGTERM");
            setTimeout(() => {
              s.process?.kill("SIGKILL");
              resolve();
            }, 5000).unref();
          }),
      );
      await Promise.all(exits);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
