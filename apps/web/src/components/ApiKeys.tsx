import { limits } from "@factdesk/schema";
import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useId } from "react";
import { queryClient, trpc } from "../lib/trpc";
import { FormError } from "./FormError";
import { Timestamp } from "./Timestamp";

const count = new Intl.NumberFormat();

/** Admins: partners' keys to the public API, shown once when made, revocable at once. */
export function ApiKeys() {
  const id = useId();
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
      <h2 id={`${id}-title`}>Public API keys</h2>
      <p className="muted">
        The published fact-checks are open to anyone at <a href="/api/v1">/api/v1</a> (with a lower rate
        limit); partners who read more send a key in <code>Authorization: Bearer …</code>. A key only reads.
      </p>
      <form className="row" aria-label="Make an API key" onSubmit={submit}>
        <label htmlFor={`${id}-name`}>
          For whom
          <input id={`${id}-name`} name="name" required maxLength={limits.organisationName} />
        </label>
        <button type="submit" disabled={create.isPending}>
          Make a key
        </button>
      </form>
      <FormError error={create.error ?? revoke.error ?? keys.error} />
      {create.data && (
        <p className="notice" role="status">
          The key for {create.data.name}: <code>{create.data.key}</code>. Copy it now: it is not shown again.
        </p>
      )}
      {keys.data && keys.data.length > 0 && (
        <ul aria-label="API keys">
          {keys.data.map((key) => (
            <li key={key.id}>
              <strong>{key.name}</strong> <code>{key.prefix}…</code>, made <Timestamp value={key.createdAt} />
              ; {count.format(key.uses)} requests
              {key.lastUsedAt && (
                <>
                  , last <Timestamp value={key.lastUsedAt} />
                </>
              )}
              {key.revokedAt ? (
                <span className="muted">
                  {" "}
                  (revoked <Timestamp value={key.revokedAt} />)
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
                    Revoke<span className="visually-hidden"> the key for {key.name}</span>
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
