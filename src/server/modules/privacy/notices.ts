import { RETENTION_DEFAULTS } from "./retention.settings.ts";

/**
 * The privacy notices shown before every public form that collects personal data (Law 91/2025/QH15 on
 * personal data protection, in force 01/01/2026, and Decree 356/2025/NĐ-CP, which replaced Decree
 * 13/2023/NĐ-CP): purpose, data, who receives it, how long it is kept, and the rights with where to
 * use them. Each form's notice is versioned; the version consented to is stored with the submission.
 * A change of wording is a new version (never edit a published one: submissions point at it).
 */

import { noticeForms } from "#shared/enums.ts";

export { noticeForms };
export type NoticeForm = (typeof noticeForms)[number];

export interface Notice {
  form: NoticeForm;
  version: string;
  title: string;
  basis: string;
  sections: {
    key: "controller" | "purpose" | "data" | "recipients" | "retention" | "contact" | "push" | "rights" | "withdraw";
    heading: string;
    text: string;
  }[];
}

const BASIS = "Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15 (hiệu lực từ 01/01/2026) và Nghị định 356/2025/NĐ-CP";
const CONTROLLER = "Liên đoàn Lao động thành phố (bên kiểm soát dữ liệu), cùng các công đoàn cấp dưới và cơ quan phối hợp nêu dưới đây.";
const years = (months: number) => (months % 12 === 0 ? `${months / 12} năm` : `${months} tháng`);

const RIGHTS =
  "Bạn có quyền được biết, xem dữ liệu đang lưu về mình, yêu cầu sửa, rút lại sự đồng ý, yêu cầu xóa, phản đối hoặc hạn chế xử lý, " +
  "khiếu nại và yêu cầu bồi thường. Người gửi yêu cầu dùng mã theo dõi và mật mã tại trang “Quyền dữ liệu của tôi” (/quyen-du-lieu); " +
  "đoàn viên liên hệ cán bộ công đoàn, mang CCCD để xác minh danh tính. Mỗi yêu cầu được theo dõi và trả lời trong thời hạn luật định.";

const VOICE_REQUEST_V1: Notice = {
  form: "voice_request",
  version: "2026-12-vr1",
  title: "Thông báo xử lý dữ liệu cá nhân khi gửi yêu cầu",
  basis: BASIS,
  sections: [
    { key: "controller", heading: "Ai xử lý", text: CONTROLLER },
    {
      key: "purpose",
      heading: "Mục đích",
      text: "Chỉ để tiếp nhận, xác minh, giải quyết, trả lời yêu cầu của bạn và thống kê (số liệu không nêu tên).",
    },
    {
      key: "data",
      heading: "Dữ liệu thu thập",
      text: "Họ tên, số điện thoại, số CCCD, email, địa chỉ (nếu bạn cung cấp; gửi ẩn danh thì không có), nội dung yêu cầu và tệp đính kèm. Nội dung khiếu nại có thể là dữ liệu nhạy cảm.",
    },
    {
      key: "recipients",
      heading: "Ai được nhận",
      text:
        "Cán bộ công đoàn hoặc cơ quan được giao giải quyết (công đoàn cơ sở, công đoàn khu công nghiệp, Liên đoàn Lao động thành phố, Ban Quản lý Khu kinh tế). " +
        "Doanh nghiệp KHÔNG nhận được tên, tiêu đề hay nội dung bạn viết: khi cần, cán bộ chỉ gửi doanh nghiệp bản tóm tắt do cán bộ viết. Mọi lần xem danh tính đều được ghi nhật ký.",
    },
    {
      key: "retention",
      heading: "Thời gian lưu",
      text: `Trong thời gian giải quyết; sau khi đóng, tên, nội dung và tệp được xóa hoặc khử định danh sau ${years(RETENTION_DEFAULTS.closed_requests)} (tệp đính kèm sau ${years(RETENTION_DEFAULTS.attachments)}); chỉ giữ số liệu thống kê không nêu tên.`,
    },
    { key: "rights", heading: "Quyền của bạn", text: RIGHTS },
    {
      key: "withdraw",
      heading: "Rút lại sự đồng ý",
      text: "Bạn có thể rút lại bất cứ lúc nào tại trang “Quyền dữ liệu của tôi”; thông tin nhận dạng sẽ được xóa, yêu cầu vẫn được giải quyết dưới dạng ẩn danh. Bạn cũng có thể gửi ẩn danh ngay từ đầu.",
    },
  ],
};

