import { housingKinds, housingStatuses } from "#shared/enums.ts";
import { type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database, Tx } from "#server/db/client.ts";
import type { RequestContext } from "#server/http/context.ts";
import { AppError } from "#server/http/errors.ts";
import { audit } from "#server/modules/access/index.ts";
import { isoDate } from "./care.schema.ts";

const kinds = housingKinds;
const statuses = housingStatuses;
const milestoneKinds = ["approved", "investor_selected", "started", "phase_completed", "handed_over"] as const;

export const housingBody = z.object({
  name: z.string().trim().min(5, "Nhập tên dự án").max(300),
  kind: z.enum(kinds).default("social_housing"),
  place: z.string().trim().min(3, "Nhập địa điểm").max(500),
  commune: z.string().trim().max(200).nullish(),
  developer: z.string().trim().min(2, "Nhập chủ đầu tư").max(300),
  zoneId: z.number().int().positive().nullish(),
  units: z.number().int().min(0).nullish(),
  capacityPeople: z.number().int().min(0).nullish(),
  floorAreaM2: z.number().min(0).nullish(),
  landAreaHa: z.number().min(0).nullish(),
  status: z.enum(statuses).default("approved"),
  description: z.string().trim().max(4000).nullish(),
  contact: z.string().trim().max(500).nullish(),
  published: z.boolean().default(true),
});
export const housingPatch = housingBody.partial();
export const milestoneBody = z.object({
  kind: z.enum(milestoneKinds),
  label: z.string().trim().min(3, "Nhập nội dung mốc tiến độ").max(300),
  happenedOn: isoDate,
  units: z.number().int().min(0).nullish(),
});

/** Housing is written by the federation's and the zone authority's officers; a zone union within its zones. */
export function canWriteHousing(ctx: RequestContext): boolean {
  const p = ctx.actor.permissions;
  if (!(p.has("care:write") || p.has("registry:write"))) return false;
  return ctx.actor.scope.kind === "city" || ctx.actor.scope.kind === "zones";
}
function assertZone(ctx: RequestContext, zoneId: number | null | undefined) {
  if (ctx.actor.scope.kind === "zones" && (zoneId === null || zoneId === undefined || !ctx.actor.scope.zoneIds.includes(zoneId))) {
    throw new AppError("forbidden", "Chỉ cập nhật dự án phục vụ khu công nghiệp thuộc phạm vi của bạn");
  }
}

export interface HousingRow {
  id: number;
  name: string;
  kind: (typeof kinds)[number];
  place: string;
  commune: string | null;
  developer: string;
  zoneId: number | null;
  zoneName: string | null;
  units: number | null;
  capacityPeople: number | null;
  floorAreaM2: number | null;
  landAreaHa: number | null;
  status: (typeof statuses)[number];
  description: string | null;
  contact: string | null;
  published: boolean;
  milestones: { id: number; kind: string; label: string; happenedOn: string; units: number | null }[];
}

async function housingRows(database: Database, where: SQL, tx?: Tx): Promise<HousingRow[]> {
  const rows = await database.rows<HousingRow>(
    sql`SELECT h.id, h.name, h.kind, h.place, h.commune, h.developer, h.zone_id AS "zoneId", z.name AS "zoneName", h.units,
          h.capacity_people AS "capacityPeople", h.floor_area_m2 AS "floorAreaM2", h.land_area_ha AS "landAreaHa", h.status, h.description, h.contact, h.published,
          coalesce((SELECT json_agg(json_build_object('id', m.id, 'kind', m.kind, 'label', m.label, 'happenedOn', m.happened_on, 'units', m.units) ORDER BY m.happened_on, m.id)
                    FROM care_housing_milestones m WHERE m.project_id = h.id), '[]'::json) AS milestones
        FROM care_housing_projects h LEFT JOIN zones z ON z.id = h.zone_id
        WHERE ${where} ORDER BY h.id`,
    tx,
  );
  return rows.map((r) => ({
    ...r,
    floorAreaM2: r.floorAreaM2 === null ? null : Number(r.floorAreaM2),
    landAreaHa: r.landAreaHa === null ? null : Number(r.landAreaHa),
  }));
}

