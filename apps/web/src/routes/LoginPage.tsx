import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useId } from "react";
import { useLocation, useNavigate } from "react-router";
import { errorMessage, queryClient, trpc } from "../lib/trpc";

export function LoginPage() {
  const navigate = useNavigate();
  const location = useLocation();
  const errorId = useId();
  const login = useMutation(
    trpc.auth.login.mutationOptions({
      onSuccess: (user) => {
        queryClient.setQueryData(trpc.auth.me.queryKey(), user);
        const from = (location.state as { from?: string } | null)?.from;
        navigate(from && from !== "/login" ? from : "/", { replace: true });
      },
    }),
  );

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    login.mutate({ email: String(form.get("email")), password: String(form.get("password")) });
  };

  return (
    <main id="main" className="login">
      <title>Log in · Factdesk</title>
      <h1>Factdesk</h1>
      <form onSubmit={submit} aria-describedby={login.isError ? errorId : undefined} noValidate>
        <h2>Log in</h2>
        <label>
          Email
          {/* biome-ignore lint/a11y/noAutofocus: the login page has one task, and the email is its first field */}
          <input name="email" type="email" autoComplete="username" required autoFocus />
        </label>
        <label>
          Password
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        {login.isError && (
          <p id={errorId} role="alert" className="error">
            {errorMessage(login.error)}
          </p>
        )}
        <button type="submit" disabled={login.isPending}>
          {login.isPending ? "Logging in…" : "Log in"}
        </button>
      </form>
    </main>
  );
}