/**
 * Version 2 (issue 21): the phone or e-mail left for notices only, and the phone's push subscription.
 * Version 1 stays below: the consents given under it point at its text.
 */
const VOICE_REQUEST_V2: Notice = {
  ...VOICE_REQUEST_V1,
  version: "2026-12-vr2",
  sections: [
    ...VOICE_REQUEST_V1.sections.filter((s) => s.key !== "rights" && s.key !== "withdraw"),
    {
      key: "contact",
      heading: "Số điện thoại hoặc email nhận thông báo",
      text:
        "Bạn có thể để lại số điện thoại hoặc email chỉ để nhận thông báo (kể cả khi gửi ẩn danh): khi yêu cầu được tiếp nhận, được chuyển đơn vị, " +
        "có trả lời hoặc cần thêm thông tin. Thông báo chỉ có mã theo dõi và đường dẫn, không có nội dung yêu cầu. Thông tin này được lưu riêng, " +
        "tách khỏi yêu cầu, không bao giờ hiển thị cho cán bộ hay doanh nghiệp, và bị xóa khi yêu cầu kết thúc hoặc khi bạn rút lại sự đồng ý. " +
        "Tin nhắn được gửi qua nhà cung cấp SMS, Zalo hoặc email mà Liên đoàn sử dụng.",
    },
    {
      key: "push",
      heading: "Thông báo đẩy trên điện thoại",
      text:
        "Nếu bạn bật thông báo trong ứng dụng “Hướng Công”, máy chủ lưu địa chỉ nhận thông báo do trình duyệt cấp (không có tên hay số điện thoại) " +
        "cho đúng yêu cầu đó. Thông báo được mã hóa, gửi qua dịch vụ thông báo của trình duyệt (Google, Apple, Mozilla, Microsoft) và chỉ có mã theo dõi và trạng thái. " +
        "Địa chỉ này bị xóa khi bạn tắt thông báo, khi trình duyệt báo đã gỡ ứng dụng, hoặc khi bạn rút lại sự đồng ý.",
    },
    ...VOICE_REQUEST_V1.sections.filter((s) => s.key === "rights" || s.key === "withdraw"),
  ],
};

