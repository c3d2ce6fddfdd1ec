import { sql } from "drizzle-orm";
import type { Database } from "#server/db/client.ts";
import type { RequestContext } from "#server/http/context.ts";
import { AppError } from "#server/http/errors.ts";
import { enterpriseScope, unionScope } from "#server/modules/access/index.ts";
import { audit } from "#server/modules/access/index.ts";
import { vnToday } from "#shared/clock.ts";

/**
 * The records behind a figure of the joint report that is computed from the registry: per-union
 * counts always, and the people themselves for callers allowed to read personal records.
 */
export async function traceFigure(
  database: Database,
  ctx: RequestContext,
  key: string,
  q: { from?: string | undefined; to?: string | undefined; asOf?: string | undefined },
) {
  const scope = ctx.actor.scope;
  const to = q.to ?? vnToday();
  const from = q.from ?? `${to.slice(0, 4)}-01-01`;
  const asOf = q.asOf ?? to;
  const people = ctx.actor.permissions.has("people:read");
  switch (key) {
    case "new_members": {
      const byUnion = await database.rows<{ unionId: number; unionName: string; n: number }>(
        sql`SELECT m.union_id AS "unionId", u.name AS "unionName", count(*)::int AS n FROM memberships m JOIN unions u ON u.id = m.union_id
            WHERE m.start_reason IN ('join','rejoin') AND m.valid_from BETWEEN ${from}::date AND ${to}::date AND ${unionScope(scope, sql`m.union_id`)}
            GROUP BY 1, 2 ORDER BY n DESC, 2`,
      );
      const list = people
        ? await database.rows<{ personId: number; fullName: string; unionName: string; validFrom: string; startReason: string }>(
            sql`SELECT p.id AS "personId", p.full_name AS "fullName", u.name AS "unionName", m.valid_from AS "validFrom", m.start_reason AS "startReason"
                FROM memberships m JOIN people p ON p.id = m.person_id JOIN unions u ON u.id = m.union_id
                WHERE m.start_reason IN ('join','rejoin') AND m.valid_from BETWEEN ${from}::date AND ${to}::date AND ${unionScope(scope, sql`m.union_id`)}
                ORDER BY m.valid_from, p.id LIMIT 500`,
          )
        : [];
      if (list.length)
        await audit(database, database.db, ctx, { action: "list", objectType: "person", detail: { trace: key, from, to, returned: list.length } });
      return { key, title: "Đoàn viên phát triển mới", total: byUnion.reduce((s, r) => s + r.n, 0), byUnion, people: list };
    }
    case "members": {
      const byUnion = await database.rows<{ unionId: number; unionName: string; n: number }>(
        sql`SELECT m.union_id AS "unionId", u.name AS "unionName", count(*)::int AS n FROM memberships m JOIN unions u ON u.id = m.union_id
            WHERE m.valid_from <= ${asOf}::date AND (m.valid_to IS NULL OR m.valid_to >= ${asOf}::date) AND ${unionScope(scope, sql`m.union_id`)}
            GROUP BY 1, 2 ORDER BY n DESC, 2`,
      );
      return { key, title: "Đoàn viên tại ngày", total: byUnion.reduce((s, r) => s + r.n, 0), byUnion, people: [] };
    }
    case "new_unions": {
      const unions = await database.rows<{ id: number; name: string; foundedOn: string }>(
        sql`SELECT u.id, u.name, u.founded_on AS "foundedOn" FROM unions u WHERE u.founded_on BETWEEN ${from}::date AND ${to}::date AND ${unionScope(scope, sql`u.id`)} ORDER BY u.founded_on, u.name`,
      );
      return { key, title: "Công đoàn cơ sở thành lập mới", total: unions.length, unions };
    }
    case "enterprises20": {
      const rows = await database.rows<{ id: number; name: string; workforce: number; zoneName: string | null; unionName: string | null }>(
        sql`SELECT e.id, e.name, e.workforce_total AS workforce, z.name AS "zoneName",
              (SELECT u.name FROM union_enterprises ue JOIN unions u ON u.id = ue.union_id WHERE ue.enterprise_id = e.id
                AND (u.founded_on IS NULL OR u.founded_on <= ${asOf}::date) AND (u.dissolved_on IS NULL OR u.dissolved_on > ${asOf}::date) LIMIT 1) AS "unionName"
            FROM enterprises e LEFT JOIN zones z ON z.id = e.zone_id
            WHERE e.workforce_total >= 20 AND e.status IN ('active','suspended') AND (e.established_on IS NULL OR e.established_on <= ${asOf}::date)
              AND ${enterpriseScope(scope, sql`e.id`, sql`e.zone_id`)}
            ORDER BY ("unionName" IS NOT NULL), e.workforce_total DESC LIMIT 2000`,
      );
      const [c] = await database.rows<{ total: number }>(
        sql`SELECT count(*)::int AS total FROM enterprises e WHERE e.workforce_total >= 20 AND e.status IN ('active','suspended')
            AND (e.established_on IS NULL OR e.established_on <= ${asOf}::date) AND ${enterpriseScope(scope, sql`e.id`, sql`e.zone_id`)}`,
      );
      return { key, title: "Doanh nghiệp từ 20 lao động trở lên (chưa có công đoàn xếp trước)", total: c?.total ?? 0, enterprises: rows };
    }
    default:
      throw new AppError("not_found");
  }
}
