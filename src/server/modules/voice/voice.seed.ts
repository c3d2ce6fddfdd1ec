import { compactVoiceRequestCounts } from "./request-counts.ts";
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import type { ModuleSeeder } from "#server/seed/modules.ts";
import { familyNames, givenNamesFemale, givenNamesMale, middleNamesFemale, middleNamesMale, phonePrefixes } from "#server/seed/names.ts";
import { bulkInsert } from "#server/seed/seed.ts";
import { addDays, addWorkingDays, holidays as loadHolidays } from "./calendar.ts";
import { vnDate } from "#shared/clock.ts";
import { HAND_ALPHABET, groupFour } from "#shared/secrets.ts";

/** A year of worker voice: questions, complaints and petitions with answers; some Q&A published, a few overdue. */

interface Template {
  kind: "consultation" | "complaint" | "petition" | "report";
  topic: string;
  title: string;
  description: string;
  answer: string;
}

const templates: Template[] = [
  {
    kind: "complaint",
    topic: "overtime",
    title: "Không được trả tiền làm thêm giờ",
    description:
      "Từ đầu tháng, chuyền chúng tôi phải làm thêm giờ mỗi ngày 2–3 tiếng để kịp đơn hàng nhưng bảng lương không có tiền làm thêm giờ. Xin hỏi công ty làm vậy có đúng không và chúng tôi phải làm gì?",
    answer:
      "Theo Điều 98 Bộ luật Lao động 2019, người lao động làm thêm giờ được trả lương ít nhất bằng 150% vào ngày thường, 200% vào ngày nghỉ hằng tuần và 300% vào ngày lễ, Tết. Công đoàn đã làm việc với doanh nghiệp; doanh nghiệp cam kết truy trả tiền làm thêm giờ trong kỳ lương tới. Nếu không được trả, đề nghị anh/chị báo lại qua mã theo dõi.",
  },
  {
    kind: "consultation",
    topic: "overtime",
    title: "Làm thêm giờ tối đa bao nhiêu giờ một tháng?",
    description: "Công ty yêu cầu làm thêm cả Chủ nhật, tháng này đã hơn 50 giờ. Luật cho phép làm thêm giờ tối đa bao nhiêu?",
    answer:
      "Theo Điều 107 Bộ luật Lao động 2019, số giờ làm thêm không quá 50% số giờ làm việc bình thường trong 01 ngày, không quá 40 giờ trong 01 tháng và không quá 200 giờ trong 01 năm (300 giờ với một số ngành như dệt, may, da, giày, điện, điện tử theo Nghị định 145/2020/NĐ-CP). Việc làm thêm giờ phải được người lao động đồng ý.",
  },
  {
    kind: "consultation",
    topic: "wages",
    title: "Lương tối thiểu vùng năm 2026",
    description:
      "Em làm công nhân ở khu công nghiệp, lương cơ bản 4.900.000 đồng. Từ năm 2026 lương tối thiểu vùng là bao nhiêu, công ty có phải tăng lương không?",
    answer:
      "Từ 01/01/2026, theo Nghị định 293/2025/NĐ-CP, mức lương tối thiểu tháng vùng I là 5.310.000 đồng, vùng II 4.730.000 đồng. Doanh nghiệp không được trả thấp hơn mức lương tối thiểu vùng cho người lao động làm công việc giản đơn nhất (Điều 90, 91 Bộ luật Lao động 2019). Nếu mức lương của bạn thấp hơn, hãy báo công đoàn cơ sở để kiến nghị doanh nghiệp điều chỉnh.",
  },
  {
    kind: "complaint",
    topic: "wages",
    title: "Công ty chậm trả lương hai tháng",
    description:
      "Công ty đã chậm lương tháng 9 và tháng 10, chỉ tạm ứng 2 triệu đồng. Nhiều anh chị em phải vay mượn để trang trải. Đề nghị công đoàn can thiệp.",
    answer:
      "Theo Điều 97 Bộ luật Lao động 2019, nếu trả lương chậm từ 15 ngày trở lên, người sử dụng lao động phải đền bù cho người lao động một khoản tiền ít nhất bằng số tiền lãi của số tiền trả chậm. Công đoàn đã phối hợp Ban Quản lý Khu kinh tế làm việc với doanh nghiệp; doanh nghiệp cam kết trả đủ lương tháng 9 trước ngày 15 và tháng 10 trước ngày 30.",
  },
  {
    kind: "consultation",
    topic: "social_insurance",
    title: "Công ty nợ bảo hiểm xã hội, có được hưởng chế độ thai sản không?",
    description: "Tôi sắp sinh con nhưng nghe nói công ty nợ tiền bảo hiểm xã hội 6 tháng. Tôi có được hưởng chế độ thai sản không?",
    answer:
      "Người lao động vẫn được bảo đảm quyền hưởng chế độ khi đã đóng đủ điều kiện; người sử dụng lao động chậm đóng phải đóng đủ số tiền chậm đóng và tiền lãi theo Luật Bảo hiểm xã hội 2024 (Luật số 41/2024/QH15). Chị cần đóng đủ 6 tháng trong 12 tháng trước khi sinh. Công đoàn đã đề nghị cơ quan bảo hiểm xã hội đôn đốc doanh nghiệp đóng bù để chốt quá trình đóng cho chị.",
  },
  {
    kind: "complaint",
    topic: "social_insurance",
    title: "Nghỉ việc 2 tháng vẫn chưa được chốt sổ bảo hiểm",
    description: "Tôi nghỉ việc đã 2 tháng nhưng công ty chưa trả sổ bảo hiểm xã hội nên không làm được thủ tục hưởng trợ cấp thất nghiệp.",
    answer:
      "Theo Điều 48 Bộ luật Lao động 2019, trong 14 ngày làm việc kể từ ngày chấm dứt hợp đồng, người sử dụng lao động phải hoàn thành thủ tục xác nhận thời gian đóng bảo hiểm xã hội và trả lại giấy tờ cho người lao động. Công đoàn đã đề nghị doanh nghiệp hoàn tất thủ tục; doanh nghiệp hẹn trả sổ trong tuần này.",
  },
  {
    kind: "consultation",
    topic: "contract",
    title: "Ký hợp đồng thử việc nhiều lần có đúng không?",
    description: "Tôi đã thử việc 2 tháng, nay công ty bảo ký tiếp hợp đồng thử việc thêm 2 tháng nữa. Như vậy có đúng luật không?",
    answer:
      "Theo Điều 24 và 25 Bộ luật Lao động 2019, chỉ được thử việc một lần đối với một công việc; thời gian thử việc tối đa 60 ngày với công việc cần trình độ cao đẳng trở lên, 30 ngày với công việc cần trình độ trung cấp, công nhân kỹ thuật. Công ty yêu cầu thử việc lần hai là trái quy định.",
  },
  {
    kind: "petition",
    topic: "wages",
    title: "Kiến nghị về thưởng Tết Nguyên đán",
    description: "Tập thể công nhân phân xưởng may kiến nghị công ty công bố sớm mức thưởng Tết và thời gian nghỉ Tết để anh chị em chủ động mua vé xe về quê.",
    answer:
      "Theo Điều 104 Bộ luật Lao động 2019, thưởng do người sử dụng lao động quyết định căn cứ kết quả sản xuất, kinh doanh và phải công bố công khai sau khi tham khảo ý kiến tổ chức đại diện người lao động. Công đoàn đã đề nghị doanh nghiệp công bố mức thưởng và lịch nghỉ Tết trước ngày 15 tháng Chạp; doanh nghiệp đã niêm yết lịch nghỉ Tết tại bảng tin.",
  },
  {
    kind: "complaint",
    topic: "dismissal",
    title: "Bị cho thôi việc không báo trước",
    description:
      "Tôi làm việc hợp đồng không xác định thời hạn 5 năm, hôm qua tổ trưởng thông báo tôi nghỉ việc từ hôm nay, không có quyết định và không nói trợ cấp.",
    answer:
      "Người sử dụng lao động đơn phương chấm dứt hợp đồng phải có căn cứ tại Điều 36 và báo trước ít nhất 45 ngày với hợp đồng không xác định thời hạn. Chấm dứt trái pháp luật phải nhận lại người lao động và bồi thường theo Điều 41 Bộ luật Lao động 2019. Công đoàn đã làm việc với doanh nghiệp; doanh nghiệp thu hồi thông báo, anh tiếp tục làm việc.",
  },
  {
    kind: "report",
    topic: "osh",
    title: "Xưởng nóng, thiếu quạt thông gió",
    description: "Xưởng hàn nhiệt độ rất cao, mấy tuần nay có người bị say nắng, ngất xỉu. Quạt thông gió hỏng nhiều nhưng chưa sửa.",
    answer:
      "Theo Luật An toàn, vệ sinh lao động 2015 (Luật số 84/2015/QH13), người sử dụng lao động phải bảo đảm nơi làm việc đạt yêu cầu về nhiệt độ, thông gió. Đoàn kiểm tra đã làm việc tại doanh nghiệp; doanh nghiệp đã lắp bổ sung 12 quạt hút và bố trí nước uống, giờ nghỉ giữa ca.",
  },
  {
    kind: "consultation",
    topic: "union_rights",
    title: "Gia nhập công đoàn cơ sở như thế nào?",
    description: "Em mới vào làm công ty được 3 tháng, muốn gia nhập công đoàn thì làm thủ tục gì, có phải đóng phí không?",
    answer:
      "Theo Luật Công đoàn 2024, người lao động làm việc tại doanh nghiệp có quyền thành lập, gia nhập và hoạt động công đoàn. Bạn làm đơn gia nhập gửi Ban Chấp hành công đoàn cơ sở; đoàn phí bằng 0,5% tiền lương làm căn cứ đóng bảo hiểm xã hội, tối đa bằng 10% mức lương cơ sở.",
  },
  {
    kind: "petition",
    topic: "housing",
    title: "Kiến nghị về nhà ở cho công nhân",
    description: "Nhiều công nhân ở trọ xa, tiền trọ tăng. Đề nghị thông tin về dự án nhà ở xã hội cho công nhân gần khu công nghiệp và điều kiện đăng ký.",
    answer:
      "Theo Luật Nhà ở 2023, công nhân làm việc tại doanh nghiệp trong khu công nghiệp thuộc đối tượng được hỗ trợ nhà ở xã hội. Liên đoàn Lao động thành phố đã gửi danh sách dự án đang nhận hồ sơ kèm hướng dẫn; công đoàn cơ sở sẽ tập hợp hồ sơ đăng ký của đoàn viên.",
  },
  {
    kind: "consultation",
    topic: "other",
    title: "Nghỉ phép năm được bao nhiêu ngày?",
    description: "Em làm được 1 năm, công ty chỉ cho nghỉ 10 ngày phép. Xin hỏi số ngày nghỉ hằng năm được tính như thế nào?",
    answer:
      "Theo Điều 113 Bộ luật Lao động 2019, người lao động làm đủ 12 tháng được nghỉ hằng năm 12 ngày làm việc trong điều kiện bình thường; cứ đủ 05 năm làm việc thì được tăng thêm 01 ngày (Điều 114). Số ngày phép chưa nghỉ khi thôi việc được thanh toán tiền lương.",
  },
  {
    kind: "complaint",
    topic: "contract",
    title: "Công ty không giao bản hợp đồng lao động",
    description: "Chúng tôi ký hợp đồng nhưng công ty giữ cả hai bản, không đưa cho người lao động một bản.",
    answer:
      "Theo Điều 14 Bộ luật Lao động 2019, hợp đồng lao động được giao kết bằng văn bản và làm thành 02 bản, người lao động giữ 01 bản. Công đoàn đã nhắc doanh nghiệp; doanh nghiệp đã giao bản hợp đồng cho người lao động.",
  },
];

