import { type SQL, sql } from "drizzle-orm";
import type { Database } from "#server/db/client.ts";
import type { RequestContext } from "#server/http/context.ts";
import { AppError } from "#server/http/errors.ts";
import { type BodyKind, type Role, bodySubtree, roleFitsBody } from "./access.policy.ts";
import { audit } from "./audit.service.ts";
import { checkPasswordStrength, hashPassword } from "./auth.service.ts";

export interface UserRow {
  id: number;
  username: string;
  fullName: string;
  email: string | null;
  role: Role;
  bodyId: number;
  bodyName: string;
  active: boolean;
  locked: boolean;
  createdAt: string;
}

const columns = sql`u.id, u.username, u.full_name AS "fullName", u.email, u.role, u.body_id AS "bodyId", b.name AS "bodyName",
  u.active, EXISTS (SELECT 1 FROM login_failures f WHERE f.username_key = lower(u.username) AND f.locked_until > now()) AS locked, u.created_at::text AS "createdAt"`;

/** Users a caller may manage: everyone for a system admin, the users of their bodies for a body admin. */
function manageable(ctx: RequestContext): SQL {
  return ctx.actor.role === "system_admin" ? sql`true` : bodySubtree(ctx.actor.bodyPath, sql`b.path`);
}

export async function listUsers(database: Database, ctx: RequestContext, q: { q?: string | undefined; page: number; pageSize: number }) {
  const where = [manageable(ctx)];
  if (q.q) where.push(sql`(vn_fold(u.full_name) LIKE ${`%${q.q}%`} OR lower(u.username) LIKE ${`%${q.q.toLowerCase()}%`} OR b.name_fold LIKE ${`%${q.q}%`})`);
  const cond = sql.join(where, sql` AND `);
  const [count] = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM users u JOIN bodies b ON b.id = u.body_id WHERE ${cond}`);
  const items = await database.rows<UserRow>(
    sql`SELECT ${columns} FROM users u JOIN bodies b ON b.id = u.body_id WHERE ${cond} ORDER BY b.path, u.username LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
  );
  return { total: count?.n ?? 0, items };
}

async function getManageable(database: Database, ctx: RequestContext, id: number, tx?: Parameters<Database["rows"]>[1]): Promise<UserRow> {
  const [row] = await database.rows<UserRow>(
    sql`SELECT ${columns} FROM users u JOIN bodies b ON b.id = u.body_id WHERE u.id = ${id} AND ${manageable(ctx)}`,
    tx,
  );
  if (!row) throw new AppError("not_found");
  return row;
}

async function checkBodyAndRole(database: Database, ctx: RequestContext, bodyId: number, role: Role, tx: Parameters<Database["rows"]>[1]) {
  const [body] = await database.rows<{ id: number; kind: BodyKind }>(sql`SELECT b.id, b.kind FROM bodies b WHERE b.id = ${bodyId} AND ${manageable(ctx)}`, tx);
  if (!body)
    throw new AppError("validation_failed", undefined, { errors: [{ pointer: "/body/bodyId", message: "Đơn vị không tồn tại hoặc ngoài phạm vi quản lý" }] });
  if (role === "system_admin" && ctx.actor.role !== "system_admin") throw new AppError("forbidden");
  if (!roleFitsBody(role, body.kind)) {
    throw new AppError("validation_failed", undefined, { errors: [{ pointer: "/body/role", message: "Vai trò không phù hợp với loại đơn vị" }] });
  }
}

