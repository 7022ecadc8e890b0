import { notificationKinds, type TEmailPreferences, type TNotificationKind } from "@factdesk/schema";
import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";
import { trpc } from "../lib/trpc";
import { FormError } from "./FormError";

const kindLabels: Record<TNotificationKind, string> = {
  assigned: "A claim is assigned to me",
  mentioned: "Someone mentions me",
  submitted: "A verdict waits for my approval",
  changes_requested: "Changes are asked of my verdict",
  approved: "My verdict is approved",
  published: "My verdict is published",
  recurred: "A claim found false comes back",
  source_changed: "A source of my published verdict dies or changes",
};

/** Which notifications also come by e-mail: at once, in a daily digest, or not. */
export function EmailPreferencesForm() {
  const mail = useQuery(trpc.account.mailEnabled.queryOptions());
  const current = useQuery(trpc.account.emailPreferences.queryOptions());
  const [preferences, setPreferences] = useState<TEmailPreferences | null>(null);
  useEffect(() => {
    if (current.data && preferences === null) setPreferences(current.data.preferences);
  }, [current.data, preferences]);
  const save = useMutation(trpc.account.setEmailPreferences.mutationOptions());
  if (!mail.data?.enabled)
    return (
      <p className="muted">
        This desk does not send e-mail (no SMTP server is set up): notifications stay here.
      </p>
    );
  if (!preferences) return null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ preferences });
  };
  return (
    <form className="stack" aria-label="Notifications by e-mail" onSubmit={submit}>
      <h2>Notifications by e-mail</h2>
      {notificationKinds.map((kind) => (
        <label key={kind}>
          {kindLabels[kind]}
          <select
            value={preferences[kind] ?? "off"}
            onChange={(e) => {
              const { [kind]: _dropped, ...others } = preferences;
              setPreferences(
                e.target.value === "off"
                  ? others
                  : { ...others, [kind]: e.target.value as "immediately" | "daily" },
              );
            }}
          >
            <option value="off">Not by e-mail</option>
            <option value="immediately">At once</option>
            <option value="daily">In a daily digest</option>
          </select>
        </label>
      ))}
      <FormError error={save.error} />
      {save.isSuccess && <p role="status">Saved.</p>}
      <button type="submit" disabled={save.isPending}>
        Save e-mail choices
      </button>
    </form>
  );
}
