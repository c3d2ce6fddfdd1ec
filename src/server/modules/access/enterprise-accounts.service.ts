import { createHash, randomInt } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Database, Tx } from "#server/db/client.ts";
import type { RequestContext } from "#server/http/context.ts";
import { AppError } from "#server/http/errors.ts";
import { HAND_ALPHABET, groupFour, squeeze } from "#shared/secrets.ts";
import { type EnterpriseRight, enterpriseRights, enterpriseScope } from "./access.policy.ts";
import { audit } from "./audit.service.ts";
import { type LoginResult, checkPasswordStrength, hashPassword, login } from "./auth.service.ts";

/** An invitation's code works for 7 days, once. */
export const INVITE_DAYS = 7;
/** Characters of an activation code: 20 from a 29-letter alphabet, about 97 random bits. */
export const ACTIVATION_CODE_LENGTH = 20;
/** Wrong codes from one address before it must wait, and how long. */
export const ACTIVATION_MAX_FAILURES = 10;
export const ACTIVATION_LOCK_MS = 15 * 60 * 1000;

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
const pgTextArray = (xs: readonly string[]) => `{${xs.join(",")}}`;

/** A fresh activation code, `K7QM-4TRX-9BWD-2HNP-XA3M`: typed by hand on a phone if the link is lost. */
export function newActivationCode(): string {
  let s = "";
  for (let i = 0; i < ACTIVATION_CODE_LENGTH; i++) s += HAND_ALPHABET[randomInt(HAND_ALPHABET.length)];
  return groupFour(s);
}

/** The rights in their fixed order, without repeats. */
const ordered = (rights: readonly string[]): EnterpriseRight[] => enterpriseRights.filter((r) => rights.includes(r));

/** The enterprise rights the caller holds now (after their own narrowing). */
export function ownRights(ctx: RequestContext): EnterpriseRight[] {
  return enterpriseRights.filter((r) => ctx.actor.permissions.has(`enterprise:${r}`));
}

export interface InviteRow {
  id: number;
  enterpriseId: number;
  fullName: string | null;
  email: string | null;
  rights: string[];
  codeHint: string;
  createdBy: string | null;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
  usedBy: string | null;
  revokedAt: string | null;
  state: "pending" | "used" | "expired" | "revoked";
}

const inviteColumns = sql`i.id, i.enterprise_id AS "enterpriseId", i.full_name AS "fullName", i.email, i.rights, i.code_hint AS "codeHint",
  cu.full_name AS "createdBy", i.created_at::text AS "createdAt", i.expires_at::text AS "expiresAt", i.used_at::text AS "usedAt",
  uu.username AS "usedBy", i.revoked_at::text AS "revokedAt",
  CASE WHEN i.used_at IS NOT NULL THEN 'used' WHEN i.revoked_at IS NOT NULL THEN 'revoked' WHEN i.expires_at <= now() THEN 'expired' ELSE 'pending' END AS state`;
const inviteFrom = sql`FROM enterprise_invites i LEFT JOIN users cu ON cu.id = i.created_by LEFT JOIN users uu ON uu.id = i.used_by`;

export interface EnterpriseAccountRow {
  id: number;
  username: string;
  fullName: string;
  email: string | null;
  rights: string[];
  active: boolean;
  createdAt: string;
}

/** Accounts of one enterprise; null rights (made by an administrator) read as every right. */
async function accountsOf(database: Database, enterpriseId: number, tx?: Tx): Promise<EnterpriseAccountRow[]> {
  return database.rows<EnterpriseAccountRow>(
    sql`SELECT u.id, u.username, u.full_name AS "fullName", u.email, coalesce(u.enterprise_rights, ${pgTextArray(enterpriseRights)}::text[]) AS rights,
               u.active, u.created_at::text AS "createdAt"
        FROM users u WHERE u.body_id = ${enterpriseId} AND u.role = 'enterprise_rep' ORDER BY u.active DESC, u.id`,
    tx,
  );
}

interface EnterpriseHead {
  id: number;
  name: string;
  taxCode: string;
  status: string;
}

