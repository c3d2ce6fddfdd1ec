import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { bulkInsert } from "#server/seed/seed.ts";
import type { ModuleSeeder, SeedWorld } from "#server/seed/modules.ts";
import type { PayoutKind } from "./care.text.ts";
import { compactCarePayoutCounts } from "./payout-counts.ts";
import { utcCalendarDate } from "#shared/clock.ts";

const DAY = 86_400_000;
const iso = (t: number) => utcCalendarDate(t);

/** Worker housing in Hải Phòng, from the footnotes of the 2023 joint report (seeds/001). */
const housing = [
  {
    name: "Khu nhà ở xã hội tại Tổng kho 3 Lạc Viên",
    kind: "social_housing",
    place: "Tổng kho 3 Lạc Viên, phường Lạc Viên",
    commune: "Gia Viên",
    developer: "Liên danh nhà đầu tư dự án nhà ở xã hội Lạc Viên",
    zone: null,
    units: 4456,
    capacity: 12000,
    floor: null,
    land: null,
    status: "under_construction",
    description: "10 block nhà chung cư cao 15 tầng, tổng số khoảng 4.456 căn hộ.",
    milestones: [
      ["approved", "Chấp thuận chủ trương đầu tư", "2022-09-15"],
      ["started", "Khởi công dự án", "2023-03-19"],
    ],
  },
  {
    name: "Khu đô thị – dịch vụ thương mại và nhà ở công nhân Tràng Duệ",
    kind: "worker_housing",
    place: "Xã Lê Lợi, huyện An Dương (nay xã An Hưng)",
    commune: "An Hưng",
    developer: "Công ty CP Khu công nghiệp Sài Gòn – Hải Phòng",
    zone: "TRANGDUE",
    units: 3600,
    capacity: 12600,
    floor: null,
    land: 42.08,
    status: "under_construction",
    description:
      "Lô đất nhà ở xã hội 3,14 ha, dự kiến 4 block tầng cao tối đa 20 tầng, khoảng 3.600 căn hộ; giai đoạn khởi công tháng 5/2023 quy mô 2.538 căn.",
    milestones: [
      ["approved", "Chấp thuận chủ trương đầu tư", "2021-11-10"],
      ["started", "Khởi công giai đoạn 2.538 căn", "2023-05-19"],
    ],
  },
  {
    name: "Khu nhà ở công nhân viên Công ty TNHH Pegatron Việt Nam",
    kind: "dormitory",
    place: "Khu kinh tế Đình Vũ – Cát Hải",
    commune: "Cát Hải",
    developer: "Công ty TNHH Pegatron Việt Nam",
    zone: "DINHVUCATHAI",
    units: null,
    capacity: 10000,
    floor: null,
    land: null,
    status: "under_construction",
    description: "10 tòa nhà cao tầng, đáp ứng chỗ ở cho 10.000 công nhân lao động.",
    milestones: [["started", "Khởi công dự án", "2023-06-20"]],
  },
  {
    name: "Dự án nhà ở xã hội Tràng Cát",
    kind: "social_housing",
    place: "Phường Tràng Cát, quận Hải An",
    commune: "Hải An",
    developer: "Công ty CP Đầu tư Phát triển Nhà ở xã hội Tràng Cát",
    zone: "NAMDINHVU",
    units: 4000,
    capacity: 10000,
    floor: null,
    land: null,
    status: "under_construction",
    description: "4.000 căn nhà, đáp ứng chỗ ở cho gần 10.000 lao động.",
    milestones: [["started", "Khởi công dự án", "2024-01-13"]],
  },
  {
    name: "Khu nhà ở xã hội phường Đông Hải 2",
    kind: "social_housing",
    place: "Phường Đông Hải 2, quận Hải An",
    commune: "Đông Hải",
    developer: "Nhà đầu tư được lựa chọn theo kết quả đấu thầu năm 2023",
    zone: "DINHVU",
    units: null,
    capacity: 12000,
    floor: null,
    land: null,
    status: "approved",
    description: "Quy mô dân số khoảng 12.000 người; đã được chấp thuận chủ trương đầu tư và lựa chọn xong nhà đầu tư.",
    milestones: [
      ["approved", "Chấp thuận chủ trương đầu tư", "2022-12-20"],
      ["investor_selected", "Lựa chọn xong nhà đầu tư", "2023-08-30"],
    ],
  },
  {
    name: "Khu ký túc xá Công ty TNHH LG Display Việt Nam Hải Phòng",
    kind: "dormitory",
    place: "KCN Tràng Duệ, huyện An Dương",
    commune: "An Dương",
    developer: "Công ty TNHH LG Display Việt Nam Hải Phòng",
    zone: "TRANGDUE",
    units: null,
    capacity: 10800,
    floor: 55500,
    land: null,
    status: "partly_in_use",
    description:
      "12 tòa nhà cao 5 tầng, chỗ ở cho khoảng 10.800 người. Đã đưa vào sử dụng giai đoạn 1, 2 và một phần giai đoạn 3 (06 tòa, 04 tòa cho công nhân, sàn 37.000 m²); đang xây 02 tòa còn lại (18.500 m², 1.800 chỗ ở).",
    milestones: [
      ["started", "Khởi công", "2018-04-10"],
      ["phase_completed", "Hoàn thành giai đoạn 1", "2019-06-30"],
      ["phase_completed", "Hoàn thành giai đoạn 2", "2020-12-15"],
      ["phase_completed", "Đưa vào sử dụng một phần giai đoạn 3 (06 tòa)", "2022-10-01"],
    ],
  },
] as const;

