import { normalizeContactPhone } from "#shared/identifiers.ts";
import { z } from "zod";
import { bodyKinds, roles } from "./access.policy.ts";

export { auditRowSchema, bodySchema, meResponse, scopeSchema, userSchema } from "#shared/contract/access.ts";

export const loginBody = z.object({
  username: z.string().trim().min(1, "Nhập tên đăng nhập").max(100),
  password: z.string().min(1, "Nhập mật khẩu").max(200),
});

export const createUserBody = z.object({
  username: z
    .string()
    .trim()
    .min(3, "Tên đăng nhập ít nhất 3 ký tự")
    .max(50)
    .regex(/^[a-zA-Z0-9._-]+$/, "Tên đăng nhập chỉ gồm chữ không dấu, số, dấu chấm, gạch"),
  fullName: z.string().trim().min(2, "Nhập họ và tên").max(200),
  email: z.string().trim().email("Email không hợp lệ").max(200).optional(),
  role: z.enum(roles),
  bodyId: z.number().int().positive(),
  password: z.string().min(1).max(200),
});

export const updateUserBody = z.object({
  fullName: z.string().trim().min(2).max(200).optional(),
  email: z.string().trim().email("Email không hợp lệ").max(200).nullable().optional(),
  role: z.enum(roles).optional(),
  bodyId: z.number().int().positive().optional(),
  active: z.boolean().optional(),
  password: z.string().min(1).max(200).optional(),
  locale: z.enum(["vi", "en"]).optional(),
});

/** A number published for workers to call: spaces and dots allowed, stored as digits; empty clears it. */
const contactPhone = z
  .string()
  .trim()
  .max(30)
  .refine(
    (v) => v === "" || normalizeContactPhone(v) !== null,
    "Số điện thoại chưa đúng: số cố định (0225 3745 609), di động (0912 345 678) hoặc tổng đài 1800/1900",
  )
  .transform((v) => (v === "" ? null : normalizeContactPhone(v)))
  .nullable()
  .optional();

export const createBodyBody = z.object({
  kind: z.enum(bodyKinds).exclude(["system"]),
  name: z.string().trim().min(2, "Nhập tên đơn vị").max(300),
  shortName: z.string().trim().max(100).optional(),
  code: z.string().trim().max(50).optional(),
  parentId: z.number().int().positive().nullable(),
});

export const updateBodyBody = z.object({
  name: z.string().trim().min(2).max(300).optional(),
  shortName: z.string().trim().max(100).nullable().optional(),
  code: z.string().trim().max(50).nullable().optional(),
  docSymbol: z
    .string()
    .trim()
    .max(30)
    .regex(/^[\p{Lu}\d]*$/u, "Ký hiệu viết tắt chỉ gồm chữ in hoa và chữ số, ví dụ LĐLĐTP")
    .nullable()
    .optional(),
  signBlock: z.string().trim().max(300).nullable().optional(),
  hotlinePhone: contactPhone,
  housingPhone: contactPhone,
});

export const idParams = z.object({ id: z.coerce.number().int().positive() });

export const pageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
