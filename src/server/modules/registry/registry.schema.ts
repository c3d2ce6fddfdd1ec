import { checkCitizenIdProvince } from "#shared/identifiers.ts";
import { z } from "zod";
import { refuseFutureDate } from "#shared/dates.ts";
import { parseDate } from "#shared/text.ts";

/** Zod shapes of the registry's requests, shared with the web forms. Messages reach people: Vietnamese. */

export const isoDate = z
  .string()
  .trim()
  .transform((v, ctx) => {
    const d = parseDate(v);
    if (!d) {
      ctx.addIssue({ code: "custom", message: "Ngày không hợp lệ (dd/mm/yyyy hoặc yyyy-mm-dd)" });
      return z.NEVER;
    }
    return d;
  });

export const idParams = z.object({ id: z.coerce.number().int().positive("Mã không hợp lệ") });

export const pageQuery = z.object({
  page: z.coerce.number().int().min(1, "Trang bắt đầu từ 1").default(1),
  pageSize: z.coerce.number().int().min(1).max(200, "Tối đa 200 dòng mỗi trang").default(50),
  dir: z.enum(["asc", "desc"]).default("asc"),
});

const boolish = z.enum(["true", "false"]).transform((v) => v === "true");

export const ownerships = ["fdi", "domestic_private", "state", "cooperative"] as const;
export const enterpriseStatuses = ["active", "suspended", "dissolved", "bankrupt", "absconded"] as const;

export const enterpriseListQuery = pageQuery.extend({
  q: z.string().trim().max(200).optional(),
  zoneId: z.coerce.number().int().positive().optional(),
  ownership: z.enum(ownerships).optional(),
  status: z.enum(enterpriseStatuses).optional(),
  sector: z.string().trim().max(200).optional(),
  hasUnion: boolish.optional(),
  minWorkforce: z.coerce.number().int().min(0).optional(),
  sort: z.enum(["name", "taxCode", "workforce", "members", "zone"]).default("name"),
});

const name200 = (msg: string) => z.string().trim().min(1, msg).max(300, "Tối đa 300 ký tự");
const count = z.number().int("Phải là số nguyên").min(0, "Không được âm");

export const enterpriseCreateBody = z.object({
  taxCode: z.string().trim().min(1, "Nhập mã số thuế"),
  name: name200("Nhập tên doanh nghiệp"),
  ownership: z.enum(ownerships, { message: "Loại hình sở hữu không hợp lệ" }),
  investorCountry: z.string().trim().max(100).nullable().optional(),
  zoneId: z.number().int().positive().nullable().optional(),
  sector: name200("Nhập ngành nghề"),
  address: z.string().trim().max(500).nullable().optional(),
  commune: z.string().trim().max(200).nullable().optional(),
  workforceTotal: count.default(0),
  workforceWomen: count.default(0),
  workforceMigrants: count.default(0),
  workforceForeigners: count.default(0),
  status: z.enum(enterpriseStatuses).default("active"),
  hasPartyOrg: z.boolean().default(false),
  establishedOn: isoDate.nullable().optional(),
});
export const enterpriseUpdateBody = enterpriseCreateBody.partial();
export type EnterpriseInput = z.infer<typeof enterpriseCreateBody>;

export const unionListQuery = pageQuery.extend({
  q: z.string().trim().max(200).optional(),
  zoneId: z.coerce.number().int().positive().optional(),
  active: boolish.optional(),
  foundedFrom: isoDate.optional(),
  foundedTo: isoDate.optional(),
  sort: z.enum(["name", "code", "members", "foundedOn"]).default("name"),
});

export const unionCreateBody = z.object({
  name: name200("Nhập tên công đoàn cơ sở"),
  code: z.string().trim().min(1).max(50).optional(),
  enterpriseIds: z.array(z.number().int().positive()).min(1, "Chọn ít nhất một doanh nghiệp"),
  foundedOn: isoDate.nullable().optional(),
  chairName: z.string().trim().max(200).nullable().optional(),
  parentId: z.number().int().positive().optional(),
});
export const unionUpdateBody = z.object({
  name: name200("Nhập tên công đoàn cơ sở").optional(),
  enterpriseIds: z.array(z.number().int().positive()).min(1, "Chọn ít nhất một doanh nghiệp").optional(),
  foundedOn: isoDate.nullable().optional(),
  chairName: z.string().trim().max(200).nullable().optional(),
  dissolvedOn: isoDate.nullable().optional(),
});

export const peopleListQuery = pageQuery.extend({
  q: z.string().trim().max(200).optional(),
  unionId: z.coerce.number().int().positive().optional(),
  enterpriseId: z.coerce.number().int().positive().optional(),
  zoneId: z.coerce.number().int().positive().optional(),
  member: z.enum(["member", "former", "never", "all"]).default("all"),
  gender: z.enum(["male", "female"]).optional(),
  /** Members on a past date (from the intervals) instead of today's members. */
  asOf: isoDate.optional(),
  /** Joined (or rejoined) within a range: "new members in the period". */
  joinedFrom: isoDate.optional(),
  joinedTo: isoDate.optional(),
  sort: z.enum(["name", "birthDate", "joinedOn"]).default("name"),
});

