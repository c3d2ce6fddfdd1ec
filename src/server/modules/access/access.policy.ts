import { type SQL, sql } from "drizzle-orm";
import { bodyKinds, enterpriseRights, roles } from "#shared/enums.ts";

/** Declared once in the shared enums (the web's selects read them too). */
export { bodyKinds, roles };
export type Role = (typeof roles)[number];
export type BodyKind = (typeof bodyKinds)[number];

export const permissions = [
  "registry:read", // zones, enterprises, unions
  "registry:write",
  "people:read", // one person's record: personal data, audited
  "people:write",
  "people:identity", // unmasked citizen IDs in lists and exports
  "voice:read",
  "voice:write",
  "voice:identity", // who filed a request
  "relations:read",
  "relations:write",
  "coordination:read",
  "coordination:write",
  "referrals:read", // Party referrals: only the roles that need them
  "referrals:write",
  "care:read",
  "care:write",
  "reports:read",
  "enterprise:self", // an enterprise representative acting for their enterprise
  "enterprise:report", // submit the enterprise's half-yearly labour report
  "enterprise:answer", // answer what is forwarded to the enterprise, close its findings, file difficulties
  "enterprise:manage", // invite and manage the enterprise's own colleagues' accounts
  "accounts:invite", // invite an enterprise's representative (the zone authority keeps the enterprise registry)
  "admin:users",
  "admin:bodies",
  "admin:settings",
  "audit:read",
] as const;
export type Permission = (typeof permissions)[number];

/**
 * What each body may do at all, before roles narrow it. The federation and its unions keep member
 * records; the zone authority keeps enterprises, inspections and incidents; the mass mobilization
 * commission follows plans and reads. Enterprises only act for themselves.
 */
const byBodyKind: Record<BodyKind, readonly Permission[]> = {
  system: permissions,
  federation: [
    "registry:read",
    "registry:write",
    "people:read",
    "people:write",
    "people:identity",
    "voice:read",
    "voice:write",
    "voice:identity",
    "relations:read",
    "relations:write",
    "coordination:read",
    "coordination:write",
    "referrals:read",
    "referrals:write",
    "care:read",
    "care:write",
    "reports:read",
    "admin:users",
    "admin:bodies",
    "audit:read",
  ],
  zone_union: [
    "registry:read",
    "registry:write",
    "people:read",
    "people:write",
    "people:identity",
    "voice:read",
    "voice:write",
    "voice:identity",
    "relations:read",
    "relations:write",
    "coordination:read",
    "coordination:write",
    "referrals:read",
    "referrals:write",
    "care:read",
    "care:write",
    "reports:read",
    "admin:users",
    "admin:bodies",
    "audit:read",
  ],
  grassroots_union: [
    "registry:read",
    "people:read",
    "people:write",
    "people:identity",
    "voice:read",
    "voice:write",
    "voice:identity",
    "relations:read",
    "coordination:read",
    "referrals:read",
    "referrals:write",
    "care:read",
    "care:write",
    "reports:read",
  ],
  zone_authority: [
    "registry:read",
    "registry:write",
    "voice:read",
    "voice:write",
    "voice:identity",
    "relations:read",
    "relations:write",
    "coordination:read",
    "coordination:write",
    "reports:read",
    "accounts:invite",
    "admin:users",
    "audit:read",
  ],
  mass_mobilization: [
    "registry:read",
    "voice:read",
    "relations:read",
    "coordination:read",
    "coordination:write",
    "referrals:read",
    "care:read",
    "reports:read",
    "admin:users",
    "audit:read",
  ],
  enterprise: ["registry:read", "voice:read", "voice:write", "enterprise:self", "enterprise:report", "enterprise:answer", "enterprise:manage"],
};

const writePermissions = new Set<Permission>([
  "registry:write",
  "people:write",
  "voice:write",
  "relations:write",
  "coordination:write",
  "referrals:write",
  "care:write",
  "admin:users",
  "admin:bodies",
  "admin:settings",
  "accounts:invite",
]);

/** The permissions of a role in a body: the body's set, narrowed by the role. */
export function permissionsFor(role: Role, bodyKind: BodyKind): Set<Permission> {
  // Every right but the enterprise side's: those act for one enterprise, which an administrator is not.
  if (role === "system_admin") return new Set(permissions.filter((p) => !p.startsWith("enterprise:")));
  const base = byBodyKind[bodyKind];
  switch (role) {
    case "body_admin":
      return new Set(base);
    case "officer":
      return new Set(base.filter((p) => p !== "admin:users" && p !== "admin:bodies" && p !== "audit:read"));
    case "viewer":
      return new Set(base.filter((p) => !writePermissions.has(p) && p !== "audit:read" && p !== "voice:identity" && p !== "people:identity"));
    case "union_officer":
      return new Set(base.filter((p) => p !== "admin:users" && p !== "admin:bodies" && p !== "audit:read"));
    case "enterprise_rep":
      return new Set(base.filter((p) => p !== "admin:users"));
  }
}