const qaSeed: { question: string; answer: string; citations: string[]; tags: string[]; validFrom: string }[] = [
  {
    question: "Làm thêm giờ vào ngày thường được trả lương như thế nào?",
    answer:
      "Người lao động làm thêm giờ được trả lương ít nhất bằng 150% vào ngày thường, 200% vào ngày nghỉ hằng tuần, 300% vào ngày lễ, Tết (chưa kể tiền lương ngày lễ, Tết). Làm thêm giờ vào ban đêm được trả thêm 20% tiền lương.",
    citations: ["Điều 98 Bộ luật Lao động 2019"],
    tags: ["overtime"],
    validFrom: "2021-01-01",
  },
  {
    question: "Công ty được yêu cầu làm thêm giờ tối đa bao nhiêu giờ?",
    answer:
      "Không quá 40 giờ trong 01 tháng và 200 giờ trong 01 năm; một số ngành (dệt, may, da, giày, điện, điện tử, chế biến nông lâm thủy sản…) được tối đa 300 giờ/năm. Việc làm thêm giờ phải được người lao động đồng ý.",
    citations: ["Điều 107 Bộ luật Lao động 2019", "Nghị định 145/2020/NĐ-CP"],
    tags: ["overtime"],
    validFrom: "2021-01-01",
  },
  {
    question: "Mức lương tối thiểu vùng I năm 2025 là bao nhiêu?",
    answer: "Từ 01/07/2024 đến 31/12/2025, mức lương tối thiểu tháng vùng I là 4.960.000 đồng, vùng II 4.410.000 đồng.",
    citations: ["Nghị định 74/2024/NĐ-CP"],
    tags: ["wages"],
    validFrom: "2024-07-01",
  },
  {
    question: "Mức lương tối thiểu vùng từ năm 2026 là bao nhiêu?",
    answer: "Từ 01/01/2026, mức lương tối thiểu tháng vùng I là 5.310.000 đồng, vùng II 4.730.000 đồng, vùng III 4.140.000 đồng, vùng IV 3.700.000 đồng.",
    citations: ["Nghị định 293/2025/NĐ-CP"],
    tags: ["wages"],
    validFrom: "2026-01-01",
  },
  {
    question: "Công ty trả lương chậm thì người lao động được đền bù không?",
    answer:
      "Nếu trả lương chậm từ 15 ngày trở lên, người sử dụng lao động phải đền bù ít nhất bằng số tiền lãi của số tiền trả chậm tính theo lãi suất huy động tiền gửi kỳ hạn 01 tháng.",
    citations: ["Điều 97 Bộ luật Lao động 2019"],
    tags: ["wages"],
    validFrom: "2021-01-01",
  },
  {
    question: "Thưởng Tết có bắt buộc không?",
    answer:
      "Thưởng là khoản người sử dụng lao động quyết định căn cứ kết quả sản xuất, kinh doanh và mức độ hoàn thành công việc; quy chế thưởng phải công bố công khai sau khi tham khảo ý kiến tổ chức đại diện người lao động.",
    citations: ["Điều 104 Bộ luật Lao động 2019"],
    tags: ["wages"],
    validFrom: "2021-01-01",
  },
  {
    question: "Nghỉ việc bao lâu thì công ty phải chốt và trả sổ bảo hiểm xã hội?",
    answer:
      "Trong 14 ngày làm việc kể từ ngày chấm dứt hợp đồng (có thể kéo dài đến 30 ngày trong một số trường hợp), công ty phải thanh toán đầy đủ và hoàn thành thủ tục xác nhận thời gian đóng bảo hiểm xã hội.",
    citations: ["Điều 48 Bộ luật Lao động 2019"],
    tags: ["social_insurance", "dismissal"],
    validFrom: "2021-01-01",
  },
  {
    question: "Thử việc tối đa bao lâu và được thử việc mấy lần?",
    answer:
      "Chỉ được thử việc một lần đối với một công việc; tối đa 180 ngày với người quản lý doanh nghiệp, 60 ngày với công việc cần trình độ cao đẳng trở lên, 30 ngày với trung cấp, 06 ngày làm việc với công việc khác. Lương thử việc ít nhất bằng 85% lương chính thức.",
    citations: ["Điều 25 Bộ luật Lao động 2019", "Điều 26 Bộ luật Lao động 2019"],
    tags: ["contract"],
    validFrom: "2021-01-01",
  },
  {
    question: "Người lao động được nghỉ phép năm bao nhiêu ngày?",
    answer:
      "Làm đủ 12 tháng được nghỉ 12 ngày làm việc (14 ngày với công việc nặng nhọc, độc hại; 16 ngày với công việc đặc biệt nặng nhọc); cứ đủ 05 năm làm việc được thêm 01 ngày.",
    citations: ["Điều 113 Bộ luật Lao động 2019", "Điều 114 Bộ luật Lao động 2019"],
    tags: ["other"],
    validFrom: "2021-01-01",
  },
  {
    question: "Đoàn phí công đoàn đóng bao nhiêu?",
    answer: "Đoàn viên đóng đoàn phí bằng 0,5% tiền lương làm căn cứ đóng bảo hiểm xã hội, tối đa bằng 10% mức lương cơ sở.",
    citations: ["Luật Công đoàn 2024"],
    tags: ["union_rights"],
    validFrom: "2025-07-01",
  },
  {
    question: "Công ty đơn phương chấm dứt hợp đồng lao động thì phải báo trước bao lâu?",
    answer:
      "Người sử dụng lao động đơn phương chấm dứt hợp đồng phải báo trước ít nhất 45 ngày với hợp đồng không xác định thời hạn, 30 ngày với hợp đồng từ 12 đến 36 tháng, 03 ngày làm việc với hợp đồng dưới 12 tháng, và chỉ trong các trường hợp luật cho phép. Sa thải là hình thức kỷ luật, chỉ áp dụng với các hành vi nêu tại Điều 125 và phải qua họp xử lý kỷ luật có công đoàn tham dự.",
    citations: ["Điều 36 Bộ luật Lao động 2019", "Điều 125 Bộ luật Lao động 2019"],
    tags: ["dismissal"],
    validFrom: "2021-01-01",
  },
  {
    question: "Lao động nữ sinh con được nghỉ chế độ thai sản bao lâu?",
    answer:
      "Lao động nữ được nghỉ thai sản trước và sau khi sinh con 06 tháng; thời gian nghỉ trước khi sinh không quá 02 tháng. Trong thời gian nghỉ, người lao động hưởng trợ cấp thai sản từ quỹ bảo hiểm xã hội; công ty không được sa thải hay đơn phương chấm dứt hợp đồng vì lý do thai sản.",
    citations: ["Điều 139 Bộ luật Lao động 2019", "Điều 137 Bộ luật Lao động 2019"],
    tags: ["social_insurance"],
    validFrom: "2021-01-01",
  },
];