export async function createUser(
  database: Database,
  ctx: RequestContext,
  input: { username: string; fullName: string; email?: string | undefined; role: Role; bodyId: number; password: string },
): Promise<UserRow> {
  checkPasswordStrength(input.password, input);
  const hash = await hashPassword(input.password);
  return database.db.transaction(async (tx) => {
    await checkBodyAndRole(database, ctx, input.bodyId, input.role, tx);
    const [exists] = await database.rows(sql`SELECT 1 FROM users WHERE lower(username) = lower(${input.username})`, tx);
    if (exists)
      throw new AppError("conflict", "«Tên đăng nhập» đã tồn tại, hãy nhập giá trị khác", {
        errors: [{ pointer: "/body/username", message: "Giá trị này đã tồn tại", code: "duplicate" }],
      });
    const [row] = await database.rows<{ id: number }>(
      sql`INSERT INTO users (username, full_name, email, password_hash, role, body_id)
          VALUES (${input.username}, ${input.fullName}, ${input.email ?? null}, ${hash}, ${input.role}, ${input.bodyId}) RETURNING id`,
      tx,
    );
    const user = await getManageable(database, ctx, row?.id ?? 0, tx);
    await audit(database, tx, ctx, { action: "create", objectType: "user", objectId: user.id, after: user });
    return user;
  });
}

export async function updateUser(
  database: Database,
  ctx: RequestContext,
  id: number,
  input: {
    fullName?: string | undefined;
    email?: string | null | undefined;
    role?: Role | undefined;
    bodyId?: number | undefined;
    active?: boolean | undefined;
    password?: string | undefined;
    locale?: "vi" | "en" | undefined;
  },
): Promise<UserRow> {
  if (input.password !== undefined) {
    // The user's own names are checked against the password before it is hashed (outside the transaction).
    const [who] = await database.rows<{ username: string; fullName: string }>(sql`SELECT username, full_name AS "fullName" FROM users WHERE id = ${id}`);
    checkPasswordStrength(input.password, { username: who?.username, fullName: input.fullName ?? who?.fullName });
  }
  const hash = input.password !== undefined ? await hashPassword(input.password) : null;
  return database.db.transaction(async (tx) => {
    const before = await getManageable(database, ctx, id, tx);
    const role = input.role ?? before.role;
    const bodyId = input.bodyId ?? before.bodyId;
    if (input.role !== undefined || input.bodyId !== undefined) await checkBodyAndRole(database, ctx, bodyId, role, tx);
    if (before.role === "system_admin" && (role !== "system_admin" || input.active === false)) {
      const [others] = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM users WHERE role = 'system_admin' AND active AND id <> ${id}`, tx);
      if ((others?.n ?? 0) === 0) throw new AppError("last_admin");
    }
    await database.rows(
      sql`UPDATE users SET
            full_name = coalesce(${input.fullName ?? null}, full_name),
            email = ${input.email === undefined ? sql`email` : input.email},
            role = ${role}, body_id = ${bodyId},
            active = coalesce(${input.active ?? null}::boolean, active),
            locale = coalesce(${input.locale ?? null}, locale),
            password_hash = coalesce(${hash}, password_hash),
            updated_at = now()
          WHERE id = ${id}`,
      tx,
    );
    // A disabled account, a new password or a new role ends the user's open sessions; a new password
    // (a reset after a suspected leak) also revokes their API tokens and lifts a lock on their name.
    if (input.active === false || hash !== null || role !== before.role || bodyId !== before.bodyId) {
      await database.rows(sql`DELETE FROM sessions WHERE user_id = ${id}`, tx);
    }
    if (hash !== null) {
      await database.rows(sql`UPDATE api_tokens SET revoked_at = now() WHERE user_id = ${id} AND revoked_at IS NULL`, tx);
      await database.rows(sql`DELETE FROM login_failures WHERE username_key = lower(${before.username})`, tx);
    }
    const after = await getManageable(database, ctx, id, tx);
    await audit(database, tx, ctx, { action: "update", objectType: "user", objectId: id, before, after: { ...after, passwordChanged: hash !== null } });
    return after;
  });
}

/** A user changes their own language. */
export async function setOwnLocale(database: Database, ctx: RequestContext, locale: "vi" | "en"): Promise<void> {
  await database.rows(sql`UPDATE users SET locale = ${locale} WHERE id = ${ctx.actor.userId}`);
}