/** The enterprise, if it lies in the caller's scope (404 otherwise, as everywhere). */
async function enterpriseInScope(database: Database, ctx: RequestContext, id: number, tx?: Tx): Promise<EnterpriseHead> {
  const [row] = await database.rows<EnterpriseHead>(
    sql`SELECT e.id, e.name, e.tax_code AS "taxCode", e.status FROM enterprises e
        WHERE e.id = ${id} AND ${enterpriseScope(ctx.actor.scope, sql`e.id`, sql`e.zone_id`)}`,
    tx,
  );
  if (!row) throw new AppError("not_found");
  return row;
}

/** An enterprise, its accounts and its invitations: the officer's page and the representative's. */
export async function enterpriseAccounts(database: Database, ctx: RequestContext, enterpriseId: number) {
  const enterprise = await enterpriseInScope(database, ctx, enterpriseId);
  const accounts = await accountsOf(database, enterpriseId);
  const invites = await database.rows<InviteRow>(
    sql`SELECT ${inviteColumns} ${inviteFrom} WHERE i.enterprise_id = ${enterpriseId} ORDER BY i.id DESC LIMIT 100`,
  );
  return { enterprise, accounts, invites };
}

export interface InviteInput {
  enterpriseId: number;
  fullName?: string | undefined;
  email?: string | undefined;
  rights?: EnterpriseRight[] | undefined;
}

/**
 * Invites a person to an enterprise's account. The zone authority invites the representative (every
 * right); the representative invites colleagues with at most their own rights. The code is returned
 * once and only its hash is kept. No e-mail is sent (the app has no mail transport yet): the caller
 * shows the code and the link to the officer, who passes them on.
 */
export async function createInvite(database: Database, ctx: RequestContext, input: InviteInput, publicUrl: string) {
  const byEnterprise = ctx.actor.bodyKind === "enterprise";
  if (byEnterprise && input.enterpriseId !== ctx.actor.bodyId) throw new AppError("not_found");
  let rights: EnterpriseRight[] = [...enterpriseRights];
  if (byEnterprise) {
    rights = ordered(input.rights ?? []);
    const own = ownRights(ctx);
    if (rights.some((r) => !own.includes(r))) {
      const message = "Không thể giao cho đồng nghiệp quyền mà bạn không có";
      throw new AppError("validation_failed", message, { errors: [{ pointer: "/body/rights", message }] });
    }
  } else if (input.rights) rights = ordered(input.rights);
  const code = newActivationCode();
  const expires = new Date(Date.now() + INVITE_DAYS * 86_400_000).toISOString();
  return database.db.transaction(async (tx) => {
    const enterprise = await enterpriseInScope(database, ctx, input.enterpriseId, tx);
    if (enterprise.status !== "active") {
      const message = "Doanh nghiệp không còn hoạt động: không thể mời tài khoản mới";
      throw new AppError("validation_failed", message, { errors: [{ pointer: "/body/enterpriseId", message }] });
    }
    const [row] = await database.rows<{ id: number }>(
      sql`INSERT INTO enterprise_invites (enterprise_id, full_name, email, rights, code_hash, code_hint, created_by, expires_at)
          VALUES (${input.enterpriseId}, ${input.fullName ?? null}, ${input.email ?? null}, ${pgTextArray(rights)}::text[], ${sha256(squeeze(code))},
                  ${squeeze(code).slice(-4)}, ${ctx.actor.userId}, ${expires}::timestamptz)
          RETURNING id`,
      tx,
    );
    if (!row) throw new AppError("internal");
    const [invite] = await database.rows<InviteRow>(sql`SELECT ${inviteColumns} ${inviteFrom} WHERE i.id = ${row.id}`, tx);
    if (!invite) throw new AppError("internal");
    await audit(database, tx, ctx, {
      action: "invite",
      objectType: "enterprise_invite",
      objectId: row.id,
      after: { enterpriseId: input.enterpriseId, fullName: input.fullName ?? null, email: input.email ?? null, rights, expiresAt: expires },
    });
    // The code travels in the fragment (#ma=…): browsers never send it, so it stays out of server and proxy logs.
    return { invite, code, link: `${publicUrl}/kich-hoat#ma=${code}`, emailSent: false, enterprise };
  });
}