export const genders = ["male", "female"] as const;

export const personCreateBody = z.object({
  citizenId: z
    .string()
    .trim()
    .regex(/^\d{12}$/, "Số CCCD phải có đúng 12 chữ số")
    .superRefine(checkCitizenIdProvince)
    .nullable()
    .optional(),
  legacyId: z
    .string()
    .trim()
    .regex(/^\d{9}$/, "Số CMND cũ phải có 9 chữ số")
    .nullable()
    .optional(),
  /** The whole name as people write it ("NGUYỄN THị lan"): cleaned and split as the import does; wins over the parts. */
  fullName: z.string().trim().max(300).optional(),
  familyName: z.string().trim().max(100).default(""),
  middleName: z.string().trim().max(100).default(""),
  // Optional only because fullName may carry it; the service refuses a person with neither.
  givenName: z.string().trim().max(100).optional(),
  birthDate: isoDate.superRefine(refuseFutureDate).nullable().optional(),
  gender: z.enum(genders, { message: "Giới tính là Nam hoặc Nữ" }).nullable().optional(),
  ethnicity: z.string().trim().max(100).nullable().optional(),
  phone: z.string().trim().max(30).nullable().optional(),
  hometown: z.string().trim().max(200).nullable().optional(),
  enterpriseId: z.number().int().positive().nullable().optional(),
  membership: z.object({ unionId: z.number().int().positive(), joinedOn: isoDate, cardNo: z.string().trim().max(50).nullable().optional() }).optional(),
});
export const personUpdateBody = personCreateBody.omit({ membership: true }).partial();
export type PersonInput = z.infer<typeof personCreateBody>;

export const endReasons = ["left", "dismissed", "deceased", "retired", "other"] as const;

export const joinBody = z.object({ unionId: z.number().int().positive(), date: isoDate, cardNo: z.string().trim().max(50).nullable().optional() });
export const transferBody = joinBody;
export const leaveBody = z.object({
  date: isoDate,
  reason: z.enum(endReasons, { message: "Lý do thôi sinh hoạt không hợp lệ" }),
  note: z.string().trim().max(1000).nullable().optional(),
});

/** A membership interval corrected by hand: only what was typed wrong, at least one field. */
export const membershipCorrectionBody = z
  .object({
    validFrom: isoDate.superRefine(refuseFutureDate).optional(),
    validTo: isoDate.optional(),
    cardNo: z.string().trim().max(50).nullable().optional(),
  })
  .refine((v) => v.validFrom !== undefined || v.validTo !== undefined || v.cardNo !== undefined, { message: "Không có gì để sửa" });
export const membershipParams = z.object({
  id: z.coerce.number().int().positive("Mã không hợp lệ"),
  membershipId: z.coerce.number().int().positive("Mã không hợp lệ"),
});

export const memberCountQuery = z.object({
  asOf: isoDate,
  unionId: z.coerce.number().int().positive().optional(),
  zoneId: z.coerce.number().int().positive().optional(),
});

export const searchQuery = z.object({
  q: z.string().trim().min(1, "Nhập từ khóa tìm kiếm").max(200),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

export const agreementBody = z.object({
  kind: z.enum(["enterprise", "multi_enterprise"]).default("enterprise"),
  unionId: z.number().int().positive().nullable().optional(),
  enterpriseIds: z.array(z.number().int().positive()).min(1, "Chọn ít nhất một doanh nghiệp"),
  title: name200("Nhập tên thỏa ước"),
  signedOn: isoDate,
  effectiveFrom: isoDate,
  effectiveTo: isoDate,
  approvalShare: z.number().min(0, "Tỷ lệ từ 0 đến 100").max(100, "Tỷ lệ từ 0 đến 100").nullable().optional(),
  lowestWage: count.nullable().optional(),
  mealAllowance: count.nullable().optional(),
  tetBonus: count.nullable().optional(),
  grade: z.enum(["A", "B", "C", "D"], { message: "Xếp loại A, B, C hoặc D" }).nullable().optional(),
  note: z.string().trim().max(2000).nullable().optional(),
});
export type AgreementInput = z.infer<typeof agreementBody>;

export const agreementListQuery = pageQuery.extend({
  q: z.string().trim().max(200).optional(),
  enterpriseId: z.coerce.number().int().positive().optional(),
  status: z.enum(["valid", "expiring", "expired", "all"]).default("all"),
  asOf: isoDate.optional(),
  sort: z.enum(["effectiveTo", "signedOn", "title"]).default("effectiveTo"),
});

export const laborReportBody = z.object({
  period: z.string().regex(/^\d{4}-H[12]$/, "Kỳ báo cáo dạng 2025-H1 (6 tháng đầu năm) hoặc 2025-H2"),
  workforce: count,
  women: count.nullable().optional(),
  hires: count.default(0),
  leavers: count.default(0),
  averageWage: count.nullable().optional(),
  lowestWage: count.nullable().optional(),
  insured: count.nullable().optional(),
  note: z.string().trim().max(2000).nullable().optional(),
});
export type LaborReportInput = z.infer<typeof laborReportBody>;
