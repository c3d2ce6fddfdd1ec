import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import argon2 from "argon2";
import { sql } from "drizzle-orm";
import type { Database } from "#server/db/client.ts";
import { AppError } from "#server/http/errors.ts";
import type { Actor, RequestContext } from "#server/http/context.ts";
import { fold } from "#shared/text.ts";
import { type BodyKind, type EnterpriseRight, type Role, type Scope, enterpriseRights, narrowEnterprise, permissionsFor } from "./access.policy.ts";
import { audit } from "./audit.service.ts";

export const SESSION_IDLE_MS = 2 * 60 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 15 * 60 * 1000;

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
const newSecret = () => randomBytes(32).toString("base64url");

// Verified against when the username does not exist, so timing does not reveal which usernames exist.
let dummyHash: Promise<string> | null = null;

/** Hashes a password with argon2id (the library's defaults: 64 MiB, t=3). */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

export const MIN_PASSWORD_LENGTH = 10;

// The most common passwords (zxcvbn's list, then Vietnamese ones), read once: see the file's header.
let common: Set<string> | null = null;
function commonPasswords(): Set<string> {
  common ??= new Set(
    readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), "common-passwords.txt"), "utf8")
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith("#")),
  );
  return common;
}

/** Letters and digits only, lower case, without diacritics: "Nguyễn Văn-An" → "nguyenvanan". */
const compact = (s: string) => fold(s).replace(/[^\p{L}\p{N}]/gu, "");

/**
 * The password rule: at least 10 characters not counting the spaces around them, letters and
 * digits, not one of the common passwords (nor one with digits or signs added around it, as
 * "password12"), and not the user's own username or name.
 */
export function checkPasswordStrength(
  password: string,
  who: { username?: string | undefined; fullName?: string | undefined } = {},
  pointer = "/body/password",
): void {
  // The message lands under the form's password field (errors[].pointer), not only in an alert.
  const weak = (message: string) => new AppError("weak_password", message, { errors: [{ pointer, message }] });
  const trimmed = password.trim();
  if (trimmed.length < MIN_PASSWORD_LENGTH || !/\p{L}/u.test(trimmed) || !/\d/.test(trimmed))
    throw weak("Mật khẩu phải có ít nhất 10 ký tự (không kể khoảng trắng ở hai đầu), gồm cả chữ và số");
  const lower = trimmed.toLowerCase();
  const core = lower.replace(/^[\d\W_]+|[\d\W_]+$/gu, "");
  const list = commonPasswords();
  if (list.has(lower) || list.has(lower.replace(/[\d\W_]+$/u, "")) || (core.length >= 3 && list.has(core)) || list.has(compact(lower)))
    throw weak("Mật khẩu này nằm trong danh sách mật khẩu phổ biến, dễ bị đoán: hãy chọn mật khẩu khác");
  const flat = compact(trimmed);
  const names = [who.username ?? "", who.fullName ?? ""].map(compact).filter((n) => n.length >= 3);
  const parts = (who.fullName ?? "")
    .split(/\s+/)
    .map(compact)
    .filter((n) => n.length >= 4);
  if (names.some((n) => flat.includes(n)) || parts.some((n) => flat.includes(n)))
    throw weak("Mật khẩu không được chứa tên đăng nhập hoặc họ tên của người dùng");
}

interface ActorRow {
  userId: number;
  username: string;
  fullName: string;
  role: Role;
  bodyId: number;
  bodyKind: BodyKind;
  bodyName: string;
  bodyPath: string;
  locale: "vi" | "en";
  zoneIds: number[] | null;
  enterpriseIds: number[] | null;
  enterpriseRights: string[] | null;
}

const actorColumns = sql`u.id AS "userId", u.username, u.full_name AS "fullName", u.role, u.body_id AS "bodyId",
  b.kind AS "bodyKind", b.name AS "bodyName", b.path AS "bodyPath", u.locale, u.enterprise_rights AS "enterpriseRights",
  (SELECT array_agg(z.id) FROM zones z WHERE z.zone_union_id = b.id) AS "zoneIds",
  CASE WHEN b.kind = 'enterprise' THEN ARRAY[b.id]
       ELSE (SELECT array_agg(ue.enterprise_id) FROM union_enterprises ue WHERE ue.union_id = b.id) END AS "enterpriseIds"`;