/** Revokes a pending invitation of an enterprise in scope (the representative: of their own enterprise). */
export async function revokeInvite(database: Database, ctx: RequestContext, id: number): Promise<void> {
  await database.db.transaction(async (tx) => {
    const [row] = await database.rows<{ enterpriseId: number }>(
      sql`SELECT enterprise_id AS "enterpriseId" FROM enterprise_invites WHERE id = ${id} AND used_at IS NULL AND revoked_at IS NULL`,
      tx,
    );
    if (!row || (ctx.actor.bodyKind === "enterprise" && row.enterpriseId !== ctx.actor.bodyId)) throw new AppError("not_found");
    await enterpriseInScope(database, ctx, row.enterpriseId, tx);
    await database.rows(sql`UPDATE enterprise_invites SET revoked_at = now() WHERE id = ${id}`, tx);
    await audit(database, tx, ctx, { action: "revoke", objectType: "enterprise_invite", objectId: id, detail: { enterpriseId: row.enterpriseId } });
  });
}

// ---------- Activation (public) ----------

async function refuseIfActivationLocked(database: Database, ip: string): Promise<void> {
  const [row] = await database.rows<{ lockedUntil: string }>(
    sql`SELECT locked_until::text AS "lockedUntil" FROM activation_failures WHERE ip_key = ${ip} AND locked_until > now()`,
  );
  if (row) {
    const until = new Date(row.lockedUntil);
    throw new AppError(
      "activation_locked",
      `Bạn đã nhập sai mã kích hoạt quá nhiều lần. Vui lòng thử lại sau ${until.toLocaleTimeString("vi-VN", { timeZone: "Asia/Ho_Chi_Minh", hour: "2-digit", minute: "2-digit" })}`,
      { extra: { lockedUntil: until.toISOString() } },
    );
  }
}

/** Counts a wrong code from an address in one atomic upsert; the tenth locks the address. Audited. */
async function countActivationFailure(database: Database, ip: string): Promise<void> {
  const lockFor = `${ACTIVATION_LOCK_MS / 1000} seconds`;
  await database.db.transaction(async (tx) => {
    const [row] = await database.rows<{ failures: number; locked: boolean }>(
      sql`INSERT INTO activation_failures AS f (ip_key, failures, updated_at) VALUES (${ip}, 1, now())
          ON CONFLICT (ip_key) DO UPDATE SET
            failures = CASE WHEN f.locked_until IS NOT NULL AND f.locked_until <= now() THEN 1 ELSE f.failures + 1 END,
            locked_until = CASE
              WHEN f.locked_until IS NOT NULL AND f.locked_until <= now() THEN NULL
              WHEN f.locked_until IS NULL AND f.failures + 1 >= ${ACTIVATION_MAX_FAILURES} THEN now() + ${lockFor}::interval
              ELSE f.locked_until END,
            updated_at = now()
          RETURNING failures, (locked_until IS NOT NULL) AS locked`,
      tx,
    );
    await database.rows(
      sql`DELETE FROM activation_failures WHERE updated_at < now() - interval '1 day' AND (locked_until IS NULL OR locked_until < now())`,
      tx,
    );
    await audit(database, tx, null, {
      action: row?.locked && row.failures === ACTIVATION_MAX_FAILURES ? "activation_locked" : "activation_failed",
      objectType: "enterprise_invite",
      detail: { ip },
    });
  });
}

interface InviteForCode {
  id: number;
  enterpriseId: number;
  enterpriseName: string;
  taxCode: string;
  enterpriseStatus: string;
  fullName: string | null;
  email: string | null;
  rights: string[];
  expired: boolean;
  usedAt: string | null;
  revokedAt: string | null;
}

const codeError = (message: string) => new AppError("activation_code_invalid", message, { errors: [{ pointer: "/body/code", message }] });

/**
 * The invitation a code opens, or an error that says why not (a wrong code counts towards the
 * address's lock; telling "expired" from "used" reveals nothing to whoever does not hold the code).
 */