const NOTICES: Record<NoticeForm, Notice> = {
  voice_request: VOICE_REQUEST_V2,
  join: {
    form: "join",
    version: "2026-12-j1",
    title: "Thông báo xử lý dữ liệu cá nhân khi đăng ký gia nhập công đoàn",
    basis: BASIS,
    sections: [
      { key: "controller", heading: "Ai xử lý", text: CONTROLLER },
      { key: "purpose", heading: "Mục đích", text: "Xét kết nạp, quản lý đoàn viên và chăm lo quyền lợi đoàn viên." },
      {
        key: "data",
        heading: "Dữ liệu thu thập",
        text: "Họ tên, ngày sinh, số CCCD, số điện thoại, doanh nghiệp nơi làm việc. Việc là đoàn viên công đoàn được bảo vệ như dữ liệu nhạy cảm.",
      },
      {
        key: "recipients",
        heading: "Ai được nhận",
        text: "Công đoàn cơ sở của doanh nghiệp (hoặc công đoàn khu công nghiệp, Liên đoàn Lao động thành phố). Doanh nghiệp không nhận được đơn đăng ký của bạn.",
      },
      {
        key: "retention",
        heading: "Thời gian lưu",
        text: `Đơn bị từ chối hoặc rút lại được xóa sau ${years(RETENTION_DEFAULTS.join_requests)}; hồ sơ đoàn viên được lưu trong thời gian sinh hoạt công đoàn và theo quy định lưu trữ.`,
      },
      { key: "rights", heading: "Quyền của bạn", text: RIGHTS },
      {
        key: "withdraw",
        heading: "Rút lại sự đồng ý",
        text: "Trước khi được kết nạp, bạn rút đơn tại trang “Quyền dữ liệu của tôi” bằng mã đơn và số CCCD; đơn sẽ được xóa thông tin cá nhân.",
      },
    ],
  },
  survey: {
    form: "survey",
    version: "2026-12-s1",
    title: "Thông báo xử lý dữ liệu khi trả lời khảo sát",
    basis: BASIS,
    sections: [
      { key: "controller", heading: "Ai xử lý", text: CONTROLLER },
      { key: "purpose", heading: "Mục đích", text: "Nắm tình hình đời sống, việc làm của người lao động để đề xuất chăm lo." },
      {
        key: "data",
        heading: "Dữ liệu thu thập",
        text: "Câu trả lời của bạn, không kèm tên, số điện thoại hay giờ gửi (chỉ lưu ngày). Đừng ghi tên hoặc số điện thoại vào ô trả lời tự do.",
      },
      {
        key: "recipients",
        heading: "Ai được nhận",
        text: "Đơn vị tổ chức khảo sát; kết quả chỉ công bố dạng tổng hợp, không hiển thị nhóm dưới 5 người trả lời.",
      },
      {
        key: "retention",
        heading: "Thời gian lưu",
        text: `Câu trả lời tự do được xóa sau ${years(RETENTION_DEFAULTS.survey_answers)}; số liệu tổng hợp được giữ.`,
      },
      { key: "rights", heading: "Quyền của bạn", text: RIGHTS },
      {
        key: "withdraw",
        heading: "Rút lại sự đồng ý",
        text: "Câu trả lời không gắn với bạn nên không thể tìm lại để rút; vì vậy hãy không ghi thông tin nhận dạng.",
      },
    ],
  },
  housing: {
    form: "housing",
    version: "2026-12-h1",
    title: "Thông báo xử lý dữ liệu cá nhân về nhà ở cho công nhân",
    basis: BASIS,
    sections: [
      { key: "controller", heading: "Ai xử lý", text: CONTROLLER },
      {
        key: "purpose",
        heading: "Mục đích",
        text: "Trang này chỉ công bố thông tin dự án nhà ở; hồ sơ đăng ký mua, thuê được nộp tại chủ đầu tư hoặc công đoàn cơ sở.",
      },
      { key: "data", heading: "Dữ liệu thu thập", text: "Trang không thu thập dữ liệu cá nhân nào." },
      { key: "recipients", heading: "Ai được nhận", text: "Không có." },
      { key: "retention", heading: "Thời gian lưu", text: "Không lưu." },
      { key: "rights", heading: "Quyền của bạn", text: RIGHTS },
      { key: "withdraw", heading: "Rút lại sự đồng ý", text: "Không áp dụng." },
    ],
  },
};

/** The notice in force for a form. */
export function noticeFor(form: NoticeForm): Notice {
  return NOTICES[form];
}

/** Every version ever published, newest first: a consent record's version finds the text it was given under. */
const PREVIOUS: Notice[] = [VOICE_REQUEST_V1];

/** A form's notice of a given version (the one in force or an older one), or null when no such version was published. */
export function noticeVersion(form: NoticeForm, version: string): Notice | null {
  return [NOTICES[form], ...PREVIOUS].find((n) => n.form === form && n.version === version) ?? null;
}

/** The whole notice as one text (what a consent checkbox refers to). */
export function noticeText(form: NoticeForm): string {
  const n = NOTICES[form];
  return `${n.sections.map((s) => `${s.heading}: ${s.text}`).join("\n")}\nCăn cứ: ${n.basis}.`;
}
