import { sql } from "drizzle-orm";
import { bulkInsert } from "#server/seed/seed.ts";
import type { SeedWorld } from "#server/seed/modules.ts";
import { snapshotTargets } from "./targets.service.ts";
import { addMonths } from "#shared/clock.ts";

/**
 * Demo data of the coordination module, from the source documents: last year's joint plan (19 of 20
 * items done, one carried over, as in 001), this year's plan, the 16-CTr/TU targets (002), yearly
 * plan figures, activities, Party referrals (ratios like 004) and "Dân vận khéo" models (001).
 */
const lastYearItems: [area: string, lead: "mmc" | "authority" | "federation", content: string][] = [
  ["leadership", "mmc", "Phối hợp chỉ đạo tăng cường các hoạt động tuyên truyền tại các doanh nghiệp trong KCN, KKT"],
  ["leadership", "mmc", "Phối hợp tham mưu tổ chức Hội nghị Thường trực Thành ủy gặp gỡ, đối thoại với công nhân, viên chức, lao động thành phố"],
  ["leadership", "federation", "Phát huy vai trò nòng cốt trong hoạt động của Ban Chỉ đạo xây dựng giai cấp công nhân thành phố"],
  [
    "propaganda",
    "federation",
    "Tuyên truyền pháp luật lao động, Bảo hiểm xã hội, chính sách đối với lao động nữ, Luật Thực hiện dân chủ ở cơ sở cho công nhân lao động",
  ],
  ["propaganda", "federation", "Biên soạn và phát hành cuốn “Hỏi đáp về pháp luật lao động”"],
  ["propaganda", "authority", "Phối hợp với Đài Phát thanh và Truyền hình, Báo Hải Phòng đưa tin tuyển dụng của các doanh nghiệp trong KCN, KKT"],
  ["propaganda", "mmc", "Chuyển đổi số trong công tác tuyên truyền: infographics, videoclip trên Cổng thông tin Dân vận, Fanpage Công đoàn"],
  ["situation", "authority", "Thường xuyên nắm tình hình việc làm, tiền lương, thu nhập, quan hệ lao động, điều kiện làm việc của người lao động"],
  ["situation", "authority", "Hỗ trợ công nhân lao động thiếu việc làm, lao động tại doanh nghiệp có chủ bỏ trốn, doanh nghiệp phá sản"],
  ["situation", "federation", "Triển khai chuỗi chương trình “Tết Sum vầy, Xuân gắn kết” và “Chợ Tết Công đoàn”"],
  ["situation", "federation", "Triển khai đường dây tư vấn, hỗ trợ đoàn viên, người lao động 24/7"],
  ["housing", "mmc", "Phối hợp tham mưu triển khai nghị quyết của Thành ủy về phát triển nhà ở xã hội đến năm 2030"],
  ["housing", "authority", "Tháo gỡ khó khăn để đẩy nhanh tiến độ các dự án nhà ở cho công nhân lao động"],
  ["housing", "federation", "Làm việc với Ban Quản lý thiết chế Tổng Liên đoàn về dự án thiết chế công đoàn tại KCN Tràng Duệ"],
  ["party_union", "mmc", "Thực hiện Nghị quyết 28-NQ/TU về xây dựng tổ chức đảng, đoàn thể trong doanh nghiệp ngoài nhà nước"],
  ["party_union", "federation", "Giới thiệu đoàn viên ưu tú cho Đảng bồi dưỡng, kết nạp"],
  ["party_union", "federation", "Tổ chức các lớp tập huấn, bồi dưỡng nghiệp vụ công tác công đoàn, an toàn vệ sinh lao động"],
  ["mobilization", "mmc", "Triển khai phong trào thi đua “Dân vận khéo” trong công nhân lao động"],
  ["supervision", "federation", "Giám sát việc thực hiện lương tối thiểu vùng, ATVSLĐ, quy chế dân chủ, thỏa ước lao động tập thể tại doanh nghiệp FDI"],
  ["supervision", "mmc", "Tổ chức kiểm tra, giám sát kết quả thực hiện các chỉ thị, nghị quyết, kết luận về xây dựng giai cấp công nhân"],
];

