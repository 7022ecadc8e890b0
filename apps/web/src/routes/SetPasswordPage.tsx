import { limits } from "@factdesk/schema";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link } from "react-router";
import { FormError } from "../components/FormError";
import { NewPasswordField } from "../components/NewPasswordField";
import { useT } from "../lib/i18n";
import { trpc } from "../lib/trpc";

/**
 * Where an e-mailed link leads (a reset or an invitation): the token is in the address's
 * fragment, which the browser never sends to a server; it works once.
 */
export function SetPasswordPage() {
  const t = useT();
  const [token] = useState(() => window.location.hash.slice(1));
  const [mismatch, setMismatch] = useState(false);
  const set = useMutation(trpc.account.setPassword.mutationOptions());
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get("password"));
    setMismatch(password !== String(form.get("confirm")));
    if (password === String(form.get("confirm"))) set.mutate({ token, password });
  };
  return (
    <main id="main" className="login">
      <title>{t("setPassword.pageTitle")}</title>
      <h1>Factdesk</h1>
      {set.isSuccess ? (
        <p role="status">
          {t("setPassword.done")} <Link to="/login">{t("setPassword.logIn")}</Link>
        </p>
      ) : (
        <form onSubmit={submit} aria-label={t("setPassword.title")} noValidate>
          <h2>{t("setPassword.title")}</h2>
          <NewPasswordField
            label={t("setPassword.password", { min: limits.passwordMin })}
            name="password"
            error={set.error}
          />
          <label>
            {t("setPassword.again")}
            <input name="confirm" type="password" required autoComplete="new-password" />
          </label>
          {mismatch && (
            <p role="alert" className="error">
              {t("setPassword.differ")}
            </p>
          )}
          <FormError error={set.error} inline={["password"]} />
          <button type="submit" disabled={set.isPending || !token}>
            {t("setPassword.submit")}
          </button>
        </form>
      )}
    </main>
  );
}
