import { fold } from "#shared/text.ts";

/**
 * people.full_name and people.name_fold computed in Node for the member import's bulk load, where
 * SQL computing them cost seconds (migration 0103). They must equal what the `people_names` trigger
 * gives, so only names made of characters on which `fold` and SQL's `vn_fold` are known to agree
 * (printable ASCII and the Vietnamese letters, Ð/ð included: import.names.test.ts checks them
 * against the database) are computed here; any other name gets null and SQL computes it.
 */
const VIETNAMESE = "aàảãáạăằẳẵắặâầẩẫấậbcdđeèẻẽéẹêềểễếệfghiìỉĩíịjklmnoòỏõóọôồổỗốộơờởỡớợpqrstuùủũúụưừửữứựvwxyỳỷỹýỵzð";
const SAFE = new RegExp(`^[\\x21-\\x7E${VIETNAMESE}${VIETNAMESE.toUpperCase()}]+$`, "u");

/** The fold of one word or group of words (names repeat: a few thousand parts for a whole city). */
const partFolds = new Map<string, string | null>();

function foldPart(part: string): string | null {
  let f = partFolds.get(part);
  if (f === undefined) {
    // Single spaces between safe words, as cleanText leaves a middle name ("Thị Thu").
    f = part.split(" ").every((w) => SAFE.test(w)) ? fold(part) : null;
    if (partFolds.size < 200_000) partFolds.set(part, f);
  }
  return f;
}

/**
 * full_name and name_fold of a name already cleaned (cleanText: NFC, single spaces, trimmed; the
 * parts as splitCleanName gives them), or nulls when SQL must compute them.
 */
export function keptNames(familyName: string, middleName: string, givenName: string): { fullName: string | null; nameFold: string | null } {
  // Empty parts drop out, as the SQL's collapsed spaces and btrim make them.
  let fullName = "";
  let nameFold = "";
  for (const part of [familyName, middleName, givenName]) {
    if (part === "") continue;
    const f = foldPart(part);
    if (f === null || f === "") return { fullName: null, nameFold: null };
    fullName = fullName === "" ? part : `${fullName} ${part}`;
    nameFold = nameFold === "" ? f : `${nameFold} ${f}`;
  }
  return fullName === "" ? { fullName: null, nameFold: null } : { fullName, nameFold };
}
