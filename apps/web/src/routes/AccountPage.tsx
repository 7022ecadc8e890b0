import { limits, roleLabels } from "@factdesk/schema";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { EmailPreferencesForm } from "../components/EmailPreferencesForm";
import { FormError } from "../components/FormError";
import { LanguagePicker } from "../components/LanguagePicker";
import { NewPasswordField } from "../components/NewPasswordField";
import { TwoFactorSettings } from "../components/TwoFactorSettings";
import { useMe } from "../lib/me";
import { trpc } from "../lib/trpc";

/** The signed-in person's own account: who they are, and changing their password. */
export function AccountPage() {
  const me = useMe();
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
      <title>Your account · Factdesk</title>
      <h1>Your account</h1>
      <p>
        {me.name}, {me.email} ({roleLabels[me.role]})
      </p>
      <LanguagePicker />
      <form onSubmit={submit} className="stack" aria-labelledby={`${id}-heading`} noValidate>
        <h2 id={`${id}-heading`}>Change your password</h2>
        <p className="muted">Your other sessions end when you change it; this one stays signed in.</p>
        <label>
          Current password
          <input name="current" type="password" required autoComplete="current-password" />
        </label>
        <NewPasswordField
          label={`New password (at least ${limits.passwordMin} characters)`}
          name="next"
          error={change.error}
        />
        <label>
          New password again
          <input
            name="confirm"
            type="password"
            required
            autoComplete="new-password"
            aria-invalid={mismatch}
          />
          {mismatch && <span className="error">The two new passwords differ.</span>}
        </label>
        <FormError error={change.error} inline={["next"]} />
        {change.isSuccess && (
          <p role="status" className="notice">
            Password changed. Your other sessions have ended.
          </p>
        )}
        <button type="submit" disabled={change.isPending}>
          Change password
        </button>
      </form>
      <TwoFactorSettings />
      <EmailPreferencesForm />
    </section>
  );
}
