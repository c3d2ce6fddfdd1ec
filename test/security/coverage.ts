import { sql } from "drizzle-orm";
import type { World } from "./world.ts";

/**
 * Every API route and how to aim it at side B. The matrix test fails for a route missing here,
 * so a new route cannot ship without being attacked.
 *
 * - `target(w)`: the URL (and body) of a request about side B's object; omitted for routes without
 *   an object (lists, "me" routes), which are still scanned for side B's markers.
 * - `setup(w)`: creates side B's module objects first (stores ids in `w.extra`).
 */
export interface RouteSpec {
  target?: (w: World) => { url: string; body?: unknown };
  /** A body for routes that need one (the matrix also sends it for routes without an object). */
  body?: (w: World) => unknown;
  setup?: (w: World) => Promise<void>;
  /** Routes that legitimately answer about side B to everyone (public portal pages, health). */
  publicData?: boolean;
}

export const coverage: Record<string, RouteSpec> = {
  "GET /api/health": { publicData: true },
  "GET /api/openapi.json": { publicData: true },
  "POST /api/auth/login": { publicData: true, body: () => ({ username: "markerb_user", password: "wrong-password-0" }) },
  "POST /api/auth/logout": {},
  "GET /api/auth/me": {},
  "PUT /api/auth/me/locale": { body: () => ({ locale: "vi" }) },
  "GET /api/auth/tokens": {},
  "POST /api/auth/tokens": { body: () => ({ name: "Mã thử" }) },
  "DELETE /api/auth/tokens/:id": { target: () => ({ url: "/api/auth/tokens/999999" }) },
  "GET /api/admin/users": {},
  "POST /api/admin/users": {
    body: (w) => ({
      username: `x${Math.random().toString(36).slice(2, 8)}`,
      fullName: "Người Thử",
      role: "officer",
      bodyId: w.zoneUnionB,
      password: "matkhau12345",
    }),
  },
  "PATCH /api/admin/users/:id": { target: () => ({ url: "/api/admin/users/__userB__", body: { fullName: "Đổi tên" } }) },
  "GET /api/admin/bodies": {},
  "GET /api/admin/bodies/:id": { target: (w) => ({ url: `/api/admin/bodies/${w.zoneUnionB}` }) },
  "POST /api/admin/bodies": { body: (w) => ({ kind: "grassroots_union", name: "Công đoàn mới", parentId: w.zoneUnionB }) },
  "PATCH /api/admin/bodies/:id": { target: (w) => ({ url: `/api/admin/bodies/${w.zoneUnionB}`, body: { name: "Đổi tên" } }) },
  "DELETE /api/admin/bodies/:id": { target: (w) => ({ url: `/api/admin/bodies/${w.zoneUnionB}` }) },
  "GET /api/admin/audit": {},
  // Relations: side B's incident, plan, inspection with a finding, score and alert.
  "GET /api/relations/lookup/enterprises": { setup: relationsSetup },
  "GET /api/relations/lookup/zones": {},
  "GET /api/relations/lookup/bodies": {},
  "GET /api/relations/incidents": {},
  "GET /api/relations/incidents/:id": { target: (w) => ({ url: `/api/relations/incidents/${w.extra.incidentB}` }) },
  "POST /api/relations/incidents": {
    target: (w) => ({ url: "/api/relations/incidents", body: { enterpriseId: w.enterpriseB, kind: "other", title: "Thử", startedOn: "2026-05-01" } }),
  },
  "PATCH /api/relations/incidents/:id": { target: (w) => ({ url: `/api/relations/incidents/${w.extra.incidentB}`, body: { title: "Đổi" } }) },
  "POST /api/relations/incidents/:id/actions": {
    target: (w) => ({ url: `/api/relations/incidents/${w.extra.incidentB}/actions`, body: { actedOn: "2026-05-02", note: "Thử" } }),
  },
  "GET /api/relations/enterprises/:id/timeline": { target: (w) => ({ url: `/api/relations/enterprises/${w.enterpriseB}/timeline` }) },
  "GET /api/relations/minimum-wage/rates": {},
  "GET /api/relations/minimum-wage": {},
  "POST /api/relations/minimum-wage/check": {
    target: (w) => ({ url: "/api/relations/minimum-wage/check", body: { enterpriseId: w.enterpriseB, date: "2026-05-01", wage: 5000000 } }),
  },
  "GET /api/relations/plans": {},
  "GET /api/relations/plans/:id": { target: (w) => ({ url: `/api/relations/plans/${w.extra.planB}` }) },
  "POST /api/relations/plans": {
    target: (w) => ({
      url: "/api/relations/plans",
      body: { year: 2026, title: "Thử", leadBodyId: w.authority, startsOn: "2026-01-01", endsOn: "2026-12-31", targets: [{ enterpriseId: w.enterpriseB }] },
    }),
  },
  "GET /api/relations/checklists/current": {},
  "GET /api/relations/inspections/form": { target: (w) => ({ url: `/api/relations/inspections/form?enterpriseId=${w.enterpriseB}&date=2026-05-01` }) },
  "GET /api/relations/inspections": {},
  "GET /api/relations/inspections/stats": {},
  "GET /api/relations/inspections/:id": { target: (w) => ({ url: `/api/relations/inspections/${w.extra.inspectionB}` }) },
  "POST /api/relations/inspections": {
    target: (w) => ({ url: "/api/relations/inspections", body: { enterpriseId: w.enterpriseB, inspectedOn: "2026-05-01", leadBodyId: w.authority } }),
  },
  "PUT /api/relations/inspections/:id": { target: (w) => ({ url: `/api/relations/inspections/${w.extra.inspectionB}`, body: { summary: "Đổi" } }) },
  "GET /api/relations/recommendations": {},
  "POST /api/relations/recommendations/:id/followups": {
    target: (w) => ({ url: `/api/relations/recommendations/${w.extra.recommendationB}/followups`, body: { outcome: "progress", onDate: "2026-05-03" } }),
  },
  "GET /api/relations/watchlist": {},
  "GET /api/relations/enterprises/:id/risk": { target: (w) => ({ url: `/api/relations/enterprises/${w.enterpriseB}/risk` }) },
  "POST /api/relations/risk/recompute": {},
  "GET /api/relations/risk/settings": {},
  "PUT /api/relations/risk/settings": { body: () => ({ weights: { no_union: 8 }, threshold: 30 }) },
  "GET /api/relations/alerts": {},
  "POST /api/relations/alerts/:id/acknowledge": { target: (w) => ({ url: `/api/relations/alerts/${w.extra.alertB}/acknowledge` }) },
  "POST /api/relations/alerts/:id/action": {
    target: (w) => ({ url: `/api/relations/alerts/${w.extra.alertB}/action`, body: { title: "Thử", leadBodyId: w.federation, deadline: "2099-01-01" } }),
  },
  "GET /api/relations/evaluation": {},
};