const thisYearItems: [area: string, lead: "mmc" | "authority" | "federation", content: string][] = [
  [
    "propaganda",
    "mmc",
    "Thường xuyên định hướng thông tin, phản bác các thông tin, quan điểm sai trái, thù địch liên quan đến lao động và công đoàn trên mạng xã hội",
  ],
  ["propaganda", "federation", "Tuyên truyền chính sách hỗ trợ học phí cho con em người lao động, thông tin về nhà ở xã hội cho người lao động"],
  ["situation", "federation", "Tăng cường nắm bắt, dự báo tình hình đời sống, việc làm, chế độ bảo hiểm của công nhân lao động"],
  ["leadership", "mmc", "Phối hợp đánh giá 03 năm thực hiện Chương trình hành động số 16-CTr/TU về đổi mới tổ chức và hoạt động của Công đoàn Việt Nam"],
  ["leadership", "federation", "Phối hợp hoàn thành Đề án phát triển và nâng cao chất lượng giai cấp công nhân thành phố"],
  ["housing", "authority", "Phối hợp tham mưu triển khai Nghị quyết số 09-NQ/TU về phát triển nhà ở xã hội đến năm 2030"],
  ["situation", "authority", "Dự báo nhu cầu sử dụng lao động; kết nối doanh nghiệp với các trường đại học, cao đẳng trong tuyển dụng và đào tạo"],
  ["situation", "federation", "Phối hợp phòng ngừa và tham gia giải quyết tranh chấp lao động tập thể, không để phát sinh điểm nóng"],
  ["supervision", "authority", "Tăng cường thanh tra, kiểm tra các doanh nghiệp chậm đóng, nợ BHXH"],
  ["party_union", "federation", "Chuẩn bị tốt nguồn đoàn viên ưu tú giới thiệu cho Đảng xem xét, kết nạp"],
  ["mobilization", "mmc", "Xây dựng, nâng cao chất lượng các mô hình “Dân vận khéo”"],
  ["party_union", "federation", "Nghiên cứu mô hình tổ chức công đoàn để đề xuất sắp xếp với Tổng Liên đoàn Lao động Việt Nam"],
];

const models: [name: string, body: "mmc" | "authority" | "federation", field: string, award: boolean][] = [
  ["Đảm bảo nâng cao chất lượng hỗ trợ giải quyết khó khăn, vướng mắc cho doanh nghiệp qua đường dây nóng của Ban", "authority", "Hỗ trợ doanh nghiệp", true],
  ["Đối thoại định kỳ giữa Trưởng ban Ban Quản lý Khu kinh tế với doanh nghiệp và công nhân trong các KCN, KKT", "authority", "Đối thoại", true],
  ["Vận động doanh nghiệp sử dụng dịch vụ Bưu chính công ích trong tiếp nhận và trả kết quả thủ tục hành chính", "authority", "Cải cách hành chính", false],
  ["Vận động doanh nghiệp tham gia thanh toán điện tử đạt 100%", "authority", "Chuyển đổi số", false],
  ["Vận động doanh nghiệp báo cáo, trao đổi thông tin trên hệ thống phần mềm eHeza", "authority", "Chuyển đổi số", true],
  ["Khu nhà trọ văn minh an toàn", "federation", "Đời sống công nhân", true],
];

