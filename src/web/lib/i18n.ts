import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import { namespaces } from "../i18n/index.ts";
import { setApiLanguage } from "./api.ts";

const STORAGE_KEY = "caunoi.lang";

function initialLanguage(): "vi" | "en" {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === "en" || stored === "vi") return stored;
  } catch {
    // Storage may be unavailable (private mode): Vietnamese by default.
  }
  return "vi";
}

const resources: Record<string, Record<string, object>> = { vi: {}, en: {} };
for (const [ns, strings] of Object.entries(namespaces)) {
  (resources.vi as Record<string, object>)[ns] = strings.vi;
  (resources.en as Record<string, object>)[ns] = strings.en;
}

let staffStrings: Promise<void> | null = null;
/**
 * Adds the staff workspace's words (kept out of the public portal's first download); the staff area,
 * the login page and the enterprise account's pages wait for it before they render.
 */
export function loadStaffStrings(): Promise<void> {
  staffStrings ??= import("../i18n/staff.ts").then(({ staffNamespaces }) => {
    for (const [ns, strings] of Object.entries(staffNamespaces)) {
      i18n.addResourceBundle("vi", ns, strings.vi, true, true);
      i18n.addResourceBundle("en", ns, strings.en, true, true);
    }
  });
  return staffStrings;
}

const lng = initialLanguage();
setApiLanguage(lng);
void i18n.use(initReactI18next).init({
  resources,
  lng,
  fallbackLng: "vi",
  defaultNS: "common",
  ns: Object.keys(namespaces),
  interpolation: { escapeValue: false },
});
document.documentElement.lang = lng;

/** Switches the language of the whole app and remembers it on this device. */
export function setLanguage(lang: "vi" | "en") {
  void i18n.changeLanguage(lang);
  setApiLanguage(lang);
  document.documentElement.lang = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Not remembered; still switched for this visit.
  }
}

export { i18n };
