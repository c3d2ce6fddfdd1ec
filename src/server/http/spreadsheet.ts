import { vnDate } from "#shared/clock.ts";
/**
 * Spreadsheet cells that came from people's input. A text starting with =, +, -, @ (or a tab or a
 * carriage return, which some programs skip before reading one of those) is read by Excel,
 * LibreOffice and Google Sheets as a formula once the cell is edited or the file passes through
 * CSV: "=HYPERLINK(…)" sends data away, "=cmd|…" runs a program. Every .xlsx and .csv export puts
 * its cells through `safeCell`, which keeps the text and makes it plain text with a leading
 * apostrophe (OWASP's advice). Numbers and dates are left alone: they are never formulas.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** The cell's value, neutralised when it is a text that a spreadsheet would take for a formula. */
export function safeCell<T>(value: T): T | string {
  return typeof value === "string" && FORMULA_START.test(value) ? `'${value}` : value;
}

/** One CSV field: neutralised like an .xlsx cell, then quoted when it holds a separator, a quote or a line break. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text = String(safeCell(value instanceof Date ? vnDate(value) : value));
  return /[",;\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