const trainingTopics = [
  "nghiệp vụ công tác công đoàn",
  "kỹ năng thương lượng tập thể",
  "pháp luật lao động",
  "an toàn vệ sinh lao động",
  "kỹ năng đối thoại tại nơi làm việc",
  "công tác tài chính công đoàn",
];
const propagandaTopics = [
  "pháp luật lao động, Bảo hiểm xã hội",
  "chính sách đối với lao động nữ",
  "Luật Thực hiện dân chủ ở cơ sở",
  "phòng chống ma túy, tệ nạn xã hội",
  "an toàn giao thông cho công nhân",
];
const questions = [
  ["Đề nghị doanh nghiệp nâng mức tiền ăn giữa ca lên 30.000 đồng/suất", "Tiền lương, phúc lợi"],
  ["Đề nghị thành phố sớm bố trí nhà ở xã hội cho công nhân thuê với giá phù hợp", "Nhà ở"],
  ["Công ty chậm đóng bảo hiểm xã hội 3 tháng, người lao động lo lắng về chế độ thai sản", "Bảo hiểm xã hội"],
  ["Đề nghị bố trí thêm tuyến xe buýt đưa đón công nhân từ huyện An Dương", "Đi lại"],
  ["Đề nghị có nhà trẻ gần khu công nghiệp cho con công nhân", "Nhà trẻ"],
  ["Làm thêm giờ vượt quá 40 giờ/tháng có đúng quy định không?", "Thời giờ làm việc"],
];

