/**
 * Codes and secrets a worker copies by hand, reads over the phone or types on a phone keyboard
 * (issue #15.6): an alphabet without look-alikes (no 0/O, 1/I/L, nor U/V), upper case, in groups of
 * four (`K7QM-4TRX-9BWD-2HNP`); accepted in any case, with or without dashes and spaces.
 */
export const HAND_ALPHABET = "ABCDEFGHJKMNPQRSTWXYZ23456789";

/** Groups of four joined by dashes. */
export const groupFour = (s: string) => (s.match(/.{1,4}/g) ?? []).join("-");

/** What a person typed, as we compare it: upper case, no spaces, dashes or dots. */
export const squeeze = (typed: string) =>
  typed
    .normalize("NFKC")
    .toUpperCase()
    .replace(/[\s\-_.·]/g, "");

/**
 * A tracking code as typed ("yc k7qm 4trx", "YCK7QM4TRX") in its canonical form "YC-K7QM-4TRX"; any
 * other prefix of two letters too ("KN-…"). Text that is not a code comes back squeezed.
 */
export function canonicalCode(typed: string): string {
  const s = squeeze(typed);
  const m = /^([A-Z]{2})([A-Z0-9]{8})$/.exec(s);
  return m ? `${m[1]}-${groupFour(m[2] as string)}` : s;
}
