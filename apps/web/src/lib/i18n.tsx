import {
  directionOf,
  formattingLocale,
  matchLocale,
  messagesFor,
  type TLocale,
  type TMessageId,
} from "@factdesk/schema";
import { useQuery } from "@tanstack/react-query";
import { type ReactNode, useEffect } from "react";
import { IntlProvider, useIntl } from "react-intl";
import { trpc } from "./trpc";

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
