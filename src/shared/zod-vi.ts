import { z } from "zod";

/**
 * Vietnamese validation messages for every schema, configured once (`configureVietnameseValidation()` at
 * start-up): a schema's own message still wins; everything else — a missing field, a wrong type, a
 * string too long — gets a Vietnamese sentence naming the field, instead of zod's English default.
 */

/** Field names as a person reads them; a field not listed is shown by its name. */
const LABELS: Record<string, string> = {
  actedOn: "Ngày xử lý",
  action: "Thao tác",
  active: "Đang hoạt động",
  address: "Địa chỉ",
  admittedOn: "Ngày kết nạp",
  allocations: "Phân bổ",
  amount: "Số tiền",
  amountOwed: "Số tiền nợ",
  anonymous: "Ẩn danh",
  answer: "Câu trả lời",
  answers: "Các câu trả lời",
  approvedOn: "Ngày phê duyệt",
  area: "Diện tích",
  asOf: "Tính đến ngày",
  asker: "Người hỏi",
  attachmentId: "Tệp đính kèm",
  averageWage: "Tiền lương bình quân",
  birthDate: "Ngày sinh",
  body: "Nội dung",
  bodyId: "Đơn vị",
  bodyIds: "Các đơn vị",
  budget: "Kinh phí",
  campaignId: "Đợt hỗ trợ",
  capacityPeople: "Sức chứa (người)",
  cardNo: "Số thẻ đoàn viên",
  chairName: "Chủ tịch công đoàn",
  challenge: "Thử thách chống gửi tự động",
  channel: "Kênh tiếp nhận",
  citations: "Căn cứ pháp lý",
  citizenId: "Số CCCD",
  closesOn: "Ngày đóng",
  code: "Mã",
  comment: "Nhận xét",
  commune: "Phường/xã",
  complaint: "Khiếu nại",
  consent: "Đồng ý xử lý dữ liệu",
  contact: "Liên hệ",
  content: "Nội dung",
  counter: "Lời giải",
  date: "Ngày",
  day: "Ngày",
  deadline: "Thời hạn",
  decision: "Quyết định",
  description: "Mô tả",
  email: "Thư điện tử",
  endedOn: "Ngày kết thúc",
  endsOn: "Ngày kết thúc",
  enterpriseId: "Doanh nghiệp",
  enterpriseIds: "Các doanh nghiệp",
  enterpriseName: "Tên doanh nghiệp",
  effectiveFrom: "Hiệu lực từ",
  effectiveTo: "Hiệu lực đến",
  establishedOn: "Ngày thành lập",
  ethnicity: "Dân tộc",
  evidence: "Minh chứng",
  expiresInDays: "Số ngày hiệu lực",
  familyName: "Họ",
  findings: "Kết luận",
  foundedOn: "Ngày thành lập",
  from: "Từ ngày",
  fullName: "Họ và tên",
  gender: "Giới tính",
  givenName: "Tên",
  handoverOn: "Ngày bàn giao",
  happenedOn: "Ngày xảy ra",
  heldOn: "Ngày tổ chức",
  hometown: "Quê quán",
  id: "Mã số",
  inspectedOn: "Ngày kiểm tra",
  investorCountry: "Quốc gia đầu tư",
  issuedOn: "Ngày ban hành",
  itemId: "Nội dung kế hoạch",
  items: "Các mục",
  joinedOn: "Ngày gia nhập",
  kind: "Loại",
  label: "Nhãn",
  leadBodyId: "Đơn vị chủ trì",
  limit: "Giới hạn",
  middleName: "Tên đệm",
  name: "Tên",
  no: "Số thứ tự",
  ord: "Thứ tự",
  position: "Thứ tự",
  version: "Phiên bản",
  region: "Vùng",
  oldCitation: "Văn bản được thay thế",
  newCitation: "Văn bản thay thế",
  activityId: "Hoạt động",
  checklistId: "Bộ nội dung kiểm tra",
  surveyId: "Phiếu khảo sát",
  carriedFromItemId: "Nội dung chuyển tiếp",
  tokenHash: "Mã truy cập",
  note: "Ghi chú",
  notes: "Ghi chú",
  objectId: "Mã đối tượng",
  objectType: "Loại đối tượng",
  options: "Các lựa chọn",
  outcome: "Kết quả",
  ownership: "Loại hình sở hữu",
  page: "Trang",
  pageSize: "Số dòng mỗi trang",
  paidOn: "Ngày chi",
  parentId: "Đơn vị cấp trên",
  participants: "Số người tham gia",
  password: "Mật khẩu",
  period: "Kỳ",
  personId: "Người lao động",
  phone: "Số điện thoại",
  place: "Địa điểm",
  planId: "Kế hoạch",
  plannedOn: "Ngày dự kiến",
  purpose: "Mục đích",
  q: "Từ khóa",
  question: "Câu hỏi",
  questions: "Các câu hỏi",
  reason: "Lý do",
  referredOn: "Ngày chuyển",
  requestId: "Yêu cầu",
  resolution: "Kết quả giải quyết",
  result: "Kết quả",
  role: "Vai trò",
  score: "Điểm",
  sector: "Ngành nghề",
  shortName: "Tên viết tắt",
  signedOn: "Ngày ký",
  startedOn: "Ngày bắt đầu",
  startsOn: "Ngày bắt đầu",
  status: "Trạng thái",
  summary: "Tóm tắt",
  tags: "Nhãn",
  targetValue: "Giá trị chỉ tiêu",
  taxCode: "Mã số thuế",
  text: "Nội dung",
  title: "Tiêu đề",
  to: "Đến ngày",
  toBodyId: "Đơn vị nhận",
  toPlanId: "Kế hoạch nhận",
  token: "Mã",
  topic: "Chủ đề",
  unionId: "Công đoàn cơ sở",
  unit: "Đơn vị tính",
  url: "Đường dẫn",
  userId: "Người dùng",
  username: "Tên đăng nhập",
  validFrom: "Hiệu lực từ",
  validTo: "Hiệu lực đến",
  value: "Giá trị",
  wage: "Tiền lương",
  workforce: "Số lao động",
  workforceTotal: "Tổng số lao động",
  workforceWomen: "Số lao động nữ",
  year: "Năm",
  zoneId: "Khu công nghiệp",
  zoneIds: "Các khu công nghiệp",
};

