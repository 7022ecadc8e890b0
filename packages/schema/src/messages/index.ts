import { IntlMessageFormat } from "intl-messageformat";
import type { TLocale } from "../locales";
import ar from "./ar.json" with { type: "json" };
import en from "./en.json" with { type: "json" };
import es from "./es.json" with { type: "json" };
import fr from "./fr.json" with { type: "json" };

/**
 * What the app and the public site say, in ICU message syntax (plurals, selects), one catalog
 * per language. English is the source; a language without a message yet says it in English.
 */
export type TMessageId = keyof typeof en;
export type TMessages = Record<TMessageId, string>;

const catalogs: Record<TLocale, Partial<TMessages>> = { en, es, fr, ar };

/** A language's messages, English where it has none yet. */
export const messagesFor = (locale: TLocale): TMessages => ({ ...en, ...catalogs[locale] });

/** The messages a language does not have yet (Arabic is partial). */
export const untranslated = (locale: TLocale): TMessageId[] =>
  (Object.keys(en) as TMessageId[]).filter((id) => !(id in catalogs[locale]));

/**
 * Something the server says (a step's blocker, a refusal, a notice) as a message of the
 * catalog, so each person reads it in their own language; `inEnglish` words it for logs,
 * API clients and errors.
 */
export interface TWords {
  id: TMessageId;
  /** A value may itself be words (a step's or a state's name), said in the same language. */
  values?: Record<string, string | number | TWords>;
}

/** `words("blocker.addSource")`: typed construction, so a wrong id is a type error. */
export const words = (id: TMessageId, values?: TWords["values"]): TWords =>
  values ? { id, values } : { id };

/** The words' values, nested words said first by `say`. */
export const valuesSaid = (values: TWords["values"], say: (words: TWords) => string) =>
  values &&
  Object.fromEntries(
    Object.entries(values).map(([key, value]) => [key, typeof value === "object" ? say(value) : value]),
  );

/**
 * A function that says words in `locale` (English where the catalog has no message yet): for
 * whatever is worded outside React, such as e-mails and the claim's history.
 */
export function sayIn(locale: TLocale): (said: TWords) => string {
  const messages = messagesFor(locale);
  const formats = new Map<TMessageId, IntlMessageFormat>();
  const say = ({ id, values }: TWords): string => {
    const format = formats.get(id) ?? new IntlMessageFormat(messages[id], formattingLocale[locale]);
    formats.set(id, format);
    return String(format.format(valuesSaid(values, say)));
  };
  return say;
}

/** The words in English (the source catalog). */
export const inEnglish = sayIn("en");

/** Dates and numbers as each language writes them (English as in Britain: 4 December 2026). */
export const formattingLocale: Record<TLocale, string> = { en: "en-GB", es: "es", fr: "fr", ar: "ar" };

// react-intl checks message ids against the catalog: a typo is a type error.
declare global {
  namespace FormatjsIntl {
    interface Message {
      ids: TMessageId;
    }
  }
}
