import { sql } from "drizzle-orm";
import { submitPublic } from "#server/modules/voice/requests.service.ts";
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
  // Worker voice: side B's request is a named complaint at enterprise B (routed to union B).
  "GET /api/public/voice/consent": { publicData: true },
  "GET /api/public/challenge": { publicData: true },
  "POST /api/public/requests": {
    publicData: true,
    body: () => ({ kind: "consultation", topic: "wages", title: "Hỏi lương", description: "Hỏi về lương tối thiểu", anonymous: true, consent: true }),
    setup: async (w) => {
      const r = await submitPublic(
        w.database,
        {
          kind: "complaint",
          topic: "overtime",
          title: "Khiếu nại MARKERB-REQ",
          description: "Nội dung MARKERB-REQ",
          descriptionPrivate: false,
          enterpriseId: w.enterpriseB,
          anonymous: false,
          requester: { fullName: "Markerb Người Gửi", phone: "0987000999" },
          collective: false,
          consent: true,
        },
        { ip: "127.0.0.1", requestId: "setup", channel: "web" },
      );
      const [row] = await w.database.rows<{ id: number }>(sql`SELECT id FROM voice_requests WHERE code = ${r.code}`);
      w.extra.voiceRequestB = row?.id ?? 0;
      w.extra.voiceCodeB = r.code;
      w.markersB.push("MARKERB-REQ", "0987000999");
    },
  },
  "GET /api/public/requests/:code": { publicData: true, target: (w) => ({ url: `/api/public/requests/${w.extra.voiceCodeB}` }) },
  "POST /api/public/requests/:code/additions": {
    publicData: true,
    target: (w) => ({ url: `/api/public/requests/${w.extra.voiceCodeB}/additions`, body: { body: "thêm" } }),
  },
  "POST /api/public/requests/:code/rating": {
    publicData: true,
    target: (w) => ({ url: `/api/public/requests/${w.extra.voiceCodeB}/rating`, body: { score: 5 } }),
  },
  "POST /api/public/requests/:code/attachments": { publicData: true, target: (w) => ({ url: `/api/public/requests/${w.extra.voiceCodeB}/attachments` }) },
  "GET /api/public/enterprises": { publicData: true },
  "GET /api/public/qa": { publicData: true },
  "GET /api/public/qa/:id": { publicData: true, target: () => ({ url: "/api/public/qa/999999" }) },
  "POST /api/voice/requests": {
    body: () => ({
      kind: "consultation",
      topic: "wages",
      channel: "hotline",
      title: "Hỏi lương",
      description: "Hỏi qua điện thoại",
      anonymous: true,
      consent: true,
    }),
  },
  "GET /api/voice/callers": {},
  "GET /api/voice/requests": {},
  "GET /api/voice/requests/:id": { target: (w) => ({ url: `/api/voice/requests/${w.extra.voiceRequestB}` }) },
  "POST /api/voice/requests/:id/identity": { target: (w) => ({ url: `/api/voice/requests/${w.extra.voiceRequestB}/identity`, body: { purpose: "kiểm tra" } }) },
  "POST /api/voice/requests/:id/assign": { target: (w) => ({ url: `/api/voice/requests/${w.extra.voiceRequestB}/assign`, body: { userId: 1 } }) },
  "POST /api/voice/requests/:id/start": { target: (w) => ({ url: `/api/voice/requests/${w.extra.voiceRequestB}/start` }) },
  "POST /api/voice/requests/:id/transfer": {
    target: (w) => ({ url: `/api/voice/requests/${w.extra.voiceRequestB}/transfer`, body: { toBodyId: w.federation, reason: "chuyển thử" } }),
  },
  "POST /api/voice/requests/:id/notes": { target: (w) => ({ url: `/api/voice/requests/${w.extra.voiceRequestB}/notes`, body: { body: "ghi chú thử" } }) },
  "POST /api/voice/requests/:id/answer": {
    target: (w) => ({ url: `/api/voice/requests/${w.extra.voiceRequestB}/answer`, body: { answer: "Câu trả lời thử nghiệm đủ dài" } }),
  },
  "POST /api/voice/requests/:id/answer/review": {
    target: (w) => ({ url: `/api/voice/requests/${w.extra.voiceRequestB}/answer/review`, body: { approve: true } }),
  },
  "POST /api/voice/requests/:id/answer/publish": { target: (w) => ({ url: `/api/voice/requests/${w.extra.voiceRequestB}/answer/publish` }) },
  "POST /api/voice/requests/:id/close": { target: (w) => ({ url: `/api/voice/requests/${w.extra.voiceRequestB}/close`, body: {} }) },
  "POST /api/voice/requests/:id/reopen": { target: (w) => ({ url: `/api/voice/requests/${w.extra.voiceRequestB}/reopen`, body: { reason: "mở lại thử" } }) },
  "POST /api/voice/requests/:id/attachments": { target: (w) => ({ url: `/api/voice/requests/${w.extra.voiceRequestB}/attachments` }) },
  "GET /api/voice/requests/:id/attachments/:attachmentId": { target: (w) => ({ url: `/api/voice/requests/${w.extra.voiceRequestB}/attachments/1` }) },
  "GET /api/voice/bodies": {},
  "GET /api/voice/requests/:id/officers": { target: (w) => ({ url: `/api/voice/requests/${w.extra.voiceRequestB}/officers` }) },
  "GET /api/voice/overdue": {},
  "POST /api/voice/escalations": {},
  "GET /api/voice/qa": {},
  "GET /api/voice/qa/:id": {},
  "GET /api/voice/requests/:id/qa-draft": { target: (w) => ({ url: `/api/voice/requests/${w.extra.voiceRequestB}/qa-draft` }) },
  "POST /api/voice/qa": {
    body: () => ({ question: "Câu hỏi thử", answer: "Trả lời thử", citations: ["Điều 98 Bộ luật Lao động 2019"], validFrom: "2021-01-01" }),
  },
  "PUT /api/voice/qa/:id": {
    body: () => ({ question: "Câu hỏi thử", answer: "Trả lời thử", citations: ["Điều 98 Bộ luật Lao động 2019"], validFrom: "2021-01-01" }),
  },
  "POST /api/voice/qa/:id/publish": { body: () => ({ publish: false }) },
  "GET /api/voice/superseded": {},
  "POST /api/voice/superseded": { body: () => ({ oldCitation: "Nghị định 1/2000/NĐ-CP", newCitation: "Nghị định 2/2001/NĐ-CP" }) },
  "GET /api/voice/holidays": {},
  "PUT /api/voice/holidays/:day": { body: () => ({ name: "Nghỉ thử" }) },
  "DELETE /api/voice/holidays/:day": {},
  "GET /api/voice/settings": {},
  "PUT /api/voice/settings": { body: () => ({ reopenDays: 30 }) },
};
