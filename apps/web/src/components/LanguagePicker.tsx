import { localeNames, locales, matchLocale, type TLocale } from "@factdesk/schema";
import { useMutation } from "@tanstack/react-query";
import { useT } from "../lib/i18n";
import { useMe } from "../lib/me";
import { queryClient, trpc } from "../lib/trpc";
import { FormError } from "./FormError";

/** One option per language the desk speaks, each named in its own words (and marked as in it). */
export function LocaleOptions() {
  return locales.map((locale) => (
    <option key={locale} value={locale} lang={locale}>
      {localeNames[locale]}
    </option>
  ));
}

/** The language the app speaks to this person: their own choice, or their browser's. */
export function LanguagePicker() {
  const me = useMe();
  const t = useT();
  const set = useMutation(
    trpc.account.setLocale.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.auth.me.queryKey() }),
    }),
  );
  const browser = localeNames[matchLocale(navigator.languages)];
  return (
    <div className="stack">
      <label>
        {t("account.language")}
        <select
          value={me.locale ?? ""}
          disabled={set.isPending}
          onChange={(e) => set.mutate({ locale: (e.target.value || null) as TLocale | null })}
        >
          <option value="">{t("account.languageBrowser", { language: browser })}</option>
          <LocaleOptions />
        </select>
      </label>
      <p className="muted">{t("account.languageHelp")}</p>
      <FormError error={set.error} />
    </div>
  );
}
