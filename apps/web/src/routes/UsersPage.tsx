import { limits, roles, type TMessageId, type TRole } from "@factdesk/schema";
import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { FieldError, FormError } from "../components/FormError";
import { NewPasswordField } from "../components/NewPasswordField";
import { useT } from "../lib/i18n";
import { useMe } from "../lib/me";
import { fieldError, queryClient, trpc } from "../lib/trpc";

export function UsersPage() {
  const me = useMe();
  const t = useT();
  const roleName = (role: TRole) => t(`role.${role}` as TMessageId);
  const id = useId();
  const users = useQuery(trpc.user.list.queryOptions());
  const refresh = { onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.user.pathKey() }) };
  const create = useMutation(trpc.user.create.mutationOptions(refresh));
  const invite = useMutation(trpc.user.invite.mutationOptions(refresh));
  const mail = useQuery(trpc.account.mailEnabled.queryOptions());
  const [byInvitation, setByInvitation] = useState(true);
  const inviting = mail.data?.enabled === true && byInvitation;
  const adding = inviting ? invite : create;
  const setRole = useMutation(trpc.user.setRole.mutationOptions(refresh));
  const deactivate = useMutation(trpc.user.deactivate.mutationOptions(refresh));
  const reactivate = useMutation(trpc.user.reactivate.mutationOptions(refresh));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const person = {
      email: String(data.get("email")),
      name: String(data.get("name")),
      role: String(data.get("role")) as TRole,
    };
    if (inviting) invite.mutate(person, { onSuccess: () => form.reset() });
    else
      create.mutate({ ...person, password: String(data.get("password")) }, { onSuccess: () => form.reset() });
  };
  const invalid = (field: string) => fieldError(adding.error, field);

  return (
    <section>
      <title>{t("users.pageTitle")}</title>
      <h1>{t("app.nav.users")}</h1>
      <FormError error={users.error ?? setRole.error ?? deactivate.error ?? reactivate.error} />
      <table className="queue">
        <caption className="visually-hidden">{t("app.nav.users")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("monitoring.name")}</th>
            <th scope="col">{t("login.email")}</th>
            <th scope="col">{t("users.role")}</th>
            <th scope="col">{t("users.access")}</th>
          </tr>
        </thead>
        <tbody>
          {users.data?.map((user) => (
            <tr key={user.id}>
              <td>{user.name}</td>
              <td>{user.email}</td>
              <td>
                <select
                  aria-label={t("users.roleOf", { name: user.name })}
                  value={user.role}
                  onChange={(e) => setRole.mutate({ id: user.id, role: e.target.value as TRole })}
                >
                  {roles.map((role) => (
                    <option key={role} value={role}>
                      {roleName(role)}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                {user.active ? (
                  <button
                    type="button"
                    className="secondary"
                    disabled={user.id === me.id}
                    onClick={() => deactivate.mutate({ id: user.id })}
                  >
                    {t("users.deactivate")}
                    <span className="visually-hidden"> {user.name}</span>
                  </button>
                ) : (
                  <button type="button" onClick={() => reactivate.mutate({ id: user.id })}>
                    {t("users.reactivate")}
                    <span className="visually-hidden"> {user.name}</span>
                  </button>
                )}
                {user.id !== me.id && <ResetPassword user={user} />}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <form onSubmit={submit} className="stack" aria-labelledby={`${id}-heading`} noValidate>
        <h2 id={`${id}-heading`}>{t("users.add")}</h2>
        <label>
          {t("monitoring.name")}
          <input name="name" required maxLength={limits.personName} />
        </label>
        <label>
          {t("login.email")}
          <input name="email" type="email" required aria-invalid={Boolean(invalid("email"))} />
          <FieldError error={adding.error} field="email" />
        </label>
        <label>
          {t("users.role")}
          <select name="role" defaultValue="fact_checker">
            {roles.map((role) => (
              <option key={role} value={role}>
                {roleName(role)}
              </option>
            ))}
          </select>
        </label>
        {mail.data?.enabled && (
          <label className="checkbox">
            <input
              type="checkbox"
              checked={byInvitation}
              onChange={(e) => setByInvitation(e.target.checked)}
            />
            {t("users.invite")}
          </label>
        )}
        {!inviting && (
          <NewPasswordField label={t("users.firstPassword")} name="password" error={create.error} />
        )}
        <FormError error={adding.error} inline={["email", "password"]} />
        {invite.isSuccess && inviting && <p role="status">{t("users.invited")}</p>}
        <button type="submit" disabled={adding.isPending}>
          {inviting ? t("users.sendInvitation") : t("users.addButton")}
        </button>
      </form>
    </section>
  );
}

/** An admin sets a new password for someone who lost theirs; their sessions end. */
function ResetPassword({ user }: { user: { id: string; name: string } }) {
  const t = useT();
  const reset = useMutation(trpc.user.resetPassword.mutationOptions());
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const password = String(new FormData(form).get("password"));
    reset.mutate({ id: user.id, password }, { onSuccess: () => form.reset() });
  };
  return (
    <details className="reset-password">
      <summary>
        {t("users.reset")}
        <span className="visually-hidden"> {t("users.resetOf", { name: user.name })}</span>
      </summary>
      <form onSubmit={submit} className="stack" noValidate>
        <NewPasswordField
          label={t("users.newPasswordFor", { name: user.name })}
          name="password"
          error={reset.error}
        />
        <FormError error={reset.error} inline={["password"]} />
        {reset.isSuccess && (
          <p role="status" className="notice">
            {t("users.passwordSet", { name: user.name })}
          </p>
        )}
        <button type="submit" disabled={reset.isPending}>
          {t("users.setPassword")}
        </button>
      </form>
    </details>
  );
}