const houseAddresses = ["thôn Đông", "thôn Trung", "thôn Đoài", "xóm Mới", "thôn Nam", "xóm Chùa", "thôn Bắc", "xóm Đình"];

/** Last Tết, hardship visits, the Tết market, union houses, worker housing, a survey and join requests. */
export const seedCare: ModuleSeeder = async (world: SeedWorld) => {
  const { database, rng, today } = world;
  const started = Date.now();
  const city = world.scale === "city";
  const todayMs = Date.parse(today);
  // The most recent Tết season that has ended by "today".
  const year = today.slice(5) >= "02-20" ? Number(today.slice(0, 4)) : Number(today.slice(0, 4)) - 1;
  const officer = world.users["ldld.canbo"] ?? null;
  const fed = world.bodies.federation;

  const members = await database.rows<{ id: number; unionId: number; hardship: boolean; enterpriseId: number }>(
    sql`SELECT p.id, m.union_id AS "unionId", p.hardship, p.enterprise_id AS "enterpriseId"
        FROM people p JOIN memberships m ON m.person_id = p.id AND m.valid_to IS NULL ORDER BY p.id`,
  );
  const campaign = async (c: {
    name: string;
    purpose: string;
    owner: number;
    from: string;
    to: string;
    kinds: PayoutKind[];
    budget: number;
    eligibility?: object;
    status?: string;
    sources?: [string, number][];
  }) => {
    const [row] = await database.rows<{ id: number }>(
      sql`INSERT INTO care_campaigns (name, purpose, owner_body_id, starts_on, ends_on, kinds, budget, eligibility, status, created_by)
          VALUES (${c.name}, ${c.purpose}, ${c.owner}, ${c.from}, ${c.to}, ${sql`ARRAY[${sql.join(
            c.kinds.map((k) => sql`${k}`),
            sql`, `,
          )}]::text[]`}, ${c.budget}, ${JSON.stringify(c.eligibility ?? { membersOnly: true })}::jsonb, ${c.status ?? "closed"}, ${officer})
          RETURNING id`,
    );
    const id = row?.id ?? 0;
    for (const [source, amount] of c.sources ?? []) {
      await database.rows(sql`INSERT INTO care_campaign_sources (campaign_id, source, amount) VALUES (${id}, ${source}, ${amount})`);
    }
    return id;
  };
  const payoutCols = {
    campaign_id: "int",
    person_id: "int",
    union_id: "int",
    kind: "text",
    amount: "numeric",
    paid_on: "date",
    via: "text",
    recorded_by: "int",
  };

  // 1. Tết: the federation's campaign, paid through the grassroots unions (cash, gifts, tickets home).
  // ≈133,000 of the city's ≈590,000 members, as in the 2022 report (seeds/003); a few thousand in the demo.
  const tetShare = city ? 0.21 : 0.14;
  const tetId = await campaign({
    name: `Chương trình "Tết Sum vầy – Xuân Bình an" năm ${year}`,
    purpose: "tet",
    owner: fed,
    from: `${year}-01-05`,
    to: `${year}-02-15`,
    kinds: ["cash", "gift", "ticket"],
    budget: 0,
    sources: [],
  });
  const tetPayouts: Record<string, unknown>[] = [];
  const paidTet = new Set<number>();
  for (const m of members) {
    if (!rng.chance(m.hardship ? Math.min(0.9, tetShare * 3) : tetShare)) continue;
    const kind = rng.weighted<PayoutKind>([
      ["cash", 323],
      ["gift", 673],
      ["ticket", 4],
    ]);
    const amount =
      kind === "cash"
        ? rng.pick([300_000, 500_000, 500_000, 1_000_000])
        : kind === "gift"
          ? rng.pick([300_000, 400_000, 500_000])
          : rng.pick([300_000, 450_000, 500_000]);
    paidTet.add(m.id);
    tetPayouts.push({
      campaign_id: tetId,
      person_id: m.id,
      union_id: m.unionId,
      kind,
      amount,
      paid_on: rng.date(`${year}-01-12`, `${year}-02-12`),
      via: "seed",
      recorded_by: officer,
    });
  }
  await bulkInsert(database, "care_payouts", payoutCols, tetPayouts);
  const byUnion = new Map<number, { n: number; amount: number }>();
  for (const p of tetPayouts) {
    const u = byUnion.get(p.union_id as number) ?? { n: 0, amount: 0 };
    u.n++;
    u.amount += p.amount as number;
    byUnion.set(p.union_id as number, u);
  }
  const tetTotal = tetPayouts.reduce((s, p) => s + (p.amount as number), 0);
  const budget = Math.ceil((tetTotal * 1.05) / 1_000_000) * 1_000_000;
  await database.rows(sql`UPDATE care_campaigns SET budget = ${budget} WHERE id = ${tetId}`);
  for (const [source, share] of [
    ["Tài chính công đoàn các cấp", 0.55],
    ["Doanh nghiệp, người sử dụng lao động", 0.35],
    ["Nhà hảo tâm, nhà tài trợ", 0.1],
  ] as const) {
    await database.rows(sql`INSERT INTO care_campaign_sources (campaign_id, source, amount) VALUES (${tetId}, ${source}, ${Math.round(budget * share)})`);
  }
  await bulkInsert(
    database,
    "care_allocations",
    { campaign_id: "int", union_id: "int", amount: "numeric", quota: "int" },
    [...byUnion].map(([unionId, u]) => ({
      campaign_id: tetId,
      union_id: unionId,
      amount: Math.ceil((u.amount * 1.1) / 1_000_000) * 1_000_000,
      quota: Math.ceil(u.n * 1.1),
    })),
  );

  // 2. A few grassroots unions gave their own Tết gifts at the same time: some workers got both,
  //    which the overlap warning is there to show.
  const unionIds = [...byUnion.keys()];
  const ownUnions = unionIds.filter(() => rng.chance(city ? 0.02 : 0.08)).slice(0, city ? 60 : 6);
  const own: Record<string, unknown>[] = [];
  for (const unionId of ownUnions) {
    const [u] = await database.rows<{ name: string }>(sql`SELECT name FROM unions WHERE id = ${unionId}`);
    const id = await campaign({
      name: `Quà Tết ${year} của ${u?.name ?? "công đoàn cơ sở"}`,
      purpose: "tet",
      owner: unionId,
      from: `${year}-01-15`,
      to: `${year}-02-10`,
      kinds: ["gift"],
      budget: 50_000_000,
      sources: [
        ["Kinh phí công đoàn cơ sở", 30_000_000],
        ["Doanh nghiệp hỗ trợ", 20_000_000],
      ],
    });
    for (const m of members.filter((x) => x.unionId === unionId && rng.chance(0.1)).slice(0, 40)) {
      own.push({
        campaign_id: id,
        person_id: m.id,
        union_id: unionId,
        kind: "gift",
        amount: 300_000,
        paid_on: rng.date(`${year}-01-20`, `${year}-02-08`),
        via: "seed",
        recorded_by: null,
      });
    }
  }
  await bulkInsert(database, "care_payouts", payoutCols, own);

  // 3. Hardship visits through the year: most, not all, of the members flagged in hardship.
  const hardshipId = await campaign({
    name: `Thăm hỏi, hỗ trợ đoàn viên, NLĐ có hoàn cảnh khó khăn năm ${year}`,
    purpose: "hardship",
    owner: fed,
    from: `${year}-03-01`,
    to: iso(Math.min(todayMs, Date.parse(`${year}-12-31`))),
    kinds: ["cash", "gift"],
    budget: city ? 14_000_000_000 : 400_000_000,
    eligibility: { membersOnly: true, hardshipOnly: true },
    status: "open",
    sources: [
      ["Quỹ Xã hội Công đoàn", city ? 9_000_000_000 : 250_000_000],
      ["Tài chính công đoàn", city ? 5_000_000_000 : 150_000_000],
    ],
  });
  const visits: Record<string, unknown>[] = [];
  const hardshipEnd = Math.min(todayMs, Date.parse(`${year}-12-31`));
  for (const m of members) {
    if (!m.hardship || !rng.chance(0.6)) continue;
    const kind: PayoutKind = rng.chance(0.8) ? "cash" : "gift";
    visits.push({
      campaign_id: hardshipId,
      person_id: m.id,
      union_id: m.unionId,
      kind,
      amount: kind === "cash" ? rng.pick([500_000, 1_000_000, 1_000_000, 2_000_000, 3_000_000]) : 500_000,
      paid_on: rng.date(`${year}-03-05`, iso(Math.max(Date.parse(`${year}-03-06`), hardshipEnd))),
      via: "seed",
      recorded_by: officer,
    });
  }
  await bulkInsert(database, "care_payouts", payoutCols, visits);

  // 4. The union's Tết market: 300.000 đ vouchers.
  const marketId = await campaign({
    name: `Chợ Tết Công đoàn năm ${year}`,
    purpose: "tet_market",
    owner: fed,
    from: `${year}-01-20`,
    to: `${year}-01-25`,
    kinds: ["voucher"],
    budget: city ? 750_000_000 : 75_000_000,
    sources: [["Tài chính công đoàn", city ? 750_000_000 : 75_000_000]],
  });
  const vouchers = members
    .filter((m) => !paidTet.has(m.id) && rng.chance(0.05))
    .slice(0, city ? 2500 : 250)
    .map((m) => ({
      campaign_id: marketId,
      person_id: m.id,
      union_id: m.unionId,
      kind: "voucher",
      amount: 300_000,
      paid_on: rng.date(`${year}-01-20`, `${year}-01-25`),
      via: "seed",
      recorded_by: officer,
    }));
  await bulkInsert(database, "care_payouts", payoutCols, vouchers);

  // 5. Union houses ("Mái ấm Công đoàn").
  const houseCampaign = await campaign({
    name: `Mái ấm Công đoàn năm ${year}`,
    purpose: "union_house",
    owner: fed,
    from: `${year}-01-01`,
    to: `${year}-12-31`,
    kinds: ["house"],
    budget: city ? 1_200_000_000 : 400_000_000,
    eligibility: { membersOnly: true, hardshipOnly: true },
    status: "open",
    sources: [["Quỹ Mái ấm Công đoàn", city ? 1_200_000_000 : 400_000_000]],
  });
  const houseCount = city ? 23 : 6;
  const houses: Record<string, unknown>[] = [];
  const housePayouts: Record<string, unknown>[] = [];
  for (const m of members.filter((x) => x.hardship && rng.chance(0.2)).slice(0, houseCount)) {
    const approved = rng.date(`${year}-02-20`, iso(Math.max(Date.parse(`${year}-03-01`), todayMs - 30 * DAY)));
    const stage = rng.weighted([
      ["handed_over", 5],
      ["building", 3],
      ["approved", 1],
    ] as const);
    const started = stage === "approved" ? null : iso(Date.parse(approved) + rng.int(10, 30) * DAY);
    const handover = stage === "handed_over" && started ? iso(Math.min(todayMs, Date.parse(started) + rng.int(60, 120) * DAY)) : null;
    const amount = rng.pick([40_000_000, 45_000_000, 50_000_000]);
    houses.push({
      campaign_id: houseCampaign,
      person_id: m.id,
      union_id: m.unionId,
      work: rng.chance(0.75) ? "build" : "repair",
      address: `${rng.pick(houseAddresses)}, ${rng.pick(world.zones).commune}, Hải Phòng`,
      amount,
      co_funding: rng.pick([0, 20_000_000, 30_000_000, 50_000_000]),
      co_funders: "Gia đình, doanh nghiệp và công đoàn cơ sở",
      stage,
      progress: stage === "handed_over" ? 100 : stage === "building" ? rng.int(20, 90) : 0,
      approved_on: approved,
      started_on: started,
      handover_on: handover,
    });
    housePayouts.push({
      campaign_id: houseCampaign,
      person_id: m.id,
      union_id: m.unionId,
      kind: "house",
      amount,
      paid_on: approved,
      via: "seed",
      recorded_by: officer,
    });
  }
  await bulkInsert(
    database,
    "care_union_houses",
    {
      campaign_id: "int",
      person_id: "int",
      union_id: "int",
      work: "text",
      address: "text",
      amount: "numeric",
      co_funding: "numeric",
      co_funders: "text",
      stage: "text",
      progress: "int",
      approved_on: "date",
      started_on: "date",
      handover_on: "date",
    },
    houses,
  );
  await bulkInsert(database, "care_payouts", payoutCols, housePayouts);

  // 6. Worker housing projects.
  for (const h of housing) {
    const zoneId = h.zone ? (world.zones.find((z) => z.code === h.zone)?.id ?? null) : null;
    const [row] = await database.rows<{ id: number }>(
      sql`INSERT INTO care_housing_projects (name, kind, place, commune, developer, zone_id, units, capacity_people, floor_area_m2, land_area_ha, status, description, contact, created_by)
          VALUES (${h.name}, ${h.kind}, ${h.place}, ${h.commune}, ${h.developer}, ${zoneId}, ${h.units}, ${h.capacity}, ${h.floor}, ${h.land}, ${h.status},
                  ${h.description}, ${"Công đoàn Khu kinh tế Hải Phòng – hỗ trợ thông tin nhà ở xã hội cho người lao động"}, ${officer})
          RETURNING id`,
    );
    for (const [kind, label, on] of h.milestones) {
      await database.rows(sql`INSERT INTO care_housing_milestones (project_id, kind, label, happened_on) VALUES (${row?.id ?? 0}, ${kind}, ${label}, ${on})`);
    }
  }

  // 7. A survey about housing and living conditions, answered in one zone's enterprises.
  const zone = world.zones[0];
  const zoneEnterprises = world.enterprises.filter((e) => e.zoneId === zone?.id && e.status === "active" && e.workforce >= 50).slice(0, 8);
  const [survey] = await database.rows<{ id: number }>(
    sql`INSERT INTO care_surveys (title, description, token, owner_body_id, status, target_enterprise_ids, target_zone_ids, closes_on, created_by)
        VALUES (${`Khảo sát nhu cầu nhà ở và đời sống công nhân lao động năm ${year}`},
                ${"Công đoàn lắng nghe ý kiến để đề xuất với thành phố về nhà ở xã hội, nhà trẻ và bữa ăn ca. Phiếu không ghi tên, không lưu thông tin người trả lời."},
                ${randomBytes(12).toString("base64url")}, ${world.bodies.zoneUnions[0] ?? fed}, 'open',
                ${sql`ARRAY[${sql.join(
                  zoneEnterprises.length ? zoneEnterprises.map((e) => sql`${e.id}`) : [sql`NULL`],
                  sql`, `,
                )}]::int[]`}, '{}', ${iso(todayMs + 30 * DAY)}, ${world.users["cdkkt.canbo"] ?? null})
        RETURNING id`,
  );
  const q = async (position: number, kind: string, text: string, options: string[] = [], scale = false, required = true) => {
    const [r] = await database.rows<{ id: number }>(
      sql`INSERT INTO care_survey_questions (survey_id, position, kind, text, options, scale_min, scale_max, required)
          VALUES (${survey?.id ?? 0}, ${position}, ${kind}, ${text}, ${JSON.stringify(options)}::jsonb, ${scale ? 1 : null}, ${scale ? 5 : null}, ${required}) RETURNING id`,
    );
    return r?.id ?? 0;
  };
  const livingOptions = ["Nhà của gia đình", "Thuê phòng trọ", "Ký túc xá doanh nghiệp", "Nhà ở xã hội"];
  const needOptions = ["Nhà ở xã hội", "Nhà trẻ cho con", "Xe đưa đón", "Tư vấn pháp luật", "Nâng chất lượng bữa ăn ca"];
  const q1 = await q(1, "single", "Hiện nay anh/chị đang ở đâu?", livingOptions);
  const q2 = await q(2, "multiple", "Anh/chị mong công đoàn hỗ trợ những gì? (chọn nhiều)", needOptions);
  const q3 = await q(3, "scale", "Anh/chị hài lòng thế nào với bữa ăn ca? (1 = rất không hài lòng, 5 = rất hài lòng)", [], true);
  const q4 = await q(4, "text", "Ý kiến khác gửi công đoàn", [], false, false);
  const comments = [
    "Mong có thêm nhà trẻ gần khu công nghiệp",
    "Tiền thuê trọ tăng nhiều",
    "Bữa ăn ca cần thêm rau xanh",
    "Mong được mua nhà ở xã hội trả góp",
    "",
  ];
  const answers: Record<string, unknown>[] = [];
  for (const [i, e] of zoneEnterprises.entries()) {
    // Most enterprises answered in numbers; one or two only a few times (their breakdown stays hidden).
    const n = i % 4 === 3 ? rng.int(2, 4) : rng.int(6, city ? 40 : 18);
    for (let k = 0; k < n; k++) {
      const needs = needOptions.filter(() => rng.chance(0.35));
      const comment = rng.pick(comments);
      answers.push({
        survey_id: survey?.id,
        enterprise_id: e.id,
        zone_id: e.zoneId,
        submitted_on: rng.date(iso(todayMs - 20 * DAY), today),
        answers: {
          [q1]: rng.weighted(livingOptions.map((o, j) => [o, [30, 45, 15, 10][j] ?? 1] as const)),
          [q2]: needs.length ? needs : [needOptions[0]],
          [q3]: rng.weighted([
            [1, 5],
            [2, 12],
            [3, 35],
            [4, 33],
            [5, 15],
          ] as const),
          ...(comment ? { [q4]: comment } : {}),
        },
      });
    }
  }
  await bulkInsert(
    database,
    "care_survey_responses",
    { survey_id: "int", enterprise_id: "int", zone_id: "int", submitted_on: "date", answers: "jsonb" },
    answers,
  );

  // 8. Requests to join from the public side, waiting in the unions' queues.
  const demoUnion = await database.rows<{ unionId: number; enterpriseId: number; name: string }>(
    sql`SELECT u.body_id AS "unionId", ue.enterprise_id AS "enterpriseId", e.name FROM users u JOIN union_enterprises ue ON ue.union_id = u.body_id
        JOIN enterprises e ON e.id = ue.enterprise_id WHERE u.username = 'cdcs.chutich' LIMIT 1`,
  );
  const applicants = [
    ["Nguyễn Thị Ngọc Ánh", "2001-03-14", "0316"],
    ["Trần Văn Khải", "1999-11-02", "0313"],
    ["Phạm Thị Thùy Dung", "2003-07-21", "0346"],
    ["Lê Minh Tuấn", "1996-01-30", "0303"],
    ["Vũ Thị Hồng Nhung", "2000-09-09", "0366"],
  ] as const;
  let joins = 0;
  for (const [k, [name, birth, prefix]] of applicants.entries()) {
    const target = demoUnion[0];
    if (!target) break;
    const female = prefix === "0316" || prefix === "0346" || prefix === "0366";
    const cid = `0${prefix.slice(1, 3)}${female ? 3 : 2}${birth.slice(2, 4)}${String(rng.int(0, 999_999)).padStart(6, "0")}`;
    await database.rows(
      sql`INSERT INTO care_join_requests (code, full_name, birth_date, citizen_id, phone, enterprise_id, enterprise_name, target_body_id, consent_at, created_at)
          VALUES (${`KN-${randomBytes(5).toString("hex").toUpperCase()}`}, ${name}, ${birth}, ${cid}, ${`09${String(rng.int(10_000_000, 99_999_999))}`},
                  ${target.enterpriseId}, ${target.name}, ${target.unionId}, now(), now() - ${`${k + 1} days`}::interval)
          ON CONFLICT DO NOTHING`,
    );
    joins++;
  }

  // Each batch of payouts appended its counts (migration 0970): the seeded city starts folded.
  await compactCarePayoutCounts(database);
  world.log(
    `care: ${tetPayouts.length} Tết payouts, ${visits.length} hardship visits, ${houses.length} union houses, ${answers.length} survey answers (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  return {
    careCampaigns: 4 + ownUnions.length + 1,
    carePayouts: tetPayouts.length + own.length + visits.length + vouchers.length + housePayouts.length,
    careUnionHouses: houses.length,
    careHousingProjects: housing.length,
    careSurveyAnswers: answers.length,
    careJoinRequests: joins,
  };
};
