import { useQuery } from "@tanstack/react-query";
import { NavLink } from "react-router";
import { useT } from "../lib/i18n";
import { trpc } from "../lib/trpc";

/** The header's way to notifications, with the unread count (announced when it changes). */
export function NotificationsLink() {
  const t = useT();
  // Only the count is shown here; one item is the least the list answers with.
  const notifications = useQuery(trpc.notification.list.queryOptions({ limit: 1 }));
  const unread = notifications.data?.unread ?? 0;
  // The visible text ("Notifications 2") stays part of the name, for voice control.
  const label = unread ? t("notificationsLink.label", { unread }) : t("notificationsLink.title");
  return (
    <>
      <NavLink to="/notifications" className="notifications-link" aria-label={label}>
        {t("notificationsLink.title")}{" "}
        {unread > 0 && (
          <span className="unread-count" aria-hidden="true">
            {unread}
          </span>
        )}
      </NavLink>
      <span className="visually-hidden" aria-live="polite">
        {unread ? t("notificationsLink.announce", { unread }) : ""}
      </span>
    </>
  );
}