function scopeOf(row: ActorRow): Scope {
  switch (row.bodyKind) {
    case "zone_union":
      return { kind: "zones", bodyPath: row.bodyPath, zoneIds: row.zoneIds ?? [] };
    case "grassroots_union":
      return { kind: "union", unionIds: [row.bodyId], enterpriseIds: row.enterpriseIds ?? [] };
    case "enterprise":
      return { kind: "enterprise", enterpriseIds: [row.bodyId] };
    default:
      return { kind: "city" };
  }
}

function toActor(row: ActorRow, via: Actor["via"], sessionHash: string | null, csrfToken: string | null, tokenRights?: string[] | null): Actor {
  // Every way in (cookie, token, scripts) comes through here, so the stored rights are enforced by
  // the one permission check (contextOf) and no route can forget them.
  const permissions = narrowEnterprise(permissionsFor(row.role, row.bodyKind), row.enterpriseRights, tokenRights);
  return {
    userId: row.userId,
    username: row.username,
    fullName: row.fullName,
    role: row.role,
    bodyId: row.bodyId,
    bodyKind: row.bodyKind,
    bodyName: row.bodyName,
    bodyPath: row.bodyPath,
    locale: row.locale,
    scope: scopeOf(row),
    permissions,
    via,
    sessionHash,
    csrfToken,
  };
}

/** Builds the actor of a user id (for scripts and tests that act as a user). */
export async function actorForUser(database: Database, userId: number): Promise<Actor> {
  const [row] = await database.rows<ActorRow>(sql`SELECT ${actorColumns} FROM users u JOIN bodies b ON b.id = u.body_id WHERE u.id = ${userId}`);
  if (!row) throw new AppError("not_found");
  return toActor(row, "token", null, null);
}

/** The first system administrator, as whom the scheduled jobs act (their audit rows name them); null before one exists. */
export async function systemActor(database: Database): Promise<Actor | null> {
  const [row] = await database.rows<ActorRow>(
    sql`SELECT ${actorColumns} FROM users u JOIN bodies b ON b.id = u.body_id WHERE u.role = 'system_admin' AND u.active ORDER BY u.id LIMIT 1`,
  );
  return row ? toActor(row, "token", null, null) : null;
}

/** 423 while the name is locked (whether or not a user has it). */
async function refuseIfLocked(database: Database, key: string): Promise<void> {
  const [row] = await database.rows<{ lockedUntil: string }>(
    sql`SELECT locked_until::text AS "lockedUntil" FROM login_failures WHERE username_key = ${key} AND locked_until > now()`,
  );
  if (row) {
    const until = new Date(row.lockedUntil);
    throw new AppError("account_locked", `Thử lại sau ${until.toLocaleTimeString("vi-VN", { timeZone: "Asia/Ho_Chi_Minh" })}`, {
      extra: { lockedUntil: until.toISOString() },
    });
  }
}

/**
 * Counts one failure of a name in one atomic statement (the row's lock orders parallel attempts, so
 * twelve at once count twelve) and locks the name at the fifth; a lock that has run out starts the
 * count again. Audited, with the user when there is one.
 */
async function countFailure(database: Database, key: string, userId: number | null, detail: { ip: string; username: string }): Promise<void> {
  const lockFor = `${LOCKOUT_MS / 1000} seconds`;
  await database.db.transaction(async (tx) => {
    const [row] = await database.rows<{ failures: number; locked: boolean }>(
      sql`INSERT INTO login_failures AS f (username_key, failures, updated_at) VALUES (${key}, 1, now())
          ON CONFLICT (username_key) DO UPDATE SET
            failures = CASE WHEN f.locked_until IS NOT NULL AND f.locked_until <= now() THEN 1 ELSE f.failures + 1 END,
            locked_until = CASE
              WHEN f.locked_until IS NOT NULL AND f.locked_until <= now() THEN NULL
              WHEN f.locked_until IS NULL AND f.failures + 1 >= ${MAX_FAILED_LOGINS} THEN now() + ${lockFor}::interval
              ELSE f.locked_until END,
            updated_at = now()
          RETURNING failures, (locked_until IS NOT NULL) AS locked`,
      tx,
    );
    // Names typed once and never again do not pile up.
    await database.rows(sql`DELETE FROM login_failures WHERE updated_at < now() - interval '1 day' AND (locked_until IS NULL OR locked_until < now())`, tx);
    await audit(database, tx, null, {
      action: row?.locked && row.failures === MAX_FAILED_LOGINS ? "login_locked" : "login_failed",
      objectType: "user",
      objectId: userId,
      detail,
    });
  });
}