async function inviteForCode(database: Database, typed: string, ip: string, tx?: Tx): Promise<InviteForCode> {
  await refuseIfActivationLocked(database, ip);
  const code = squeeze(typed);
  const [row] =
    code.length === ACTIVATION_CODE_LENGTH
      ? await database.rows<InviteForCode>(
          sql`SELECT i.id, i.enterprise_id AS "enterpriseId", e.name AS "enterpriseName", e.tax_code AS "taxCode", e.status AS "enterpriseStatus",
                     i.full_name AS "fullName", i.email, i.rights, i.expires_at <= now() AS expired, i.used_at::text AS "usedAt", i.revoked_at::text AS "revokedAt"
              FROM enterprise_invites i JOIN enterprises e ON e.id = i.enterprise_id WHERE i.code_hash = ${sha256(code)}`,
          tx,
        )
      : [];
  if (!row) {
    await countActivationFailure(database, ip);
    throw codeError("Mã kích hoạt không đúng. Hãy kiểm tra lại từng ký tự (mã gồm 20 chữ và số, ví dụ K7QM-4TRX-9BWD-2HNP-XA3M)");
  }
  if (row.usedAt) throw codeError("Mã kích hoạt này đã được dùng. Nếu bạn đã tạo tài khoản, hãy đăng nhập; nếu không, đề nghị cấp mã mới");
  if (row.revokedAt) throw codeError("Mã kích hoạt này đã bị thu hồi. Đề nghị người mời cấp mã mới");
  if (row.expired) throw codeError(`Mã kích hoạt đã hết hạn (mã có hiệu lực ${INVITE_DAYS} ngày). Đề nghị người mời cấp mã mới`);
  if (row.enterpriseStatus !== "active") throw codeError("Doanh nghiệp không còn hoạt động: không thể kích hoạt tài khoản");
  return row;
}

/** What a code opens, shown before the person chooses a username: the enterprise and its tax code. */
export async function checkActivationCode(database: Database, code: string, ip: string) {
  const row = await inviteForCode(database, code, ip);
  return {
    enterprise: { name: row.enterpriseName, taxCode: row.taxCode },
    fullName: row.fullName,
    email: row.email,
    rights: row.rights,
    expiresInDays: INVITE_DAYS,
  };
}

export interface ActivationInput {
  code: string;
  username: string;
  fullName: string;
  password: string;
  ip: string;
  userAgent: string | undefined;
  requestId: string;
}

/**
 * Activates an invitation: creates the enterprise account with the invitation's rights, spends the
 * code (one conditional UPDATE: two browsers racing get one account), audits it, and signs in.
 */
export async function activateAccount(database: Database, input: ActivationInput): Promise<LoginResult> {
  const first = await inviteForCode(database, input.code, input.ip);
  checkPasswordStrength(input.password, { username: input.username, fullName: input.fullName });
  const hash = await hashPassword(input.password);
  await database.db.transaction(async (tx) => {
    const [exists] = await database.rows(sql`SELECT 1 FROM users WHERE lower(username) = lower(${input.username})`, tx);
    if (exists)
      throw new AppError("conflict", "«Tên đăng nhập» đã có người dùng, hãy chọn tên khác", {
        errors: [{ pointer: "/body/username", message: "Tên đăng nhập này đã có người dùng, hãy chọn tên khác", code: "duplicate" }],
      });
    const [spent] = await database.rows<{ id: number }>(
      sql`UPDATE enterprise_invites SET used_at = now() WHERE id = ${first.id} AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now() RETURNING id`,
      tx,
    );
    if (!spent) throw codeError("Mã kích hoạt này vừa được dùng. Nếu bạn đã tạo tài khoản, hãy đăng nhập");
    const [user] = await database.rows<{ id: number }>(
      sql`INSERT INTO users (username, full_name, email, password_hash, role, body_id, enterprise_rights)
          VALUES (${input.username}, ${input.fullName}, ${first.email}, ${hash}, 'enterprise_rep', ${first.enterpriseId}, ${pgTextArray(ordered(first.rights))}::text[])
          RETURNING id`,
      tx,
    );
    if (!user) throw new AppError("internal");
    await database.rows(sql`UPDATE enterprise_invites SET used_by = ${user.id} WHERE id = ${first.id}`, tx);
    const ctx = {
      actor: { userId: user.id, username: input.username, bodyId: first.enterpriseId },
      ip: input.ip,
      requestId: input.requestId,
    } as RequestContext;
    await audit(database, tx, ctx, {
      action: "activate",
      objectType: "user",
      objectId: user.id,
      after: { username: input.username, fullName: input.fullName, enterpriseId: first.enterpriseId, rights: first.rights, inviteId: first.id },
    });
  });
  return login(database, { username: input.username, password: input.password, ip: input.ip, userAgent: input.userAgent, requestId: input.requestId });
}

