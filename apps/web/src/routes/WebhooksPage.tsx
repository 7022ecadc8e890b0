import { limits, type TWebhookEvent, webhookEvents } from "@factdesk/schema";
import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { FormError } from "../components/FormError";
import { Timestamp } from "../components/Timestamp";
import { useT } from "../lib/i18n";
import { fieldError, queryClient, trpc } from "../lib/trpc";

/** Admins register endpoints for publication events and watch their deliveries. */
export function WebhooksPage() {
  const id = useId();
  const t = useT();
  const hooks = useQuery(trpc.webhook.list.queryOptions());
  const deliveries = useQuery({ ...trpc.webhook.deliveries.queryOptions({}), refetchInterval: 5000 });
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.webhook.pathKey() });
  const create = useMutation(trpc.webhook.create.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.webhook.remove.mutationOptions({ onSuccess: refresh }));
  const [events, setEvents] = useState<Set<TWebhookEvent>>(new Set(webhookEvents));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    create.mutate(
      { url: String(data.get("url") ?? ""), secret: String(data.get("secret") ?? ""), events: [...events] },
      { onSuccess: () => form.reset() },
    );
  };
  const invalid = (field: string) => fieldError(create.error, field);

  return (
    <section>
      <title>{t("webhooks.pageTitle")}</title>
      <h1>{t("app.nav.webhooks")}</h1>
      <p className="muted">
        {t("webhooks.signed")} <code>Factdesk-Signature</code>:{" "}
        <code>t=&lt;unix time&gt;,v1=&lt;hex HMAC-SHA256 of "t.body" with your secret&gt;</code>.{" "}
        {t("webhooks.retried")}
      </p>
      <FormError error={hooks.error ?? remove.error} />
      {hooks.data?.length === 0 && <p>{t("webhooks.none")}</p>}
      {hooks.data && hooks.data.length > 0 && (
        <ul className="links" aria-label={t("webhooks.registered")}>
          {hooks.data.map((hook) => (
            <li key={hook.id}>
              <code>{hook.url}</code>{" "}
              <span className="muted">
                ({hook.events.join(", ")}; {t("webhooks.secretHint", { hint: hook.secretHint })})
              </span>{" "}
              <button
                type="button"
                className="secondary"
                disabled={remove.isPending}
                onClick={() => remove.mutate({ id: hook.id })}
              >
                {t("sources.remove")}
              </button>
            </li>
          ))}
        </ul>
      )}

      <form className="stack wide" onSubmit={submit} aria-labelledby={`${id}-add`}>
        <h2 id={`${id}-add`}>{t("webhooks.add")}</h2>
        <label>
          {t("webhooks.endpointAddress")}
          <input
            name="url"
            type="url"
            required
            placeholder="https://"
            aria-invalid={Boolean(invalid("url"))}
          />
          {invalid("url") && <span className="error">{invalid("url")}</span>}
        </label>
        <label>
          {t("webhooks.secret", { min: limits.webhookSecretMin })}
          <input
            name="secret"
            type="password"
            required
            minLength={limits.webhookSecretMin}
            autoComplete="off"
            aria-invalid={Boolean(invalid("secret"))}
          />
          {invalid("secret") && <span className="error">{invalid("secret")}</span>}
        </label>
        <fieldset>
          <legend>{t("webhooks.events")}</legend>
          {webhookEvents.map((event) => (
            <label key={event} className="checkbox">
              <input
                type="checkbox"
                checked={events.has(event)}
                onChange={(e) => {
                  const next = new Set(events);
                  if (e.target.checked) next.add(event);
                  else next.delete(event);
                  setEvents(next);
                }}
              />{" "}
              {event}
            </label>
          ))}
        </fieldset>
        <FormError error={create.error} />
        <button type="submit" disabled={create.isPending}>
          {t("webhooks.addButton")}
        </button>
      </form>

      <h2>{t("webhooks.deliveries")}</h2>
      <FormError error={deliveries.error} />
      {deliveries.data?.length === 0 && <p>{t("webhooks.noDeliveries")}</p>}
      {deliveries.data && deliveries.data.length > 0 && (
        <table className="queue">
          <caption className="visually-hidden">{t("webhooks.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("webhooks.event")}</th>
              <th scope="col">{t("webhooks.endpoint")}</th>
              <th scope="col">{t("queue.status")}</th>
              <th scope="col" className="numeric">
                {t("webhooks.attempts")}
              </th>
              <th scope="col">{t("webhooks.lastResponse")}</th>
              <th scope="col">{t("webhooks.nextRetry")}</th>
              <th scope="col">{t("webhooks.queued")}</th>
            </tr>
          </thead>
          <tbody>
            {deliveries.data.map((delivery) => (
              <tr key={delivery.id}>
                <td>{delivery.event}</td>
                <td>
                  <code>{delivery.url}</code>
                </td>
                <td>{delivery.status}</td>
                <td className="numeric">{delivery.attempts}</td>
                <td>{delivery.lastError ?? delivery.lastStatusCode ?? "—"}</td>
                <td>{delivery.status === "pending" ? <Timestamp value={delivery.nextAttemptAt} /> : "—"}</td>
                <td>
                  <Timestamp value={delivery.createdAt} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
