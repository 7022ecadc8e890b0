import {
  directionOf,
  formattingLocale,
  matchLocale,
  messagesFor,
  type TLocale,
  type TMessageId,
  type TWords,
  valuesSaid,
} from "@factdesk/schema";
import { useQuery } from "@tanstack/react-query";
import { type ReactNode, useEffect } from "react";
import { IntlProvider, useIntl } from "react-intl";
import { errorMessage, errorWords, trpc } from "./trpc";

/** The language the app speaks: the person's own choice, else their browser's. */
export function useAppLocale(): TLocale {
  const me = useQuery(trpc.auth.me.queryOptions());
  return me.data?.locale ?? matchLocale(navigator.languages);
}

/**
 * Everything below speaks the person's language (react-intl, the catalogs of @factdesk/schema),
 * and the page says which language and direction it is in, so right-to-left languages lay out
 * mirrored and screen readers pronounce the words right.
 */
export function AppIntl({ children }: { children: ReactNode }) {
  const locale = useAppLocale();
  useEffect(() => {
    document.documentElement.lang = locale;
    document.documentElement.dir = directionOf(locale);
  }, [locale]);
  return (
    <IntlProvider locale={formattingLocale[locale]} defaultLocale="en-GB" messages={messagesFor(locale)}>
      {children}
    </IntlProvider>
  );
}

/** `t("queue.title")`: a message without arguments, for attributes and plain strings. */
export function useT() {
  const intl = useIntl();
  return (id: TMessageId, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
}

/** `say(words)`: what the server said (a blocker, a refusal), in the person's language. */
export function useSay() {
  const intl = useIntl();
  const say = (words: TWords): string =>
    words.id in intl.messages
      ? intl.formatMessage({ id: words.id }, valuesSaid(words.values, say))
      : words.id;
  return say;
}

/** The message to show a person for a failure, in their language when the server gave words. */
export function useErrorMessage() {
  const say = useSay();
  return (error: unknown) => {
    const words = errorWords(error);
    return words ? say(words) : errorMessage(error);
  };
}
