import { sql } from "drizzle-orm";
import type { Database, Tx } from "#server/db/client.ts";
import { enterpriseWageLookup, regionName } from "#server/modules/relations/index.ts";
import { vnToday } from "#shared/clock.ts";
import { formatDate, formatNumber, formatVnd } from "#shared/text.ts";
import { deadlineOf, getLabourSettings, periodEnd, periodLabel } from "./labour.deadlines.ts";
import type { Issue, LabourReportInput } from "./labour.schema.ts";

/** Hours of overtime one worker may work in a month (Labour Code 2019, Art. 107(2)(b)). */
const OVERTIME_MONTH_CAP = 40;
/** A lowest wage under the floor needs the enterprise's reason of at least this length. */
export const WAGE_REASON_MIN = 10;

const issue = (field: keyof LabourReportInput, code: string, message: string): Issue => ({ pointer: `/body/${field}`, field, code, message });

export interface CheckResult {
  ok: boolean;
  errors: Issue[];
  warnings: Issue[];
  minimum: { region: number; monthly: number; decree: string; date: string } | null;
  deadline: string;
}

/**
 * The checks a report passes before it is submitted, the same the registry applies to officers'
 * filings (women and insured within the workforce, lowest wage within the average, the period,
 * the regional minimum of the enterprise's place on the period's last day) and the eHeza form's
 * own: shares by sex and by contract type must add up to the workforce.
 *
 * A lowest wage under the regional minimum is a WARNING the enterprise must acknowledge with a
 * reason, not a refusal: an enterprise that truly pays under the floor must still be able to say
 * so (refusing would push it to report a false figure or none), and the zone authority needs the
 * truthful figure to act on it. Without a reason it blocks, so a typing slip is caught first.
 */
export async function checkReport(database: Database, enterpriseId: number, input: LabourReportInput, tx?: Tx): Promise<CheckResult> {
  const errors: Issue[] = [];
  const warnings: Issue[] = [];
  const n = formatNumber;
  const total = input.workforce;

  if (input.women + input.men !== total) {
    const m = `Nam (${n(input.men)}) và nữ (${n(input.women)}) cộng lại là ${n(input.women + input.men)}, khác tổng số lao động (${n(total)})`;
    errors.push(issue("women", "sex_sum", m), issue("men", "sex_sum", m));
  }
  const contracts = input.contractIndefinite + input.contractFixed + input.contractOther;
  if (contracts !== total) {
    const m = `Tổng lao động theo loại hợp đồng là ${n(contracts)}, khác tổng số lao động (${n(total)})`;
    errors.push(issue("contractIndefinite", "contract_sum", m), issue("contractFixed", "contract_sum", m), issue("contractOther", "contract_sum", m));
  }
  if (input.foreigners > total) errors.push(issue("foreigners", "over_total", `Lao động nước ngoài (${n(input.foreigners)}) nhiều hơn tổng số lao động`));
  if (input.insured > total) errors.push(issue("insured", "over_total", `Số người tham gia BHXH (${n(input.insured)}) nhiều hơn tổng số lao động`));
  if (input.accidents > total) errors.push(issue("accidents", "over_total", `Số người bị tai nạn lao động (${n(input.accidents)}) nhiều hơn tổng số lao động`));
  if (input.accidentDeaths > input.accidents)
    errors.push(issue("accidentDeaths", "over_accidents", "Số người chết vì tai nạn lao động không được nhiều hơn số người bị tai nạn"));
  if (input.lowestWage > input.averageWage) errors.push(issue("lowestWage", "lowest_over_average", "Lương thấp nhất không được cao hơn lương bình quân"));
  if (total > 0 && input.lowestWage === 0) errors.push(issue("lowestWage", "zero_wage", "Doanh nghiệp có lao động thì lương thấp nhất phải lớn hơn 0"));
  if (total > 0 && input.averageWage === 0) errors.push(issue("averageWage", "zero_wage", "Doanh nghiệp có lao động thì lương bình quân phải lớn hơn 0"));
  // 184 days × 24 hours: more overtime than there are hours in the half-year is a typing error.
  if (input.overtimeHours > total * 184 * 24)
    errors.push(issue("overtimeHours", "impossible", "Số giờ làm thêm lớn hơn số giờ có trong 6 tháng của toàn bộ lao động: kiểm tra lại"));
  else if (total > 0 && input.overtimeHours > total * OVERTIME_MONTH_CAP * 6)
    warnings.push(
      issue(
        "overtimeHours",
        "overtime_cap",
        `Bình quân ${n(Math.round(input.overtimeHours / total))} giờ làm thêm mỗi người trong 6 tháng, vượt mức 40 giờ/tháng (Điều 107 Bộ luật Lao động 2019)`,
      ),
    );

  const today = vnToday();
  const end = periodEnd(input.period);
  if (Number(input.period.slice(0, 4)) < 2020) errors.push(issue("period", "period_old", "Chỉ nhận báo cáo từ năm 2020"));
  else if (end > today)
    errors.push(issue("period", "period_open", `Kỳ ${periodLabel(input.period)} chưa kết thúc (đến ${formatDate(end)}): chưa thể nộp báo cáo`));

  let minimum: CheckResult["minimum"] = null;
  const [place] = await database.rows<{ commune: string | null }>(
    sql`SELECT coalesce(z.commune, e.commune) AS commune FROM enterprises e LEFT JOIN zones z ON z.id = e.zone_id WHERE e.id = ${enterpriseId}`,
    tx,
  );
  if (Number(input.period.slice(0, 4)) >= 2020) {
    const lookup = await enterpriseWageLookup(database, { id: enterpriseId, commune: place?.commune ?? null }, end, tx);
    if (!lookup.known) {
      warnings.push(issue("lowestWage", "region_unknown", lookup.unknown.message));
    } else {
      const m = lookup.minimum;
      minimum = { region: m.region, monthly: m.monthly, decree: m.decree, date: end };
      if (input.lowestWage < m.monthly) {
        const text = `Lương thấp nhất ${formatVnd(input.lowestWage)} thấp hơn lương tối thiểu ${regionName(m.region)} (${formatVnd(m.monthly)}, Nghị định ${m.decree}) áp dụng ngày ${formatDate(end)}`;
        const reason = input.wageReason?.trim() ?? "";
        if (reason.length >= WAGE_REASON_MIN) warnings.push(issue("lowestWage", "below_minimum_wage", `${text}. Lý do doanh nghiệp nêu: ${reason}`));
        else {
          errors.push(issue("lowestWage", "below_minimum_wage", `${text}. Sửa lại nếu nhập nhầm; nếu đúng, ghi lý do vào ô bên dưới`));
          errors.push(issue("wageReason", "reason_required", `Nêu lý do trả lương thấp hơn mức tối thiểu (ít nhất ${WAGE_REASON_MIN} ký tự)`));
        }
      }
    }
  }
  const settings = await getLabourSettings(database, tx);
  return { ok: errors.length === 0, errors, warnings, minimum, deadline: deadlineOf(input.period, settings) };
}
