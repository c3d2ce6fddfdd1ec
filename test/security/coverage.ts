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
  // Registry
  "GET /api/registry/zones": {},
  "GET /api/registry/enterprises": {},
  "GET /api/registry/enterprises/:id": { target: (w) => ({ url: `/api/registry/enterprises/${w.enterpriseB}` }) },
  "POST /api/registry/enterprises": {
    body: (w) => ({ taxCode: "0109999995", name: "Công ty Thử", ownership: "fdi", sector: "May mặc", zoneId: w.zoneB }),
  },
  "PATCH /api/registry/enterprises/:id": { target: (w) => ({ url: `/api/registry/enterprises/${w.enterpriseB}`, body: { workforceTotal: 310 } }) },
  "GET /api/registry/unions": {},
  "GET /api/registry/unions/:id": { target: (w) => ({ url: `/api/registry/unions/${w.unionB}` }) },
  "POST /api/registry/unions": { body: (w) => ({ name: "Công đoàn cơ sở thử", enterpriseIds: [w.enterpriseB] }) },
  "PATCH /api/registry/unions/:id": { target: (w) => ({ url: `/api/registry/unions/${w.unionB}`, body: { chairName: "Trần Văn Thử" } }) },
  "GET /api/registry/people": {},
  "GET /api/registry/people/:id": { target: (w) => ({ url: `/api/registry/people/${w.personB}` }) },
  "GET /api/registry/people/:id/timeline": { target: (w) => ({ url: `/api/registry/people/${w.personB}/timeline` }) },
  "POST /api/registry/people": { body: (w) => ({ givenName: "Thử", enterpriseId: w.enterpriseB }) },
  "PATCH /api/registry/people/:id": { target: (w) => ({ url: `/api/registry/people/${w.personB}`, body: { hometown: "Nam Định" } }) },
  "POST /api/registry/people/:id/join": { target: (w) => ({ url: `/api/registry/people/${w.personB}/join`, body: { unionId: w.unionB, date: "2025-01-01" } }) },
  "POST /api/registry/people/:id/transfer": {
    target: (w) => ({ url: `/api/registry/people/${w.personB}/transfer`, body: { unionId: w.unionA, date: "2025-01-01" } }),
  },
  "POST /api/registry/people/:id/leave": { target: (w) => ({ url: `/api/registry/people/${w.personB}/leave`, body: { date: "2025-01-01", reason: "left" } }) },
  "GET /api/registry/members/count": {},
  "GET /api/search": {},
  "GET /api/registry/agreements": {},
  "GET /api/registry/agreements/coverage": {},
  "GET /api/registry/agreements/:id": {
    setup: async (w) => {
      const [a] = await w.database.rows<{ id: number }>(
        sql`INSERT INTO agreements (kind, union_id, title, signed_on, effective_from, effective_to) VALUES ('enterprise', ${w.unionB}, 'Thỏa ước MARKERB-AGREEMENT', '2025-01-01', '2025-01-01', '2027-12-31') RETURNING id`,
      );
      await w.database.rows(sql`INSERT INTO agreement_enterprises (agreement_id, enterprise_id) VALUES (${a?.id}, ${w.enterpriseB})`);
      w.extra.agreementB = a?.id ?? 0;
    },
    target: (w) => ({ url: `/api/registry/agreements/${w.extra.agreementB}` }),
  },
  "POST /api/registry/agreements": {
    body: (w) => ({ enterpriseIds: [w.enterpriseB], title: "Thỏa ước thử", signedOn: "2025-01-01", effectiveFrom: "2025-01-01", effectiveTo: "2026-12-31" }),
  },
  "PUT /api/registry/agreements/:id": {
    target: (w) => ({
      url: `/api/registry/agreements/${w.extra.agreementB}`,
      body: {
        enterpriseIds: [w.enterpriseB],
        title: "Thỏa ước MARKERB-AGREEMENT",
        signedOn: "2025-01-01",
        effectiveFrom: "2025-01-01",
        effectiveTo: "2027-12-31",
      },
    }),
  },
  "DELETE /api/registry/agreements/:id": { target: (w) => ({ url: `/api/registry/agreements/${w.extra.agreementB}` }) },
  "GET /api/registry/labor-reports": {},
  "GET /api/registry/enterprises/:id/labor-reports": { target: (w) => ({ url: `/api/registry/enterprises/${w.enterpriseB}/labor-reports` }) },
  "POST /api/registry/enterprises/:id/labor-reports": {
    target: (w) => ({ url: `/api/registry/enterprises/${w.enterpriseB}/labor-reports`, body: { period: "2025-H2", workforce: 300 } }),
  },
  "GET /api/registry/imports/members/template": {},
  "POST /api/registry/imports/members": {},
  "GET /api/registry/imports/:id": { target: () => ({ url: "/api/registry/imports/999999" }) },
  "GET /api/registry/export/enterprises.xlsx": {},
  "GET /api/registry/export/unions.xlsx": {},
  "GET /api/registry/export/people.xlsx": {},
};
