import { sql } from "drizzle-orm";
import { submitPublic } from "#server/modules/voice/submission.service.ts";
import { Client } from "../support/app.ts";
import { buildEnterprise, buildPerson, buildUnion, buildUser, uniqueTaxCode } from "../support/factories.ts";
import type { World } from "./world.ts";

/**
 * Every API route and how to aim it at side B. The matrix test fails for a route missing here,
 * so a new route cannot ship without being attacked.
 *
 * - `target(w)`: the URL (and body) of a request about side B's object; omitted for routes without
 *   an object (lists, "me" routes), which are still scanned for side B's markers. A scoped actor
 *   must never get a 2xx on a target, so bodies are valid: a 400 would hide a missing scope check.
 * - `url(w)`: for a route without an object, the URL to call (a list's query), marker-scanned only.
 * - `setup(w)`: creates side B's module objects first (stores ids in `w.extra`), through the API as
 *   side B's own officers would, so the objects are what the module really stores.
 */
export interface RouteSpec {
  target?: (w: World) => { url: string; body?: unknown; headers?: Record<string, string> };
  /** A body for routes that need one (the matrix also sends it for routes without an object). */
  body?: (w: World) => unknown;
  url?: (w: World) => string;
  setup?: (w: World) => Promise<void>;
  /** Why even the system administrator gets no 2xx on this target (otherwise the matrix requires one). */
  adminRefused?: string;
  /** Why a list route carries no names of side B even for the city (counts only, a binary file, a page about me). */
  unmarked?: string;
  /** Routes that legitimately answer about side B to everyone (public portal pages, health). */
  publicData?: boolean;
}

const YEAR = new Date().getUTCFullYear();
const day = (monthDay: string, year = YEAR) => `${year}-${monthDay}`;
const TODAY = new Date().toISOString().slice(0, 10);
/** Side B's hotline line, declared by the duty board's setup. */
const SIDE_B_LINE = "02259990001";

function api(w: World) {
  if (!w.api) throw new Error("the matrix signs in its clients before the setups");
  return w.api;
}
const x = (w: World, key: string) => {
  const v = w.extra[key];
  if (v === undefined) throw new Error(`setup did not create ${key}`);
  return v;
};

/** A write through the API that must succeed; returns the JSON answer. */
// biome-ignore lint/suspicious/noExplicitAny: answers of many modules, read by field name
async function make(c: Client, method: "POST" | "PUT" | "PATCH", url: string, body: unknown): Promise<any> {
  const res = await c.request({ method, url, payload: body as object });
  if (res.statusCode >= 300) throw new Error(`setup ${method} ${url} → ${res.statusCode} ${res.body.slice(0, 400)}`);
  return res.body ? res.json() : {};
}

/** The id of what a create answered: `{ id }` or `{ agreement: { id }, warnings }`. */
// biome-ignore lint/suspicious/noExplicitAny: answers of many modules, read by field name
function idOf(o: any): number {
  const id = o?.id ?? Object.values(o ?? {}).find((v): v is { id: number } => typeof v === "object" && v !== null && "id" in v)?.id;
  if (typeof id !== "number") throw new Error(`no id in ${JSON.stringify(o).slice(0, 300)}`);
  return id;
}

