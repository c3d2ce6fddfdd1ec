import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import path from "node:path";

/**
 * The embedded database's directory belongs to one process at a time. PGlite has no lock of its
 * own: a second process (`caunoi backup` beside a running server) opened the same files, and the
 * directory no longer started (`Aborted()`). The owner writes DATA_DIR/caunoi.lock with its pid and
 * start time; another process refuses while that process lives. A lock left by a killed process
 * (kill -9, power loss) names a dead pid — or a pid now used by another program, which its start
 * time tells apart — and is taken over, so the server is never kept from starting by a stale lock.
 */
export class DataDirLockedError extends Error {
  constructor(
    readonly pid: number,
    dataDir: string,
  ) {
    super(
      `Thư mục dữ liệu ${path.resolve(dataDir)} đang được một tiến trình Cầu Nối khác dùng (pid ${pid}), ví dụ máy chủ đang chạy. ` +
        "Mở cùng lúc từ hai tiến trình sẽ làm hỏng cơ sở dữ liệu nhúng: hãy sao lưu qua máy chủ đang chạy " +
        "(quản trị hệ thống: GET /api/admin/backup), hoặc dừng máy chủ rồi chạy lại lệnh. " +
        `(The data directory is in use by another Cầu Nối process, pid ${pid}: back up through the running server, or stop it first.)`,
    );
  }
}

interface LockInfo {
  pid: number;
  started: string | null;
}

/** The start time of a process (field 22 of /proc/<pid>/stat), or null where /proc is absent. */
function startTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may hold spaces and parentheses: count fields after its last ")".
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? null;
  } catch {
    return null;
  }
}

function alive(info: LockInfo): boolean {
  if (info.pid === process.pid) return false;
  try {
    process.kill(info.pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ESRCH") return false;
  }
  // The pid lives: the same process only if it started when the lock was written.
  const now = startTime(info.pid);
  return info.started === null || now === null || now === info.started;
}

/** Takes the data directory's lock, or throws DataDirLockedError; returns the release function. */
export function lockDataDir(dataDir: string): () => void {
  const file = path.resolve(dataDir, "caunoi.lock");
  const mine = JSON.stringify({ pid: process.pid, started: startTime(process.pid) } satisfies LockInfo);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, "wx");
      writeSync(fd, mine);
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off("exit", release);
        try {
          if (readFileSync(file, "utf8") === mine) unlinkSync(file);
        } catch {
          // Already gone.
        }
      };
      process.on("exit", release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
    let info: LockInfo | null = null;
    try {
      info = JSON.parse(readFileSync(file, "utf8")) as LockInfo;
    } catch {
      // Unreadable (a crash while it was written): stale.
    }
    if (info && typeof info.pid === "number" && alive(info)) throw new DataDirLockedError(info.pid, dataDir);
    try {
      unlinkSync(file);
    } catch {
      // Another process took it over first: try again.
    }
  }
  throw new DataDirLockedError(0, dataDir);
}
