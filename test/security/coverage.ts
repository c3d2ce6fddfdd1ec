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
};
