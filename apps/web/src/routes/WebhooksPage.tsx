import { limits, type TWebhookEvent, webhookEvents } from "@factdesk/schema";
import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { FormError } from "../components/FormError";
import { Timestamp } from "../components/Timestamp";
import { fieldError, queryClient, trpc } from "../lib/trpc";

/** Admins register endpoints for publication events and watch their deliveries. */
export function WebhooksPage() {
  const id = useId();
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
      <title>Webhooks · Factdesk</title>
      <h1>Webhooks</h1>
      <p className="muted">
        Each delivery is a POST of JSON signed in the <code>Factdesk-Signature</code> header:{" "}
        <code>t=&lt;unix time&gt;,v1=&lt;hex HMAC-SHA256 of "t.body" with your secret&gt;</code>. Failed
        deliveries are retried with growing delays.
      </p>
      <FormError error={hooks.error ?? remove.error} />
      {hooks.data?.length === 0 && <p>No webhooks yet.</p>}
      {hooks.data && hooks.data.length > 0 && (
        <ul className="links" aria-label="Registered webhooks">
          {hooks.data.map((hook) => (
            <li key={hook.id}>
              <code>{hook.url}</code>{" "}
              <span className="muted">
                ({hook.events.join(", ")}; secret {hook.secretHint})
              </span>{" "}
              <button
                type="button"
                className="secondary"
                disabled={remove.isPending}
                onClick={() => remove.mutate({ id: hook.id })}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}

      <form className="stack wide" onSubmit={submit} aria-labelledby={`${id}-add`}>
        <h2 id={`${id}-add`}>Add a webhook</h2>
        <label>
          Endpoint address
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
          Secret (at least 16 characters; shown only as its last four)
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
          <legend>Events</legend>
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
          Add webhook
        </button>
      </form>

      <h2>Deliveries</h2>
      <FormError error={deliveries.error} />
      {deliveries.data?.length === 0 && <p>Nothing delivered yet.</p>}
      {deliveries.data && deliveries.data.length > 0 && (
        <table className="queue">
          <caption className="visually-hidden">Webhook deliveries, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Event</th>
              <th scope="col">Endpoint</th>
              <th scope="col">Status</th>
              <th scope="col" className="numeric">
                Attempts
              </th>
              <th scope="col">Last response</th>
              <th scope="col">Next retry</th>
              <th scope="col">Queued</th>
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