/** Side B's labor-relations records, inserted directly so the matrix can aim at them. */
async function relationsSetup(w: World): Promise<void> {
  const db = w.database;
  const one = async (q: ReturnType<typeof sql>) => (await db.rows<{ id: number }>(q))[0]?.id ?? 0;
  w.extra.incidentB = await one(
    sql`INSERT INTO relations_incidents (enterprise_id, kind, title, started_on, workers_affected, amount_owed, arrears_months)
        VALUES (${w.enterpriseB}, 'wage_arrears', 'Nợ lương MARKERB', '2026-05-01', 100, 500000000, 2) RETURNING id`,
  );
  w.extra.planB = await one(
    sql`INSERT INTO relations_plans (year, title, lead_body_id, starts_on, ends_on) VALUES (2026, 'Kế hoạch MARKERB', ${w.zoneUnionB}, '2026-01-01', '2026-12-31') RETURNING id`,
  );
  await db.rows(sql`INSERT INTO relations_plan_targets (plan_id, enterprise_id) VALUES (${w.extra.planB}, ${w.enterpriseB})`);
  w.extra.inspectionB = await one(
    sql`INSERT INTO relations_inspections (plan_id, enterprise_id, checklist_id, inspected_on, lead_body_id, status, summary)
        SELECT ${w.extra.planB}, ${w.enterpriseB}, id, '2026-05-01', ${w.zoneUnionB}, 'completed', 'Kết luận MARKERB' FROM relations_checklists ORDER BY version LIMIT 1 RETURNING id`,
  );
  const item = await one(sql`SELECT min(id) AS id FROM relations_checklist_items`);
  await db.rows(
    sql`INSERT INTO relations_answers (inspection_id, item_id, result, evidence, observed_value, reference_value) VALUES (${w.extra.inspectionB}, ${item}, 'non_compliant', 'MARKERB', 5000000, 5310000)`,
  );
  w.extra.recommendationB = await one(
    sql`INSERT INTO relations_recommendations (inspection_id, enterprise_id, item_id, text, issued_on, deadline)
        VALUES (${w.extra.inspectionB}, ${w.enterpriseB}, ${item}, 'Khắc phục MARKERB', '2026-05-01', '2026-06-01') RETURNING id`,
  );
  await db.rows(
    sql`INSERT INTO relations_risk_current (enterprise_id, as_of, score, signals) VALUES (${w.enterpriseB}, current_date, 50, '[{"kind":"wage_arrears","evidence":"MARKERB"}]')`,
  );
  w.extra.alertB = await one(
    sql`INSERT INTO relations_alerts (enterprise_id, raised_on, score, threshold, signals) VALUES (${w.enterpriseB}, current_date, 50, 30, '[]') RETURNING id`,
  );
}
