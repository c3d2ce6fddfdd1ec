/**
 * One masking rule for citizen IDs and phone numbers everywhere (registry, care, requests, exports,
 * reports; issue #15.5): only the last two digits show, the length stays. A citizen ID's first six
 * digits are province, century-and-sex and birth year — all readable from the birth date and sex shown
 * beside it — so any rule that shows some of the middle leaves only a few random digits unknown
 * ("031******234" left 1.000 candidates). Showing two of the six random digits leaves 10.000; a phone's
 * carrier prefix is a guess among a few dozen, and its eight hidden digits stay hidden.
 */
export function maskIdentifier(value: string | null): string | null;
export function maskIdentifier(value: string | null | undefined): string | null | undefined;
export function maskIdentifier(value: string | null | undefined): string | null | undefined {
  if (value === null || value === undefined || value === "") return value;
  const v = value.trim();
  if (v.length <= 4) return "*".repeat(v.length);
  return `${"*".repeat(v.length - 2)}${v.slice(-2)}`;
}