export async function seedCoordination(world: SeedWorld): Promise<Record<string, number>> {
  const { database, rng, bodies } = world;
  const year = Number(world.today.slice(0, 4));
  const last = year - 1;
  const body = { mmc: bodies.mmc, authority: bodies.authority, federation: bodies.federation };
  const parties = `{${bodies.mmc},${bodies.authority},${bodies.federation}}`;
  const officer = world.users["ldld.canbo"] ?? world.users["ldld.quantri"] ?? null;
  const mmcUser = world.users["bdv.canbo"] ?? officer;

  // Plans: last year's (19/20 done, the last carried over) and this year's.
  const [p1] = await database.rows<{ id: number }>(
    sql`INSERT INTO coordination_plans (year, code, title, issued_on, parties, owner_body_id, created_by)
        VALUES (${last}, ${`02-KH/BDVTU-BQLKKT-LĐLĐTP-${last}`}, ${`Kế hoạch phối hợp thực hiện nhiệm vụ xây dựng giai cấp công nhân trong KCN, KKT năm ${last}`},
                ${`${last}-01-04`}, ${parties}::int[], ${bodies.mmc}, ${mmcUser}) RETURNING id`,
  );
  const [p2] = await database.rows<{ id: number }>(
    sql`INSERT INTO coordination_plans (year, code, title, issued_on, parties, owner_body_id, created_by)
        VALUES (${year}, ${`01-KH/BDVTU-BQLKKT-LĐLĐTP-${year}`}, ${`Kế hoạch phối hợp thực hiện nhiệm vụ xây dựng giai cấp công nhân trong KCN, KKT năm ${year}`},
                ${`${year}-01-05`}, ${parties}::int[], ${bodies.mmc}, ${mmcUser}) RETURNING id`,
  );
  const reason =
    "Do trong cùng một thời điểm nhiều đoàn kiểm tra của thành phố tiến hành kiểm tra tại cơ sở, có thể gây trùng chéo, khó khăn cho cơ sở, nên các nội dung kiểm tra, giám sát, đánh giá đề nghị chuyển sang năm sau.";
  const items1 = lastYearItems.map(([area, lead, content], k) => ({
    plan_id: p1?.id,
    no: k + 1,
    area,
    content,
    lead_body_id: body[lead],
    co_body_ids: `{${Object.values(body)
      .filter((b) => b !== body[lead])
      .join(",")}}`,
    deadline: `${last}-12-31`,
    status: k === lastYearItems.length - 1 ? "carried_over" : "done",
    // Evidence links are absolute http(s) addresses of documents kept elsewhere; the demo has none to point at.
    evidence: k < 5 ? [{ label: "Báo cáo kết quả" }] : [],
    reason_not_done: k === lastYearItems.length - 1 ? reason : null,
  }));
  const itemCols = {
    plan_id: "int",
    no: "int",
    area: "text",
    content: "text",
    lead_body_id: "int",
    co_body_ids: "int[]",
    deadline: "date",
    status: "text",
    evidence: "jsonb",
    reason_not_done: "text",
  };
  await bulkInsert(database, "plan_items", itemCols, items1);
  const month = Number(world.today.slice(5, 7));
  const items2 = thisYearItems.map(([area, lead, content], k) => ({
    plan_id: p2?.id,
    no: k + 1,
    area,
    content,
    lead_body_id: body[lead],
    co_body_ids: `{${Object.values(body)
      .filter((b) => b !== body[lead])
      .join(",")}}`,
    deadline: `${year}-${String(Math.min(12, 3 + k)).padStart(2, "0")}-28`,
    status: k < Math.round((thisYearItems.length * month) / 14) ? "done" : k % 3 === 0 ? "not_started" : "in_progress",
    evidence: [],
    reason_not_done: null,
  }));
  await bulkInsert(database, "plan_items", itemCols, items2);
  const lastItem = lastYearItems.at(-1);
  await database.rows(
    sql`INSERT INTO plan_items (plan_id, no, area, content, lead_body_id, co_body_ids, deadline, status, carried_from_item_id)
        SELECT ${p2?.id}, ${thisYearItems.length + 1}, area, content, lead_body_id, co_body_ids, ${`${year}-12-31`}, 'in_progress', id
        FROM plan_items WHERE plan_id = ${p1?.id} AND content = ${lastItem?.[2] ?? ""}`,
  );

  // Yearly plan figures sized from the data (last year's results + a little), and the 16-CTr/TU targets.
  const counts = await database.rows<{ y: number; members: number; unions: number }>(
    sql`SELECT y, (SELECT count(*)::int FROM memberships WHERE start_reason IN ('join','rejoin') AND extract(year FROM valid_from) = y) AS members,
               (SELECT count(*)::int FROM unions WHERE extract(year FROM founded_on) = y) AS unions
        FROM unnest(ARRAY[${last - 1}, ${last}, ${year}]::int[]) y`,
  );
  const c = (y: number) => counts.find((r) => r.y === y) ?? { members: 0, unions: 0 };
  const [{ total: members = 0 } = {}] = await database.rows<{ total: number }>(sql`SELECT count(*)::int AS total FROM memberships WHERE valid_to IS NULL`);
  const round = (v: number, to: number) => Math.max(to, Math.round(v / to) * to);
  const referralPlan = (y: number) => round(c(y - 1).members * 0.015 + 5, 5);
  const targetRows: Record<string, unknown>[] = [
    {
      program: "16-CTr/TU",
      title: "Phấn đấu có 400.000 đoàn viên Công đoàn trở lên (quy đổi theo quy mô dữ liệu mẫu)",
      metric: "members_as_of",
      unit: "count",
      target_value: world.scale === "city" ? 400_000 : round(members * 1.15, 100),
      year: null,
      deadline: "2025-12-31",
      baseline_value: null,
      baseline_date: null,
    },
    {
      program: "16-CTr/TU",
      title: "Doanh nghiệp có từ 20 công nhân, lao động trở lên có tổ chức Công đoàn",
      metric: "enterprises20_with_union_pct",
      unit: "percent",
      target_value: 100,
      year: null,
      deadline: "2025-12-31",
    },
    {
      program: "16-CTr/TU",
      title: "Doanh nghiệp đủ điều kiện ký kết thỏa ước lao động tập thể (đến năm 2023)",
      metric: "manual",
      // The registry computes the same figure: the targets page, the dashboard and the report use the computed one and show the entered one beside it.
      computed_metric: "agreement_coverage_pct",
      unit: "percent",
      target_value: 70,
      year: null,
      deadline: "2023-12-31",
    },
    {
      program: "16-CTr/TU",
      title: "Doanh nghiệp đủ điều kiện ký kết thỏa ước lao động tập thể (đến năm 2025)",
      metric: "manual",
      // The registry computes the same figure: the targets page, the dashboard and the report use the computed one and show the entered one beside it.
      computed_metric: "agreement_coverage_pct",
      unit: "percent",
      target_value: 80,
      year: null,
      deadline: "2025-12-31",
    },
    {
      program: "16-CTr/TU",
      title: "Doanh nghiệp ngoài Nhà nước có điều kiện thành lập được tổ chức Đảng",
      metric: "manual",
      unit: "percent",
      target_value: 70,
      year: null,
      deadline: "2025-12-31",
    },
  ];
  for (const y of [last, year]) {
    targetRows.push(
      {
        program: `Kế hoạch năm ${y} của LĐLĐ thành phố`,
        title: `Phát triển đoàn viên mới năm ${y}`,
        metric: "new_members_in_year",
        unit: "count",
        target_value: round(c(y - 1).members * 1.25, 100),
        year: y,
        deadline: `${y}-12-31`,
      },
      {
        program: `Kế hoạch năm ${y} của LĐLĐ thành phố`,
        title: `Thành lập mới công đoàn cơ sở năm ${y}`,
        metric: "new_unions_in_year",
        unit: "count",
        target_value: Math.max(2, c(y - 1).unions),
        year: y,
        deadline: `${y}-12-31`,
      },
      {
        program: `Kế hoạch năm ${y} của LĐLĐ thành phố`,
        title: `Giới thiệu đoàn viên ưu tú cho Đảng năm ${y}`,
        metric: "party_referrals_in_year",
        unit: "count",
        target_value: referralPlan(y),
        year: y,
        deadline: `${y}-12-31`,
      },
    );
  }
  await bulkInsert(
    database,
    "targets",
    {
      program: "text",
      title: "text",
      metric: "text",
      unit: "text",
      target_value: "numeric",
      year: "int",
      deadline: "date",
      baseline_value: "numeric",
      baseline_date: "date",
      owner_body_id: "int",
      created_by: "int",
      computed_metric: "text",
    },
    targetRows.map((t) => ({ baseline_value: null, baseline_date: null, computed_metric: null, ...t, owner_body_id: bodies.federation, created_by: officer })),
  );
  if (officer) {
    await database.rows(
      sql`INSERT INTO target_values (target_id, as_of, value, note, entered_by)
          SELECT t.id, v.as_of::date, v.value, v.note, ${officer} FROM targets t
          JOIN (VALUES ('(đến năm 2023)', '2023-12-31', 71.4, 'Theo báo cáo tổng hợp của Ban Tổ chức LĐLĐ'),
                       ('(đến năm 2025)', ${`${last}-12-31`}, 74.2, 'Theo báo cáo tổng hợp của Ban Tổ chức LĐLĐ'),
                       ('(đến năm 2025)', ${`${year}-06-30`}, 76.8, 'Số liệu 6 tháng'),
                       ('tổ chức Đảng', ${`${last}-12-31`}, 58.5, 'Theo số liệu của Đảng ủy Khu kinh tế'),
                       ('tổ chức Đảng', ${`${year}-06-30`}, 61.0, 'Số liệu 6 tháng')) v(tag, as_of, value, note)
            ON t.title LIKE '%' || v.tag || '%'`,
    );
  }

  // Activities of last year and of this year up to today.
  const acts: Record<string, unknown>[] = [];
  const fdi = world.enterprises.filter((e) => e.ownership === "fdi" && e.status === "active");
  const zoneIds = world.zones.map((z) => z.id);
  const dialogueRows: { title: string; zoneId: number; heldOn: string }[] = [];
  for (const y of [last, year]) {
    const end = y === year ? world.today : `${y}-12-31`;
    const when = () => rng.date(`${y}-01-05`, end);
    const share = y === year ? Math.min(1, month / 12) : 1;
    for (let k = 0; k < Math.round(48 * share); k++) {
      acts.push({
        kind: "training",
        title: `Lớp tập huấn ${rng.pick(trainingTopics)} cho cán bộ công đoàn cơ sở`,
        held_on: when(),
        body_id: bodies.federation,
        zone_id: null,
        enterprise_id: null,
        sessions: 1,
        participants: rng.int(35, 70),
      });
    }
    for (let k = 0; k < Math.round(12 * share); k++) {
      acts.push({
        kind: "propaganda",
        title: `Tuyên truyền ${rng.pick(propagandaTopics)} tại ${rng.pick(world.zones).name}`,
        held_on: when(),
        body_id: rng.pick([bodies.federation, bodies.mmc]),
        zone_id: rng.pick(zoneIds),
        enterprise_id: null,
        sessions: 1,
        participants: rng.int(200, 500),
        copies: k === 0 ? 1500 : null,
      });
    }
    for (let k = 0; k < Math.max(1, Math.round(4 * share)); k++) {
      const zone = rng.pick(world.zones);
      const title = `Hội nghị đối thoại giữa lãnh đạo thành phố với công nhân lao động ${zone.name}`;
      const heldOn = when();
      dialogueRows.push({ title, zoneId: zone.id, heldOn });
      acts.push({
        kind: "dialogue",
        title,
        held_on: heldOn,
        body_id: bodies.mmc,
        zone_id: zone.id,
        enterprise_id: null,
        sessions: 1,
        participants: rng.int(150, 400),
      });
    }
    for (let k = 0; k < Math.round(6 * share); k++) {
      acts.push({
        kind: "cultural",
        title: `Chương trình “Sân khấu truyền hình” phục vụ công nhân ${rng.pick(world.zones).name}`,
        held_on: when(),
        body_id: bodies.authority,
        zone_id: rng.pick(zoneIds),
        enterprise_id: null,
        sessions: 1,
        participants: rng.int(800, 2500),
      });
    }
    for (let k = 0; k < Math.round(3 * share); k++) {
      acts.push({
        kind: "job_fair",
        title: "Phiên giao dịch việc làm tại các KCN",
        held_on: when(),
        body_id: bodies.authority,
        zone_id: rng.pick(zoneIds),
        enterprise_id: null,
        sessions: 1,
        participants: 0,
        units: rng.int(30, 80),
        visitors: rng.int(1500, 4000),
      });
    }
    acts.push({
      kind: "tet_market",
      title: `Chợ Tết Công đoàn ${y}`,
      held_on: `${y}-01-12`,
      ended_on: `${y}-01-18`,
      body_id: bodies.federation,
      zone_id: null,
      enterprise_id: null,
      sessions: 1,
      participants: 0,
      units: rng.int(85, 110),
      stalls: rng.int(190, 240),
      visitors: rng.int(40_000, 50_000),
    });
    const visited = new Set<number>();
    while (visited.size < Math.min(fdi.length, Math.round(13 * share))) visited.add(rng.int(0, fdi.length - 1));
    for (const e of [...visited].map((i) => fdi[i]).filter((x) => x !== undefined)) {
      acts.push({
        kind: "supervision",
        title: "Giám sát thực hiện lương tối thiểu vùng, ATVSLĐ, quy chế dân chủ, thỏa ước lao động tập thể",
        held_on: when(),
        body_id: bodies.federation,
        zone_id: e.zoneId,
        enterprise_id: e.id,
        sessions: 1,
        participants: 0,
      });
    }
  }
  await bulkInsert(
    database,
    "activities",
    {
      kind: "text",
      title: "text",
      held_on: "date",
      ended_on: "date",
      body_id: "int",
      zone_id: "int",
      enterprise_id: "int",
      sessions: "int",
      participants: "int",
      units: "int",
      stalls: "int",
      visitors: "int",
      copies: "int",
    },
    acts.map((a) => ({ ended_on: null, units: null, stalls: null, visitors: null, copies: null, ...a })),
  );
  for (const d of dialogueRows) {
    const [a] = await database.rows<{ id: number }>(
      sql`SELECT id FROM activities WHERE kind = 'dialogue' AND title = ${d.title} AND held_on = ${d.heldOn} LIMIT 1`,
    );
    const picked = [...questions].sort(() => rng.next() - 0.5).slice(0, rng.int(3, 5));
    let no = 0;
    for (const [text, topic] of picked) {
      no += 1;
      await database.rows(sql`INSERT INTO dialogue_questions (activity_id, no, text, topic) VALUES (${a?.id}, ${no}, ${text}, ${topic})`);
    }
  }

  // Models.
  await bulkInsert(
    database,
    "mobilization_models",
    { name: "text", body_id: "int", year: "int", field: "text", description: "text", awards: "jsonb" },
    models.flatMap(([name, b, field, award], k) =>
      [last, year]
        .filter((y) => y === last || k < 4)
        .map((y) => ({
          name,
          body_id: body[b],
          year: y,
          field,
          description: `Mô hình “Dân vận khéo” do ${b === "authority" ? "Ban Quản lý Khu kinh tế" : b === "mmc" ? "Ban Dân vận Thành ủy" : "Liên đoàn Lao động thành phố"} triển khai.`,
          awards: award && y === last ? [{ year: last, level: "city", title: "Bằng khen của Ủy ban nhân dân thành phố" }] : [],
        })),
    ),
  );

  // bulkInsert may hand nested JSON over as a JSON string: store arrays as arrays.
  await database.rows(sql`UPDATE mobilization_models SET awards = (awards #>> '{}')::jsonb WHERE jsonb_typeof(awards) = 'string'`);
  await database.rows(sql`UPDATE plan_items SET evidence = (evidence #>> '{}')::jsonb WHERE jsonb_typeof(evidence) = 'string'`);

  // Party referrals: members in good standing, introduced by their union; about 40% admitted.
  let referrals = 0;
  for (const y of [last, year]) {
    const end = y === year ? world.today : `${y}-12-31`;
    const n = Math.round(referralPlan(y) * (y === year ? Math.min(1, month / 12) * 1.1 : 1.6));
    const rows = await database.rows<{ n: number }>(
      sql`WITH pick AS (
            SELECT m.person_id, m.union_id, row_number() OVER (ORDER BY md5(m.id::text || ${String(y)})) AS k
            FROM memberships m
            WHERE m.valid_from < ${`${y}-01-01`}::date AND m.valid_to IS NULL
              AND NOT EXISTS (SELECT 1 FROM party_referrals r WHERE r.person_id = m.person_id)
            ORDER BY md5(m.id::text || ${String(y)}) LIMIT ${n})
          , ins AS (INSERT INTO party_referrals (person_id, union_id, referred_on, outcome, admitted_on, created_by)
            SELECT person_id, union_id, d, CASE WHEN k % 5 < 2 AND d + 120 <= ${end}::date THEN 'admitted' WHEN k % 11 = 0 THEN 'not_admitted' ELSE 'pending' END,
                   CASE WHEN k % 5 < 2 AND d + 120 <= ${end}::date THEN d + 120 ELSE NULL END, ${officer}
            FROM (SELECT *, ${`${y}-01-02`}::date + ((k * 7919) % greatest(1, (${end}::date - ${`${y}-01-02`}::date)))::int AS d FROM pick) x RETURNING 1)
          SELECT count(*)::int AS n FROM ins`,
    );
    referrals += rows[0]?.n ?? 0;
  }

  // Month-end snapshots of every target for the last 24 months (the monthly job would have made them).
  let snaps = 0;
  for (let k = 24; k >= 1; k--) {
    snaps += await snapshotTargets(database, addMonths(`${year}-${String(month).padStart(2, "0")}`, -k));
  }
  world.log(
    `coordination: plans 2, items ${items1.length + items2.length + 1}, targets ${targetRows.length}, activities ${acts.length}, referrals ${referrals}`,
  );
  return {
    plans: 2,
    planItems: items1.length + items2.length + 1,
    targets: targetRows.length,
    activities: acts.length,
    partyReferrals: referrals,
    models: models.length,
    targetSnapshots: snaps,
  };
}