export interface LoginResult {
  sessionId: string;
  csrfToken: string;
  actor: Actor;
}

/**
 * Checks a username and password and opens a new session. A fresh session id every time
 * (rotation at login defeats session fixation); the caller's previous session is closed.
 */
export async function login(
  database: Database,
  input: { username: string; password: string; ip: string; userAgent: string | undefined; requestId: string; previousSessionId?: string | undefined },
): Promise<LoginResult> {
  const key = input.username.trim().toLowerCase();
  // Locked or not is asked of the name as typed, before anything about a user: an unknown name
  // locks after as many failures as a real one, with the same answer, and neither costs a hash then.
  await refuseIfLocked(database, key);
  const [user] = await database.rows<{ id: number; passwordHash: string; active: boolean; bodyId: number }>(
    sql`SELECT id, password_hash AS "passwordHash", active, body_id AS "bodyId" FROM users WHERE lower(username) = ${key}`,
  );
  let ok = false;
  if (!user) {
    dummyHash ??= hashPassword("dummy-password-0");
    await argon2.verify(await dummyHash, input.password);
  } else {
    ok = (await argon2.verify(user.passwordHash, input.password)) && user.active;
  }
  if (!user || !ok) {
    await countFailure(database, key, user?.id ?? null, { ip: input.ip, username: input.username });
    throw new AppError("invalid_credentials");
  }
  const sessionId = newSecret();
  const csrfToken = newSecret();
  const hash = sha256(sessionId);
  await database.db.transaction(async (tx) => {
    if (input.previousSessionId) await database.rows(sql`DELETE FROM sessions WHERE id_hash = ${sha256(input.previousSessionId)}`, tx);
    await database.rows(sql`DELETE FROM login_failures WHERE username_key = ${key}`, tx);
    await database.rows(
      sql`INSERT INTO sessions (id_hash, user_id, csrf_token, expires_at, ip, user_agent)
          VALUES (${hash}, ${user.id}, ${csrfToken}, ${new Date(Date.now() + SESSION_ABSOLUTE_MS).toISOString()}::timestamptz, ${input.ip}, ${input.userAgent ?? null})`,
      tx,
    );
  });
  const actor = await actorForUser(database, user.id);
  await database.db.transaction(async (tx) =>
    audit(database, tx, { actor, ip: input.ip, requestId: input.requestId }, { action: "login", objectType: "user", objectId: user.id }),
  );
  return { sessionId, csrfToken, actor: { ...actor, via: "session", sessionHash: hash, csrfToken } };
}

/** Resolves a session cookie: null when unknown, idle too long or past its absolute expiry. */
export async function actorFromSession(database: Database, sessionId: string): Promise<Actor | null> {
  const hash = sha256(sessionId);
  const [row] = await database.rows<ActorRow & { csrfToken: string; lastSeenMs: number; expired: boolean }>(
    sql`SELECT ${actorColumns}, s.csrf_token AS "csrfToken",
               (extract(epoch FROM now() - s.last_seen_at) * 1000)::float8 AS "lastSeenMs",
               (s.expires_at < now() OR s.last_seen_at < now() - ${`${SESSION_IDLE_MS / 1000} seconds`}::interval) AS expired
        FROM sessions s JOIN users u ON u.id = s.user_id JOIN bodies b ON b.id = u.body_id
        WHERE s.id_hash = ${hash} AND u.active`,
  );
  if (!row) return null;
  if (row.expired) {
    await database.rows(sql`DELETE FROM sessions WHERE id_hash = ${hash}`);
    return null;
  }
  // Touch at most once a minute: one write per request would serialise every read on PGlite.
  if (row.lastSeenMs > 60_000) await database.rows(sql`UPDATE sessions SET last_seen_at = now() WHERE id_hash = ${hash}`);
  return toActor(row, "session", hash, row.csrfToken);
}