/** The Vietnamese name of a field (its key when no name is known). */
export function fieldLabel(field: string): string {
  return LABELS[field] ?? field;
}

const TYPES: Record<string, string> = {
  string: "văn bản",
  number: "số",
  int: "số nguyên",
  bigint: "số nguyên",
  boolean: "đúng/sai",
  array: "danh sách",
  object: "đối tượng",
  date: "ngày",
  nan: "số",
  null: "trống",
  undefined: "trống",
};

const FORMATS: Record<string, string> = {
  email: "địa chỉ thư điện tử",
  url: "đường dẫn",
  date: "ngày có thật dạng yyyy-mm-dd",
  datetime: "thời điểm dạng ISO 8601",
  time: "giờ dạng hh:mm",
  uuid: "mã UUID",
  regex: "định dạng yêu cầu",
  starts_with: "định dạng yêu cầu",
  ends_with: "định dạng yêu cầu",
  includes: "định dạng yêu cầu",
};

const number = (n: unknown) => (typeof n === "number" || typeof n === "bigint" ? Number(n).toLocaleString("vi-VN") : String(n));

function received(input: unknown): string {
  if (input === null) return "trống";
  if (Array.isArray(input)) return "danh sách";
  if (typeof input === "number" && Number.isNaN(input)) return "không phải số";
  return TYPES[typeof input] ?? typeof input;
}

type Issue = Parameters<Extract<NonNullable<Parameters<typeof z.config>[0]>["customError"], (...a: never[]) => unknown>>[0];

/** One Vietnamese sentence for an issue that its schema did not word itself. */
export function vietnameseMessage(issue: Issue): string {
  const path = (issue.path ?? []) as PropertyKey[];
  const last = [...path].reverse().find((p) => typeof p === "string");
  const field = typeof last === "string" ? `«${fieldLabel(last)}»: ` : "";
  const i = issue as Record<string, unknown> & { code: string };
  switch (i.code) {
    case "invalid_type":
      if (i.input === undefined) return `${field}bắt buộc nhập`;
      return `${field}phải là ${TYPES[String(i.expected)] ?? String(i.expected)}, không phải ${received(i.input)}`;
    case "too_small": {
      const min = number(i.minimum);
      if (i.origin === "string") return Number(i.minimum) <= 1 ? `${field}bắt buộc nhập` : `${field}cần ít nhất ${min} ký tự`;
      if (i.origin === "array" || i.origin === "set") return `${field}cần ít nhất ${min} mục`;
      if (i.origin === "date") return `${field}phải từ ngày ${String(i.minimum)}`;
      return i.inclusive === false ? `${field}phải lớn hơn ${min}` : `${field}phải từ ${min} trở lên`;
    }
    case "too_big": {
      const max = number(i.maximum);
      if (i.origin === "string") return `${field}dài tối đa ${max} ký tự`;
      if (i.origin === "array" || i.origin === "set") return `${field}tối đa ${max} mục`;
      if (i.origin === "date") return `${field}phải đến ngày ${String(i.maximum)}`;
      return `${field}phải ${i.inclusive === false ? "nhỏ hơn" : "không quá"} ${max}`;
    }
    case "invalid_format":
      return `${field}không đúng ${FORMATS[String(i.format)] ?? "định dạng"}`;
    case "not_multiple_of":
      return `${field}phải là bội số của ${number(i.divisor)}`;
    case "unrecognized_keys":
      return `Trường không được chấp nhận: ${((i.keys as string[] | undefined) ?? []).join(", ")}`;
    case "invalid_key":
      return `${field}có khóa không hợp lệ`;
    case "invalid_element":
      return `${field}có phần tử không hợp lệ`;
    case "invalid_union":
      return `${field}giá trị không hợp lệ`;
    case "invalid_value": {
      const values = (i.values as unknown[] | undefined) ?? [];
      if (values.length === 1) return `${field}phải là ${JSON.stringify(values[0])}`;
      return `${field}phải là một trong: ${values.map((v) => JSON.stringify(v)).join(", ")}`;
    }
    default:
      return `${field}giá trị không hợp lệ`;
  }
}

let configured = false;
/** Installs the Vietnamese messages for every zod schema of the process (idempotent). */
export function configureVietnameseValidation(): void {
  if (configured) return;
  configured = true;
  z.config({ customError: (issue) => vietnameseMessage(issue as Issue) });
}
