import { notificationKinds, type TEmailPreferences, type TMessageId } from "@factdesk/schema";
import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";
import { useT } from "../lib/i18n";
import { trpc } from "../lib/trpc";
import { FormError } from "./FormError";

/** Which notifications also come by e-mail: at once, in a daily digest, or not. */
export function EmailPreferencesForm() {
  const t = useT();
  const mail = useQuery(trpc.account.mailEnabled.queryOptions());
  const current = useQuery(trpc.account.emailPreferences.queryOptions());
  const [preferences, setPreferences] = useState<TEmailPreferences | null>(null);
  useEffect(() => {
    if (current.data && preferences === null) setPreferences(current.data.preferences);
  }, [current.data, preferences]);
  const save = useMutation(trpc.account.setEmailPreferences.mutationOptions());
  if (!mail.data?.enabled) return <p className="muted">{t("emailPrefs.noMail")}</p>;
  if (!preferences) return null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ preferences });
  };
  return (
    <form className="stack" aria-label={t("emailPrefs.title")} onSubmit={submit}>
      <h2>{t("emailPrefs.title")}</h2>
      {notificationKinds.map((kind) => (
        <label key={kind}>
          {t(`emailPrefs.kind.${kind}` as TMessageId)}
          <select
            value={preferences[kind] ?? "off"}
            onChange={(e) => {
              const { [kind]: _dropped, ...others } = preferences;
              setPreferences(
                e.target.value === "off"
                  ? others
                  : { ...others, [kind]: e.target.value as "immediately" | "daily" },
              );
            }}
          >
            <option value="off">{t("emailPrefs.off")}</option>
            <option value="immediately">{t("emailPrefs.immediately")}</option>
            <option value="daily">{t("emailPrefs.daily")}</option>
          </select>
        </label>
      ))}
      <FormError error={save.error} />
      {save.isSuccess && <p role="status">{t("emailPrefs.saved")}</p>}
      <button type="submit" disabled={save.isPending}>
        {t("emailPrefs.save")}
      </button>
    </form>
  );
}
