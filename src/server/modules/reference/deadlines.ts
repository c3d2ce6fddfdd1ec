/**
 * Every kind of deadline the platform computes, with the legal basis it rests on. Working days skip
 * Saturdays, Sundays and public holidays (the edited calendar, or the statutory one computed from the
 * lunar calendar, voice/calendar.ts); calendar days do not. Where the platform's own standard is
 * shorter than the statutory maximum (answers to workers), both are given.
 *
 * Sources: Luật Khiếu nại 2011 (02/2011/QH13) Art. 27–28; Luật Tố cáo 2018 (25/2018/QH14) Art. 29–30;
 * Luật Tiếp công dân 2013 (42/2013/QH13) Art. 28; Bộ luật Lao động 2019 (45/2019/QH14) Art. 188–202
 * (shared/reference/domain-facts.md §3.1).
 */
export type DeadlineUnit = "working_days" | "calendar_days";

export interface DeadlineKind {
  key: string;
  label: string;
  days: number;
  unit: DeadlineUnit;
  /** A longer limit the law allows for complex cases, when it does. */
  complexDays?: number;
  basis: string;
}

export const voiceDeadlineBasis: Record<"consultation" | "complaint" | "petition" | "report", string> = {
  consultation:
    "Quy chế tiếp nhận của tổ chức công đoàn (tư vấn pháp luật cho người lao động, Điều 16 Luật Công đoàn 2024); pháp luật không quy định thời hạn trả lời câu hỏi",
  complaint:
    "Luật Khiếu nại 2011 (02/2011/QH13): thụ lý trong 10 ngày kể từ ngày nhận (Điều 27); giải quyết lần đầu không quá 30 ngày kể từ ngày thụ lý, vụ việc phức tạp không quá 45 ngày (Điều 28). Thời hạn trong cấu hình là chuẩn phục vụ của hệ thống, không dài hơn thời hạn luật định",
  petition: "Luật Tiếp công dân 2013 (42/2013/QH13), Điều 28 (xử lý kiến nghị, phản ánh); thời hạn trong cấu hình là chuẩn phục vụ của hệ thống",
  report:
    "Luật Tố cáo 2018 (25/2018/QH14): thụ lý trong 07 ngày làm việc (Điều 29); giải quyết không quá 30 ngày kể từ ngày thụ lý, vụ việc phức tạp gia hạn một lần không quá 30 ngày, đặc biệt phức tạp gia hạn hai lần, mỗi lần không quá 30 ngày (Điều 30)",
};

export const deadlineKinds: DeadlineKind[] = [
  {
    key: "complaint.resolution",
    label: "Giải quyết khiếu nại lần đầu",
    days: 30,
    complexDays: 45,
    unit: "calendar_days",
    basis: "Điều 28 Luật Khiếu nại 2011 (02/2011/QH13): không quá 30 ngày kể từ ngày thụ lý; vụ việc phức tạp không quá 45 ngày",
  },
  {
    key: "denunciation.resolution",
    label: "Giải quyết tố cáo",
    days: 30,
    complexDays: 60,
    unit: "calendar_days",
    basis: "Điều 30 Luật Tố cáo 2018 (25/2018/QH14): không quá 30 ngày kể từ ngày thụ lý; vụ việc phức tạp gia hạn một lần không quá 30 ngày",
  },
  {
    key: "dispute.mediation",
    label: "Hòa giải viên lao động kết thúc hòa giải",
    days: 5,
    unit: "working_days",
    basis:
      "Điều 188 khoản 2 Bộ luật Lao động 2019: trong thời hạn 05 ngày làm việc kể từ ngày nhận được yêu cầu (tranh chấp tập thể về quyền: Điều 191–195; về lợi ích: Điều 196–199)",
  },
  {
    key: "dispute.arbitration_panel",
    label: "Thành lập Ban trọng tài lao động",
    days: 7,
    unit: "working_days",
    basis: "Điều 189 Bộ luật Lao động 2019: trong thời hạn 07 ngày làm việc kể từ ngày nhận được yêu cầu giải quyết (tranh chấp tập thể: Điều 191–199)",
  },
  {
    key: "dispute.arbitration_decision",
    label: "Ban trọng tài ra quyết định",
    days: 30,
    unit: "calendar_days",
    basis: "Điều 189 Bộ luật Lao động 2019: trong thời hạn 30 ngày kể từ ngày Ban trọng tài lao động được thành lập",
  },
  {
    key: "dispute.strike_notice",
    label: "Báo trước khi đình công",
    days: 5,
    unit: "working_days",
    basis:
      "Điều 200–202 Bộ luật Lao động 2019: thông báo cho người sử dụng lao động và cơ quan quản lý nhà nước về lao động ít nhất 05 ngày làm việc trước ngày bắt đầu đình công",
  },
];
