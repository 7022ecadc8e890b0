import { limits } from "@factdesk/schema";
import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useId } from "react";
import { useT } from "../lib/i18n";
import { queryClient, trpc } from "../lib/trpc";
import { FormError } from "./FormError";
import { Timestamp } from "./Timestamp";

/** Admins: partners' keys to the public API, shown once when made, revocable at once. */
export function ApiKeys() {
  const id = useId();
  const t = useT();
  const keys = useQuery(trpc.apiKey.list.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.apiKey.list.queryKey() });
  const create = useMutation(trpc.apiKey.create.mutationOptions({ onSettled: refresh }));
  const revoke = useMutation(trpc.apiKey.revoke.mutationOptions({ onSettled: refresh }));
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    create.mutate({ name: String(new FormData(form).get("name") ?? "") }, { onSuccess: () => form.reset() });
  };
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t("apiKeys.title")}</h2>
      <p className="muted">
        {t("apiKeys.introOpen")} <a href="/api/v1">/api/v1</a> {t("apiKeys.introKey")}{" "}
        <code>Authorization: Bearer …</code>. {t("apiKeys.readOnly")}
      </p>
      <form className="row" aria-label={t("apiKeys.make")} onSubmit={submit}>
        <label htmlFor={`${id}-name`}>
          {t("apiKeys.forWhom")}
          <input id={`${id}-name`} name="name" required maxLength={limits.organisationName} />
        </label>
        <button type="submit" disabled={create.isPending}>
          {t("apiKeys.makeButton")}
        </button>
      </form>
      <FormError error={create.error ?? revoke.error ?? keys.error} />
      {create.data && (
        <p className="notice" role="status">
          {t("apiKeys.made", { name: create.data.name })} <code>{create.data.key}</code>.{" "}
          {t("apiKeys.copyNow")}
        </p>
      )}
      {keys.data && keys.data.length > 0 && (
        <ul aria-label={t("apiKeys.list")}>
          {keys.data.map((key) => (
            <li key={key.id}>
              <strong>{key.name}</strong> <code>{key.prefix}…</code>, {t("apiKeys.madeOn")}{" "}
              <Timestamp value={key.createdAt} />; {t("apiKeys.uses", { count: key.uses })}
              {key.lastUsedAt && (
                <>
                  , {t("apiKeys.last")} <Timestamp value={key.lastUsedAt} />
                </>
              )}
              {key.revokedAt ? (
                <span className="muted">
                  {" "}
                  ({t("apiKeys.revoked")} <Timestamp value={key.revokedAt} />)
                </span>
              ) : (
                <>
                  {" "}
                  <button
                    type="button"
                    className="secondary"
                    disabled={revoke.isPending}
                    onClick={() => revoke.mutate({ id: key.id })}
                  >
                    {t("apiKeys.revoke")}
                    <span className="visually-hidden"> {t("apiKeys.revokeWhose", { name: key.name })}</span>
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
