/**
 * The audit log's words: every action the server writes and every kind of object it writes about,
 * with what a person reads in Vietnamese and English. The server's `audit()` takes only these
 * actions and object types (a new one is a type error until it is named here), and the audit page
 * reads its labels and links from here, so a code like `voice_request_transfer` never reaches a screen.
 */

type Words = { vi: string; en: string };

export const auditActions = {
  login: { vi: "Đăng nhập", en: "Signed in" },
  login_failed: { vi: "Đăng nhập sai", en: "Failed sign-in" },
  login_locked: { vi: "Khóa tạm do đăng nhập sai nhiều lần", en: "Locked after failed sign-ins" },
  logout: { vi: "Đăng xuất", en: "Signed out" },
  logout_everywhere: { vi: "Đăng xuất mọi thiết bị", en: "Signed out everywhere" },
  password_change: { vi: "Đổi mật khẩu", en: "Changed password" },
  create: { vi: "Tạo mới", en: "Created" },
  update: { vi: "Sửa", en: "Changed" },
  delete: { vi: "Xóa", en: "Deleted" },
  read: { vi: "Xem hồ sơ", en: "Viewed" },
  list: { vi: "Xem danh sách", en: "Listed" },
  export: { vi: "Xuất tệp", en: "Exported" },
  import: { vi: "Nhập từ tệp", en: "Imported" },
  revoke: { vi: "Thu hồi", en: "Revoked" },
  backup: { vi: "Sao lưu", en: "Backed up" },
  job_retry: { vi: "Chạy lại việc nền", en: "Ran a background job again" },
  join: { vi: "Kết nạp", en: "Joined" },
  rejoin: { vi: "Sinh hoạt trở lại", en: "Rejoined" },
  transfer: { vi: "Chuyển sinh hoạt", en: "Transferred" },
  leave: { vi: "Thôi sinh hoạt", en: "Left" },
  file: { vi: "Nộp báo cáo", en: "Filed" },
  approve: { vi: "Chấp thuận", en: "Approved" },
  decline: { vi: "Từ chối", en: "Declined" },
  acknowledge: { vi: "Ghi nhận cảnh báo", en: "Acknowledged" },
  followup_progress: { vi: "Cập nhật tiến độ khắc phục", en: "Follow-up progress" },
  followup_closed: { vi: "Đã khắc phục kiến nghị", en: "Finding closed" },
  followup_reopened: { vi: "Mở lại kiến nghị", en: "Finding reopened" },
  followup_reinspect: { vi: "Kiểm tra lại", en: "Re-inspection" },
  add_action: { vi: "Thêm biện pháp xử lý", en: "Added an action" },
  dispute_step: { vi: "Ghi bước giải quyết tranh chấp", en: "Recorded a dispute step" },
  carry_over: { vi: "Chuyển nội dung sang kế hoạch mới", en: "Carried items over" },
  snapshot: { vi: "Chốt số liệu chỉ tiêu", en: "Took a snapshot" },
  link_request: { vi: "Gắn với yêu cầu", en: "Linked to a request" },
  union_rate_add: { vi: "Thêm mức đoàn phí", en: "Added a dues rate" },
  wage_region_set: { vi: "Đặt vùng lương tối thiểu", en: "Set the wage region" },
  voice_identity_read: { vi: "Xem danh tính người gửi", en: "Viewed the requester's identity" },
  voice_caller_lookup: { vi: "Tra cứu người gọi", en: "Looked up a caller" },
  voice_call_card: { vi: "Xem thẻ người gọi đường dây nóng", en: "Viewed a hotline caller's card" },
  voice_callback_close: { vi: "Đóng việc gọi lại", en: "Closed a call-back" },
  voice_hotline_duty_start: { vi: "Nhận ca trực đường dây nóng", en: "Started a hotline shift" },
  voice_hotline_duty_end: { vi: "Kết thúc ca trực đường dây nóng", en: "Ended a hotline shift" },
  voice_hotline_line_put: { vi: "Khai báo số đường dây nóng", en: "Set a hotline line" },
  voice_attachment_add: { vi: "Thêm tệp đính kèm", en: "Added an attachment" },
  voice_attachment_read: { vi: "Xem tệp đính kèm", en: "Opened an attachment" },
  voice_request_create: { vi: "Tiếp nhận yêu cầu", en: "Received a request" },
  voice_request_assign: { vi: "Phân công xử lý", en: "Assigned" },
  voice_request_start: { vi: "Bắt đầu giải quyết", en: "Started" },
  voice_request_transfer: { vi: "Chuyển đơn vị xử lý", en: "Transferred to another body" },
  voice_request_forward: { vi: "Chuyển doanh nghiệp", en: "Forwarded to the enterprise" },
  voice_request_close: { vi: "Đóng yêu cầu", en: "Closed" },
  voice_request_reopen: { vi: "Mở lại yêu cầu", en: "Reopened" },
  voice_request_rate: { vi: "Đánh giá kết quả", en: "Rated the answer" },
  voice_request_addition: { vi: "Bổ sung nội dung", en: "Added information" },
  voice_note_add: { vi: "Thêm ghi chú nội bộ", en: "Added an internal note" },
  voice_answer_draft: { vi: "Soạn câu trả lời", en: "Drafted the answer" },
  voice_answer_approve: { vi: "Duyệt câu trả lời", en: "Approved the answer" },
  voice_answer_return: { vi: "Trả lại câu trả lời", en: "Returned the answer" },
  voice_answer_publish: { vi: "Công bố câu trả lời", en: "Published the answer" },
  voice_ask_info: { vi: "Đề nghị người gửi bổ sung thông tin", en: "Asked the sender for more information" },
  notify_resend: { vi: "Gửi lại tin nhắn hỏng", en: "Resent a failed message" },
  notify_channels_put: { vi: "Sửa cấu hình kênh gửi (SMS, Zalo)", en: "Changed the channels' settings (SMS, Zalo)" },
  notify_test: { vi: "Gửi tin nhắn thử", en: "Sent a test message" },
  voice_qa_create: { vi: "Thêm hỏi đáp", en: "Added a Q&A" },
  voice_qa_update: { vi: "Sửa hỏi đáp", en: "Changed a Q&A" },
  voice_qa_publish: { vi: "Công bố hỏi đáp", en: "Published a Q&A" },
  voice_qa_unpublish: { vi: "Gỡ hỏi đáp", en: "Unpublished a Q&A" },
  voice_qa_synonyms_create: { vi: "Thêm nhóm từ đồng nghĩa", en: "Added a synonym group" },
  voice_qa_synonyms_update: { vi: "Sửa nhóm từ đồng nghĩa", en: "Changed a synonym group" },
  voice_qa_synonyms_delete: { vi: "Xóa nhóm từ đồng nghĩa", en: "Removed a synonym group" },
  voice_citation_superseded: { vi: "Đánh dấu điều luật đã thay thế", en: "Marked a rule replaced" },
  voice_secret_resend: { vi: "Gửi lại mã theo dõi", en: "Resent the tracking secret" },
  voice_settings_put: { vi: "Đổi cài đặt tiếp nhận", en: "Changed request settings" },
  voice_holiday_put: { vi: "Đặt ngày nghỉ", en: "Set a holiday" },
  voice_holiday_delete: { vi: "Xóa ngày nghỉ", en: "Removed a holiday" },
  voice_escalate_overdue: { vi: "Báo cáo yêu cầu quá hạn lên cấp trên", en: "Escalated overdue requests" },
  privacy_request_create: { vi: "Nhận yêu cầu về dữ liệu cá nhân", en: "Received a data request" },
  privacy_request_resolve: { vi: "Giải quyết yêu cầu về dữ liệu cá nhân", en: "Resolved a data request" },
  privacy_incident_create: { vi: "Ghi sự cố dữ liệu", en: "Recorded a data incident" },
  privacy_incident_notified: { vi: "Thông báo sự cố dữ liệu", en: "Notified a data incident" },
  privacy_retention_put: { vi: "Đổi thời hạn lưu trữ", en: "Changed retention" },
  privacy_retention_run: { vi: "Xóa dữ liệu hết hạn lưu trữ", en: "Ran retention" },
  erased: { vi: "Xóa dữ liệu cá nhân", en: "Erased personal data" },
  // The enterprise side: accounts, labour reports, inbox, notices, difficulties
  invite: { vi: "Mời tạo tài khoản", en: "Invited" },
  activate: { vi: "Kích hoạt tài khoản", en: "Activated an account" },
  activation_failed: { vi: "Nhập sai mã kích hoạt", en: "Wrong activation code" },
  activation_locked: { vi: "Khóa tạm do nhập sai mã kích hoạt", en: "Locked after wrong activation codes" },
  deactivate: { vi: "Khóa tài khoản", en: "Deactivated" },
  accounts_ended: { vi: "Khóa mọi tài khoản của doanh nghiệp ngừng hoạt động", en: "Ended a ceased enterprise's accounts" },
  submit: { vi: "Nộp báo cáo", en: "Submitted" },
  accept: { vi: "Tiếp nhận", en: "Accepted" },
  return: { vi: "Trả lại để sửa", en: "Returned for correction" },
  followup_extended: { vi: "Gia hạn khắc phục kiến nghị", en: "Extended a finding's deadline" },
  enterprise_answer: { vi: "Doanh nghiệp trả lời", en: "Enterprise answered" },
  enterprise_accepted: { vi: "Chấp nhận trả lời của doanh nghiệp", en: "Accepted the enterprise's answer" },
  enterprise_reopened: { vi: "Yêu cầu doanh nghiệp xử lý lại", en: "Reopened for the enterprise" },
  enterprise_extension_request: { vi: "Doanh nghiệp xin gia hạn", en: "Enterprise asked for an extension" },
  enterprise_extension_granted: { vi: "Đồng ý gia hạn", en: "Granted an extension" },
  enterprise_extension_refused: { vi: "Không đồng ý gia hạn", en: "Refused an extension" },
  enterprise_evidence_add: { vi: "Đính kèm minh chứng khắc phục", en: "Attached evidence" },
  enterprise_evidence_read: { vi: "Xem minh chứng", en: "Viewed evidence" },
  enterprise_timeline_read: { vi: "Xem dòng thời gian của doanh nghiệp", en: "Viewed an enterprise's timeline" },
  enterprise_notice_send: { vi: "Gửi thông báo cho doanh nghiệp", en: "Sent a notice to enterprises" },
  enterprise_difficulty_file: { vi: "Doanh nghiệp gửi khó khăn, vướng mắc", en: "Enterprise filed a difficulty" },
  enterprise_difficulty_answer: { vi: "Trả lời khó khăn, vướng mắc của doanh nghiệp", en: "Answered an enterprise's difficulty" },
} as const satisfies Record<string, Words>;