/** All projects with their totals: units and places they offer. */
export async function listHousing(database: Database, publicOnly: boolean) {
  const items = await housingRows(database, publicOnly ? sql`h.published` : sql`true`);
  return {
    total: items.length,
    units: items.reduce((s, i) => s + (i.units ?? 0), 0),
    capacityPeople: items.reduce((s, i) => s + (i.capacityPeople ?? 0), 0),
    items,
  };
}

export async function getHousing(database: Database, id: number, tx?: Tx) {
  const [row] = await housingRows(database, sql`h.id = ${id}`, tx);
  if (!row) throw new AppError("not_found", "Không tìm thấy dự án nhà ở");
  return row;
}

export async function createHousing(database: Database, ctx: RequestContext, input: z.infer<typeof housingBody>) {
  if (!canWriteHousing(ctx)) throw new AppError("forbidden");
  assertZone(ctx, input.zoneId);
  return database.db.transaction(async (tx) => {
    const [row] = await database.rows<{ id: number }>(
      sql`INSERT INTO care_housing_projects (name, kind, place, commune, developer, zone_id, units, capacity_people, floor_area_m2, land_area_ha, status, description, contact, published, created_by)
          VALUES (${input.name}, ${input.kind}, ${input.place}, ${input.commune ?? null}, ${input.developer}, ${input.zoneId ?? null}, ${input.units ?? null},
                  ${input.capacityPeople ?? null}, ${input.floorAreaM2 ?? null}, ${input.landAreaHa ?? null}, ${input.status}, ${input.description ?? null},
                  ${input.contact ?? null}, ${input.published}, ${ctx.actor.userId})
          RETURNING id`,
      tx,
    );
    await audit(database, tx, ctx, { action: "create", objectType: "care_housing_project", objectId: row?.id, after: input });
    return getHousing(database, row?.id ?? 0, tx);
  });
}

export async function updateHousing(database: Database, ctx: RequestContext, id: number, patch: z.infer<typeof housingPatch>) {
  if (!canWriteHousing(ctx)) throw new AppError("forbidden");
  return database.db.transaction(async (tx) => {
    const before = await getHousing(database, id, tx);
    assertZone(ctx, before.zoneId);
    if (patch.zoneId !== undefined) assertZone(ctx, patch.zoneId);
    const n = { ...before, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } as HousingRow;
    await database.rows(
      sql`UPDATE care_housing_projects SET name = ${n.name}, kind = ${n.kind}, place = ${n.place}, commune = ${n.commune}, developer = ${n.developer},
            zone_id = ${n.zoneId}, units = ${n.units}, capacity_people = ${n.capacityPeople}, floor_area_m2 = ${n.floorAreaM2}, land_area_ha = ${n.landAreaHa},
            status = ${n.status}, description = ${n.description}, contact = ${n.contact}, published = ${n.published}, updated_at = now()
          WHERE id = ${id}`,
      tx,
    );
    await audit(database, tx, ctx, { action: "update", objectType: "care_housing_project", objectId: id, before, after: patch });
    return getHousing(database, id, tx);
  });
}

export async function addMilestone(database: Database, ctx: RequestContext, id: number, m: z.infer<typeof milestoneBody>) {
  if (!canWriteHousing(ctx)) throw new AppError("forbidden");
  return database.db.transaction(async (tx) => {
    const project = await getHousing(database, id, tx);
    assertZone(ctx, project.zoneId);
    const [row] = await database.rows<{ id: number }>(
      sql`INSERT INTO care_housing_milestones (project_id, kind, label, happened_on, units) VALUES (${id}, ${m.kind}, ${m.label}, ${m.happenedOn}, ${m.units ?? null}) RETURNING id`,
      tx,
    );
    await audit(database, tx, ctx, { action: "create", objectType: "care_housing_milestone", objectId: row?.id, after: { projectId: id, ...m } });
    return getHousing(database, id, tx);
  });
}
