import { notificationWords, raisedByReader } from "@factdesk/schema";
import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { FormError } from "../components/FormError";
import { Timestamp } from "../components/Timestamp";
import { useErrorMessage, useSay, useT } from "../lib/i18n";
import { queryClient, type RouterOutputs, trpc } from "../lib/trpc";

type TNotification = RouterOutputs["notification"]["list"]["items"][number];

const wordsOf = (n: TNotification) =>
  notificationWords({ kind: n.kind, actorName: n.actor?.name ?? null, data: n.data });

/** The reader's notifications, newest first; opening one marks it read. */
export function NotificationsPage() {
  const t = useT();
  const say = useSay();
  const errorMessage = useErrorMessage();
  const [limit, setLimit] = useState(30);
  const notifications = useQuery({
    ...trpc.notification.list.queryOptions({ limit }),
    placeholderData: keepPreviousData,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.notification.pathKey() });
  const markRead = useMutation(trpc.notification.markRead.mutationOptions({ onSuccess: refresh }));

  return (
    <section>
      <title>{t("notificationsPage.pageTitle")}</title>
      <div className="page-head">
        <h1>{t("notificationsLink.title")}</h1>
        {(notifications.data?.unread ?? 0) > 0 && (
          <button type="button" onClick={() => markRead.mutate({})} disabled={markRead.isPending}>
            {t("notificationsPage.markAll")}
          </button>
        )}
      </div>
      <FormError error={markRead.error} />
      {notifications.isPending ? (
        <p className="page-status">{t("notificationsPage.loading")}</p>
      ) : notifications.isError ? (
        <p role="alert" className="error">
          {errorMessage(notifications.error)}
        </p>
      ) : notifications.data.items.length === 0 ? (
        <p className="page-status">{t("notificationsPage.none")}</p>
      ) : (
        <ol className="notifications">
          {notifications.data.items.map((n) => (
            <li key={n.id} className={n.readAt ? "read" : "unread"}>
              <p>
                {!n.readAt && <span className="visually-hidden">{t("notificationsPage.unread")} </span>}
                <strong>{say(wordsOf(n))}</strong> · <Timestamp value={n.createdAt} />
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
                  {t("notificationsPage.triageTips")}
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
          {notifications.isFetching ? t("app.loading") : t("notificationsPage.older")}
        </button>
      )}
    </section>
  );
}
