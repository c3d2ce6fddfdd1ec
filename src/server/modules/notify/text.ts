/** Vietnamese text to ASCII for SMS: a message with diacritics costs 70 characters a part, without them 160. */
export function asciiText(input: string): string {
  return input
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/Đ/g, "D")
    .replace(/đ/g, "d")
    .replace(/[^\x20-\x7e\n]/g, "");
}

/** One SMS part (GSM-7, 160 characters): longer messages are cut at a word. */
export function smsText(body: string, limit = 160): string {
  const a = asciiText(body).replace(/\s+/g, " ").trim();
  if (a.length <= limit) return a;
  const cut = a.slice(0, limit - 1);
  const at = cut.lastIndexOf(" ");
  return `${at > limit / 2 ? cut.slice(0, at) : cut}…`.replace("…", ".");
}
