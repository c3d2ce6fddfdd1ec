import { sql } from "drizzle-orm";
import type { Database } from "#server/db/client.ts";
import type { Client } from "../support/app.ts";
import { buildBody, buildEnterprise, buildPerson, buildUnion, buildUser, buildZone } from "../support/factories.ts";

/**
 * Two sides of one city. Side A: zone union Z1 (zone 1), enterprise E1 and its union U1, member P1.
 * Side B: zone union Z2 (zone 2), enterprise E2, union U2, member P2. The scoped actors all sit on
 * side A; nothing of side B may reach them. Side B's names and IDs carry markers that a leak scan
 * looks for in every response.
 */
export interface World {
  database: Database;
  federation: number;
  authority: number;
  mmc: number;
  zoneUnionA: number;
  zoneUnionB: number;
  zoneA: number;
  zoneB: number;
  enterpriseA: number;
  enterpriseB: number;
  unionA: number;
  unionB: number;
  personA: number;
  personB: number;
  /** Strings that exist only in side B's records. */
  markersB: string[];
  /**
   * Side C: a sibling of E1/U1 in zone A (enterprise E3, union U3, member P3). The zone's actors see
   * it; the union officer and the enterprise representative of side A must not.
   */
  enterpriseC: number;
  unionC: number;
  personC: number;
  markersC: string[];
  users: Record<ActorKey, { id: number; username: string; password: string }>;
  /** Module-specific objects of side B (request ids, incident ids, …), filled by coverage setups. */
  extra: Record<string, number | string>;
  /** Signed-in clients for setups: the system administrator and side B's own zone-union officer. */
  api?: { admin: Client; sideB: Client; zoneA: Client };
}

export const actorKeys = [
  "systemAdmin",
  "federationAdmin",
  "federationOfficer",
  "federationViewer",
  "zoneOfficerA",
  "zoneAdminA",
  "unionOfficerA",
  "enterpriseRepA",
  "authorityOfficer",
  "mmcOfficer",
] as const;
export type ActorKey = (typeof actorKeys)[number];

/** Actors whose scope is narrower than the city: they must never see side B. */
export const scopedActors: ActorKey[] = ["zoneOfficerA", "zoneAdminA", "unionOfficerA", "enterpriseRepA"];
/** Actors narrower than their zone: they must never see side C either. */
export const unitActors: ActorKey[] = ["unionOfficerA", "enterpriseRepA"];

export async function buildWorld(database: Database): Promise<World> {
  const [system] = await database.rows<{ id: number }>(sql`SELECT id FROM bodies WHERE kind = 'system' LIMIT 1`);
  const systemBody = system?.id ?? (await buildBody(database, "system", null, "Hệ thống")).id;
  const federation = (await buildBody(database, "federation", null, "Liên đoàn Lao động thành phố")).id;
  const authority = (await buildBody(database, "zone_authority", null, "Ban Quản lý Khu kinh tế")).id;
  const mmc = (await buildBody(database, "mass_mobilization", null, "Ban Dân vận")).id;
  const zoneUnionA = (await buildBody(database, "zone_union", federation, "Công đoàn Khu A")).id;
  const zoneUnionB = (await buildBody(database, "zone_union", federation, "Công đoàn Khu MARKERB-ZU")).id;
  const zoneA = await buildZone(database, zoneUnionA, "KCN Phía A");
  const zoneB = await buildZone(database, zoneUnionB, "KCN MARKERB-ZONE");
  const city = { federation, authority, mmc, zoneUnion: zoneUnionA, zoneId: zoneA };
  const cityB = { ...city, zoneUnion: zoneUnionB, zoneId: zoneB };
  const eA = await buildEnterprise(database, city, { name: "Công ty TNHH Bên A" });
  const eB = await buildEnterprise(database, cityB, { name: "Công ty TNHH MARKERB-ENT" });
  const uA = await buildUnion(database, city, eA.id, "Công đoàn cơ sở Bên A");
  const uB = await buildUnion(database, cityB, eB.id, "Công đoàn cơ sở MARKERB-UNION");
  const pA = await buildPerson(database, { givenName: "An", enterpriseId: eA.id, unionId: uA.id, phone: "0912000001" });
  const pB = await buildPerson(database, { familyName: "Markerb", givenName: "Bình", enterpriseId: eB.id, unionId: uB.id, phone: "0987654321" });
  const eC = await buildEnterprise(database, city, { name: "Công ty TNHH MARKERC-ENT" });
  const uC = await buildUnion(database, city, eC.id, "Công đoàn cơ sở MARKERC-UNION");
  const pC = await buildPerson(database, { familyName: "Markerc", givenName: "Cúc", enterpriseId: eC.id, unionId: uC.id, phone: "0977000333" });
  const users = {
    systemAdmin: await buildUser(database, "system_admin", systemBody),
    federationAdmin: await buildUser(database, "body_admin", federation),
    federationOfficer: await buildUser(database, "officer", federation),
    federationViewer: await buildUser(database, "viewer", federation),
    zoneOfficerA: await buildUser(database, "officer", zoneUnionA),
    zoneAdminA: await buildUser(database, "body_admin", zoneUnionA),
    unionOfficerA: await buildUser(database, "union_officer", uA.id),
    enterpriseRepA: await buildUser(database, "enterprise_rep", eA.id),
    authorityOfficer: await buildUser(database, "officer", authority),
    mmcOfficer: await buildUser(database, "officer", mmc),
  };
  // Side B's user, so user-listing routes have something to leak.
  await buildUser(database, "officer", zoneUnionB, "markerb_user");
  return {
    database,
    federation,
    authority,
    mmc,
    zoneUnionA,
    zoneUnionB,
    zoneA,
    zoneB,
    enterpriseA: eA.id,
    enterpriseB: eB.id,
    unionA: uA.id,
    unionB: uB.id,
    personA: pA.id,
    personB: pB.id,
    markersB: ["MARKERB", "markerb", pB.citizenId, "0987654321", eB.taxCode],
    enterpriseC: eC.id,
    unionC: uC.id,
    personC: pC.id,
    markersC: ["MARKERC", "Markerc", pC.citizenId, "0977000333", eC.taxCode],
    users,
    extra: {},
  };
}