/** Resolves a bearer API token: null when unknown, revoked or expired. */
export async function actorFromToken(database: Database, token: string): Promise<Actor | null> {
  const [row] = await database.rows<ActorRow & { tokenId: number; tokenRights: string[] | null }>(
    sql`SELECT ${actorColumns}, t.id AS "tokenId", t.enterprise_rights AS "tokenRights"
        FROM api_tokens t JOIN users u ON u.id = t.user_id JOIN bodies b ON b.id = u.body_id
        WHERE t.token_hash = ${sha256(token)} AND t.revoked_at IS NULL AND u.active
          AND (t.expires_at IS NULL OR t.expires_at > now())`,
  );
  if (!row) return null;
  await database.rows(
    sql`UPDATE api_tokens SET last_used_at = now() WHERE id = ${row.tokenId} AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
  );
  return toActor(row, "token", null, null, row.tokenRights);
}

/** Ends one session (logout) or every session of the user ("log out everywhere"). */
export async function logout(database: Database, ctx: RequestContext, everywhere: boolean): Promise<number> {
  return database.db.transaction(async (tx) => {
    const rows = everywhere
      ? await database.rows<{ id_hash: string }>(sql`DELETE FROM sessions WHERE user_id = ${ctx.actor.userId} RETURNING id_hash`, tx)
      : await database.rows<{ id_hash: string }>(sql`DELETE FROM sessions WHERE id_hash = ${ctx.actor.sessionHash ?? ""} RETURNING id_hash`, tx);
    // "Everywhere" means every way in: the user's API tokens stop working too.
    const tokens = everywhere
      ? await database.rows<{ id: number }>(
          sql`UPDATE api_tokens SET revoked_at = now() WHERE user_id = ${ctx.actor.userId} AND revoked_at IS NULL RETURNING id`,
          tx,
        )
      : [];
    await audit(database, tx, ctx, {
      action: everywhere ? "logout_everywhere" : "logout",
      objectType: "user",
      objectId: ctx.actor.userId,
      detail: { sessions: rows.length, tokens: tokens.length },
    });
    return rows.length;
  });
}

export interface TokenInfo {
  id: number;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  /** An enterprise token's rights (null: the owner's). */
  rights: string[] | null;
}

const tokenColumns = sql`id, name, prefix, created_at::text AS "createdAt", last_used_at::text AS "lastUsedAt", expires_at::text AS "expiresAt",
  revoked_at::text AS "revokedAt", enterprise_rights AS rights`;

/** An enterprise's token lives at most a year, 90 days unless asked: its HR system must renew it. */
export const ENTERPRISE_TOKEN_MAX_DAYS = 365;
export const ENTERPRISE_TOKEN_DEFAULT_DAYS = 90;

/**
 * Issues an API token carrying the caller's own role and scope. The secret is shown once. Only a
 * signed-in person mints tokens: a token that could mint another could outlive its own expiry and
 * survive its revocation through its offspring, so a leaked token would never really end.
 */
export async function createToken(
  database: Database,
  ctx: RequestContext,
  input: { name: string; expiresInDays?: number | undefined; rights?: EnterpriseRight[] | undefined },
): Promise<TokenInfo & { token: string }> {
  if (ctx.actor.via !== "session") throw new AppError("forbidden", "Mã truy cập API không tạo được mã truy cập khác: hãy đăng nhập để tạo mã");
  const isEnterprise = ctx.actor.bodyKind === "enterprise";
  let rights: EnterpriseRight[] | null = null;
  let days = input.expiresInDays;
  if (isEnterprise) {
    // An enterprise's token always expires, and never carries a right its owner lacks.
    days ??= ENTERPRISE_TOKEN_DEFAULT_DAYS;
    if (days > ENTERPRISE_TOKEN_MAX_DAYS) {
      const message = `Mã truy cập của doanh nghiệp có hạn tối đa ${ENTERPRISE_TOKEN_MAX_DAYS} ngày`;
      throw new AppError("validation_failed", message, { errors: [{ pointer: "/body/expiresInDays", message }] });
    }
    const own = enterpriseRights.filter((r) => ctx.actor.permissions.has(`enterprise:${r}`));
    rights = input.rights ? [...new Set(input.rights)] : own;
    const extra = rights.filter((r) => !own.includes(r));
    if (extra.length) {
      const message = "Mã truy cập không thể có quyền mà tài khoản của bạn không có";
      throw new AppError("validation_failed", message, { errors: [{ pointer: "/body/rights", message }] });
    }
  } else if (input.rights) {
    const message = "Chỉ tài khoản doanh nghiệp chọn quyền cho mã truy cập";
    throw new AppError("validation_failed", message, { errors: [{ pointer: "/body/rights", message }] });
  }
  const token = `cn_${newSecret()}`;
  const prefix = token.slice(0, 10);
  const expires = days ? new Date(Date.now() + days * 86_400_000).toISOString() : null;
  return database.db.transaction(async (tx) => {
    const [row] = await database.rows<TokenInfo>(
      sql`INSERT INTO api_tokens (user_id, name, token_hash, prefix, expires_at, enterprise_rights)
          VALUES (${ctx.actor.userId}, ${input.name}, ${sha256(token)}, ${prefix}, ${expires}::timestamptz,
                  ${rights ? `{${rights.join(",")}}` : null}::text[])
          RETURNING ${tokenColumns}`,
      tx,
    );
    if (!row) throw new AppError("internal");
    await audit(database, tx, ctx, { action: "create", objectType: "api_token", objectId: row.id, after: { name: input.name, prefix, expires, rights } });
    return { ...row, token };
  });
}

/** The caller's own tokens. */
export async function listTokens(database: Database, ctx: RequestContext): Promise<TokenInfo[]> {
  return database.rows<TokenInfo>(
    sql`SELECT ${tokenColumns}
        FROM api_tokens WHERE user_id = ${ctx.actor.userId} ORDER BY id DESC`,
  );
}

/** Revokes one of the caller's tokens; another user's token answers 404. */
export async function revokeToken(database: Database, ctx: RequestContext, id: number): Promise<void> {
  await database.db.transaction(async (tx) => {
    const rows = await database.rows<{ id: number }>(
      sql`UPDATE api_tokens SET revoked_at = now() WHERE id = ${id} AND user_id = ${ctx.actor.userId} AND revoked_at IS NULL RETURNING id`,
      tx,
    );
    if (rows.length === 0) throw new AppError("not_found");
    await audit(database, tx, ctx, { action: "revoke", objectType: "api_token", objectId: id });
  });
}

/**
 * A user changes their own password, proving the current one (a session left open on a shared
 * computer must not be enough). A wrong current password counts towards the lock like a wrong
 * sign-in. Every other session ends and every API token is revoked; this session stays.
 */
export async function changeOwnPassword(database: Database, ctx: RequestContext, input: { currentPassword: string; newPassword: string }): Promise<void> {
  if (ctx.actor.via !== "session") throw new AppError("forbidden", "Đổi mật khẩu cần đăng nhập, không dùng mã truy cập API");
  const key = ctx.actor.username.trim().toLowerCase();
  await refuseIfLocked(database, key);
  const [user] = await database.rows<{ passwordHash: string }>(sql`SELECT password_hash AS "passwordHash" FROM users WHERE id = ${ctx.actor.userId}`);
  if (!user || !(await argon2.verify(user.passwordHash, input.currentPassword))) {
    await countFailure(database, key, ctx.actor.userId, { ip: ctx.ip, username: ctx.actor.username });
    throw new AppError("validation_failed", "Mật khẩu hiện tại không đúng", {
      errors: [{ pointer: "/body/currentPassword", message: "Mật khẩu hiện tại không đúng" }],
    });
  }
  if (input.newPassword === input.currentPassword)
    throw new AppError("validation_failed", "Mật khẩu mới phải khác mật khẩu hiện tại", {
      errors: [{ pointer: "/body/newPassword", message: "Mật khẩu mới phải khác mật khẩu hiện tại" }],
    });
  checkPasswordStrength(input.newPassword, { username: ctx.actor.username, fullName: ctx.actor.fullName }, "/body/newPassword");
  const hash = await hashPassword(input.newPassword);
  await database.db.transaction(async (tx) => {
    await database.rows(sql`UPDATE users SET password_hash = ${hash}, updated_at = now() WHERE id = ${ctx.actor.userId}`, tx);
    const sessions = await database.rows(
      sql`DELETE FROM sessions WHERE user_id = ${ctx.actor.userId} AND id_hash <> ${ctx.actor.sessionHash ?? ""} RETURNING id_hash`,
      tx,
    );
    const tokens = await database.rows(
      sql`UPDATE api_tokens SET revoked_at = now() WHERE user_id = ${ctx.actor.userId} AND revoked_at IS NULL RETURNING id`,
      tx,
    );
    await database.rows(sql`DELETE FROM login_failures WHERE username_key = ${key}`, tx);
    await audit(database, tx, ctx, {
      action: "password_change",
      objectType: "user",
      objectId: ctx.actor.userId,
      detail: { otherSessionsEnded: sessions.length, tokensRevoked: tokens.length },
    });
  });
}