const DAY = 86_400_000;

export const seedVoice: ModuleSeeder = async (world) => {
  const { database, rng, today } = world;
  const total = world.scale === "city" ? 50_000 : 400;
  const holidays = await loadHolidays(database);
  const zoneUnion = new Map((await database.rows<{ id: number; zu: number | null }>(sql`SELECT id, zone_union_id AS zu FROM zones`)).map((z) => [z.id, z.zu]));
  const names = new Map((await database.rows<{ id: number; name: string }>(sql`SELECT id, name FROM enterprises`)).map((e) => [e.id, e.name]));
  const officers = await database.rows<{ id: number; bodyId: number }>(
    sql`SELECT id, body_id AS "bodyId" FROM users WHERE role IN ('officer','union_officer','body_admin') AND active`,
  );
  const officerOf = new Map<number, number>();
  for (const o of officers) if (!officerOf.has(o.bodyId)) officerOf.set(o.bodyId, o.id);
  const [start] = await database.rows<{ n: number }>(sql`SELECT coalesce(max(id), 0)::int AS n FROM voice_requests`);
  let nextId = (start?.n ?? 0) + 1;
  const deadlines: Record<string, number> = { consultation: 3, complaint: 10, petition: 15, report: 10 };
  const weighted = world.enterprises.filter((e) => e.status === "active").map((e) => [e, Math.max(1, Math.sqrt(e.workforce))] as const);
  const todayMs = Date.parse(today);
  const codes = new Set<string>();
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const code = () => {
    for (;;) {
      let s = "";
      for (let i = 0; i < 8; i++) s += alphabet[Math.floor(rng.next() * alphabet.length)];
      const c = `YC-${s.slice(0, 4)}-${s.slice(4)}`;
      if (!codes.has(c)) {
        codes.add(c);
        return c;
      }
    }
  };

  const requests: Record<string, unknown>[] = [];
  const requesters: Record<string, unknown>[] = [];
  const history: Record<string, unknown>[] = [];
  let overdue = 0;
  for (let i = 0; i < total; i++) {
    const id = nextId++;
    const t = rng.pick(templates);
    // More requests in the weeks before Tết (wages, bonuses) — January and early February.
    const ageDays = rng.chance(0.18) ? Math.floor(rng.next() * 30) : Math.floor(rng.next() * 365);
    const receivedMs = todayMs - ageDays * DAY + Math.floor(rng.next() * 10 * 3_600_000) + 1 * 3_600_000;
    const receivedDay = vnDate(receivedMs);
    const ent = rng.chance(0.85) && weighted.length ? rng.weighted(weighted) : null;
    const anonymous = rng.chance(0.35);
    const channel = rng.weighted([
      ["web", 45],
      ["app", 15],
      ["hotline", 25],
      ["in_person", 7],
      ["letter", 3],
      ["dialogue", 5],
    ] as const);
    const body = ent?.unionId ?? (ent ? (zoneUnion.get(ent.zoneId) ?? world.bodies.federation) : world.bodies.federation);
    const deadline = addWorkingDays(receivedDay, deadlines[t.kind] ?? 10, holidays);
    // Old requests are mostly done; recent ones still open; a few slip past their deadline.
    let status: string;
    if (deadline < today) status = rng.chance(0.03) ? rng.pick(["assigned", "in_progress"]) : rng.chance(0.6) ? "closed" : "answered";
    else
      status = rng.weighted([
        ["received", 3],
        ["assigned", 3],
        ["in_progress", 4],
        ["answered", 2],
      ] as const);
    const open = status === "received" || status === "assigned" || status === "in_progress";
    if (open && deadline < today) overdue++;
    const answered = status === "answered" || status === "closed";
    const answerDays = Math.max(1, Math.round(rng.next() * (deadlines[t.kind] ?? 10) * 1.6));
    const answeredMs = Math.min(receivedMs + answerDays * DAY, todayMs - 3_600_000);
    const collective = t.kind === "petition" && rng.chance(0.6);
    const assigned = status !== "received" ? (officerOf.get(body) ?? null) : null;
    const rating =
      answered && rng.chance(0.45)
        ? rng.weighted([
            [5, 40],
            [4, 30],
            [3, 15],
            [2, 8],
            [1, 7],
          ] as const)
        : null;
    requests.push({
      id,
      code: code(),
      secret_hash: createHash("sha256").update(`seed-${id}-${rng.next()}`).digest("hex"),
      kind: t.kind,
      topic: t.topic,
      channel,
      requester_kind: "worker",
      title: t.title,
      description: t.description,
      description_private: rng.chance(0.1),
      enterprise_id: ent?.id ?? null,
      enterprise_name: ent ? (names.get(ent.id) ?? null) : rng.pick(["Xưởng may gia công ở xã An Hòa", "Cơ sở cơ khí không rõ tên", "Công ty dịch vụ bảo vệ"]),
      anonymous,
      collective,
      signatory_count: collective ? rng.int(5, 180) : null,
      consent_version: "2026-01",
      consent_at: new Date(receivedMs).toISOString(),
      responsible_body_id: body,
      assigned_user_id: assigned,
      status,
      received_at: new Date(receivedMs).toISOString(),
      clock_started_on: receivedDay,
      deadline,
      public_answer: answered ? t.answer : status === "in_progress" && rng.chance(0.3) ? t.answer : null,
      answer_status: answered ? "published" : "none",
      answered_at: answered ? new Date(answeredMs).toISOString() : null,
      closed_at: status === "closed" ? new Date(Math.min(answeredMs + 3 * DAY, todayMs - 60_000)).toISOString() : null,
      rating,
      rated_at: rating ? new Date(Math.min(answeredMs + DAY, todayMs - 60_000)).toISOString() : null,
    });
    if (!anonymous) {
      const female = rng.chance(0.6);
      const fullName = `${rng.weighted(familyNames)} ${rng.pick(female ? middleNamesFemale : middleNamesMale)} ${rng.pick(female ? givenNamesFemale : givenNamesMale)}`;
      requesters.push({ request_id: id, full_name: fullName, phone: `${rng.pick(phonePrefixes)}${String(rng.int(0, 9_999_999)).padStart(7, "0")}` });
    }
    history.push({
      request_id: id,
      at: new Date(receivedMs).toISOString(),
      action: "received",
      to_status: "received",
      body_id: body,
      detail: `Kênh: ${channel}`,
    });
    if (status !== "received")
      history.push({
        request_id: id,
        at: new Date(receivedMs + 2 * 3_600_000).toISOString(),
        action: "assigned",
        from_status: "received",
        to_status: "assigned",
        body_id: body,
      });
    if (answered)
      history.push({
        request_id: id,
        at: new Date(answeredMs).toISOString(),
        action: "answered",
        from_status: "in_progress",
        to_status: "answered",
        body_id: body,
      });
    if (status === "closed")
      history.push({
        request_id: id,
        at: new Date(Math.min(answeredMs + 3 * DAY, todayMs - 60_000)).toISOString(),
        action: "closed",
        from_status: "answered",
        to_status: "closed",
        body_id: body,
      });
  }
  await bulkInsert(
    database,
    "voice_requests",
    {
      id: "int",
      code: "text",
      secret_hash: "text",
      kind: "text",
      topic: "text",
      channel: "text",
      requester_kind: "text",
      title: "text",
      description: "text",
      description_private: "boolean",
      enterprise_id: "int",
      enterprise_name: "text",
      anonymous: "boolean",
      collective: "boolean",
      signatory_count: "int",
      consent_version: "text",
      consent_at: "timestamptz",
      responsible_body_id: "int",
      assigned_user_id: "int",
      status: "text",
      received_at: "timestamptz",
      clock_started_on: "date",
      deadline: "date",
      public_answer: "text",
      answer_status: "text",
      answered_at: "timestamptz",
      closed_at: "timestamptz",
      rating: "int",
      rated_at: "timestamptz",
    },
    requests,
    2000,
  );
  await database.rows(sql`SELECT setval(pg_get_serial_sequence('voice_requests', 'id'), (SELECT max(id) FROM voice_requests))`);
  await bulkInsert(database, "voice_requesters", { request_id: "int", full_name: "text", phone: "text" }, requesters);
  await bulkInsert(
    database,
    "voice_history",
    { request_id: "int", at: "timestamptz", action: "text", from_status: "text", to_status: "text", body_id: "int", detail: "text" },
    history,
  );
  const qaRows = qaSeed.map((q) => ({ ...q, published_at: addDays(today, -rng.int(10, 200)) }));
  for (const q of qaRows) {
    await database.rows(
      sql`INSERT INTO voice_qa (question, answer, citations, tags, valid_from, valid_to, published_at)
          VALUES (${q.question}, ${q.answer}, ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(q.citations)}::jsonb)),
                  ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(q.tags)}::jsonb)), ${q.validFrom},
                  ${q.citations.includes("Nghị định 74/2024/NĐ-CP") ? "2025-12-31" : null}, ${q.published_at}::date)`,
    );
  }
  const forwarded = await forwardDemoRequests(world);
  // The city starts with its counts folded (one row per key, not one per batch of 2.000).
  await compactVoiceRequestCounts(database);
  world.log(`Tiếng nói người lao động: ${total} yêu cầu (${overdue} quá hạn, ${forwarded} đã chuyển doanh nghiệp), ${qaRows.length} mục hỏi đáp`);
  return { voiceRequests: total, voiceOverdue: overdue, voiceQa: qaRows.length };
};

