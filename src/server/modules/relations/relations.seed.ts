import { sql } from "drizzle-orm";
import { bulkInsert } from "#server/seed/seed.ts";
import type { SeedWorld } from "#server/seed/modules.ts";
import { minimumWageAt } from "./minwage.service.ts";
import { addDays } from "./relations.common.ts";
import type { IncidentKind } from "./relations.schema.ts";
import { recomputeScores } from "./risk.service.ts";

const titles: Record<IncidentKind, string[]> = {
  work_stoppage: [
    "Ngừng việc tập thể đòi tăng lương, phụ cấp",
    "Công nhân ngừng việc phản đối chậm trả lương",
    "Ngừng việc tập thể do bữa ăn ca không đảm bảo",
  ],
  dispute_rights: ["Tranh chấp về trả lương làm thêm giờ", "Tranh chấp về chế độ nghỉ phép năm"],
  dispute_interests: ["Yêu cầu tăng lương, thưởng Tết", "Yêu cầu bổ sung phụ cấp nhà ở, đi lại"],
  wage_arrears: ["Chậm trả lương người lao động", "Nợ lương tháng trước"],
  si_arrears: ["Nợ đóng bảo hiểm xã hội kéo dài", "Chậm đóng BHXH, BHYT, BHTN"],
  employer_absconded: ["Chủ doanh nghiệp người nước ngoài bỏ về nước, không trả lương"],
  mass_layoff: ["Cắt giảm lao động do thiếu đơn hàng", "Chấm dứt hợp đồng hàng loạt do tái cơ cấu"],
  bankruptcy: ["Doanh nghiệp ngừng hoạt động, làm thủ tục phá sản"],
  serious_accident: ["Tai nạn lao động nghiêm trọng tại xưởng sản xuất", "Cháy xưởng, nhiều công nhân bị thương"],
  other: ["Ngộ độc thực phẩm bữa ăn ca", "Phản ánh về môi trường làm việc nắng nóng"],
};
const demands = [
  "Trả đủ lương và phụ cấp đúng hạn; đóng đủ BHXH",
  "Tăng lương cơ bản, điều chỉnh phụ cấp chuyên cần và xăng xe",
  "Cải thiện chất lượng bữa ăn ca; giảm giờ làm thêm",
  "Trả trợ cấp thôi việc, chốt sổ BHXH cho người lao động",
];
const actionNotes = [
  "Công đoàn Khu kinh tế phối hợp BQL KKT làm việc với chủ doanh nghiệp",
  "Tổ chức đối thoại giữa đại diện người lao động và người sử dụng lao động",
  "Ban Dân vận nắm tình hình, đề nghị các bên giữ ổn định",
  "Doanh nghiệp cam kết lộ trình thanh toán, công nhân trở lại làm việc",
];

/**
 * A year of labor relations for the demo city: background incidents, an inspection plan with
 * inspections and findings, and PLANTED stoppages whose precursors (arrears, unresolved findings)
 * appear in the months before — so the watch list can be evaluated honestly against them. Also
 * enterprises with the same precursors that never stop (false alarms) and stoppages without any
 * (misses).
 */