/** The rights an enterprise account may hold, each one permission `enterprise:<right>`. */
export { enterpriseRights };
export type EnterpriseRight = (typeof enterpriseRights)[number];

/**
 * Narrows an enterprise account's permissions to the rights stored for it (users.enterprise_rights,
 * then the token's own, if any): a colleague who only files the report holds enterprise:report and
 * not enterprise:answer. Answering what is forwarded is the enterprise's only voice:write, so it
 * goes with "answer". NULL keeps every right (accounts made before invitations existed).
 */
export function narrowEnterprise(perms: Set<Permission>, ...rightsLists: (readonly string[] | null | undefined)[]): Set<Permission> {
  const out = new Set(perms);
  for (const rights of rightsLists) {
    if (!rights) continue;
    for (const r of enterpriseRights) if (!rights.includes(r)) out.delete(`enterprise:${r}`);
  }
  if (!out.has("enterprise:answer") && out.has("enterprise:self")) out.delete("voice:write");
  return out;
}

/** Which roles fit which body: an enterprise representative belongs to an enterprise, and so on. */
export function roleFitsBody(role: Role, bodyKind: BodyKind): boolean {
  if (role === "enterprise_rep") return bodyKind === "enterprise";
  if (bodyKind === "enterprise") return false;
  if (role === "union_officer") return bodyKind === "grassroots_union";
  if (role === "system_admin") return bodyKind === "system" || bodyKind === "federation";
  return bodyKind !== "system";
}

/**
 * What a user may see. City-level bodies see the whole city; a zone union its zones and the unions
 * under it; a grassroots union itself and the enterprises it covers; an enterprise only itself.
 */
export type Scope =
  | { kind: "city" }
  | { kind: "zones"; bodyPath: string; zoneIds: number[] }
  | { kind: "union"; unionIds: number[]; enterpriseIds: number[] }
  | { kind: "enterprise"; enterpriseIds: number[] };

const none = sql`false`;
const all = sql`true`;
const ids = (xs: number[]) => sql`ARRAY[${sql.join(xs.length ? xs.map((x) => sql`${x}`) : [sql`NULL`], sql`, `)}]::int[]`;

/** SQL predicate: the enterprise with this id column (and zone column) lies in scope. */
export function enterpriseScope(scope: Scope, enterpriseId: SQL, zoneId?: SQL): SQL {
  switch (scope.kind) {
    case "city":
      return all;
    case "zones":
      return zoneId
        ? sql`(${zoneId} = ANY(${ids(scope.zoneIds)}))`
        : sql`(${enterpriseId} IN (SELECT e.id FROM enterprises e WHERE e.zone_id = ANY(${ids(scope.zoneIds)})))`;
    case "union":
    case "enterprise":
      return sql`(${enterpriseId} = ANY(${ids(scope.enterpriseIds)}))`;
  }
}

/** SQL predicate: the grassroots union (or zone union) with this id lies in scope. */
export function unionScope(scope: Scope, unionId: SQL): SQL {
  switch (scope.kind) {
    case "city":
      return all;
    case "zones":
      return sql`(${unionId} IN (SELECT b.id FROM bodies b WHERE b.path LIKE ${`${scope.bodyPath}%`}))`;
    case "union":
      return sql`(${unionId} = ANY(${ids(scope.unionIds)}))`;
    case "enterprise":
      return none;
  }
}

/**
 * SQL predicate: the person with this id is in scope — a member (open interval) of a union in
 * scope, or working at an enterprise in scope. Enterprises never see people's records.
 */
export function personScope(scope: Scope, personId: SQL, personEnterpriseId: SQL): SQL {
  if (scope.kind === "city") return all;
  if (scope.kind === "enterprise") return none;
  return sql`(EXISTS (SELECT 1 FROM memberships m WHERE m.person_id = ${personId} AND m.valid_to IS NULL AND ${unionScope(scope, sql`m.union_id`)})
    OR ${enterpriseScope(scope, personEnterpriseId)})`;
}

/**
 * What an import row (or a form) naming a citizen ID outside the caller's scope is told: nothing
 * about the person — not their name, union or enterprise, not even that anyone has that ID.
 */
export const PERSON_OUT_OF_SCOPE =
  "Số CCCD này không thể cập nhật từ phạm vi quản lý của bạn: nếu là người lao động của đơn vị bạn, đề nghị công đoàn cấp trên kiểm tra và cập nhật";

/** SQL predicate: the body with this path lies in the scope of a body administrator at `adminPath`. */
export function bodySubtree(adminPath: string, bodyPath: SQL): SQL {
  return sql`(${bodyPath} LIKE ${`${adminPath}%`})`;
}
