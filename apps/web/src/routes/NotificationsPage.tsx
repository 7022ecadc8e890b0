import type { TNotificationKind } from "@factdesk/schema";
import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { FormError } from "../components/FormError";
import { Timestamp } from "../components/Timestamp";
import { errorMessage, queryClient, type RouterOutputs, trpc } from "../lib/trpc";

type TNotification = RouterOutputs["notification"]["list"]["items"][number];

/** An alert raised by a reader's tip: it has no claim yet, and is triaged on the Tips page. */
const fromReader = (n: TNotification) =>
  (n.data.appearedIn as { kind?: string } | undefined)?.kind === "reader tip";

const messages: Record<TNotificationKind, (n: TNotification) => string> = {
  assigned: (n) => `${n.actor?.name ?? "Someone"} assigned you a claim`,
  mentioned: (n) => `${n.actor?.name ?? "Someone"} mentioned you`,
  submitted: (n) => `${n.actor?.name ?? "Someone"} submitted a verdict for your approval`,
  changes_requested: (n) => `${n.actor?.name ?? "An editor"} asked for changes to your verdict`,
  approved: (n) => `${n.actor?.name ?? "An editor"} approved your verdict`,
  published: (n) => `${n.actor?.name ?? "An editor"} published your verdict`,
  recurred: (n) => {
    const { repeats, appearedIn } = n.data as {
      repeats?: { headline?: string | null; text?: string | null; rating?: string | null };
      appearedIn?: { kind?: string; title?: string | null; outlet?: string | null };
    };
    const what = `“${repeats?.headline ?? repeats?.text ?? "a claim found false or misleading"}”${repeats?.rating ? ` (${repeats.rating})` : ""}`;
    const where = appearedIn?.outlet ?? appearedIn?.title;
    return fromReader(n)
      ? `Recurring: a reader sent in ${what} again${where ? `, seen in ${where}` : ""}`
      : `Recurring: ${what} appeared again${where ? ` in ${where}` : ""}`;
  },
  source_changed: (n) => {
    const { title, state } = n.data as { title?: string; state?: string };
    return `A source of your published verdict ${state === "dead" ? "no longer answers" : "has changed"}: ${title ?? "a source"}`;
  },
};

/** The reader's notifications, newest first; opening one marks it read. */
export function NotificationsPage() {
  const [limit, setLimit] = useState(30);
  const notifications = useQuery({
    ...trpc.notification.list.queryOptions({ limit }),
    placeholderData: keepPreviousData,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.notification.pathKey() });
  const markRead = useMutation(trpc.notification.markRead.mutationOptions({ onSuccess: refresh }));

  return (
    <section>
      <title>Notifications · Factdesk</title>
      <div className="page-head">
        <h1>Notifications</h1>
        {(notifications.data?.unread ?? 0) > 0 && (
          <button type="button" onClick={() => markRead.mutate({})} disabled={markRead.isPending}>
            Mark all read
          </button>
        )}
      </div>
      <FormError error={markRead.error} />
      {notifications.isPending ? (
        <p className="page-status">Loading notifications…</p>
      ) : notifications.isError ? (
        <p role="alert" className="error">
          {errorMessage(notifications.error)}
        </p>
      ) : notifications.data.items.length === 0 ? (
        <p className="page-status">
          Nothing yet. You will hear here when someone assigns you a claim, mentions you, reviews your verdict
          or, if you are an editor, submits one for approval.
        </p>
      ) : (
        <ol className="notifications">
          {notifications.data.items.map((n) => (
            <li key={n.id} className={n.readAt ? "read" : "unread"}>
              <p>
                {!n.readAt && <span className="visually-hidden">Unread: </span>}
                <strong>{messages[n.kind](n)}</strong> · <Timestamp value={n.createdAt} />
              </p>
              {typeof n.data.reason === "string" && <blockquote>{n.data.reason}</blockquote>}
              {typeof n.data.excerpt === "string" && <blockquote>{n.data.excerpt}</blockquote>}
              {n.claim && (
                <Link
                  to={`/claims/${n.claim.id}`}
                  onClick={() => !n.readAt && markRead.mutate({ ids: [n.id] })}
                >
                  {n.claim.text}
                </Link>
              )}
              {!n.claim && fromReader(n) && (
                <Link to="/tips" onClick={() => !n.readAt && markRead.mutate({ ids: [n.id] })}>
                  Triage the readers' tips
                </Link>
              )}
            </li>
          ))}
        </ol>
      )}
      {notifications.data?.hasMore && (
        <button
          type="button"
          className="secondary"
          disabled={notifications.isFetching}
          onClick={() => setLimit((n) => Math.min(n + 30, 500))}
        >
          {notifications.isFetching ? "Loading…" : "Show older"}
        </button>
      )}
    </section>
  );
}