/** What an officer writes to the enterprise about a topic: the matter, never the worker's words. */
const forwardSummaries: Record<string, string> = {
  wages:
    "Công đoàn nhận được phản ánh về việc chi trả tiền lương tại doanh nghiệp. Đề nghị doanh nghiệp rà soát bảng lương các tháng gần đây và thông tin lại cho Công đoàn.",
  overtime:
    "Công đoàn nhận được phản ánh về việc bố trí làm thêm giờ. Đề nghị doanh nghiệp rà soát số giờ làm thêm theo Điều 107 Bộ luật Lao động 2019 và thông tin lại cho Công đoàn.",
  social_insurance:
    "Công đoàn nhận được phản ánh về việc đóng bảo hiểm xã hội. Đề nghị doanh nghiệp đối chiếu tình hình đóng bảo hiểm xã hội và thông tin lại cho Công đoàn.",
  osh: "Công đoàn nhận được phản ánh về điều kiện an toàn, vệ sinh lao động. Đề nghị doanh nghiệp kiểm tra và thông tin lại biện pháp khắc phục.",
};
const forwardFallback =
  "Công đoàn nhận được ý kiến của người lao động liên quan đến doanh nghiệp. Đề nghị doanh nghiệp phối hợp xem xét và thông tin lại cho Công đoàn.";

