import { notificationText, raisedByReader } from "@factdesk/schema";
import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { FormError } from "../components/FormError";
import { Timestamp } from "../components/Timestamp";
import { errorMessage, queryClient, type RouterOutputs, trpc } from "../lib/trpc";

type TNotification = RouterOutputs["notification"]["list"]["items"][number];

const textOf = (n: TNotification) =>
  notificationText({ kind: n.kind, actorName: n.actor?.name ?? null, data: n.data });

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
                <strong>{textOf(n)}</strong> · <Timestamp value={n.createdAt} />
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
              {!n.claim && raisedByReader(n) && (
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
