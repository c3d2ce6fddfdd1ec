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
  // Coordination and reporting: side B's plan (signed by zone union B only), zone-B target, model,
  // activity with a dialogue question, and a Party referral of member B by union B.
  "GET /api/coordination/plans": { setup: coordinationSideB },
  "POST /api/coordination/plans": { body: () => ({ year: 2031, code: `MKH-${Math.random().toString(36).slice(2, 8)}`, title: "Kế hoạch thử" }) },
  "GET /api/coordination/plans/:id": { target: (w) => ({ url: `/api/coordination/plans/${w.extra.planB}` }) },
  "PATCH /api/coordination/plans/:id": { target: (w) => ({ url: `/api/coordination/plans/${w.extra.planB}`, body: { title: "Đổi tên" } }) },
  "DELETE /api/coordination/plans/:id": { target: (w) => ({ url: `/api/coordination/plans/${w.extra.planB}` }) },
  "POST /api/coordination/plans/:id/items": {
    target: (w) => ({ url: `/api/coordination/plans/${w.extra.planB}/items`, body: { content: "Nội dung thử", leadBodyId: w.zoneUnionB } }),
  },
  "PATCH /api/coordination/items/:id": { target: (w) => ({ url: `/api/coordination/items/${w.extra.itemB}`, body: { status: "done" } }) },
  "DELETE /api/coordination/items/:id": { target: (w) => ({ url: `/api/coordination/items/${w.extra.itemB}` }) },
  "POST /api/coordination/plans/:id/carry-over": {
    target: (w) => ({ url: `/api/coordination/plans/${w.extra.planB}/carry-over`, body: { toPlanId: w.extra.planB2 } }),
  },
  "GET /api/coordination/targets": {},
  "POST /api/coordination/targets": {
    body: (w) => ({ program: "Thử", title: "Chỉ tiêu thử", metric: "manual", targetValue: 10, deadline: "2030-12-31", zoneId: w.zoneB }),
  },
  "POST /api/coordination/targets/snapshots": { body: () => ({ month: "2024-01" }) },
  "GET /api/coordination/targets/:id": { target: (w) => ({ url: `/api/coordination/targets/${w.extra.targetB}` }) },
  "PUT /api/coordination/targets/:id": {
    target: (w) => ({
      url: `/api/coordination/targets/${w.extra.targetB}`,
      body: { program: "Thử", title: "Đổi", metric: "manual", targetValue: 5, deadline: "2030-12-31", zoneId: w.zoneB },
    }),
  },
  "DELETE /api/coordination/targets/:id": { target: (w) => ({ url: `/api/coordination/targets/${w.extra.targetB}` }) },
  "POST /api/coordination/targets/:id/values": {
    target: (w) => ({ url: `/api/coordination/targets/${w.extra.targetB}/values`, body: { asOf: "2024-01-31", value: 3 } }),
  },
  "GET /api/coordination/activities": {},
  "POST /api/coordination/activities": { body: (w) => ({ kind: "supervision", title: "Giám sát thử", heldOn: "2024-03-01", enterpriseId: w.enterpriseB }) },
  "GET /api/coordination/activities/:id": { target: (w) => ({ url: `/api/coordination/activities/${w.extra.activityB}` }) },
  "PUT /api/coordination/activities/:id": {
    target: (w) => ({ url: `/api/coordination/activities/${w.extra.activityB}`, body: { kind: "dialogue", title: "Đổi", heldOn: "2024-03-01" } }),
  },
  "DELETE /api/coordination/activities/:id": { target: (w) => ({ url: `/api/coordination/activities/${w.extra.activityB}` }) },
  "GET /api/coordination/dialogue-questions/pending": {},
  "PUT /api/coordination/dialogue-questions/:id/request": {
    target: (w) => ({ url: `/api/coordination/dialogue-questions/${w.extra.questionB}/request`, body: { requestRef: "YC-THU-1" } }),
  },
  "GET /api/coordination/models": {},
  "POST /api/coordination/models": { body: (w) => ({ name: "Mô hình thử", year: 2024, zoneId: w.zoneB }) },
  "PUT /api/coordination/models/:id": {
    target: (w) => ({ url: `/api/coordination/models/${w.extra.modelB}`, body: { name: "Đổi", year: 2024, zoneId: w.zoneB } }),
  },
  "DELETE /api/coordination/models/:id": { target: (w) => ({ url: `/api/coordination/models/${w.extra.modelB}` }) },
  "GET /api/coordination/referrals": {},
  "POST /api/coordination/referrals": { body: (w) => ({ personId: w.personB, unionId: w.unionB, referredOn: "2024-05-01" }) },
  "PUT /api/coordination/referrals/:id/outcome": {
    target: (w) => ({ url: `/api/coordination/referrals/${w.extra.referralB}/outcome`, body: { outcome: "admitted", admittedOn: "2024-09-01" } }),
  },
  "DELETE /api/coordination/referrals/:id": { target: (w) => ({ url: `/api/coordination/referrals/${w.extra.referralB}` }) },
  "GET /api/reports/dashboard": { target: (w) => ({ url: `/api/reports/dashboard?period=2024&zoneId=${w.zoneB}` }) },
  "GET /api/reports/preview": {},
  "GET /api/reports/joint.docx": {},
  "GET /api/reports/joint.xlsx": {},
  "GET /api/reports/trace/:key": {},
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

