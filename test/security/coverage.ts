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
  // Care: side B has its own union's campaign with a payout, a nomination and a payout in the
  // federation's campaign, a union house, a survey of its zone union and a join request.
  "GET /api/care/campaigns": {
    setup: async (w) => {
      const one = async <T>(q: ReturnType<typeof sql>) => (await w.database.rows<T>(q))[0] as T;
      const own = await one<{ id: number }>(
        sql`INSERT INTO care_campaigns (name, purpose, owner_body_id, starts_on, ends_on, kinds) VALUES ('Quà Tết MARKERB', 'tet', ${w.unionB}, '2026-01-05', '2026-02-15', ARRAY['cash','gift']) RETURNING id`,
      );
      await w.database.rows(
        sql`INSERT INTO care_payouts (campaign_id, person_id, union_id, kind, amount, paid_on) VALUES (${own.id}, ${w.personB}, ${w.unionB}, 'gift', 300000, '2026-01-20')`,
      );
      const fed = await one<{ id: number }>(
        sql`INSERT INTO care_campaigns (name, purpose, owner_body_id, starts_on, ends_on, kinds) VALUES ('Tết của thành phố', 'tet', ${w.federation}, '2026-01-05', '2026-02-15', ARRAY['cash','gift']) RETURNING id`,
      );
      const payout = await one<{ id: number }>(
        sql`INSERT INTO care_payouts (campaign_id, person_id, union_id, kind, amount, paid_on) VALUES (${fed.id}, ${w.personB}, ${w.unionB}, 'cash', 500000, '2026-01-21') RETURNING id`,
      );
      const fed2 = await one<{ id: number }>(
        sql`INSERT INTO care_campaigns (name, purpose, owner_body_id, starts_on, ends_on, kinds) VALUES ('Thăm hỏi của thành phố', 'hardship', ${w.federation}, '2026-03-01', '2026-12-31', ARRAY['cash']) RETURNING id`,
      );
      const nomination = await one<{ id: number }>(
        sql`INSERT INTO care_nominations (campaign_id, person_id, union_id, kind, amount, reason) VALUES (${fed2.id}, ${w.personB}, ${w.unionB}, 'cash', 1000000, 'Hoàn cảnh MARKERB') RETURNING id`,
      );
      const house = await one<{ id: number }>(
        sql`INSERT INTO care_union_houses (person_id, union_id, address, amount, approved_on) VALUES (${w.personB}, ${w.unionB}, 'Thôn MARKERB', 50000000, '2026-03-01') RETURNING id`,
      );
      const survey = await one<{ id: number; token: string }>(
        sql`INSERT INTO care_surveys (title, token, owner_body_id, status, target_enterprise_ids) VALUES ('Khảo sát MARKERB', 'markerbsurveytoken', ${w.zoneUnionB}, 'open', ARRAY[${w.enterpriseB}]::int[]) RETURNING id, token`,
      );
      const project = await one<{ id: number }>(
        sql`INSERT INTO care_housing_projects (name, place, developer, zone_id) VALUES ('Nhà ở công nhân khu B', 'Phường B', 'Chủ đầu tư B', ${w.zoneB}) RETURNING id`,
      );
      const join = await one<{ id: number }>(
        sql`INSERT INTO care_join_requests (code, full_name, birth_date, citizen_id, phone, enterprise_id, enterprise_name, target_body_id, consent_at)
            VALUES ('KN-B0B0B0B0B0', 'Markerb Xin', '1999-01-01', '031199000999', '0987654321', ${w.enterpriseB}, 'MARKERB-ENT', ${w.unionB}, now()) RETURNING id`,
      );
      Object.assign(w.extra, {
        careCampaignB: own.id,
        carePayoutB: payout.id,
        careNominationB: nomination.id,
        careHouseB: house.id,
        careSurveyB: survey.id,
        careProjectB: project.id,
        careJoinB: join.id,
      });
    },
  },
  "POST /api/care/campaigns": {
    body: () => ({ name: "Đợt thử", purpose: "tet", startsOn: "2026-01-01", endsOn: "2026-01-31", kinds: ["cash"] }),
  },
  "GET /api/care/campaigns/:id": { target: (w) => ({ url: `/api/care/campaigns/${w.extra.careCampaignB}` }) },
  "PATCH /api/care/campaigns/:id": { target: (w) => ({ url: `/api/care/campaigns/${w.extra.careCampaignB}`, body: { name: "Đổi tên đợt" } }) },
  "GET /api/care/campaigns/:id/payouts": { target: (w) => ({ url: `/api/care/campaigns/${w.extra.careCampaignB}/payouts` }) },
  "POST /api/care/campaigns/:id/payouts": {
    target: (w) => ({
      url: `/api/care/campaigns/${w.extra.careCampaignB}/payouts`,
      body: { personId: w.personB, kind: "cash", amount: 100000, paidOn: "2026-01-25" },
    }),
  },
  "DELETE /api/care/payouts/:id": { target: (w) => ({ url: `/api/care/payouts/${w.extra.carePayoutB}` }) },
  "POST /api/care/campaigns/:id/payouts/import": { target: (w) => ({ url: `/api/care/campaigns/${w.extra.careCampaignB}/payouts/import?dryRun=true` }) },
  "GET /api/care/campaigns/:id/nominations": { target: (w) => ({ url: `/api/care/campaigns/${w.extra.careCampaignB}/nominations` }) },
  "POST /api/care/campaigns/:id/nominations": {
    target: (w) => ({
      url: `/api/care/campaigns/${w.extra.careCampaignB}/nominations`,
      body: { personId: w.personB, kind: "cash", amount: 100000, reason: "Thử đề nghị" },
    }),
  },
  "POST /api/care/nominations/:id/decision": {
    target: (w) => ({ url: `/api/care/nominations/${w.extra.careNominationB}/decision`, body: { decision: "decline", note: "Không thuộc đối tượng" } }),
  },
  "GET /api/care/fairness": {},
  "GET /api/care/union-houses": {},
  "GET /api/care/union-houses/:id": { target: (w) => ({ url: `/api/care/union-houses/${w.extra.careHouseB}` }) },
  "POST /api/care/union-houses": { body: (w) => ({ personId: w.personB, address: "Thôn Thử, xã Thử", amount: 1000000, approvedOn: "2026-03-01" }) },
  "PATCH /api/care/union-houses/:id": { target: (w) => ({ url: `/api/care/union-houses/${w.extra.careHouseB}`, body: { progress: 50 } }) },
  // Worker housing is public information (GET /api/public/housing lists the same projects).
  "GET /api/care/housing": { publicData: true },
  "GET /api/care/housing/:id": { publicData: true },
  "POST /api/care/housing": { body: (w) => ({ name: "Dự án thử nghiệm", place: "Phường thử", developer: "Chủ đầu tư thử", zoneId: w.zoneB }) },
  "PATCH /api/care/housing/:id": { target: (w) => ({ url: `/api/care/housing/${w.extra.careProjectB}`, body: { units: 10 } }) },
  "POST /api/care/housing/:id/milestones": {
    target: (w) => ({ url: `/api/care/housing/${w.extra.careProjectB}/milestones`, body: { kind: "started", label: "Khởi công", happenedOn: "2026-01-01" } }),
  },
  "GET /api/public/housing": { publicData: true },
  "GET /api/care/surveys": {},
  "POST /api/care/surveys": {
    body: (w) => ({ title: "Khảo sát thử", targetEnterpriseIds: [w.enterpriseB], questions: [{ kind: "text", text: "Ý kiến?" }] }),
  },
  "GET /api/care/surveys/:id": { target: (w) => ({ url: `/api/care/surveys/${w.extra.careSurveyB}` }) },
  "PATCH /api/care/surveys/:id": { target: (w) => ({ url: `/api/care/surveys/${w.extra.careSurveyB}`, body: { status: "closed" } }) },
  "GET /api/care/surveys/:id/results": { target: (w) => ({ url: `/api/care/surveys/${w.extra.careSurveyB}/results` }) },
  // Whoever holds a survey's link may read and answer it: that is what a link is for.
  "GET /api/public/surveys/:token": { publicData: true },
  "POST /api/public/surveys/:token/responses": { publicData: true },
  "POST /api/public/join-requests": { publicData: true },
  "GET /api/public/join-requests/:code": { publicData: true },
  "GET /api/care/join-requests": {},
  "POST /api/care/join-requests/:id/decision": {
    target: (w) => ({ url: `/api/care/join-requests/${w.extra.careJoinB}/decision`, body: { decision: "decline", reason: "Không thuộc phạm vi" } }),
  },
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
