import { limits, type TMessageId } from "@factdesk/schema";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { EmailPreferencesForm } from "../components/EmailPreferencesForm";
import { FormError } from "../components/FormError";
import { LanguagePicker } from "../components/LanguagePicker";
import { NewPasswordField } from "../components/NewPasswordField";
import { TwoFactorSettings } from "../components/TwoFactorSettings";
import { useT } from "../lib/i18n";
import { useMe } from "../lib/me";
import { trpc } from "../lib/trpc";

/** The signed-in person's own account: who they are, and changing their password. */
export function AccountPage() {
  const me = useMe();
  const t = useT();
  const id = useId();
  const [mismatch, setMismatch] = useState(false);
  const change = useMutation(trpc.auth.changePassword.mutationOptions());

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const next = String(data.get("next"));
    setMismatch(next !== String(data.get("confirm")));
    if (next !== String(data.get("confirm"))) return;
    change.mutate({ current: String(data.get("current")), next }, { onSuccess: () => form.reset() });
  };

  return (
    <section>
      <title>{t("accountPage.pageTitle")}</title>
      <h1>{t("accountPage.title")}</h1>
      <p>
        {me.name}, {me.email} ({t(`role.${me.role}` as TMessageId)})
      </p>
      <LanguagePicker />
      <form onSubmit={submit} className="stack" aria-labelledby={`${id}-heading`} noValidate>
        <h2 id={`${id}-heading`}>{t("accountPage.changePassword")}</h2>
        <p className="muted">{t("accountPage.sessionsEnd")}</p>
        <label>
          {t("accountPage.current")}
          <input name="current" type="password" required autoComplete="current-password" />
        </label>
        <NewPasswordField
          label={t("accountPage.new", { min: limits.passwordMin })}
          name="next"
          error={change.error}
        />
        <label>
          {t("accountPage.again")}
          <input
            name="confirm"
            type="password"
            required
            autoComplete="new-password"
            aria-invalid={mismatch}
          />
          {mismatch && <span className="error">{t("accountPage.differ")}</span>}
        </label>
        <FormError error={change.error} inline={["next"]} />
        {change.isSuccess && (
          <p role="status" className="notice">
            {t("accountPage.changed")}
          </p>
        )}
        <button type="submit" disabled={change.isPending}>
          {t("accountPage.changeButton")}
        </button>
      </form>
      <TwoFactorSettings />
      <EmailPreferencesForm />
    </section>
  );
}
