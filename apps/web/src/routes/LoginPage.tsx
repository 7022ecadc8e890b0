import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { useLocation, useNavigate } from "react-router";
import { useErrorMessage, useT } from "../lib/i18n";
import { errorDetails, queryClient, trpc } from "../lib/trpc";

export function LoginPage() {
  const t = useT();
  const errorMessage = useErrorMessage();
  const navigate = useNavigate();
  const location = useLocation();
  const errorId = useId();
  // Asked for once the password was right and the account signs in with a second factor.
  const [askCode, setAskCode] = useState(false);
  const [forgot, setForgot] = useState(false);
  const mail = useQuery(trpc.account.mailEnabled.queryOptions());
  const login = useMutation(
    trpc.auth.login.mutationOptions({
      onSuccess: (user) => {
        queryClient.setQueryData(trpc.auth.me.queryKey(), user);
        const from = (location.state as { from?: string } | null)?.from;
        navigate(from && from !== "/login" ? from : "/", { replace: true });
      },
      onError: (error) => {
        if (errorDetails(error)?.twoFactor) setAskCode(true);
      },
    }),
  );
  const reset = useMutation(trpc.account.requestPasswordReset.mutationOptions());

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const code = String(form.get("code") ?? "").trim();
    login.mutate({
      email: String(form.get("email")),
      password: String(form.get("password")),
      ...(code ? { code } : {}),
    });
  };
  const requestReset = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    reset.mutate({ email: String(new FormData(event.currentTarget).get("email")) });
  };

  return (
    <main id="main" className="login">
      <title>{t("login.pageTitle")}</title>
      <h1>Factdesk</h1>
      <form onSubmit={submit} aria-describedby={login.isError ? errorId : undefined} noValidate>
        <h2>{t("login.title")}</h2>
        <label>
          {t("login.email")}
          {/* biome-ignore lint/a11y/noAutofocus: the login page has one task, and the email is its first field */}
          <input name="email" type="email" autoComplete="username" required autoFocus />
        </label>
        <label>
          {t("login.password")}
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        {askCode && (
          <label>
            {t("login.code")}
            <input name="code" autoComplete="one-time-code" inputMode="numeric" required maxLength={32} />
          </label>
        )}
        {login.isError && (
          <p id={errorId} role="alert" className="error">
            {errorMessage(login.error)}
          </p>
        )}
        <button type="submit" disabled={login.isPending}>
          {login.isPending ? t("login.pending") : t("login.title")}
        </button>
      </form>
      {mail.data?.enabled &&
        (forgot ? (
          <form onSubmit={requestReset} aria-label={t("login.resetForm")} noValidate>
            <h2>{t("login.forgot")}</h2>
            <label>
              {t("login.yourEmail")}
              <input name="email" type="email" autoComplete="username" required />
            </label>
            {reset.isSuccess ? (
              <p role="status">{t("login.resetSent")}</p>
            ) : (
              reset.isError && (
                <p role="alert" className="error">
                  {errorMessage(reset.error)}
                </p>
              )
            )}
            <button type="submit" disabled={reset.isPending}>
              {t("login.sendLink")}
            </button>
          </form>
        ) : (
          <button type="button" className="link-button" onClick={() => setForgot(true)}>
            {t("login.forgot")}
          </button>
        ))}
    </main>
  );
}