/** A multipart/form-data body with one file field, as a browser sends it. */
export function multipart(fileName: string, content: Buffer | string, field = "file") {
  const boundary = `----caunoi${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, Buffer.isBuffer(content) ? content : Buffer.from(content), tail]),
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  };
}

// ---------- Side B's module objects ----------

async function registrySetup(w: World) {
  const { sideB } = api(w);
  const cityB = { federation: w.federation, authority: w.authority, mmc: w.mmc, zoneUnion: w.zoneUnionB, zoneId: w.zoneB };
  // A second enterprise and union of side B: targets of transfers and of new unions.
  const e2 = await buildEnterprise(w.database, cityB, { name: "Công ty TNHH MARKERB-ENT2" });
  const u2 = await buildUnion(w.database, cityB, e2.id, "Công đoàn cơ sở MARKERB-UNION2");
  w.extra.enterpriseB2 = e2.id;
  w.extra.unionB2 = u2.id;
  const e3 = await buildEnterprise(w.database, cityB, { name: "Công ty TNHH MARKERB-ENT3 chưa có công đoàn" });
  w.extra.enterpriseB3 = e3.id;
  const person = (givenName: string, member: boolean) =>
    buildPerson(w.database, { familyName: "Markerb", givenName, enterpriseId: w.enterpriseB, unionId: member ? w.unionB : null });
  w.extra.personJoinB = (await person("Chưa Vào", false)).id;
  w.extra.personTransferB = (await person("Chuyển Đi", true)).id;
  w.extra.personLeaveB = (await person("Thôi Sinh Hoạt", true)).id;
  w.extra.personCareB = (await person("Được Hỗ Trợ", true)).id;
  w.extra.personNominateB = (await person("Được Đề Nghị", true)).id;
  const corrected = await person("Sửa Ngày Vào", true);
  w.extra.personCorrectB = corrected.id;
  const [correctedMembership] = await w.database.rows<{ id: number }>(sql`SELECT id FROM memberships WHERE person_id = ${corrected.id}`);
  w.extra.membershipCorrectB = correctedMembership?.id ?? 0;

  const agreement = (title: string) => ({
    kind: "enterprise",
    unionId: w.unionB,
    enterpriseIds: [w.enterpriseB],
    title,
    signedOn: day("01-10", YEAR - 1),
    effectiveFrom: day("01-15", YEAR - 1),
    effectiveTo: day("01-14", YEAR + 2),
    lowestWage: 5_000_000,
  });
  w.extra.agreementB = idOf(await make(sideB, "POST", "/api/registry/agreements", agreement("Thỏa ước MARKERB")));
  w.extra.agreementDelB = idOf(await make(sideB, "POST", "/api/registry/agreements", agreement("Thỏa ước MARKERB ghi nhầm")));
  await make(sideB, "POST", `/api/registry/enterprises/${w.enterpriseB}/labor-reports`, {
    period: `${YEAR - 1}-H2`,
    workforce: 300,
    lowestWage: 4_000_000,
    averageWage: 7_000_000,
    note: "Báo cáo MARKERB",
  });
  // An import run of side B's officer: its report names side B's rows.
  const csv = `Họ và tên,Số CCCD,Ngày sinh,Giới tính,Công đoàn cơ sở,Ngày vào công đoàn\nMarkerb Nhập Thử,031195777001,01/01/1995,Nữ,${w.unionB},01/02/${YEAR}\n`;
  const upload = multipart("markerb.csv", csv);
  const res = await sideB.request({ method: "POST", url: "/api/registry/imports/members?dryRun=true", ...upload });
  if (res.statusCode >= 300) throw new Error(`setup import → ${res.statusCode} ${res.body.slice(0, 300)}`);
  const job = res.json() as { jobId?: number; id?: number };
  w.extra.importJobB = job.jobId ?? idOf(job);
}

async function relationsSetup(w: World) {
  const { sideB, admin } = api(w);
  const incident = (title: string) => ({
    enterpriseId: w.enterpriseB,
    kind: "wage_arrears",
    title,
    startedOn: day("02-01"),
    workersAffected: 120,
    amountOwed: 900_000_000,
    arrearsMonths: 2,
    demands: "Trả lương tháng 12 cho MARKERB",
  });
  w.extra.incidentB = idOf(await make(sideB, "POST", "/api/relations/incidents", incident("Nợ lương MARKERB")));
  w.extra.disputeB = idOf(await make(sideB, "POST", "/api/relations/incidents", { ...incident("Tranh chấp về quyền MARKERB"), kind: "dispute_rights" }));
  const plan = await make(sideB, "POST", "/api/relations/plans", {
    year: YEAR,
    title: "Kế hoạch kiểm tra MARKERB",
    leadBodyId: w.zoneUnionB,
    startsOn: day("01-01"),
    endsOn: day("12-31"),
    targets: [{ enterpriseId: w.enterpriseB, plannedOn: day("03-01") }],
  });
  w.extra.relationsPlanB = idOf(plan);
  const items = ((await sideB.get(`/api/relations/checklists/current?date=${day("06-01")}`)).json() as { items: { id: number }[] }).items;
  const form = await make(sideB, "POST", "/api/relations/inspections", {
    enterpriseId: w.enterpriseB,
    inspectedOn: day("06-01"),
    answers: items.map((i, k) => ({ itemId: i.id, result: k === 0 ? "non_compliant" : "compliant", evidence: "Biên bản MARKERB" })),
    leadBodyId: w.zoneUnionB,
    summary: "Kiểm tra MARKERB",
    findings: [{ text: "Trả đủ lương cho MARKERB", deadline: day("06-30") }],
    complete: true,
  });
  w.extra.inspectionB = idOf(form);
  w.extra.inspectionDraftB = idOf(
    await make(sideB, "POST", "/api/relations/inspections", {
      enterpriseId: w.enterpriseB,
      inspectedOn: day("06-02"),
      leadBodyId: w.zoneUnionB,
      summary: "Biên bản nháp MARKERB",
    }),
  );
  const recs = (await admin.get(`/api/relations/recommendations?enterpriseId=${w.enterpriseB}`)).json() as { id: number }[] | { items: { id: number }[] };
  const list = Array.isArray(recs) ? recs : recs.items;
  w.extra.recommendationB = idOf(list[0]);
  // The incident may already have raised side B's open alert; a second one is acknowledged, ready for an action.
  const alert = async (status: string) => {
    const [row] = await w.database.rows<{ id: number }>(
      sql`INSERT INTO relations_alerts (enterprise_id, raised_on, score, threshold, signals, status)
          VALUES (${w.enterpriseB}, ${TODAY}, 80, 50, '[{"key":"wage_arrears","label":"Nợ lương MARKERB"}]', ${status}) RETURNING id`,
    );
    return row?.id ?? 0;
  };
  const [open] = await w.database.rows<{ id: number }>(sql`SELECT id FROM relations_alerts WHERE enterprise_id = ${w.enterpriseB} AND status = 'open'`);
  w.extra.alertB = open?.id ?? (await alert("open"));
  w.extra.alertActionB = await alert("acknowledged");
}

async function coordinationSetup(w: World) {
  const { sideB } = api(w);
  const plan = (code: string, year: number) =>
    make(sideB, "POST", "/api/coordination/plans", {
      year,
      code,
      title: `Kế hoạch phối hợp MARKERB ${code}`,
      parties: [w.zoneUnionB],
      items: [
        { area: "general", content: "Nội dung MARKERB thứ nhất", leadBodyId: w.zoneUnionB },
        { area: "general", content: "Nội dung MARKERB thứ hai", leadBodyId: w.zoneUnionB },
      ],
    });
  const p = await plan("01/KH-MARKERB", YEAR);
  w.extra.coPlanB = idOf(p);
  w.extra.coItemB = idOf(p.items?.[0]);
  w.extra.coItemDelB = idOf(p.items?.[1]);
  w.extra.coPlanNextB = idOf(await plan("02/KH-MARKERB", YEAR + 1));
  w.extra.coPlanDelB = idOf(await plan("03/KH-MARKERB", YEAR));
  const target = (title: string) =>
    make(sideB, "POST", "/api/coordination/targets", {
      program: "Chương trình MARKERB",
      title,
      metric: "members_as_of",
      targetValue: 100,
      deadline: day("12-31"),
      zoneId: w.zoneB,
    });
  w.extra.targetB = idOf(await target("Chỉ tiêu MARKERB"));
  w.extra.targetDelB = idOf(await target("Chỉ tiêu MARKERB ghi nhầm"));
  w.extra.targetManualB = idOf(
    await make(sideB, "POST", "/api/coordination/targets", {
      program: "Chương trình MARKERB",
      title: "Chỉ tiêu nhập tay MARKERB",
      metric: "manual",
      targetValue: 50,
      deadline: day("12-31"),
      zoneId: w.zoneB,
    }),
  );
  const activity = (title: string) =>
    make(sideB, "POST", "/api/coordination/activities", {
      kind: "dialogue",
      title,
      heldOn: day("05-01"),
      zoneId: w.zoneB,
      enterpriseId: w.enterpriseB,
      participants: 80,
      notes: "Ghi chú MARKERB",
      questions: [{ text: "Vì sao chậm lương MARKERB?", asker: "Markerb Bình", enterpriseId: w.enterpriseB, topic: "Tiền lương" }],
    });
  const a = await activity("Đối thoại MARKERB");
  w.extra.activityB = idOf(a);
  w.extra.questionB = idOf(a.questions?.[0]);
  w.extra.activityDelB = idOf(await activity("Đối thoại MARKERB ghi nhầm"));
  const model = (name: string) => make(sideB, "POST", "/api/coordination/models", { name, zoneId: w.zoneB, year: YEAR, field: "Dân vận khéo" });
  w.extra.modelB = idOf(await model("Mô hình MARKERB"));
  w.extra.modelDelB = idOf(await model("Mô hình MARKERB ghi nhầm"));
  const referral = (personId: number | string, referredOn: string) =>
    make(sideB, "POST", "/api/coordination/referrals", { personId, unionId: w.unionB, referredOn, note: "Giới thiệu MARKERB" });
  w.extra.referralB = idOf(await referral(w.personB, day("06-01")));
  w.extra.referralDelB = idOf(await referral(w.personB, day("06-02")));
}

/**
 * Side C's records, made by zone A's own officer (the zone sees side C): every one names side C, so
 * that the union officer and the enterprise representative of side A would show a leak.
 */
async function sideCSetup(w: World) {
  const { zoneA } = api(w);
  await make(zoneA, "POST", "/api/relations/incidents", {
    enterpriseId: w.enterpriseC,
    kind: "work_stoppage",
    title: "Ngừng việc MARKERC",
    startedOn: day("02-10"),
    workersAffected: 200,
  });
  await make(zoneA, "POST", "/api/registry/agreements", {
    unionId: w.unionC,
    enterpriseIds: [w.enterpriseC],
    title: "Thỏa ước MARKERC",
    signedOn: day("01-10", YEAR - 1),
    effectiveFrom: day("01-15", YEAR - 1),
    effectiveTo: day("01-14", YEAR + 2),
  });
  await make(zoneA, "POST", `/api/registry/enterprises/${w.enterpriseC}/labor-reports`, { period: `${YEAR - 1}-H2`, workforce: 150, note: "Báo cáo MARKERC" });
  const items = ((await zoneA.get(`/api/relations/checklists/current?date=${day("06-01")}`)).json() as { items: { id: number }[] }).items;
  await make(zoneA, "POST", "/api/relations/inspections", {
    enterpriseId: w.enterpriseC,
    inspectedOn: day("06-05"),
    leadBodyId: w.zoneUnionA,
    summary: "Kiểm tra MARKERC",
    answers: items.map((i, k) => ({ itemId: i.id, result: k === 0 ? "non_compliant" : "compliant", evidence: "Biên bản MARKERC" })),
    findings: [{ text: "Khắc phục cho MARKERC", deadline: day("09-30") }],
    complete: true,
  });
  await make(zoneA, "POST", "/api/relations/plans", {
    year: YEAR,
    title: "Kế hoạch kiểm tra MARKERC",
    leadBodyId: w.zoneUnionA,
    startsOn: day("01-01"),
    endsOn: day("12-31"),
    targets: [{ enterpriseId: w.enterpriseC }],
  });
  await make(zoneA, "POST", "/api/coordination/activities", {
    kind: "dialogue",
    title: "Đối thoại MARKERC",
    heldOn: day("05-05"),
    enterpriseId: w.enterpriseC,
    questions: [{ text: "Tăng ca MARKERC", asker: "Markerc Cúc", enterpriseId: w.enterpriseC }],
  });
  await make(zoneA, "POST", "/api/coordination/referrals", { personId: w.personC, unionId: w.unionC, referredOn: day("06-01") });
  // Zone A's campaign is visible to U1 (it runs it for its zone); the payout to P3 is not U1's to see.
  const campaign = await make(zoneA, "POST", "/api/care/campaigns", {
    name: "Tết Sum vầy khu A",
    purpose: "tet",
    startsOn: day("01-01"),
    endsOn: day("12-31"),
    kinds: ["cash"],
  });
  w.extra.campaignA = idOf(campaign);
  await make(zoneA, "POST", `/api/care/campaigns/${idOf(campaign)}/payouts`, { personId: w.personC, kind: "cash", amount: 700_000, paidOn: day("02-01") });
  await w.database.rows(sql`UPDATE people SET hardship = true WHERE id = ${w.personC}`);
}

const labourBody = (period: string) => ({
  period,
  workforce: 120,
  women: 70,
  men: 50,
  contractIndefinite: 100,
  contractFixed: 20,
  contractOther: 0,
  foreigners: 2,
  hires: 10,
  leavers: 5,
  lowestWage: 6_000_000,
  averageWage: 8_000_000,
  overtimeHours: 2_000,
  insured: 118,
  accidents: 0,
  accidentDeaths: 0,
  hasAgreement: true,
  hasUnion: true,
});

const agreementBody = (w: World, title = "Thỏa ước mới") => ({
  kind: "enterprise",
  unionId: w.unionB,
  enterpriseIds: [w.enterpriseB],
  title,
  signedOn: day("01-10"),
  effectiveFrom: day("01-15"),
  effectiveTo: day("01-14", YEAR + 3),
});
const planItem = (w: World) => ({ area: "general", content: "Nội dung thêm", leadBodyId: w.zoneUnionB });
const targetBody = (w: World) => ({
  program: "Chương trình sửa",
  title: "Chỉ tiêu sửa",
  metric: "members_as_of",
  targetValue: 120,
  deadline: day("12-31"),
  zoneId: w.zoneB,
});
const activityBody = (w: World) => ({ kind: "training", title: "Tập huấn sửa", heldOn: day("05-02"), zoneId: w.zoneB, participants: 10 });
const modelBody = (w: World) => ({ name: "Mô hình sửa", zoneId: w.zoneB, year: YEAR });

/**
 * The enterprise side of side B: enterprise B's own account answers two notices of the authority
 * (one answer with a photo, one extension request left awaiting a decision) and files a difficulty.
 */
async function enterpriseSetup(w: World) {
  const { admin } = api(w);
  const rep = await buildUser(w.database, "enterprise_rep", w.enterpriseB);
  const repB = new Client(admin.app);
  if ((await repB.login(rep.username, rep.password)).statusCode !== 200) throw new Error("login enterprise B");
  const notice = (title: string) =>
    make(admin, "POST", "/api/enterprise/notices", {
      title,
      body: "Đề nghị báo cáo MARKERB-NOTICE",
      answerBy: day("12-31", YEAR + 1),
      enterpriseIds: [w.enterpriseB],
    });
  w.extra.entNoticeB = idOf(await notice("Thông báo MARKERB-NOTICE"));
  const answer = await make(repB, "POST", `/api/enterprise/inbox/notice/${w.extra.entNoticeB}/answers`, { body: "Trả lời MARKERB-ANSWER đầy đủ" });
  w.extra.entAnswerB = answer.exchangeId;
  const photo = multipart("markerb.png", Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]));
  const up = await repB.request({ method: "POST", url: `/api/enterprise/exchanges/${answer.exchangeId}/evidence`, ...photo });
  if (up.statusCode !== 201) throw new Error(`setup evidence → ${up.statusCode} ${up.body.slice(0, 300)}`);
  w.extra.entEvidenceB = (up.json() as { id: number }).id;
  const second = idOf(await notice("Thông báo thứ hai MARKERB-NOTICE"));
  await make(repB, "POST", `/api/enterprise/inbox/notice/${second}/extensions`, { until: day("06-30", YEAR + 2), reason: "Chờ số liệu MARKERB-EXT" });
  const diff = await make(repB, "POST", "/api/enterprise/difficulties", {
    kind: "petition",
    topic: "other",
    title: "Vướng mắc MARKERB-DIFF",
    body: "Nội dung vướng mắc MARKERB-DIFF của doanh nghiệp",
  });
  w.extra.entDifficultyB = idOf(diff);
  w.markersB.push("MARKERB-NOTICE", "MARKERB-ANSWER", "MARKERB-DIFF");
}
const png = () => multipart("anh.png", Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32, 2)]));
const onlyEnterprise = "an enterprise answers for itself: every staff account, the system administrator included, gets enterprise_only";

export const coverage: Record<string, RouteSpec> = {
  "GET /api/health": { publicData: true },
  "GET /api/openapi.json": { publicData: true },
  "POST /api/auth/login": { publicData: true, body: () => ({ username: "markerb_user", password: "wrong-password-0" }) },
  "POST /api/auth/logout": {},
  "GET /api/auth/me": { unmarked: "the caller's own account" },
  "PUT /api/auth/me/locale": { body: () => ({ locale: "vi" }) },
  // Only one's own password, proving the current one: a wrong one is refused (and counts towards the lock).
  "POST /api/auth/me/password": { body: () => ({ currentPassword: "khong-phai-mat-khau-0", newPassword: "Doi-mat-khau-2468" }) },
  "GET /api/auth/tokens": {
    unmarked: "the caller's own tokens",
    setup: async (w) => {
      const { sideB, admin } = api(w);
      w.extra.tokenB = idOf(await make(sideB, "POST", "/api/auth/tokens", { name: "Mã MARKERB" }));
      w.extra.bodyDelB = idOf(
        await make(admin, "POST", "/api/admin/bodies", { kind: "zone_union", name: "Công đoàn Khu MARKERB giải thể", parentId: w.federation }),
      );
    },
  },
  "POST /api/auth/tokens": { body: () => ({ name: "Mã thử" }) },
  "DELETE /api/auth/tokens/:id": {
    target: (w) => ({ url: `/api/auth/tokens/${x(w, "tokenB")}` }),
    adminRefused: "an access token belongs to its user alone: anyone else, the system administrator too, gets 404",
  },
  "GET /api/admin/users": {},
  // Creating a user or a body inside side B's zone union is a write into side B: a target.
  "POST /api/admin/users": {
    target: (w) => ({
      url: "/api/admin/users",
      body: {
        username: `x${Math.random().toString(36).slice(2, 8)}`,
        fullName: "Người Thử",
        role: "officer",
        bodyId: w.zoneUnionB,
        password: "Ha-Long-Vinh-2030",
      },
    }),
  },
  "PATCH /api/admin/users/:id": { target: () => ({ url: "/api/admin/users/__userB__", body: { fullName: "Đổi tên" } }) },
  "GET /api/admin/bodies": {},
  "GET /api/admin/bodies/:id": { target: (w) => ({ url: `/api/admin/bodies/${w.zoneUnionB}` }) },
  "POST /api/admin/bodies": {
    target: (w) => ({ url: "/api/admin/bodies", body: { kind: "grassroots_union", name: "Công đoàn mới", parentId: w.zoneUnionB } }),
  },
  "PATCH /api/admin/bodies/:id": { target: (w) => ({ url: `/api/admin/bodies/${w.zoneUnionB}`, body: { name: "Đổi tên" } }) },
  "DELETE /api/admin/bodies/:id": { target: (w) => ({ url: `/api/admin/bodies/${x(w, "bodyDelB")}` }) },
  "GET /api/admin/audit": {},
  // Notices (notify): the bell and settings are the caller's own; the outbox shows masked recipients and no bodies.
  "GET /api/notify/notices": { unmarked: "the caller's own notices (request codes only)" },
  "POST /api/notify/notices/read": { body: () => ({}) },
  "GET /api/notify/preferences": { unmarked: "the caller's own notice settings" },
  "PUT /api/notify/preferences": { body: () => ({ bell: true, digest: true }) },
  "GET /api/admin/outbox": { unmarked: "message metadata with masked recipients and no bodies" },
  "POST /api/admin/outbox/:id/resend": { url: () => "/api/admin/outbox/999999999/resend" },
  "GET /api/admin/notify/channels": { unmarked: "which channels are configured, no personal data" },
  "GET /api/admin/notify/channels/settings": { unmarked: "the gateways' addresses and brand name, never a token; no personal data" },
  "PUT /api/admin/notify/channels/settings": {
    body: () => ({ sms: { url: "", brandname: "" }, zalo: { url: "", templates: { receipt: "", transfer: "", answer: "", more_info: "" } } }),
  },
  "POST /api/admin/notify/test": {
    body: () => ({ channel: "sms", recipient: "0912345678" }),
    adminRefused: "no SMS gateway in the test city: 409 for the administrator too",
  },
  "GET /api/admin/jobs": { unmarked: "the background jobs' names and ids, for the system administrator alone" },
  "POST /api/admin/jobs/:name/:id/retry": {
    target: () => ({ url: "/api/admin/jobs/registry.import/00000000-0000-0000-0000-000000000000/retry" }),
    adminRefused: "no failed job has that id: 404 for the administrator too",
  },
  "GET /api/admin/backup": { unmarked: "a gzip file (its content is every table, for the system administrator alone)" },
  // Coordination and reporting: side B's plan (signed by zone union B only), zone-B target, model,
  // activity with a dialogue question, and a Party referral of member B by union B.
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
    adminRefused: "side B's worker is already paid in side B's campaign: one payout per person per campaign",
    target: (w) => ({
      url: `/api/care/campaigns/${w.extra.careCampaignB}/payouts`,
      body: { personId: w.personB, kind: "cash", amount: 100000, paidOn: "2026-01-25" },
    }),
  },
  "DELETE /api/care/payouts/:id": { target: (w) => ({ url: `/api/care/payouts/${w.extra.carePayoutB}` }) },
  "POST /api/care/campaigns/:id/payouts/import": {
    adminRefused: "an upload (multipart); uploads are attacked in attacks.test.ts and care's tests",
    target: (w) => ({ url: `/api/care/campaigns/${w.extra.careCampaignB}/payouts/import?dryRun=true` }),
  },
  "GET /api/care/campaigns/:id/nominations": { target: (w) => ({ url: `/api/care/campaigns/${w.extra.careCampaignB}/nominations` }) },
  "POST /api/care/campaigns/:id/nominations": {
    adminRefused: "only a grassroots union nominates its own members",
    target: (w) => ({
      url: `/api/care/campaigns/${w.extra.careCampaignB}/nominations`,
      body: { personId: w.personB, kind: "cash", amount: 100000, reason: "Thử đề nghị" },
    }),
  },
  "POST /api/care/nominations/:id/decision": {
    target: (w) => ({ url: `/api/care/nominations/${w.extra.careNominationB}/decision`, body: { decision: "decline", note: "Không thuộc đối tượng" } }),
  },
  "GET /api/care/fairness": { unmarked: "side B's worker is not flagged in hardship, so is not on the fairness list" },
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
  "GET /api/public/requests/:code": {
    adminRefused: "the code alone answers 404 to everyone: only the requester's secret opens it",
    publicData: true,
    target: (w) => ({ url: `/api/public/requests/${w.extra.voiceCodeB}` }),
  },
  "POST /api/public/requests/:code/additions": {
    adminRefused: "needs the requester's secret, which no staff role holds",
    publicData: true,
    target: (w) => ({ url: `/api/public/requests/${w.extra.voiceCodeB}/additions`, body: { body: "thêm" } }),
  },
  // The answer is the same for every caller and every code (no oracle); the secret never leaves by it.
  "POST /api/public/requests/:code/secret": { publicData: true },
  "POST /api/public/requests/:code/rating": {
    adminRefused: "needs the requester's secret, which no staff role holds",
    publicData: true,
    target: (w) => ({ url: `/api/public/requests/${w.extra.voiceCodeB}/rating`, body: { score: 5 } }),
  },
  "POST /api/public/requests/:code/attachments": {
    adminRefused: "an upload (multipart); uploads are attacked in attacks.test.ts and voice.test.ts",
    publicData: true,
    target: (w) => ({ url: `/api/public/requests/${w.extra.voiceCodeB}/attachments` }),
  },
  "POST /api/public/requests/:code/push": {
    adminRefused: "needs the requester's secret, which no staff role holds",
    publicData: true,
    target: (w) => ({
      url: `/api/public/requests/${w.extra.voiceCodeB}/push`,
      body: { endpoint: "https://fcm.googleapis.com/fcm/send/x", keys: { p256dh: "B".repeat(87), auth: "A".repeat(22) } },
    }),
  },
  "DELETE /api/public/requests/:code/push": {
    adminRefused: "needs the requester's secret, which no staff role holds",
    publicData: true,
    target: (w) => ({ url: `/api/public/requests/${w.extra.voiceCodeB}/push`, body: { endpoint: "https://fcm.googleapis.com/fcm/send/x" } }),
  },
  // The server's VAPID public key: the same for everyone, public by design (browsers need it to subscribe).
  "GET /api/public/push/key": { publicData: true },
  "GET /api/public/enterprises": { publicData: true },
  "GET /api/public/contacts": { publicData: true },
  "GET /api/public/qa": { publicData: true },
  "GET /api/public/qa/:id": {
    adminRefused: "aimed at an entry that does not exist: public Q&A is public by design",
    publicData: true,
    target: () => ({ url: "/api/public/qa/999999" }),
  },
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
  "GET /api/voice/callers": { unmarked: "needs a phone or citizen ID to look up; scoping tested in voice.test.ts" },
  "GET /api/voice/calls/stream": { unmarked: "an event stream, refused without Accept: text/event-stream; who hears a call is tested in hotline.test.ts" },
  "GET /api/voice/calls": { unmarked: "the matrix world has no PBX secret, so no calls; scoping tested in hotline.test.ts" },
  "GET /api/voice/calls/:id/card": {
    adminRefused: "no call exists without a PBX secret; scoping tested in hotline.test.ts",
    target: () => ({ url: "/api/voice/calls/999999/card" }),
  },
  "POST /api/voice/calls/:id/callback": {
    adminRefused: "no call exists without a PBX secret; scoping tested in hotline.test.ts",
    target: () => ({ url: "/api/voice/calls/999999/callback", body: { note: "Đã gọi lại" } }),
  },
  // Side B declares a line and its officer is on duty for it (setup), so the duty board has side B to hide.
  "GET /api/voice/hotline-duty": {
    unmarked: "side B's body and officer are renamed by earlier routes of the matrix; the lines' scope is tested in hotline.duty.test.ts",
    setup: async (w) => {
      await make(api(w).admin, "PUT", `/api/voice/hotline-lines/${SIDE_B_LINE}`, { bodyId: w.zoneUnionB, opensAt: "07:00", closesAt: "17:00" });
      await make(api(w).sideB, "POST", "/api/voice/hotline-duty/start", { line: SIDE_B_LINE });
    },
  },
  // Going on duty for side B's line: a scoped actor is refused on the field; a city-wide actor may take it.
  "POST /api/voice/hotline-duty/start": { target: () => ({ url: "/api/voice/hotline-duty/start", body: { line: SIDE_B_LINE } }) },
  // Ending side B's officer's shift is for an administrator over side B alone.
  "POST /api/voice/hotline-duty/end": { target: (w) => ({ url: "/api/voice/hotline-duty/end", body: { userId: x(w, "userB") } }) },
  "GET /api/voice/hotline-lines": { unmarked: "side B's line names its body, renamed by an earlier route of the matrix; scoping tested in hotline.test.ts" },
  "PUT /api/voice/hotline-lines/:line": {
    target: (w) => ({ url: `/api/voice/hotline-lines/${SIDE_B_LINE}`, body: { bodyId: w.zoneUnionB, opensAt: "07:00", closesAt: "17:00" } }),
  },
  "GET /api/voice/requests": {},
  "GET /api/voice/requests/:id": { target: (w) => ({ url: `/api/voice/requests/${w.extra.voiceRequestB}` }) },
  "POST /api/voice/requests/:id/identity": { target: (w) => ({ url: `/api/voice/requests/${w.extra.voiceRequestB}/identity`, body: { purpose: "kiểm tra" } }) },
  "POST /api/voice/requests/:id/assign": {
    adminRefused: "the assignee must belong to the responsible body, and user 1 does not",
    target: (w) => ({ url: `/api/voice/requests/${w.extra.voiceRequestB}/assign`, body: { userId: 1 } }),
  },
  "POST /api/voice/requests/:id/start": { target: (w) => ({ url: `/api/voice/requests/${w.extra.voiceRequestB}/start` }) },
  "POST /api/voice/requests/:id/transfer": {
    target: (w) => ({ url: `/api/voice/requests/${w.extra.voiceRequestB}/transfer`, body: { toBodyId: w.federation, reason: "chuyển thử" } }),
  },
  "POST /api/voice/requests/:id/forward": {
    target: (w) => ({
      url: `/api/voice/requests/${w.extra.voiceRequestB}/forward`,
      body: { summary: "Đề nghị doanh nghiệp rà soát chế độ làm thêm giờ theo quy định hiện hành.", acknowledgePrivate: true },
    }),
  },
  "POST /api/voice/requests/:id/notes": { target: (w) => ({ url: `/api/voice/requests/${w.extra.voiceRequestB}/notes`, body: { body: "ghi chú thử" } }) },
  "POST /api/voice/requests/:id/answer": {
    target: (w) => ({ url: `/api/voice/requests/${w.extra.voiceRequestB}/answer`, body: { answer: "Câu trả lời thử nghiệm đủ dài" } }),
  },
  "POST /api/voice/requests/:id/answer/review": {
    target: (w) => ({ url: `/api/voice/requests/${w.extra.voiceRequestB}/answer/review`, body: { approve: true } }),
  },
  "POST /api/voice/requests/:id/answer/publish": { target: (w) => ({ url: `/api/voice/requests/${w.extra.voiceRequestB}/answer/publish` }) },
  "POST /api/voice/requests/:id/ask-info": {
    target: (w) => ({ url: `/api/voice/requests/${w.extra.voiceRequestB}/ask-info`, body: { message: "Cho biết thêm ca làm việc" } }),
  },
  "POST /api/voice/requests/:id/close": { target: (w) => ({ url: `/api/voice/requests/${w.extra.voiceRequestB}/close`, body: {} }) },
  "POST /api/voice/requests/:id/reopen": { target: (w) => ({ url: `/api/voice/requests/${w.extra.voiceRequestB}/reopen`, body: { reason: "mở lại thử" } }) },
  "POST /api/voice/requests/:id/attachments": {
    adminRefused: "an upload (multipart); uploads are attacked in attacks.test.ts and voice.test.ts",
    target: (w) => ({ url: `/api/voice/requests/${w.extra.voiceRequestB}/attachments` }),
  },
  "GET /api/voice/requests/:id/attachments/:attachmentId": {
    adminRefused: "side B's request has no attachment",
    target: (w) => ({ url: `/api/voice/requests/${w.extra.voiceRequestB}/attachments/1` }),
  },
  "GET /api/voice/bodies": {},
  "GET /api/voice/requests/:id/officers": { target: (w) => ({ url: `/api/voice/requests/${w.extra.voiceRequestB}/officers` }) },
  "GET /api/voice/overdue": { unmarked: "side B's request is not overdue yet" },
  "POST /api/voice/escalations": {},
  "GET /api/voice/qa": { unmarked: "side B has no Q&A entry" },
  "GET /api/voice/qa/:id": { unmarked: "side B has no Q&A entry" },
  "GET /api/voice/requests/:id/qa-draft": {
    adminRefused: "only a request with a published answer has a Q&A draft",
    target: (w) => ({ url: `/api/voice/requests/${w.extra.voiceRequestB}/qa-draft` }),
  },
  "POST /api/voice/qa": {
    body: () => ({ question: "Câu hỏi thử", answer: "Trả lời thử", citations: ["Điều 98 Bộ luật Lao động 2019"], validFrom: "2021-01-01" }),
  },
  "PUT /api/voice/qa/:id": {
    body: () => ({ question: "Câu hỏi thử", answer: "Trả lời thử", citations: ["Điều 98 Bộ luật Lao động 2019"], validFrom: "2021-01-01" }),
  },
  "POST /api/voice/qa/:id/publish": { body: () => ({ publish: false }) },
  "GET /api/voice/superseded": { unmarked: "city-wide list of replaced legal citations" },
  "POST /api/voice/superseded": { body: () => ({ oldCitation: "Nghị định 1/2000/NĐ-CP", newCitation: "Nghị định 2/2001/NĐ-CP" }) },
  "GET /api/voice/qa-synonyms": { unmarked: "city-wide list of everyday words for the Q&A search" },
  "POST /api/voice/qa-synonyms": { body: () => ({ terms: ["từ thử nghiệm ma trận", "từ thử nghiệm khác"] }) },
  "PUT /api/voice/qa-synonyms/:id": { body: () => ({ terms: ["từ thử nghiệm sửa", "từ thử nghiệm sửa khác"] }) },
  "DELETE /api/voice/qa-synonyms/:id": {},
  "GET /api/voice/holidays": { unmarked: "the public-holiday calendar" },
  "PUT /api/voice/holidays/:day": { body: () => ({ name: "Nghỉ thử" }) },
  "DELETE /api/voice/holidays/:day": {},
  "GET /api/voice/settings": { unmarked: "deadlines and routing rules of the city" },
  "PUT /api/voice/settings": { body: () => ({ reopenDays: 30 }) },

  // ----- Privacy (issue #15) -----
  "GET /api/public/privacy/notices/:form": { publicData: true, url: () => "/api/public/privacy/notices/voice_request" },
  "GET /api/public/privacy/requests/:code": { publicData: true },
  "POST /api/public/privacy/requests/:code/rights": { publicData: true, body: () => ({ kind: "access" }) },
  "GET /api/privacy/requests": {
    setup: async (w) => {
      const [p] = await w.database.rows<{ id: number }>(
        sql`INSERT INTO privacy_requests (code, kind, subject_type, subject_id, detail, channel, responsible_body_id, due_at, due_basis)
            VALUES ('DL-MARK-ERBB', 'correction', 'voice_request', ${x(w, "voiceRequestB")}, 'Sửa tên MARKERB', 'portal', ${w.zoneUnionB}, now() + interval '72 hours', 'thử')
            RETURNING id`,
      );
      w.extra.privacyRequestB = p?.id ?? 0;
      const [i] = await w.database.rows<{ id: number }>(
        sql`INSERT INTO privacy_incidents (title, description, detected_at, data_kinds, notify_by, body_id)
            VALUES ('Lộ danh sách MARKERB', 'Gửi nhầm tệp MARKERB', now(), 'họ tên, số điện thoại', now() + interval '72 hours', ${w.zoneUnionB}) RETURNING id`,
      );
      w.extra.privacyIncidentB = i?.id ?? 0;
    },
  },
  "POST /api/privacy/requests": {
    target: (w) => ({ url: "/api/privacy/requests", body: { personId: w.personB, kind: "access", detail: "Xem dữ liệu đang lưu", identityChecked: true } }),
  },
  "POST /api/privacy/requests/:id/resolve": {
    target: (w) => ({
      url: `/api/privacy/requests/${x(w, "privacyRequestB")}/resolve`,
      body: { outcome: "refused", answer: "Thông tin đã đúng, không cần sửa." },
    }),
  },
  "GET /api/privacy/retention": { unmarked: "retention settings and run counts of the city" },
  "PUT /api/privacy/retention": { body: () => ({ sessions: 1 }) },
  "POST /api/privacy/retention/run": {},
  "GET /api/privacy/incidents": {},
  "POST /api/privacy/incidents": {
    body: () => ({ title: "Sự cố thử", description: "Mô tả sự cố thử nghiệm", detectedAt: new Date().toISOString(), dataKinds: "họ tên" }),
  },
  "POST /api/privacy/incidents/:id/notified": {
    target: (w) => ({ url: `/api/privacy/incidents/${x(w, "privacyIncidentB")}/notified`, body: { notifiedAt: new Date().toISOString() } }),
  },
  // ----- Registry -----
  "GET /api/registry/zones": { setup: registrySetup },
  "GET /api/registry/enterprises": { url: () => "/api/registry/enterprises?pageSize=200" },
  "GET /api/registry/enterprises/:id": { target: (w) => ({ url: `/api/registry/enterprises/${w.enterpriseB}` }) },
  "POST /api/registry/enterprises": {
    target: (w) => ({
      url: "/api/registry/enterprises",
      body: { taxCode: uniqueTaxCode(), name: "Công ty TNHH Mới Ở Khu B", ownership: "fdi", sector: "Điện tử", zoneId: w.zoneB, workforceTotal: 50 },
    }),
  },
  "PATCH /api/registry/enterprises/:id": { target: (w) => ({ url: `/api/registry/enterprises/${w.enterpriseB}`, body: { sector: "Dệt may" } }) },
  "GET /api/registry/unions": { url: () => "/api/registry/unions?pageSize=200" },
  "GET /api/registry/unions/:id": { target: (w) => ({ url: `/api/registry/unions/${w.unionB}` }) },
  "POST /api/registry/unions": {
    target: (w) => ({ url: "/api/registry/unions", body: { name: "Công đoàn cơ sở mới", enterpriseIds: [x(w, "enterpriseB3")], foundedOn: day("03-01") } }),
  },
  "PATCH /api/registry/unions/:id": { target: (w) => ({ url: `/api/registry/unions/${w.unionB}`, body: { chairName: "Trần Văn Chủ" } }) },
  "GET /api/registry/people": { url: () => "/api/registry/people?pageSize=200", setup: sideCSetup },
  "GET /api/registry/people/:id": { target: (w) => ({ url: `/api/registry/people/${w.personB}` }) },
  "GET /api/registry/people/:id/timeline": { target: (w) => ({ url: `/api/registry/people/${w.personB}/timeline` }) },
  "POST /api/registry/people": {
    target: (w) => ({
      url: "/api/registry/people",
      body: { familyName: "Lê", givenName: "Mới", enterpriseId: w.enterpriseB, membership: { unionId: w.unionB, joinedOn: day("03-01") } },
    }),
  },
  "PATCH /api/registry/people/:id": { target: (w) => ({ url: `/api/registry/people/${w.personB}`, body: { hometown: "Thủy Nguyên" } }) },
  "POST /api/registry/people/:id/join": {
    target: (w) => ({ url: `/api/registry/people/${x(w, "personJoinB")}/join`, body: { unionId: w.unionB, date: day("03-01") } }),
  },
  "POST /api/registry/people/:id/transfer": {
    target: (w) => ({ url: `/api/registry/people/${x(w, "personTransferB")}/transfer`, body: { unionId: x(w, "unionB2"), date: day("03-01") } }),
  },
  "POST /api/registry/people/:id/leave": {
    target: (w) => ({ url: `/api/registry/people/${x(w, "personLeaveB")}/leave`, body: { date: day("09-01"), reason: "left" } }),
  },
  "PATCH /api/registry/people/:id/memberships/:membershipId": {
    target: (w) => ({
      url: `/api/registry/people/${x(w, "personCorrectB")}/memberships/${x(w, "membershipCorrectB")}`,
      body: { cardNo: "MARKERB-THE-SUA" },
    }),
  },
  "GET /api/registry/members/count": { unmarked: "a count (scoping tested in the registry's tests)", url: () => `/api/registry/members/count?asOf=${TODAY}` },
  "GET /api/search": { url: () => "/api/search?q=markerb&limit=50" },
  "GET /api/registry/agreements": { url: () => "/api/registry/agreements?pageSize=200" },
  "GET /api/registry/agreements/coverage": { unmarked: "shares and counts only" },
  "GET /api/registry/agreements/:id": { target: (w) => ({ url: `/api/registry/agreements/${x(w, "agreementB")}` }) },
  "POST /api/registry/agreements": { target: (w) => ({ url: "/api/registry/agreements", body: agreementBody(w) }) },
  "PUT /api/registry/agreements/:id": { target: (w) => ({ url: `/api/registry/agreements/${x(w, "agreementB")}`, body: agreementBody(w, "Thỏa ước sửa") }) },
  "DELETE /api/registry/agreements/:id": { target: (w) => ({ url: `/api/registry/agreements/${x(w, "agreementDelB")}` }) },
  "GET /api/registry/labor-reports": { url: () => "/api/registry/labor-reports?pageSize=200" },
  "GET /api/registry/enterprises/:id/labor-reports": { target: (w) => ({ url: `/api/registry/enterprises/${w.enterpriseB}/labor-reports` }) },
  "POST /api/registry/enterprises/:id/labor-reports": {
    target: (w) => ({ url: `/api/registry/enterprises/${w.enterpriseB}/labor-reports`, body: { period: `${YEAR}-H1`, workforce: 310, lowestWage: 4_900_000 } }),
  },
  "GET /api/registry/imports/members/template": { unmarked: "a blank template" },
  "GET /api/care/payouts/import-template": { unmarked: "a blank template" },
  // Multipart only: the matrix's JSON body is refused (415); uploads are attacked in attacks.test.ts.
  "POST /api/registry/imports/members": {},
  "GET /api/registry/imports/enterprises/template": { unmarked: "a blank template" },
  "GET /api/registry/imports/unions/template": { unmarked: "a blank template" },
  // Multipart only, like the members import: rows naming side B are attacked in attacks.test.ts.
  "POST /api/registry/imports/enterprises": {},
  "POST /api/registry/imports/unions": {},
  "GET /api/registry/imports/:id": { target: (w) => ({ url: `/api/registry/imports/${x(w, "importJobB")}` }) },
  // Zipped .xlsx: the matrix cannot read markers in them; attacks.test.ts unzips and scans.
  "GET /api/registry/export/enterprises.xlsx": { unmarked: "zipped: unzipped and scanned in attacks.test.ts" },
  "GET /api/registry/export/unions.xlsx": { unmarked: "zipped: unzipped and scanned in attacks.test.ts" },
  "GET /api/registry/export/people.xlsx": { unmarked: "zipped: unzipped and scanned in attacks.test.ts" },

  // ----- Relations -----
  "GET /api/relations/incidents": { setup: relationsSetup },
  "GET /api/relations/incidents/:id": { target: (w) => ({ url: `/api/relations/incidents/${x(w, "incidentB")}` }) },
  "POST /api/relations/incidents": {
    target: (w) => ({
      url: "/api/relations/incidents",
      body: { enterpriseId: w.enterpriseB, kind: "work_stoppage", title: "Ngừng việc", startedOn: day("07-01") },
    }),
  },
  "PATCH /api/relations/incidents/:id": { target: (w) => ({ url: `/api/relations/incidents/${x(w, "incidentB")}`, body: { status: "in_progress" } }) },
  "POST /api/relations/incidents/:id/actions": {
    target: (w) => ({ url: `/api/relations/incidents/${x(w, "incidentB")}/actions`, body: { actedOn: day("02-03"), note: "Làm việc với chủ doanh nghiệp" } }),
  },
  "GET /api/relations/incidents/:id/dispute": { target: (w) => ({ url: `/api/relations/incidents/${x(w, "disputeB")}/dispute` }) },
  "POST /api/relations/incidents/:id/dispute-steps": {
    target: (w) => ({ url: `/api/relations/incidents/${x(w, "disputeB")}/dispute-steps`, body: { step: "mediation", startedOn: day("02-02") } }),
  },
  "GET /api/relations/enterprises/:id/timeline": { target: (w) => ({ url: `/api/relations/enterprises/${w.enterpriseB}/timeline` }) },
  // The regional minimum wage is national law, the same for every caller.
  "GET /api/relations/minimum-wage/rates": { publicData: true },
  "GET /api/relations/minimum-wage": { publicData: true, url: () => `/api/relations/minimum-wage?commune=${encodeURIComponent("An Dương")}&date=${TODAY}` },
  "GET /api/reference/deadlines": { publicData: true },
  "GET /api/reference/union-rates": { publicData: true, url: () => "/api/reference/union-rates?date=2026-01-15&salary=8000000" },
  "POST /api/reference/union-rates": {
    body: () => ({ kind: "base_salary", amount: 2_800_000, effectiveFrom: "2099-01-01", source: "Nghị định thử nghiệm của ma trận phân quyền" }),
    unmarked: "reference data, not about either side",
  },
  "GET /api/reference/holidays": { publicData: true, url: () => "/api/reference/holidays?year=2028" },
  "GET /api/reference/minimum-wage": {
    publicData: true,
    url: () => `/api/reference/minimum-wage?province=${encodeURIComponent("Hải Phòng")}&commune=${encodeURIComponent("An Dương")}&date=${TODAY}`,
  },
  "PUT /api/relations/enterprises/:id/wage-region": {
    target: (w) => ({ url: `/api/relations/enterprises/${w.enterpriseB}/wage-region`, body: { region: 2, effectiveFrom: TODAY, reason: "Thử phạm vi" } }),
    adminRefused: "the enterprise's place is listed by the decree: no region to set (400)",
  },
  "POST /api/relations/minimum-wage/check": {
    target: (w) => ({ url: "/api/relations/minimum-wage/check", body: { enterpriseId: w.enterpriseB, date: TODAY, wage: 4_000_000 } }),
  },
  "GET /api/relations/plans": {},
  "GET /api/relations/plans/:id": { target: (w) => ({ url: `/api/relations/plans/${x(w, "relationsPlanB")}` }) },
  "POST /api/relations/plans": {
    target: (w) => ({
      url: "/api/relations/plans",
      body: {
        year: YEAR,
        title: "Kế hoạch mới",
        leadBodyId: w.zoneUnionB,
        startsOn: day("01-01"),
        endsOn: day("12-31"),
        targets: [{ enterpriseId: w.enterpriseB }],
      },
    }),
  },
  // The checklist in force is the city's one reference form, the same for every inspector.
  "GET /api/relations/checklists/current": { publicData: true },
  "GET /api/relations/inspections/form": { target: (w) => ({ url: `/api/relations/inspections/form?enterpriseId=${w.enterpriseB}&date=${TODAY}` }) },
  "GET /api/relations/inspections": {},
  "GET /api/relations/inspections/stats": { url: () => `/api/relations/inspections/stats?from=${day("01-01")}&to=${day("12-31")}` },
  "GET /api/relations/inspections/:id": { target: (w) => ({ url: `/api/relations/inspections/${x(w, "inspectionB")}` }) },
  "POST /api/relations/inspections": {
    target: (w) => ({ url: "/api/relations/inspections", body: { enterpriseId: w.enterpriseB, inspectedOn: day("08-01"), leadBodyId: w.zoneUnionB } }),
  },
  "PUT /api/relations/inspections/:id": {
    target: (w) => ({ url: `/api/relations/inspections/${x(w, "inspectionDraftB")}`, body: { summary: "Sửa biên bản" } }),
  },
  "GET /api/relations/recommendations": {},
  "POST /api/relations/recommendations/:id/followups": {
    target: (w) => ({
      url: `/api/relations/recommendations/${x(w, "recommendationB")}/followups`,
      body: { outcome: "progress", onDate: TODAY, note: "Đang khắc phục" },
    }),
  },
  "GET /api/relations/watchlist": { url: () => "/api/relations/watchlist?minScore=0&limit=500" },
  "GET /api/relations/enterprises/:id/risk": { target: (w) => ({ url: `/api/relations/enterprises/${w.enterpriseB}/risk` }) },
  "POST /api/relations/risk/recompute": { body: () => ({}) },
  // The early-warning weights are one city-wide setting, not side B's data.
  "GET /api/relations/risk/settings": { publicData: true },
  "PUT /api/relations/risk/settings": { body: () => ({ weights: { wage_arrears: 30 }, threshold: 50 }) },
  "GET /api/relations/alerts": {},
  "POST /api/relations/alerts/:id/acknowledge": { target: (w) => ({ url: `/api/relations/alerts/${x(w, "alertB")}/acknowledge` }) },
  "POST /api/relations/alerts/:id/action": {
    target: (w) => ({
      url: `/api/relations/alerts/${x(w, "alertActionB")}/action`,
      body: { title: "Làm việc với doanh nghiệp", leadBodyId: w.zoneUnionB, deadline: day("12-31") },
    }),
  },
  "GET /api/relations/evaluation": {},

  // ----- Coordination -----
  "GET /api/coordination/plans": { setup: coordinationSetup },
  "POST /api/coordination/plans": {
    target: (w) => ({ url: "/api/coordination/plans", body: { year: YEAR, code: "09/KH", title: "Kế hoạch của khu B", parties: [w.zoneUnionB] } }),
  },
  "GET /api/coordination/plans/:id": { target: (w) => ({ url: `/api/coordination/plans/${x(w, "coPlanB")}` }) },
  "PATCH /api/coordination/plans/:id": { target: (w) => ({ url: `/api/coordination/plans/${x(w, "coPlanB")}`, body: { title: "Đổi tên kế hoạch" } }) },
  "DELETE /api/coordination/plans/:id": { target: (w) => ({ url: `/api/coordination/plans/${x(w, "coPlanDelB")}` }) },
  "POST /api/coordination/plans/:id/items": { target: (w) => ({ url: `/api/coordination/plans/${x(w, "coPlanB")}/items`, body: planItem(w) }) },
  "PATCH /api/coordination/items/:id": { target: (w) => ({ url: `/api/coordination/items/${x(w, "coItemB")}`, body: { status: "in_progress" } }) },
  "DELETE /api/coordination/items/:id": { target: (w) => ({ url: `/api/coordination/items/${x(w, "coItemDelB")}` }) },
  "POST /api/coordination/plans/:id/carry-over": {
    target: (w) => ({ url: `/api/coordination/plans/${x(w, "coPlanB")}/carry-over`, body: { toPlanId: x(w, "coPlanNextB") } }),
  },
  "GET /api/coordination/targets": {},
  "POST /api/coordination/targets": { target: (w) => ({ url: "/api/coordination/targets", body: targetBody(w) }) },
  "POST /api/coordination/targets/snapshots": { body: () => ({ month: `${YEAR}-01` }) },
  "GET /api/coordination/targets/:id": { target: (w) => ({ url: `/api/coordination/targets/${x(w, "targetB")}` }) },
  "PUT /api/coordination/targets/:id": { target: (w) => ({ url: `/api/coordination/targets/${x(w, "targetB")}`, body: targetBody(w) }) },
  "DELETE /api/coordination/targets/:id": { target: (w) => ({ url: `/api/coordination/targets/${x(w, "targetDelB")}` }) },
  "POST /api/coordination/targets/:id/values": {
    target: (w) => ({ url: `/api/coordination/targets/${x(w, "targetManualB")}/values`, body: { asOf: day("06-30"), value: 40, note: "Số liệu quý II" } }),
  },
  "GET /api/coordination/activities": { url: () => "/api/coordination/activities?pageSize=500" },
  "POST /api/coordination/activities": { target: (w) => ({ url: "/api/coordination/activities", body: activityBody(w) }) },
  "GET /api/coordination/activities/:id": { target: (w) => ({ url: `/api/coordination/activities/${x(w, "activityB")}` }) },
  "PUT /api/coordination/activities/:id": { target: (w) => ({ url: `/api/coordination/activities/${x(w, "activityB")}`, body: activityBody(w) }) },
  "DELETE /api/coordination/activities/:id": { target: (w) => ({ url: `/api/coordination/activities/${x(w, "activityDelB")}` }) },
  "GET /api/coordination/dialogue-questions/pending": {},
  "PUT /api/coordination/dialogue-questions/:id/request": {
    target: (w) => ({ url: `/api/coordination/dialogue-questions/${x(w, "questionB")}/request`, body: { requestRef: "YC-2026-000123" } }),
  },
  "GET /api/coordination/models": {},
  "POST /api/coordination/models": { target: (w) => ({ url: "/api/coordination/models", body: modelBody(w) }) },
  "PUT /api/coordination/models/:id": { target: (w) => ({ url: `/api/coordination/models/${x(w, "modelB")}`, body: modelBody(w) }) },
  "DELETE /api/coordination/models/:id": { target: (w) => ({ url: `/api/coordination/models/${x(w, "modelDelB")}` }) },
  "GET /api/coordination/referrals": { url: () => "/api/coordination/referrals?pageSize=500" },
  "POST /api/coordination/referrals": {
    target: (w) => ({ url: "/api/coordination/referrals", body: { personId: w.personB, unionId: w.unionB, referredOn: day("06-03") } }),
  },
  "PUT /api/coordination/referrals/:id/outcome": {
    target: (w) => ({ url: `/api/coordination/referrals/${x(w, "referralB")}/outcome`, body: { outcome: "admitted", admittedOn: day("09-02") } }),
  },
  "DELETE /api/coordination/referrals/:id": { target: (w) => ({ url: `/api/coordination/referrals/${x(w, "referralDelB")}` }) },

  // ----- Reporting -----
  "GET /api/reports/dashboard": { url: () => `/api/reports/dashboard?period=${YEAR}` },
  "GET /api/reports/preview": {
    unmarked: "aggregate figures of the city; the names are in the lists each figure links to",
    url: () => `/api/reports/preview?period=${YEAR}`,
  },
  "GET /api/reports/joint.docx": { unmarked: "zipped: unzipped and scanned in attacks.test.ts", url: () => `/api/reports/joint.docx?period=${YEAR}` },
  "GET /api/reports/joint.xlsx": { unmarked: "zipped: unzipped and scanned in attacks.test.ts", url: () => `/api/reports/joint.xlsx?period=${YEAR}` },
  "POST /api/reports/files": { body: () => ({ period: String(YEAR), format: "xlsx" }) },
  "GET /api/reports/files": {
    unmarked: "the caller's own report files (period, format, status): a file is its requester's alone",
    setup: async (w) => {
      w.extra.reportFileB = idOf(await make(api(w).sideB, "POST", "/api/reports/files", { period: String(YEAR), format: "xlsx" }));
    },
  },
  "GET /api/reports/files/:id": {
    target: (w) => ({ url: `/api/reports/files/${x(w, "reportFileB")}` }),
    adminRefused: "a report file belongs to its requester alone: anyone else, the system administrator too, gets 404",
  },
  "GET /api/reports/files/:id/content": {
    target: (w) => ({ url: `/api/reports/files/${x(w, "reportFileB")}/content` }),
    adminRefused: "a report file belongs to its requester alone: anyone else, the system administrator too, gets 404",
  },
  "GET /api/reports/trace/:key": { url: () => `/api/reports/trace/members?asOf=${TODAY}` },

  // ----- Care -----
  // Registry
  // Pickers of the relations forms.
  "GET /api/relations/lookup/enterprises": {},
  // City reference data: every zone's name is public.
  "GET /api/relations/lookup/zones": { publicData: true },
  // The bodies that may lead an action or an inspection: organisations' names are public.
  "GET /api/relations/lookup/bodies": { publicData: true },

  // ----- Enterprise side (inbox, decisions, notices, difficulties)
  "GET /api/enterprise/notices": { setup: enterpriseSetup },
  "POST /api/enterprise/notices": {
    target: (w) => ({ url: "/api/enterprise/notices", body: { title: "Thông báo mới", body: "Nội dung thông báo mới", enterpriseIds: [w.enterpriseB] } }),
  },
  "GET /api/enterprise/inbox": { unmarked: onlyEnterprise },
  "GET /api/enterprise/inbox/:kind/:key": { adminRefused: onlyEnterprise, target: (w) => ({ url: `/api/enterprise/inbox/notice/${x(w, "entNoticeB")}` }) },
  "POST /api/enterprise/inbox/:kind/:key/answers": {
    adminRefused: onlyEnterprise,
    target: (w) => ({ url: `/api/enterprise/inbox/notice/${x(w, "entNoticeB")}/answers`, body: { body: "Trả lời thêm của doanh nghiệp" } }),
  },
  "POST /api/enterprise/inbox/:kind/:key/extensions": {
    adminRefused: onlyEnterprise,
    target: (w) => ({
      url: `/api/enterprise/inbox/notice/${x(w, "entNoticeB")}/extensions`,
      body: { until: day("12-31", YEAR + 3), reason: "Xin thêm thời gian chuẩn bị" },
    }),
  },
  "POST /api/enterprise/exchanges/:id/evidence": {
    adminRefused: onlyEnterprise,
    target: (w) => {
      const m = png();
      return { url: `/api/enterprise/exchanges/${x(w, "entAnswerB")}/evidence`, body: m.payload, headers: m.headers };
    },
  },
  "GET /api/enterprise/timeline": { unmarked: onlyEnterprise },
  "GET /api/enterprise/evidence/:id": { target: (w) => ({ url: `/api/enterprise/evidence/${x(w, "entEvidenceB")}` }) },
  "GET /api/enterprise/difficulties": {},
  "GET /api/enterprise/difficulties/:id": { target: (w) => ({ url: `/api/enterprise/difficulties/${x(w, "entDifficultyB")}` }) },
  "POST /api/enterprise/difficulties": {
    body: () => ({ kind: "consultation", topic: "wages", title: "Câu hỏi", body: "Nội dung câu hỏi của doanh nghiệp" }),
  },
  "POST /api/enterprise/difficulties/:id/answer": {
    target: (w) => ({ url: `/api/enterprise/difficulties/${x(w, "entDifficultyB")}/answer`, body: { answer: "Trả lời của Ban Quản lý cho doanh nghiệp" } }),
  },
  "GET /api/enterprise/decisions": {},
  "POST /api/enterprise/exchanges/:id/decision": {
    target: (w) => ({ url: `/api/enterprise/exchanges/${x(w, "entAnswerB")}/decision`, body: { decision: "accept", reason: "" } }),
  },
  "GET /api/enterprise/enterprises/:id/timeline": { target: (w) => ({ url: `/api/enterprise/enterprises/${w.enterpriseB}/timeline` }) },
  // ----- Enterprise accounts (issue 17) -----
  "GET /api/accounts/enterprises/:id": {
    target: (w) => ({ url: `/api/accounts/enterprises/${w.enterpriseB}` }),
    setup: async (w) => {
      const { admin } = api(w);
      // Side B's enterprise gets a real account (invited, then activated on the public page) and two pending invitations.
      const made = await make(admin, "POST", "/api/accounts/invites", { enterpriseId: w.enterpriseB, fullName: "Markerb Đại Diện" });
      const res = await admin.app.inject({
        method: "POST",
        url: "/api/public/activation",
        payload: { code: made.code, username: "markerb_dn", fullName: "Markerb Đại Diện", password: "Doanhnghiep-Xanh-2468" },
      });
      if (res.statusCode !== 201) throw new Error(`setup activation → ${res.statusCode} ${res.body.slice(0, 300)}`);
      const [user] = await w.database.rows<{ id: number }>(sql`SELECT id FROM users WHERE username = 'markerb_dn'`);
      w.extra.enterpriseUserB = user?.id ?? 0;
      w.extra.inviteB = (await make(admin, "POST", "/api/accounts/invites", { enterpriseId: w.enterpriseB, fullName: "Markerb Mời" })).invite.id;
      w.extra.inviteB2 = (await make(admin, "POST", "/api/accounts/invites", { enterpriseId: w.enterpriseB, fullName: "Markerb Mời 2" })).invite.id;
    },
  },
  "POST /api/accounts/invites": { target: (w) => ({ url: "/api/accounts/invites", body: { enterpriseId: w.enterpriseB, fullName: "Markerb Mời thêm" } }) },
  "DELETE /api/accounts/invites/:id": { target: (w) => ({ url: `/api/accounts/invites/${x(w, "inviteB")}` }) },
  "GET /api/enterprise/colleagues": { unmarked: "the caller's own enterprise's accounts (a body that is no enterprise has none: 404)" },
  "POST /api/enterprise/colleagues/invites": { body: () => ({ fullName: "Đồng Nghiệp Thử", rights: ["report"] }) },
  "DELETE /api/enterprise/colleagues/invites/:id": {
    target: (w) => ({ url: `/api/enterprise/colleagues/invites/${x(w, "inviteB2")}` }),
    adminRefused: "the enterprise's own route: a system administrator holds no enterprise right (officers revoke on DELETE /api/accounts/invites/:id)",
  },
  "PATCH /api/enterprise/colleagues/:id": {
    target: (w) => ({ url: `/api/enterprise/colleagues/${x(w, "enterpriseUserB")}`, body: { rights: ["report"] } }),
    adminRefused: "a colleague's rights are changed only by their own enterprise's representative; officers use the users page",
  },
  "POST /api/public/activation/check": { publicData: true, body: () => ({ code: "AAAA-BBBB-CCCC-DDDD-EEEE" }) },
  "POST /api/public/activation": {
    publicData: true,
    body: () => ({ code: "AAAA-BBBB-CCCC-DDDD-EEEE", username: "khong.ai", fullName: "Không Ai", password: "Doanhnghiep-Xanh-2468" }),
  },
  "GET /api/enterprise/home": { unmarked: "the caller's own enterprise (other accounts: 403)" },
  // ----- Labour: enterprises' half-yearly reports -----
  // Side B's enterprise submits two periods through its own account: one to accept, one to return.
  "GET /api/labour/submissions": {
    setup: async (w) => {
      const rep = await buildUser(w.database, "enterprise_rep", w.enterpriseB);
      const c = new Client(api(w).admin.app);
      await c.login(rep.username, rep.password);
      w.extra.labourB = idOf(await make(c, "POST", "/api/labour/submissions", labourBody("2026-H1")));
      w.extra.labourB2 = idOf(await make(c, "POST", "/api/labour/submissions", labourBody("2025-H2")));
    },
  },
  "GET /api/labour/submissions/:id": { target: (w) => ({ url: `/api/labour/submissions/${x(w, "labourB")}` }) },
  "POST /api/labour/submissions/:id/accept": { target: (w) => ({ url: `/api/labour/submissions/${x(w, "labourB")}/accept`, body: {} }) },
  "POST /api/labour/submissions/:id/return": {
    target: (w) => ({ url: `/api/labour/submissions/${x(w, "labourB2")}/return`, body: { reason: "Bổ sung số giờ làm thêm" } }),
  },
  // Only an enterprise account submits, for its own enterprise: no object of side B to aim at.
  "POST /api/labour/submissions": { body: () => labourBody("2026-H1") },
  "POST /api/labour/check": { body: () => labourBody("2026-H1") },
  "POST /api/labour/upload": {},
  "GET /api/labour/template": { unmarked: "a blank template file" },
  "GET /api/labour/standing": { unmarked: "the caller's own enterprise's standing" },
  "GET /api/labour/overdue": { url: () => "/api/labour/overdue?period=2025-H1" },
  "GET /api/labour/settings": { unmarked: "deadlines, no enterprise's data" },
  "PUT /api/labour/settings": { body: () => ({ firstHalfDue: "05/07", secondHalfDue: "05/01", reminderDays: 10, missingAfterDays: 30 }) },
};