export async function seedRelations(world: SeedWorld): Promise<Record<string, number>> {
  const { database, rng, today } = world;
  const started = performance.now();
  const city = world.scale === "city";
  const yearAgo = addDays(today, -365);
  const creator = world.users["bql.canbo"] ?? null;
  const active = world.enterprises.filter((e) => e.status === "active" && e.workforce >= 20);
  const [maxInc] = await database.rows<{ n: number }>(sql`SELECT coalesce(max(id), 0)::int AS n FROM relations_incidents`);
  let nextIncident = (maxInc?.n ?? 0) + 1;
  const incidents: Record<string, unknown>[] = [];
  const actions: Record<string, unknown>[] = [];
  const bodiesFor = () => [world.bodies.zoneUnions[0] ?? world.bodies.federation, world.bodies.authority, ...(rng.chance(0.4) ? [world.bodies.mmc] : [])];
  const incident = (
    e: (typeof active)[number],
    kind: IncidentKind,
    startedOn: string,
    endedOn: string | null,
    extra: { months?: number; workers?: number; amount?: number } = {},
  ) => {
    const id = nextIncident++;
    const months = extra.months ?? (kind === "wage_arrears" ? rng.int(1, 3) : kind === "si_arrears" ? rng.int(2, 12) : 0);
    const workers = extra.workers ?? Math.max(5, Math.round(e.workforce * (0.2 + rng.next() * 0.8)));
    const amount =
      extra.amount ??
      (kind === "wage_arrears" ? workers * months * rng.int(55, 75) * 100_000 : kind === "si_arrears" ? workers * months * rng.int(11, 14) * 100_000 : 0);
    const ended = endedOn && endedOn <= today ? endedOn : null;
    incidents.push({
      id,
      enterprise_id: e.id,
      kind,
      title: rng.pick(titles[kind]),
      started_on: startedOn,
      ended_on: ended,
      workers_affected: workers,
      amount_owed: amount,
      arrears_months: months,
      demands: kind === "work_stoppage" || kind.startsWith("dispute") ? rng.pick(demands) : "",
      body_ids: `{${bodiesFor().join(",")}}`,
      resolution: ended ? "Các bên thống nhất phương án giải quyết; doanh nghiệp thực hiện cam kết" : "",
      status: ended ? (rng.chance(0.5) ? "closed" : "resolved") : rng.chance(0.5) ? "in_progress" : "open",
      created_by: creator,
    });
    const steps = rng.int(1, 3);
    for (let s = 0; s < steps; s++) {
      const on = addDays(startedOn, s * rng.int(1, 5));
      if (on <= today)
        actions.push({
          incident_id: id,
          acted_on: on,
          body_id: world.bodies.zoneUnions[0] ?? world.bodies.federation,
          note: rng.pick(actionNotes),
          created_by: creator,
        });
    }
    return id;
  };

  // Planted stoppages: precursors first, the stoppage later.
  const candidates = active.filter((e) => e.workforce >= 150 && e.unionId !== null);
  const planted: number[] = [];
  const plantedCount = city ? 40 : 6;
  const used = new Set<number>();
  while (planted.length < plantedCount && used.size < candidates.length) {
    const e = rng.pick(candidates);
    if (used.has(e.id)) continue;
    used.add(e.id);
    const stop = addDays(today, -rng.int(20, 330));
    if (stop < addDays(yearAgo, 60)) continue;
    const precursors = rng.int(1, 3);
    incident(e, "wage_arrears", addDays(stop, -rng.int(25, 70)), addDays(stop, rng.int(5, 30)), { months: rng.int(1, 3) });
    if (precursors >= 2) incident(e, "si_arrears", addDays(stop, -rng.int(90, 200)), addDays(stop, rng.int(20, 90)));
    if (precursors >= 3 || rng.chance(0.3))
      incident(e, rng.pick(["dispute_interests", "dispute_rights"] as const), addDays(stop, -rng.int(10, 40)), addDays(stop, -rng.int(1, 8)));
    incident(e, "work_stoppage", stop, addDays(stop, rng.int(1, 6)), { workers: Math.round(e.workforce * (0.4 + rng.next() * 0.6)) });
    planted.push(e.id);
  }

  // Background: arrears and other incidents that never become stoppages (false alarms), and a few
  // stoppages with no warning at all (misses).
  const background = city ? 520 : 22;
  for (let i = 0; i < background; i++) {
    const e = rng.pick(active);
    const kind = rng.weighted<IncidentKind>([
      ["wage_arrears", 24],
      ["si_arrears", 28],
      ["dispute_rights", 8],
      ["dispute_interests", 6],
      ["mass_layoff", 7],
      ["serious_accident", 9],
      ["bankruptcy", 3],
      ["employer_absconded", 2],
      ["other", 6],
      ["work_stoppage", 4],
    ]);
    const start = rng.date(yearAgo, today);
    const open = rng.chance(kind === "si_arrears" ? 0.5 : 0.25);
    incident(e, kind, start, open ? null : addDays(start, rng.int(3, 120)));
  }

  // The inspection plan of the year: "giám sát 13 doanh nghiệp FDI" at demo scale.
  const year = Number(today.slice(0, 4));
  const [plan] = await database.rows<{ id: number }>(
    sql`INSERT INTO relations_plans (year, title, lead_body_id, co_body_ids, starts_on, ends_on, note, created_by)
        VALUES (${year}, ${`Kế hoạch phối hợp kiểm tra, giám sát việc thực hiện pháp luật lao động tại doanh nghiệp năm ${year}`}, ${world.bodies.authority},
                ${`{${[world.bodies.federation, world.bodies.mmc, ...world.bodies.zoneUnions].join(",")}}`}::int[], ${`${year}-01-01`}, ${`${year}-12-31`},
                'Tập trung doanh nghiệp FDI ngành may mặc, da giày, điện tử; nội dung: lương tối thiểu vùng, ATVSLĐ, dân chủ cơ sở, thỏa ước, BHXH, kinh phí công đoàn', ${creator})
        RETURNING id`,
  );
  const planId = plan?.id ?? 0;
  const fdi = active.filter((e) => e.ownership === "fdi");
  const targetCount = Math.min(fdi.length, city ? 160 : 13);
  const targets: typeof active = [];
  const picked = new Set<number>();
  // Planted enterprises are likely targets too: an inspection can surface the precursors.
  for (const id of planted) {
    const e = active.find((x) => x.id === id);
    if (e && e.ownership === "fdi" && rng.chance(0.5) && targets.length < targetCount) {
      targets.push(e);
      picked.add(e.id);
    }
  }
  while (targets.length < targetCount) {
    const e = rng.pick(fdi);
    if (picked.has(e.id)) continue;
    picked.add(e.id);
    targets.push(e);
  }
  const yearStart = `${year}-01-01`;
  const plannedDates = new Map<number, string>();
  await bulkInsert(
    database,
    "relations_plan_targets",
    { plan_id: "int", enterprise_id: "int", planned_on: "date" },
    targets.map((e) => {
      const plannedOn = addDays(yearStart, rng.int(0, 364));
      plannedDates.set(e.id, plannedOn);
      return { plan_id: planId, enterprise_id: e.id, planned_on: plannedOn };
    }),
  );
  // Each inspection is recorded against the checklist version in force on its day.
  const checklists = await database.rows<{ id: number; from: string }>(
    sql`SELECT id, effective_from::text AS "from" FROM relations_checklists WHERE code = 'KTGS' ORDER BY effective_from DESC, version DESC`,
  );
  const allItems = await database.rows<{ id: number; checklistId: number; prefill: string | null; minWorkforce: number; question: string }>(
    sql`SELECT id, checklist_id AS "checklistId", prefill, min_workforce AS "minWorkforce", question FROM relations_checklist_items ORDER BY ord`,
  );
  const zoneCommune = new Map(world.zones.map((z) => [z.id, z.commune]));
  const [maxIns] = await database.rows<{ n: number }>(sql`SELECT coalesce(max(id), 0)::int AS n FROM relations_inspections`);
  let nextInspection = (maxIns?.n ?? 0) + 1;
  const inspections: Record<string, unknown>[] = [];
  const answers: Record<string, unknown>[] = [];
  const recs: Record<string, unknown>[] = [];
  const plantedSet = new Set(planted);
  const minCache = new Map<string, number | null>();
  for (const e of targets) {
    // Inspected on (or a few days around) the planned date, once that date has come.
    const on = addDays(plannedDates.get(e.id) ?? yearStart, rng.int(-5, 5));
    if (on > today || !rng.chance(0.9)) continue;
    const checklist = checklists.find((c) => c.from <= on);
    if (!checklist) continue;
    const items = allItems.filter((it) => it.checklistId === checklist.id);
    const id = nextInspection++;
    inspections.push({
      id,
      plan_id: planId,
      enterprise_id: e.id,
      checklist_id: checklist.id,
      inspected_on: on,
      lead_body_id: rng.chance(0.6) ? world.bodies.authority : world.bodies.federation,
      kind: rng.chance(0.5) ? "supervision" : "inspection",
      status: "completed",
      summary: "Đoàn đã làm việc với doanh nghiệp, kiểm tra hồ sơ và trao đổi với đại diện người lao động.",
      created_by: creator,
    });
    const risky = plantedSet.has(e.id);
    for (const it of items) {
      let result = "compliant";
      let observed: number | null = null;
      let reference: number | null = null;
      let evidence = "Hồ sơ đầy đủ";
      if (it.minWorkforce > e.workforce) {
        result = "not_applicable";
        evidence = "Doanh nghiệp dưới ngưỡng áp dụng";
      } else if (it.prefill === "minimum_wage") {
        const commune = zoneCommune.get(e.zoneId) ?? "";
        const key = `${commune}|${on >= "2026-01-01"}|${on >= "2025-07-01"}|${on >= "2024-07-01"}|${on >= "2022-07-01"}`;
        if (!minCache.has(key)) minCache.set(key, (await minimumWageAt(database, { commune }, on))?.monthly ?? null);
        reference = minCache.get(key) ?? null;
        // An unknown region is never answered "compliant" (the seed says what an officer would write).
        if (!reference) {
          result = "non_compliant";
          evidence = "Chưa xác định được vùng lương tối thiểu của địa bàn; đề nghị cán bộ xác định vùng";
        } else {
          const below = rng.chance(risky ? 0.45 : 0.07);
          observed = Math.round((below ? reference * (0.9 + rng.next() * 0.08) : reference * (1 + rng.next() * 0.35)) / 10_000) * 10_000;
          result = observed >= reference ? "compliant" : "non_compliant";
          evidence = `Lương thấp nhất theo bảng lương: ${observed.toLocaleString("vi-VN")} đồng`;
        }
      } else if (rng.chance(risky ? 0.3 : 0.1)) {
        result = "non_compliant";
        evidence = "Chưa xuất trình được hồ sơ, biên bản";
      }
      answers.push({ inspection_id: id, item_id: it.id, result, evidence, observed_value: observed, reference_value: reference });
      if (result === "non_compliant") {
        const deadline = addDays(on, rng.pick([15, 30, 30, 45, 60]));
        // Risky enterprises drag their feet; most others fix things by the deadline.
        const fixed = deadline < today && rng.chance(risky ? 0.2 : 0.75);
        const closedOn = fixed ? addDays(deadline, -rng.int(0, 10)) : null;
        recs.push({
          inspection_id: id,
          enterprise_id: e.id,
          item_id: it.id,
          text: `Khắc phục: ${it.question}`,
          issued_on: on,
          deadline,
          status: closedOn ? "closed" : "open",
          closed_on: closedOn && closedOn >= on ? closedOn : closedOn ? on : null,
        });
      }
    }
  }

  await bulkInsert(
    database,
    "relations_incidents",
    {
      id: "int",
      enterprise_id: "int",
      kind: "text",
      title: "text",
      started_on: "date",
      ended_on: "date",
      workers_affected: "int",
      amount_owed: "numeric",
      arrears_months: "int",
      demands: "text",
      body_ids: "int[]",
      resolution: "text",
      status: "text",
      created_by: "int",
    },
    incidents.filter((i) => (i.started_on as string) <= today),
  );
  const kept = new Set(incidents.filter((i) => (i.started_on as string) <= today).map((i) => i.id));
  await bulkInsert(
    database,
    "relations_incident_actions",
    { incident_id: "int", acted_on: "date", body_id: "int", note: "text", created_by: "int" },
    actions.filter((a) => kept.has(a.incident_id)),
  );
  await bulkInsert(
    database,
    "relations_inspections",
    {
      id: "int",
      plan_id: "int",
      enterprise_id: "int",
      checklist_id: "int",
      inspected_on: "date",
      lead_body_id: "int",
      kind: "text",
      status: "text",
      summary: "text",
      created_by: "int",
    },
    inspections,
  );
  await bulkInsert(
    database,
    "relations_answers",
    { inspection_id: "int", item_id: "int", result: "text", evidence: "text", observed_value: "numeric", reference_value: "numeric" },
    answers,
  );
  await bulkInsert(
    database,
    "relations_recommendations",
    { inspection_id: "int", enterprise_id: "int", item_id: "int", text: "text", issued_on: "date", deadline: "date", status: "text", closed_on: "date" },
    recs,
  );
  await database.rows(sql`SELECT setval(pg_get_serial_sequence('relations_incidents', 'id'), (SELECT coalesce(max(id), 1) FROM relations_incidents))`);
  await database.rows(sql`SELECT setval(pg_get_serial_sequence('relations_inspections', 'id'), (SELECT coalesce(max(id), 1) FROM relations_inspections))`);

  // Score history: a snapshot each week for the last quarter, then today's (which raises the alerts).
  for (let w = 12; w >= 1; w--) await recomputeScores(database, addDays(today, -7 * w));
  const now = await recomputeScores(database, today);
  world.log(
    `Quan hệ lao động: ${kept.size} sự việc (${planted.length} vụ ngừng việc được gài trước), ${inspections.length} cuộc kiểm tra, ${now.alerts} cảnh báo (${Math.round(performance.now() - started)} ms)`,
  );
  return {
    relationsIncidents: kept.size,
    relationsPlantedStoppages: planted.length,
    relationsInspections: inspections.length,
    relationsRecommendations: recs.length,
    relationsAlerts: now.alerts,
  };
}
