/**
 * Every error a caller can receive: code → HTTP status and a title in Vietnamese and English.
 * Modules add their codes to this one catalogue (a section each), so a client has one list to read.
 * "when": when it is thrown; "action": what the caller should do.
 */
export const errorCatalogue = {
  // Foundation
  validation_failed: {
    status: 400,
    vi: "Dữ liệu không hợp lệ",
    en: "Invalid input",
    when: "a body, query or path value fails its schema",
    action: "fix the fields named in errors[].pointer",
  },
  bad_request: { status: 400, vi: "Yêu cầu không hợp lệ", en: "Bad request", when: "the request cannot be understood", action: "check the request" },
  unauthenticated: {
    status: 401,
    vi: "Bạn cần đăng nhập",
    en: "Sign-in required",
    when: "no valid session or token",
    action: "sign in, or send a valid bearer token",
  },
  invalid_credentials: {
    status: 401,
    vi: "Tên đăng nhập hoặc mật khẩu không đúng",
    en: "Wrong username or password",
    when: "login with wrong credentials",
    action: "try again; repeated failures lock the account for a while",
  },
  account_locked: {
    status: 423,
    vi: "Tài khoản tạm khóa do đăng nhập sai nhiều lần",
    en: "Account temporarily locked after repeated failures",
    when: "too many failed logins",
    action: "wait until the time given in detail",
  },
  csrf_failed: {
    status: 403,
    vi: "Phiên làm việc không hợp lệ, hãy tải lại trang",
    en: "Invalid CSRF token, reload the page",
    when: "a cookie-authenticated write without the X-CSRF-Token of the session",
    action: "send the csrfToken from /api/auth/me in X-CSRF-Token",
  },
  forbidden: {
    status: 403,
    vi: "Bạn không có quyền thực hiện thao tác này",
    en: "You are not allowed to do this",
    when: "the role lacks the permission (objects out of scope answer not_found instead)",
    action: "ask an administrator",
  },
  not_found: {
    status: 404,
    vi: "Không tìm thấy",
    en: "Not found",
    when: "the object does not exist or lies outside the caller's scope",
    action: "check the id and your scope",
  },
  conflict: {
    status: 409,
    vi: "Dữ liệu trùng hoặc xung đột",
    en: "Conflict with existing data",
    when: "a unique value already exists, or the object changed meanwhile",
    action: "change the value or reload",
  },
  reference_not_found: {
    status: 422,
    vi: "Đối tượng được chọn không tồn tại",
    en: "The referenced object does not exist",
    when: "an id in the request (enterprise, body, plan, person…) names no existing object",
    action: "choose an existing object; the field is named in errors[].pointer",
  },
  in_use: {
    status: 409,
    vi: "Dữ liệu đang được dùng ở nơi khác",
    en: "The object is still in use",
    when: "deleting or re-keying an object that other records still point at",
    action: "remove or move the records that use it first",
  },
  payload_too_large: {
    status: 413,
    vi: "Tệp hoặc dữ liệu quá lớn",
    en: "Payload too large",
    when: "body or upload exceeds the limit",
    action: "send a smaller file",
  },
  unsupported_media_type: {
    status: 415,
    vi: "Loại tệp không được hỗ trợ",
    en: "Unsupported file type",
    when: "an upload whose content is not an accepted type",
    action: "send one of the accepted types",
  },
  rate_limited: {
    status: 429,
    vi: "Bạn thao tác quá nhanh, hãy thử lại sau",
    en: "Too many requests, try again later",
    when: "a rate limit is exceeded",
    action: "wait and retry",
  },
  database_unavailable: {
    status: 503,
    vi: "Cơ sở dữ liệu tạm thời không sẵn sàng",
    en: "Database temporarily unavailable",
    when: "the database cannot be reached",
    action: "retry in a moment",
  },
  read_only_storage: {
    status: 503,
    vi: "Không ghi được dữ liệu: thư mục dữ liệu chỉ đọc hoặc đã đầy",
    en: "Cannot write: the data directory is read-only or full",
    when: "the disk refuses writes",
    action: "free space or fix permissions",
  },
  internal: {
    status: 500,
    vi: "Lỗi hệ thống, vui lòng thử lại sau",
    en: "Internal error, please try again later",
    when: "an unexpected failure (logged with the request id)",
    action: "retry; report the request id",
  },
  // Access
  last_admin: {
    status: 409,
    vi: "Không thể khóa hoặc hạ quyền quản trị viên cuối cùng",
    en: "Cannot disable or demote the last system administrator",
    when: "the change would leave no active system admin",
    action: "make another admin first",
  },
  weak_password: {
    status: 400,
    vi: "Mật khẩu chưa đủ an toàn",
    en: "Password not strong enough",
    when: "a new password is under 10 characters once trimmed, lacks letters or digits, is a common password, or contains the user's username or name",
    action: "choose a longer, uncommon password without your own names (the detail says which rule failed)",
  },
  body_has_children: {
    status: 409,
    vi: "Đơn vị còn đơn vị trực thuộc hoặc người dùng",
    en: "The body still has sub-bodies or users",
    when: "deleting a body that is in use",
    action: "move or remove them first",
  },
  // Registry
  membership_open: {
    status: 409,
    vi: "Người này đang là đoàn viên",
    en: "The person already has an open membership",
    when: "joining a union while a membership interval is open (one open membership per person)",
    action: "transfer the member, or record the leave first",
  },
  no_open_membership: {
    status: 409,
    vi: "Người này hiện không là đoàn viên",
    en: "The person has no open membership",
    when: "transferring or ending a membership of a non-member",
    action: "join (or rejoin) the person instead",
  },
  enterprise_has_union: {
    status: 409,
    vi: "Doanh nghiệp đã có công đoàn cơ sở",
    en: "The enterprise already has a grassroots union",
    when: "covering an enterprise that another grassroots union covers",
    action: "change the other union's coverage first",
  },
  import_invalid_file: {
    status: 400,
    vi: "Không đọc được tệp nhập",
    en: "The import file cannot be read",
    when: "the upload is not a readable .xlsx or CSV, or lacks required columns",
    action: "download the template and fill it in",
  },
  // Relations
  minimum_wage_unknown: {
    status: 422,
    vi: "Chưa có quy định lương tối thiểu vùng áp dụng",
    en: "No regional minimum wage rule applies",
    when: "no dated minimum-wage rule covers the commune and date asked",
    action: "check the date, or add the decree's rows to the minimum-wage tables",
  },
  region_unknown: {
    status: 422,
    vi: "Chưa xác định được vùng lương tối thiểu của địa bàn",
    en: "The minimum-wage region of the place is unknown",
    when: "the province or commune matches no unit listed by the decree in force on the date (or a unit of another province)",
    action: "check the names in errors[].pointer; an officer sets the region when the place is not listed",
  },
  checklist_not_in_force: {
    status: 422,
    vi: "Chưa có bộ nội dung kiểm tra có hiệu lực vào ngày này",
    en: "No checklist version was in force on that date",
    when: "an inspection (or its form) is dated before the first checklist version took effect",
    action: "check the date; an administrator adds the version that applied then",
  },
  inspection_completed: {
    status: 409,
    vi: "Biên bản kiểm tra đã hoàn thành, không sửa được",
    en: "The inspection record is completed and cannot be changed",
    when: "changing the answers or findings of a completed inspection",
    action: "follow the recommendations up, or record a re-inspection",
  },
  recommendation_state: {
    status: 409,
    vi: "Trạng thái kiến nghị không cho phép thao tác này",
    en: "The recommendation's state does not allow this",
    when: "closing a closed recommendation or reopening an open one",
    action: "reload the recommendation",
  },
  alert_state: {
    status: 409,
    vi: "Cảnh báo đã được xử lý",
    en: "The alert was already handled",
    when: "acknowledging or converting an alert that is no longer open",
    action: "reload the alert list",
  },
  // Coordination
  plan_in_use: {
    status: 409,
    vi: "Kế hoạch có nội dung đã chuyển sang kế hoạch năm sau",
    en: "Items of this plan were carried over into another plan",
    when: "deleting a plan or item whose items were carried over",
    action: "delete the carried items in the later plan first",
  },
  target_computed: {
    status: 409,
    vi: "Chỉ tiêu này được tính tự động từ dữ liệu, không nhập tay",
    en: "This target is computed from the data and takes no manual values",
    when: "entering a value for a target whose metric is not 'manual'",
    action: "correct the underlying records instead",
  },
  activity_has_requests: {
    status: 409,
    vi: "Hội nghị có câu hỏi đã chuyển thành yêu cầu, không thể xóa",
    en: "Questions of this conference became requests; it cannot be deleted",
    when: "deleting a dialogue conference whose questions are linked to requests",
    action: "keep the conference; correct it instead",
  },
  // Reporting
  report_not_ready: {
    status: 409,
    vi: "Tệp báo cáo chưa sẵn sàng",
    en: "The report file is not ready",
    when: "downloading a report file (GET /api/reports/files/:id/content) that is still queued or running, or that failed",
    action: "poll GET /api/reports/files/:id until status is done; a failed file is requested again",
  },
  report_too_large: {
    status: 503,
    vi: "Đang tạo quá nhiều báo cáo cùng lúc, vui lòng thử lại sau ít phút",
    en: "Too many reports are being generated, try again shortly",
    when: "more report generations run at once than the server allows",
    action: "retry in a moment",
  },
  // Care (campaigns, payouts, union houses, housing, surveys, joining online)
  payout_duplicate: {
    status: 409,
    vi: "Người này đã nhận hỗ trợ trong đợt này",
    en: "This person has already been paid in this campaign",
    when: "a second payout for the same person in the same campaign (one payout per person per campaign)",
    action: "check the earlier payout named in detail; correct it instead of adding another",
  },
  nomination_duplicate: {
    status: 409,
    vi: "Người này đã được đề nghị trong đợt này",
    en: "This person has already been nominated in this campaign",
    when: "a second nomination of the same person in the same campaign",
    action: "see the existing nomination",
  },
  not_eligible: {
    status: 422,
    vi: "Người này không thuộc đối tượng của đợt hỗ trợ",
    en: "This person is not eligible for this campaign",
    when: "the person fails the campaign's eligibility rules (membership, enterprise, zone, hardship)",
    action: "check the campaign's rules or choose another person",
  },
  kind_not_allowed: {
    status: 422,
    vi: "Hình thức hỗ trợ không có trong đợt này",
    en: "This kind of support is not part of the campaign",
    when: "a payout or nomination of a kind the campaign does not give",
    action: "use one of the campaign's kinds",
  },
  campaign_closed: {
    status: 409,
    vi: "Đợt hỗ trợ đã kết thúc hoặc chưa mở",
    en: "The campaign is closed or not open yet",
    when: "recording payouts or nominations in a draft or closed campaign",
    action: "reopen the campaign first",
  },
  nomination_decided: {
    status: 409,
    vi: "Đề nghị này đã được xét",
    en: "This nomination has already been decided",
    when: "approving or declining a nomination twice",
    action: "reload",
  },
  import_unreadable: {
    status: 400,
    vi: "Không đọc được tệp danh sách",
    en: "The list file cannot be read",
    when: "the upload is not a readable .xlsx or CSV, or lacks the required columns",
    action: "use the template's columns (Họ và tên, Số CCCD, Hình thức, Số tiền, …)",
  },
  union_house_open: {
    status: 409,
    vi: "Người này đang có một hồ sơ Mái ấm Công đoàn chưa bàn giao",
    en: "This person already has an open union house case",
    when: "a second open union house case for the same person",
    action: "update the open case",
  },
  survey_closed: {
    status: 409,
    vi: "Phiếu khảo sát không còn nhận câu trả lời",
    en: "The survey is not accepting answers",
    when: "answering a draft or closed survey",
    action: "ask the union for the current survey",
  },
  survey_already_answered: {
    status: 409,
    vi: "Thiết bị này đã gửi câu trả lời cho phiếu khảo sát này",
    en: "This device has already answered this survey",
    when: "a second answer to one survey from the same device (its cookie)",
    action: "nothing to do: each device answers once",
  },
  survey_locked: {
    status: 409,
    vi: "Phiếu khảo sát đã có câu trả lời, không sửa được câu hỏi",
    en: "The survey has answers; its questions can no longer change",
    when: "editing questions after answers came in",
    action: "create a new survey",
  },
  already_member: {
    status: 409,
    vi: "Người này đang là đoàn viên công đoàn",
    en: "This person is already a union member",
    when: "approving a join request of a person with an open membership",
    action: "decline the request with that reason, or transfer the membership in the registry",
  },
  join_request_pending: {
    status: 409,
    vi: "Đã có một đơn xin gia nhập đang chờ xét với số CCCD này",
    en: "A join request with this citizen ID is already waiting",
    when: "filing a second request while one is pending",
    action: "follow the first request by its code",
  },
  join_request_decided: {
    status: 409,
    vi: "Đơn xin gia nhập này đã được xét",
    en: "This join request has already been decided",
    when: "approving or declining a request twice",
    action: "reload",
  },
  // Worker voice
  voice_no_body: {
    status: 503,
    vi: "Chưa có đơn vị nhận yêu cầu",
    en: "No body can receive requests yet",
    when: "no federation body exists to route a request to",
    action: "an administrator creates the city federation body",
  },
  voice_not_responsible: {
    status: 403,
    vi: "Bạn không thuộc đơn vị chịu trách nhiệm yêu cầu này",
    en: "You are not in the body responsible for this request",
    when: "an officer takes on (assigns to themself) a request of a body they do not belong to",
    action: "assign an officer of the responsible body, or transfer the request",
  },
  voice_bad_transition: {
    status: 409,
    vi: "Không thể thực hiện ở trạng thái hiện tại của yêu cầu",
    en: "Not possible in the request's current status",
    when: "a workflow step that the status does not allow (e.g. closing an unanswered request)",
    action: "reload the request and follow received → assigned → in progress → answered → closed",
  },
  voice_reopen_expired: {
    status: 409,
    vi: "Đã quá thời hạn được mở lại yêu cầu",
    en: "The reopening window has passed",
    when: "reopening after the configured number of days (settings voice.reopen_days)",
    action: "file a new request",
  },
  voice_review_self: {
    status: 409,
    vi: "Người soạn không tự duyệt câu trả lời của mình",
    en: "The drafter cannot approve their own answer",
    when: "the author of a draft answer tries to approve it",
    action: "ask another officer or the head of the body to review",
  },
  privacy_already_withdrawn: {
    status: 409,
    vi: "Đã rút lại sự đồng ý",
    en: "Consent already withdrawn",
    when: "withdrawing consent a second time for the same request",
    action: "nothing to do; see the request's page for what is held",
  },
  privacy_request_closed: {
    status: 409,
    vi: "Yêu cầu về dữ liệu đã được trả lời",
    en: "The data request was already answered",
    when: "answering a data-subject request twice",
    action: "reload the list",
  },
  privacy_purpose_required: {
    status: 400,
    vi: "Cần nêu mục đích xuất dữ liệu đầy đủ",
    en: "A purpose is required for an export with full identifiers",
    when: "an export with unmasked citizen IDs or phones without a purpose",
    action: "send purpose (at least 10 characters); it is written to the audit log",
  },
  voice_private_forward: {
    status: 422,
    vi: "Người gửi đề nghị không cho doanh nghiệp biết nội dung",
    en: "The sender asked that the employer not be told the content",
    when: "forwarding to the enterprise a request marked private without acknowledgePrivate",
    action: "check that the summary cannot identify the sender, then send acknowledgePrivate: true",
  },
  voice_not_answered: {
    status: 409,
    vi: "Yêu cầu chưa có câu trả lời công bố",
    en: "The request has no published answer",
    when: "rating or publishing as Q&A before the answer is published",
    action: "wait for the answer",
  },
  voice_challenge_required: {
    status: 400,
    vi: "Thiếu lời giải thử thách chống gửi tự động",
    en: "Anti-flood challenge solution missing",
    when: "a public submission without { challenge } while the challenge is enabled",
    action: "GET /api/public/challenge, solve it, send { challenge: { token, counter } }",
  },
  voice_challenge_failed: {
    status: 400,
    vi: "Lời giải thử thách không hợp lệ hoặc đã hết hạn",
    en: "Invalid or expired challenge solution",
    when: "wrong signature, expired token (10 min), too easy or wrong counter",
    action: "fetch a new challenge and solve it again",
  },
  voice_identity_in_text: {
    status: 400,
    vi: "Nội dung còn thông tin nhận dạng người gửi",
    en: "The text still identifies the requester",
    when: "a Q&A entry built from a request contains the requester's name, phone or citizen ID",
    action: "remove them (the draft endpoint masks them) and save again",
  },
  voice_qa_needs_review: {
    status: 409,
    vi: "Mục hỏi đáp cần rà soát vì trích dẫn văn bản đã bị thay thế",
    en: "The Q&A entry cites a replaced rule and needs review",
    when: "publishing an entry flagged by a superseded citation",
    action: "update the citations and answer, then publish",
  },
  // Enterprise side (inbox, evidence, difficulties)
  enterprise_only: {
    status: 403,
    vi: "Chỉ tài khoản doanh nghiệp thực hiện được thao tác này",
    en: "Only an enterprise account can do this",
    when: "a staff account calls a route where an enterprise answers for itself (answer, extension, evidence, filing a difficulty)",
    action: "sign in with the enterprise's account; officers decide on the enterprise's answers from the decisions page",
  },
  enterprise_item_state: {
    status: 409,
    vi: "Mục này không ở trạng thái cho phép thao tác này",
    en: "The item is not in a state that allows this",
    when: "answering an item already accepted, asking a second extension while one awaits a decision, deciding when nothing awaits a decision, answering a difficulty twice",
    action: "reload the item: the detail says what it awaits",
  },
  // Enterprise accounts (issue 17)
  activation_code_invalid: {
    status: 400,
    vi: "Mã kích hoạt không đúng hoặc không còn dùng được",
    en: "The activation code is wrong or no longer usable",
    when: "an activation code that matches no invitation, or one expired, used, revoked, or of an enterprise no longer active (detail says which)",
    action: "check the code; ask the Zone Authority (or your enterprise's representative) for a new one",
  },
  activation_locked: {
    status: 429,
    vi: "Nhập sai mã kích hoạt quá nhiều lần, vui lòng thử lại sau",
    en: "Too many wrong activation codes, try again later",
    when: "ten wrong activation codes from one address within the lock window",
    action: "wait until the time given in detail (lockedUntil)",
  },
  enterprise_account_self: {
    status: 409,
    vi: "Không thể tự thu hẹp quyền hoặc khóa tài khoản của chính mình",
    en: "You cannot narrow or deactivate your own account",
    when: "an enterprise representative changes their own rights or deactivates themselves",
    action: "ask another representative of the enterprise, or the Zone Authority",
  },
  // Labour: half-yearly labour reports submitted by enterprises
  labour_report_invalid: {
    status: 422,
    vi: "Báo cáo lao động chưa đạt kiểm tra",
    en: "The labour report fails its checks",
    when: "a submission whose shares do not add up (by sex, by contract type), with impossible numbers, an open period, or a lowest wage under the regional minimum without a reason",
    action: "fix the fields named in errors[].pointer (POST /api/labour/check shows the same result without submitting)",
  },
  labour_pending_review: {
    status: 409,
    vi: "Bản báo cáo trước đang chờ Ban Quản lý xem xét",
    en: "The previous version is waiting for review",
    when: "submitting a period whose latest version has not been accepted or returned yet",
    action: "wait for the decision; a returned version is corrected by submitting again",
  },
  labour_already_decided: {
    status: 409,
    vi: "Báo cáo đã được xử lý",
    en: "The report was already decided",
    when: "accepting or returning a version that is no longer waiting for review",
    action: "reload: the enterprise may have submitted a newer version",
  },
  labour_template_invalid: {
    status: 422,
    vi: "Tệp không đúng mẫu báo cáo lao động",
    en: "The file is not the labour report template",
    when: "an upload that is not an .xlsx, is damaged, or whose cells are not where the template puts them or not numbers",
    action: 'download the template again, fill the column "Số liệu" and upload it; the detail names the row',
  },
  // Notify
  notify_channel_not_configured: {
    status: 409,
    vi: "Kênh gửi này chưa được cấu hình",
    en: "This channel is not configured",
    when: "a test message on a channel with no address (SMTP_URL, the SMS gateway or Zalo ZNS)",
    action: "fill the channel's settings (or the environment) first",
  },
  notify_send_failed: {
    status: 502,
    vi: "Cổng gửi tin không nhận tin nhắn",
    en: "The gateway refused the message",
    when: "a test message the SMTP server or the HTTP gateway refused or did not answer in time",
    action: "check the address, token and brand name; the detail carries the gateway's answer",
  },
} as const satisfies Record<string, { status: number; vi: string; en: string; when: string; action: string }>;

export type ErrorCode = keyof typeof errorCatalogue;

export interface FieldError {
  pointer: string;
  message: string;
  code?: string;
}

/** The one error type the app throws on purpose; anything else becomes a plain 500. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly detail: string | undefined;
  readonly errors: FieldError[] | undefined;
  readonly extra: Record<string, unknown> | undefined;
  constructor(code: ErrorCode, detail?: string, opts?: { errors?: FieldError[]; extra?: Record<string, unknown> }) {
    super(detail ?? code);
    this.code = code;
    this.detail = detail;
    this.errors = opts?.errors;
    this.extra = opts?.extra;
  }
}

export const notFound = (detail?: string) => new AppError("not_found", detail);
export const forbidden = (detail?: string) => new AppError("forbidden", detail);
export const conflict = (detail?: string) => new AppError("conflict", detail);
export const badInput = (errors: FieldError[], detail?: string) => new AppError("validation_failed", detail, { errors });