/** Side B's coordination records, every one carrying the marker. */
async function coordinationSideB(w: World): Promise<void> {
  const db = w.database;
  const one = async (q: ReturnType<typeof sql>) => (await db.rows<{ id: number }>(q))[0]?.id ?? 0;
  w.extra.planB = await one(
    sql`INSERT INTO coordination_plans (year, code, title, parties, owner_body_id) VALUES (2024, 'MARKERB-KH-1', 'Kế hoạch MARKERB', ARRAY[${w.zoneUnionB}]::int[], ${w.zoneUnionB}) RETURNING id`,
  );
  w.extra.planB2 = await one(
    sql`INSERT INTO coordination_plans (year, code, title, parties, owner_body_id) VALUES (2025, 'MARKERB-KH-2', 'Kế hoạch MARKERB 2025', ARRAY[${w.zoneUnionB}]::int[], ${w.zoneUnionB}) RETURNING id`,
  );
  w.extra.itemB = await one(
    sql`INSERT INTO plan_items (plan_id, no, content, lead_body_id, status, reason_not_done) VALUES (${w.extra.planB}, 1, 'Nội dung MARKERB', ${w.zoneUnionB}, 'not_done', 'Lý do MARKERB') RETURNING id`,
  );
  w.extra.targetB = await one(
    sql`INSERT INTO targets (program, title, metric, unit, target_value, deadline, zone_id, owner_body_id) VALUES ('MARKERB', 'Chỉ tiêu MARKERB', 'manual', 'count', 10, '2030-12-31', ${w.zoneB}, ${w.zoneUnionB}) RETURNING id`,
  );
  w.extra.activityB = await one(
    sql`INSERT INTO activities (kind, title, held_on, body_id, zone_id, participants) VALUES ('dialogue', 'Đối thoại MARKERB', '2024-04-01', ${w.zoneUnionB}, ${w.zoneB}, 100) RETURNING id`,
  );
  w.extra.questionB = await one(sql`INSERT INTO dialogue_questions (activity_id, no, text) VALUES (${w.extra.activityB}, 1, 'Câu hỏi MARKERB') RETURNING id`);
  w.extra.modelB = await one(
    sql`INSERT INTO mobilization_models (name, body_id, zone_id, year) VALUES ('Mô hình MARKERB', ${w.zoneUnionB}, ${w.zoneB}, 2024) RETURNING id`,
  );
  w.extra.referralB = await one(
    sql`INSERT INTO party_referrals (person_id, union_id, referred_on, note) VALUES (${w.personB}, ${w.unionB}, '2024-03-01', 'MARKERB') RETURNING id`,
  );
}
