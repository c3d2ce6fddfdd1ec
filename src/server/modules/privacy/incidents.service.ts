import { type SQL, sql } from "drizzle-orm";
import type { Database } from "#server/db/client.ts";
import type { RequestContext } from "#server/http/context.ts";
import { AppError, notFound } from "#server/http/errors.ts";
import { audit } from "#server/modules/access/index.ts";
import { iso } from "#server/modules/voice/index.ts";

/**
 * The personal-data incident register (issue #15.5): the authority (A05, Ministry of Public Security)
 * must be notified within 72 hours of detection (Law 91/2025/QH15 Art. 23; Decree 13/2023 Art. 23
 * before); a later notice must give the reason. The clock runs from the detection, not the entry.
 */
export const NOTIFY_HOURS = 72;

const scopeOf = (ctx: RequestContext): SQL => (ctx.actor.scope.kind === "city" ? sql`true` : sql`b.path LIKE ${`${ctx.actor.bodyPath}%`}`);

export async function listIncidents(database: Database, ctx: RequestContext) {
  const rows = await database.rows<{
    id: number;
    title: string;
    description: string;
    detectedAt: unknown;
    dataKinds: string;
    peopleAffected: number | null;
    notifyBy: unknown;
    notifiedAt: unknown;
    lateReason: string | null;
    measures: string | null;
    status: string;
    bodyName: string;
  }>(
    sql`SELECT i.id, i.title, i.description, i.detected_at AS "detectedAt", i.data_kinds AS "dataKinds", i.people_affected AS "peopleAffected",
               i.notify_by AS "notifyBy", i.notified_at AS "notifiedAt", i.late_reason AS "lateReason", i.measures, i.status, b.name AS "bodyName"
        FROM privacy_incidents i JOIN bodies b ON b.id = i.body_id WHERE ${scopeOf(ctx)} ORDER BY (i.notified_at IS NULL) DESC, i.notify_by DESC LIMIT 200`,
  );
  const now = Date.now();
  return rows.map((r) => {
    const by = new Date(iso(r.notifyBy)).getTime();
    return {
      ...r,
      detectedAt: iso(r.detectedAt),
      notifyBy: iso(r.notifyBy),
      notifiedAt: r.notifiedAt ? iso(r.notifiedAt) : null,
      hoursLeft: r.notifiedAt ? null : Math.floor((by - now) / 3600_000),
      late: r.notifiedAt ? new Date(iso(r.notifiedAt)).getTime() > by : now > by,
    };
  });
}

export async function createIncident(
  database: Database,
  ctx: RequestContext,
  input: { title: string; description: string; detectedAt: string; dataKinds: string; peopleAffected?: number | undefined; measures?: string | undefined },
) {
  const detected = new Date(input.detectedAt);
  if (detected.getTime() > Date.now() + 5 * 60_000)
    throw new AppError("validation_failed", "Thời điểm phát hiện không thể ở tương lai", {
      errors: [{ pointer: "/body/detectedAt", message: "Thời điểm phát hiện không thể ở tương lai" }],
    });
  const notifyBy = new Date(detected.getTime() + NOTIFY_HOURS * 3600_000).toISOString();
  return database.db.transaction(async (tx) => {
    const [row] = await database.rows<{ id: number }>(
      sql`INSERT INTO privacy_incidents (title, description, detected_at, data_kinds, people_affected, notify_by, measures, body_id, created_by)
          VALUES (${input.title}, ${input.description}, ${detected.toISOString()}, ${input.dataKinds}, ${input.peopleAffected ?? null}, ${notifyBy},
                  ${input.measures ?? null}, ${ctx.actor.bodyId}, ${ctx.actor.userId}) RETURNING id`,
      tx,
    );
    await audit(database, tx, ctx, { action: "privacy_incident_create", objectType: "privacy_incident", objectId: row?.id, after: { notifyBy } });
    return { id: row?.id ?? 0, notifyBy };
  });
}

export async function markNotified(database: Database, ctx: RequestContext, id: number, input: { notifiedAt: string; lateReason?: string | undefined }) {
  return database.db.transaction(async (tx) => {
    const [i] = await database.rows<{ id: number; notifyBy: unknown; detectedAt: unknown; notifiedAt: unknown }>(
      sql`SELECT i.id, i.notify_by AS "notifyBy", i.detected_at AS "detectedAt", i.notified_at AS "notifiedAt"
          FROM privacy_incidents i JOIN bodies b ON b.id = i.body_id WHERE i.id = ${id} AND ${scopeOf(ctx)} FOR UPDATE OF i`,
      tx,
    );
    if (!i) throw notFound();
    if (i.notifiedAt) throw new AppError("conflict", "Sự cố đã được ghi nhận thông báo");
    const at = new Date(input.notifiedAt);
    if (at.getTime() < new Date(iso(i.detectedAt)).getTime() || at.getTime() > Date.now() + 5 * 60_000)
      throw new AppError("validation_failed", "Thời điểm thông báo phải sau khi phát hiện và không ở tương lai", {
        errors: [{ pointer: "/body/notifiedAt", message: "Thời điểm thông báo không hợp lệ" }],
      });
    const late = at.getTime() > new Date(iso(i.notifyBy)).getTime();
    if (late && !input.lateReason)
      throw new AppError("validation_failed", "Thông báo sau 72 giờ phải nêu lý do chậm", {
        errors: [{ pointer: "/body/lateReason", message: "Nêu lý do thông báo chậm" }],
      });
    await database.rows(
      sql`UPDATE privacy_incidents SET notified_at = ${at.toISOString()}, late_reason = ${late ? (input.lateReason ?? null) : null}, status = 'notified' WHERE id = ${id}`,
      tx,
    );
    await audit(database, tx, ctx, {
      action: "privacy_incident_notified",
      objectType: "privacy_incident",
      objectId: id,
      after: { notifiedAt: at.toISOString(), late },
    });
    return { late };
  });
}
