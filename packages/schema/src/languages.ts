// Languages the desk's texts may be in (BCP 47 codes, "es", "pt-BR").

/**
 * Languages PostgreSQL stems for full-text search (its built-in configurations); others are
 * searched word for word ("simple"). Kept in step with the database's text_search_config() (a test compares them).
 */
export const stemmedLanguages: Record<string, string> = {
  ar: "arabic",
  hy: "armenian",
  eu: "basque",
  ca: "catalan",
  da: "danish",
  nl: "dutch",
  en: "english",
  et: "estonian",
  fi: "finnish",
  fr: "french",
  de: "german",
  el: "greek",
  hi: "hindi",
  hu: "hungarian",
  id: "indonesian",
  ga: "irish",
  it: "italian",
  lt: "lithuanian",
  ne: "nepali",
  no: "norwegian",
  pt: "portuguese",
  ro: "romanian",
  ru: "russian",
  sr: "serbian",
  es: "spanish",
  sv: "swedish",
  ta: "tamil",
  tr: "turkish",
  yi: "yiddish",
};

/** The language's name in the reader's own language ("Spanish", "espagnol"), else its code. */
export function languageName(code: string, locale?: string) {
  try {
    return new Intl.DisplayNames(locale, { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
}