// ---------- Colleagues (the representative) ----------

/**
 * The representative changes a colleague's rights or deactivates them. Never their own account
 * (a representative cannot lock the enterprise out by mistake), never above their own rights.
 * A narrowed or deactivated colleague's sessions end and their tokens stop (tokens are bounded by
 * the user's rights at every call; a deactivated user's tokens are revoked outright).
 */
export async function updateColleague(
  database: Database,
  ctx: RequestContext,
  userId: number,
  input: { rights?: EnterpriseRight[] | undefined; active?: boolean | undefined },
): Promise<EnterpriseAccountRow> {
  if (userId === ctx.actor.userId) throw new AppError("enterprise_account_self");
  const own = ownRights(ctx);
  const rights = input.rights ? ordered(input.rights) : undefined;
  if (rights?.some((r) => !own.includes(r))) {
    const message = "Không thể giao cho đồng nghiệp quyền mà bạn không có";
    throw new AppError("validation_failed", message, { errors: [{ pointer: "/body/rights", message }] });
  }
  return database.db.transaction(async (tx) => {
    const accounts = await accountsOf(database, ctx.actor.bodyId, tx);
    const before = accounts.find((a) => a.id === userId);
    if (!before) throw new AppError("not_found");
    await database.rows(
      sql`UPDATE users SET enterprise_rights = ${rights ? sql`${pgTextArray(rights)}::text[]` : sql`enterprise_rights`},
            active = coalesce(${input.active ?? null}::boolean, active), updated_at = now()
          WHERE id = ${userId}`,
      tx,
    );
    const narrowed = rights !== undefined && before.rights.some((r) => !rights.includes(r as EnterpriseRight));
    if (input.active === false || narrowed) await database.rows(sql`DELETE FROM sessions WHERE user_id = ${userId}`, tx);
    if (input.active === false) await database.rows(sql`UPDATE api_tokens SET revoked_at = now() WHERE user_id = ${userId} AND revoked_at IS NULL`, tx);
    const after = (await accountsOf(database, ctx.actor.bodyId, tx)).find((a) => a.id === userId);
    if (!after) throw new AppError("internal");
    await audit(database, tx, ctx, { action: input.active === false ? "deactivate" : "update", objectType: "user", objectId: userId, before, after });
    return after;
  });
}

// ---------- The enterprise ceases ----------

/**
 * Ends every way into a ceased (no longer active) enterprise's side: its accounts are deactivated,
 * their sessions end, their tokens are revoked and pending invitations withdrawn, each user audited.
 * Called by the registry inside the transaction that changes the enterprise's status.
 */
export async function endEnterpriseAccounts(database: Database, tx: Tx, ctx: RequestContext | null, enterpriseId: number, status: string): Promise<number> {
  const users = await database.rows<{ id: number; username: string }>(
    sql`UPDATE users SET active = false, updated_at = now() WHERE body_id = ${enterpriseId} AND role = 'enterprise_rep' AND active RETURNING id, username`,
    tx,
  );
  const ids = pgTextArray(users.map((u) => String(u.id)));
  const sessions = await database.rows(sql`DELETE FROM sessions WHERE user_id = ANY(${ids}::int[]) RETURNING id_hash`, tx);
  const tokens = await database.rows(sql`UPDATE api_tokens SET revoked_at = now() WHERE user_id = ANY(${ids}::int[]) AND revoked_at IS NULL RETURNING id`, tx);
  const invites = await database.rows(
    sql`UPDATE enterprise_invites SET revoked_at = now() WHERE enterprise_id = ${enterpriseId} AND used_at IS NULL AND revoked_at IS NULL RETURNING id`,
    tx,
  );
  for (const u of users)
    await audit(database, tx, ctx, {
      action: "deactivate",
      objectType: "user",
      objectId: u.id,
      detail: { reason: "enterprise_inactive", enterpriseId, status },
    });
  if (users.length || invites.length)
    await audit(database, tx, ctx, {
      action: "accounts_ended",
      objectType: "enterprise",
      objectId: enterpriseId,
      detail: { status, users: users.length, sessions: sessions.length, tokens: tokens.length, invites: invites.length },
    });
  return users.length;
}