export type AuditAction = keyof typeof auditActions;

/** Object kinds, and the staff page that shows one (null: no page, the row's detail says it all). */
export const auditObjects = {
  user: { vi: "Người dùng", en: "User", page: null },
  body: { vi: "Đơn vị", en: "Body", page: null },
  api_token: { vi: "Mã truy cập API", en: "API token", page: null },
  session: { vi: "Phiên đăng nhập", en: "Session", page: null },
  settings: { vi: "Cài đặt", en: "Settings", page: null },
  setting: { vi: "Cài đặt", en: "Setting", page: null },
  database: { vi: "Cơ sở dữ liệu", en: "Database", page: null },
  person: { vi: "Người lao động", en: "Person", page: "/staff/registry/people/:id" },
  people: { vi: "Danh sách người lao động", en: "People", page: null },
  members: { vi: "Danh sách đoàn viên", en: "Members", page: null },
  membership: { vi: "Quá trình sinh hoạt", en: "Membership", page: null },
  enterprise: { vi: "Doanh nghiệp", en: "Enterprise", page: "/staff/registry/enterprises/:id" },
  enterprises: { vi: "Danh sách doanh nghiệp", en: "Enterprises", page: null },
  union: { vi: "Công đoàn cơ sở", en: "Grassroots union", page: "/staff/registry/unions/:id" },
  unions: { vi: "Danh sách công đoàn cơ sở", en: "Grassroots unions", page: null },
  agreement: { vi: "Thỏa ước lao động tập thể", en: "Collective agreement", page: null },
  labor_report: { vi: "Báo cáo lao động", en: "Labor report", page: null },
  zone: { vi: "Khu công nghiệp, khu kinh tế", en: "Zone", page: null },
  outbound_message: { vi: "Tin nhắn gửi đi", en: "Outgoing message", page: null },
  voice_request: { vi: "Yêu cầu của người lao động", en: "Worker's request", page: "/staff/requests/:id" },
  voice_call: { vi: "Cuộc gọi đường dây nóng", en: "Hotline call", page: "/staff/requests/calls" },
  voice_hotline_line: { vi: "Số đường dây nóng", en: "Hotline line", page: "/staff/requests/calls" },
  voice_qa: { vi: "Hỏi đáp pháp luật", en: "Legal Q&A", page: "/staff/requests/qa" },
  voice_qa_synonyms: { vi: "Từ đồng nghĩa của hỏi đáp", en: "Q&A synonyms", page: "/staff/requests/qa" },
  voice_holiday: { vi: "Ngày nghỉ", en: "Holiday", page: null },
  relations_incident: { vi: "Sự việc quan hệ lao động", en: "Incident", page: "/staff/relations/incidents/:id" },
  relations_inspection: { vi: "Cuộc kiểm tra", en: "Inspection", page: "/staff/relations/inspections/:id" },
  relations_plan: { vi: "Kế hoạch kiểm tra", en: "Inspection plan", page: "/staff/relations/inspections" },
  relations_recommendation: { vi: "Kiến nghị sau kiểm tra", en: "Finding", page: null },
  relations_alert: { vi: "Cảnh báo sớm", en: "Alert", page: "/staff/relations/alerts" },
  relations_action: { vi: "Hoạt động phối hợp xử lý", en: "Follow-up action", page: null },
  coordination_plan: { vi: "Kế hoạch phối hợp", en: "Coordination plan", page: "/staff/coordination/plans/:id" },
  plan_item: { vi: "Nội dung phối hợp", en: "Plan item", page: null },
  target: { vi: "Chỉ tiêu", en: "Target", page: "/staff/coordination/targets" },
  target_value: { vi: "Số liệu chỉ tiêu", en: "Target value", page: "/staff/coordination/targets" },
  activity: { vi: "Hoạt động", en: "Activity", page: "/staff/coordination/activities" },
  dialogue_question: { vi: "Ý kiến tại hội nghị đối thoại", en: "Dialogue question", page: null },
  mobilization_model: { vi: "Mô hình Dân vận khéo", en: "“Skilled mobilization” model", page: "/staff/coordination/models" },
  party_referral: { vi: "Giới thiệu đoàn viên ưu tú cho Đảng", en: "Party referral", page: "/staff/coordination/referrals" },
  care_campaign: { vi: "Đợt chăm lo", en: "Care campaign", page: "/staff/care/campaigns/:id" },
  care_payout: { vi: "Khoản hỗ trợ", en: "Payout", page: null },
  care_nomination: { vi: "Đề xuất hỗ trợ", en: "Nomination", page: null },
  care_union_house: { vi: "Mái ấm Công đoàn", en: "Union house", page: "/staff/care/union-houses" },
  care_housing_project: { vi: "Dự án nhà ở công nhân", en: "Housing project", page: "/staff/care/housing" },
  care_housing_milestone: { vi: "Tiến độ dự án nhà ở", en: "Housing milestone", page: "/staff/care/housing" },
  care_join_request: { vi: "Đơn gia nhập công đoàn", en: "Request to join", page: "/staff/care/join-requests" },
  care_survey: { vi: "Khảo sát", en: "Survey", page: "/staff/care/surveys/:id" },
  joint_report: { vi: "Báo cáo liên tịch", en: "Joint report", page: "/staff/reports/joint" },
  privacy_request: { vi: "Yêu cầu về dữ liệu cá nhân", en: "Data request", page: "/staff/privacy" },
  privacy_incident: { vi: "Sự cố dữ liệu cá nhân", en: "Data incident", page: "/staff/privacy" },
  retention: { vi: "Thời hạn lưu trữ", en: "Retention", page: "/staff/privacy" },
  job: { vi: "Việc nền", en: "Background job", page: "/staff/admin/jobs" },
  enterprise_invite: { vi: "Lời mời tài khoản doanh nghiệp", en: "Enterprise account invitation", page: null },
  labour_submission: { vi: "Báo cáo lao động 6 tháng của doanh nghiệp", en: "Enterprise's half-year labour report", page: "/staff/labour/submissions" },
  enterprise_exchange: { vi: "Trao đổi với doanh nghiệp", en: "Exchange with an enterprise", page: null },
  enterprise_notice: { vi: "Thông báo cho doanh nghiệp", en: "Notice to enterprises", page: "/staff/enterprise/notices" },
  enterprise_difficulty: { vi: "Khó khăn, vướng mắc của doanh nghiệp", en: "Enterprise's difficulty", page: "/staff/enterprise/difficulties" },
} as const satisfies Record<string, Words & { page: string | null }>;

export type AuditObjectType = keyof typeof auditObjects;

export const auditActionList = Object.keys(auditActions) as AuditAction[];
export const auditObjectList = Object.keys(auditObjects) as AuditObjectType[];

const lang = (language: string): "vi" | "en" => (language.startsWith("en") ? "en" : "vi");

/** What an action is called; a code written before this table knew it is shown as it is. */
export function auditActionLabel(action: string, language = "vi"): string {
  return (auditActions as Record<string, Words>)[action]?.[lang(language)] ?? action;
}

/** What a kind of object is called. */
export function auditObjectLabel(objectType: string, language = "vi"): string {
  return (auditObjects as Record<string, Words>)[objectType]?.[lang(language)] ?? objectType;
}

/** The staff page of one object, when there is one. */
export function auditObjectLink(objectType: string, objectId: string | null): string | null {
  const page = (auditObjects as Record<string, { page: string | null }>)[objectType]?.page ?? null;
  if (!page) return null;
  if (!page.includes(":id")) return page;
  return objectId && /^\d+$/.test(objectId) ? page.replace(":id", objectId) : null;
}
