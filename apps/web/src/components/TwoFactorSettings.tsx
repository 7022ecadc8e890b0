import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { queryClient, trpc } from "../lib/trpc";
import { FormError } from "./FormError";

/**
 * Two-factor sign-in: set up with any authenticator app (the secret, or its otpauth:// address),
 * confirmed with a code; the recovery codes are shown once.
 */
export function TwoFactorSettings() {
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
      <h2 id="two-factor">Two-factor sign-in</h2>
      {codes && (
        <div className="notice" role="status">
          <p>
            Two-factor sign-in is on. Keep these recovery codes somewhere safe: each signs you in once if you
            lose your phone. They are not shown again.
          </p>
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
          aria-label="Turn off two-factor sign-in"
          onSubmit={(event) => {
            event.preventDefault();
            disable.mutate({ password: value(event, "password") });
          }}
        >
          <p>On, with {status.data.recoveryCodesLeft} recovery codes left.</p>
          <label>
            Your password, to turn it off
            <input name="password" type="password" autoComplete="current-password" required />
          </label>
          <FormError error={disable.error} />
          <button type="submit" className="secondary" disabled={disable.isPending}>
            Turn off two-factor sign-in
          </button>
        </form>
      ) : start.data ? (
        <form
          className="stack"
          aria-label="Confirm two-factor sign-in"
          onSubmit={(event) => {
            event.preventDefault();
            enable.mutate(
              { code: value(event, "code") },
              { onSuccess: (result) => setCodes(result.recoveryCodes) },
            );
          }}
        >
          <p>
            Add this key to your authenticator app (or open <a href={start.data.uri}>this setup link</a> on
            your phone):
          </p>
          <p>
            <code className="totp-secret">{start.data.secret}</code>
          </p>
          <label>
            The six-digit code the app shows
            <input name="code" inputMode="numeric" autoComplete="one-time-code" required maxLength={6} />
          </label>
          <FormError error={enable.error} />
          <button type="submit" disabled={enable.isPending}>
            Turn on
          </button>
        </form>
      ) : (
        <>
          <p className="muted">Off. With it on, signing in also asks for a code from an app on your phone.</p>
          <FormError error={start.error} />
          <button type="button" onClick={() => start.mutate()} disabled={start.isPending}>
            Set up two-factor sign-in
          </button>
        </>
      )}
    </section>
  );
}