/**
 * The demo's enterprise account finds a few requests an officer has forwarded to it (a summary in the
 * officer's words and the day only), so the enterprise side shows what it is for.
 */
async function forwardDemoRequests(world: Parameters<ModuleSeeder>[0]): Promise<number> {
  const { database } = world;
  const [who] = await database.rows<{ enterpriseId: number | null; officerId: number | null }>(
    sql`SELECT (SELECT body_id FROM users WHERE username = 'doanhnghiep') AS "enterpriseId", (SELECT id FROM users WHERE username = 'ldld.canbo') AS "officerId"`,
  );
  if (!who?.enterpriseId) return 0;
  const picked = await database.rows<{ id: number; topic: string; status: string; bodyId: number; receivedAt: string }>(
    sql`SELECT id, topic, status, responsible_body_id AS "bodyId", received_at AS "receivedAt" FROM voice_requests
        WHERE enterprise_id = ${who.enterpriseId} AND kind IN ('consultation', 'petition') AND status <> 'received' AND received_at < now() - interval '2 days'
        ORDER BY received_at DESC LIMIT 3`,
  );
  for (const r of picked) {
    // From the request's id, not the seed's random stream: the modules seeded after voice keep their data.
    const digest = createHash("sha256").update(`forward-${r.id}`).digest();
    const ref = `CV-${groupFour(Array.from(digest.subarray(0, 8), (b) => HAND_ALPHABET[b % HAND_ALPHABET.length]).join(""))}`;
    const summary = forwardSummaries[r.topic] ?? forwardFallback;
    const at = new Date(Date.parse(String(r.receivedAt)) + 2 * 86_400_000).toISOString();
    await database.rows(
      sql`UPDATE voice_requests SET forwarded_at = ${at}::timestamptz, forwarded_by = ${who.officerId}, enterprise_summary = ${summary}, enterprise_ref = ${ref}
          WHERE id = ${r.id}`,
    );
    await database.rows(
      sql`INSERT INTO voice_history (request_id, at, action, from_status, to_status, body_id, detail)
          VALUES (${r.id}, ${at}::timestamptz, 'forwarded', ${r.status}, ${r.status}, ${r.bodyId}, ${`Chuyển doanh nghiệp (${ref}): ${summary}`})`,
    );
  }
  return picked.length;
}
