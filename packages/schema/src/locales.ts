import { z } from "zod";

/**
 * The languages the newsroom app and the public site speak. Each has a complete catalog in
 * `messages/` but Arabic, which is partial (it falls back to English, and shows right-to-left
 * layout working).
 */
export const locales = ["en", "es", "fr", "ar"] as const;
export const ZLocale = z.enum(locales, { error: "Choose one of the languages the desk speaks." });
export type TLocale = z.infer<typeof ZLocale>;

/** Each language in its own words, for pickers. */
export const localeNames: Record<TLocale, string> = {
  en: "English",
  es: "Español",
  fr: "Français",
  ar: "العربية",
};

/** Which way a language's text runs. */
export const directionOf = (locale: string): "ltr" | "rtl" =>
  ["ar", "he", "fa", "ur"].includes(locale.split("-")[0] ?? "") ? "rtl" : "ltr";

/** The first of `wanted` (a browser's languages, say) the desk speaks, else English. */
export function matchLocale(wanted: readonly string[]): TLocale {
  for (const tag of wanted) {
    const language = tag.toLowerCase().split("-")[0];
    const found = locales.find((locale) => locale === language);
    if (found) return found;
  }
  return "en";
}
