import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useT } from "../lib/i18n";
import { queryClient, trpc } from "../lib/trpc";
import { FormError } from "./FormError";

/**
 * Two-factor sign-in: set up with any authenticator app (the secret, or its otpauth:// address),
 * confirmed with a code; the recovery codes are shown once.
 */
export function TwoFactorSettings() {
  const t = useT();
  const status = useQuery(trpc.account.twoFactor.queryOptions());
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.account.twoFactor.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.auth.me.queryKey() }),
    ]);
  const start = useMutation(trpc.account.startTwoFactor.mutationOptions());
  const enable = useMutation(trpc.account.enableTwoFactor.mutationOptions({ onSuccess: refresh }));
  const disable = useMutation(trpc.account.disableTwoFactor.mutationOptions({ onSuccess: refresh }));
  const [codes, setCodes] = useState<string[] | null>(null);
  const value = (event: FormEvent<HTMLFormElement>, name: string) =>
    String(new FormData(event.currentTarget).get(name) ?? "");

  return (
    <section aria-labelledby="two-factor">
      <h2 id="two-factor">{t("twoFactor.title")}</h2>
      {codes && (
        <div className="notice" role="status">
          <p>{t("twoFactor.codes")}</p>
          <ul className="recovery-codes">
            {codes.map((code) => (
              <li key={code}>
                <code>{code}</code>
              </li>
            ))}
          </ul>
        </div>
      )}
      {status.data?.enabled ? (
        <form
          className="stack"
          aria-label={t("twoFactor.turnOff")}
          onSubmit={(event) => {
            event.preventDefault();
            disable.mutate({ password: value(event, "password") });
          }}
        >
          <p>{t("twoFactor.on", { count: status.data.recoveryCodesLeft })}</p>
          <label>
            {t("twoFactor.password")}
            <input name="password" type="password" autoComplete="current-password" required />
          </label>
          <FormError error={disable.error} />
          <button type="submit" className="secondary" disabled={disable.isPending}>
            {t("twoFactor.turnOff")}
          </button>
        </form>
      ) : start.data ? (
        <form
          className="stack"
          aria-label={t("twoFactor.confirm")}
          onSubmit={(event) => {
            event.preventDefault();
            enable.mutate(
              { code: value(event, "code") },
              { onSuccess: (result) => setCodes(result.recoveryCodes) },
            );
          }}
        >
          <p>
            {t("twoFactor.addKey")} (<a href={start.data.uri}>{t("twoFactor.setupLink")}</a>):
          </p>
          <p>
            <code className="totp-secret">{start.data.secret}</code>
          </p>
          <label>
            {t("twoFactor.code")}
            <input name="code" inputMode="numeric" autoComplete="one-time-code" required maxLength={6} />
          </label>
          <FormError error={enable.error} />
          <button type="submit" disabled={enable.isPending}>
            {t("twoFactor.turnOn")}
          </button>
        </form>
      ) : (
        <>
          <p className="muted">{t("twoFactor.off")}</p>
          <FormError error={start.error} />
          <button type="button" onClick={() => start.mutate()} disabled={start.isPending}>
            {t("twoFactor.setUp")}
          </button>
        </>
      )}
    </section>
  );
}
