import type { Database } from "#server/db/client.ts";
import type { LabourReportStanding } from "#server/modules/contracts.ts";
import { formatDate } from "#shared/text.ts";
import { labourReportStanding } from "./labour.service.ts";

/** What the enterprise reads about each state of its half-year report. */
const said: Record<string, string> = {
  not_due: "chưa đến hạn nộp",
  due_soon: "sắp đến hạn nộp",
  submitted: "đã nộp, đang chờ Ban Quản lý xem xét",
  returned: "bị trả lại — sửa theo lý do và nộp lại",
  accepted: "đã được Ban Quản lý tiếp nhận",
  late: "đã quá hạn mà chưa nộp",
  missing: "chưa nộp, quá hạn hơn 30 ngày",
};

/** The enterprise home page's line about its labour report (contracts.ts), from labourReportStanding. */
export async function labourStandingForHome(database: Database, enterpriseId: number): Promise<LabourReportStanding | null> {
  const s = await labourReportStanding(database, enterpriseId);
  const state = said[s.status] ?? s.status;
  return {
    state: s.status,
    label: `Báo cáo lao động ${s.periodLabel}: ${state} (hạn nộp ${formatDate(s.deadline)})`,
    period: s.period,
    deadline: s.deadline,
  };
}
