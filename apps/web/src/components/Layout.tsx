import { hasRole } from "@factdesk/schema";
import { useMutation, useQuery } from "@tanstack/react-query";
import { FormattedMessage } from "react-intl";
import { Link, Navigate, NavLink, Outlet, useLocation, useNavigate } from "react-router";
import { useT } from "../lib/i18n";
import { useLiveChanges } from "../lib/live";
import { queryClient, trpc } from "../lib/trpc";
import { NotificationsLink } from "./NotificationsLink";

/** The signed-in frame: header, navigation, and a redirect to login without a session. */
export function Layout() {
  const me = useQuery(trpc.auth.me.queryOptions());
  const location = useLocation();
  const navigate = useNavigate();
  const t = useT();
  const logout = useMutation(
    trpc.auth.logout.mutationOptions({
      onSuccess: () => {
        queryClient.clear();
        navigate("/login");
      },
    }),
  );

  if (me.isPending) return <p className="page-status">{t("app.loading")}</p>;
  if (me.isError)
    return (
      <p role="alert" className="page-status">
        {t("app.unreachable", { error: me.error.message })}
      </p>
    );
  if (!me.data) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  // The desk requires a second factor of this person: setting it up is all the session may do.
  const restricted = me.data.needsTwoFactor === true;
  if (restricted && location.pathname !== "/account") return <Navigate to="/account" replace />;

  return (
    <>
      <a className="skip-link" href="#main">
        {t("app.skip")}
      </a>
      <header className="app-header">
        <Link to="/" className="brand">
          Factdesk
        </Link>
        <nav aria-label={t("app.nav")}>
          <NavLink to="/" end>
            {t("app.nav.queue")}
          </NavLink>
          <NavLink to="/ingest">{t("app.nav.ingest")}</NavLink>
          <NavLink to="/tips">{t("app.nav.tips")}</NavLink>
          <NavLink to="/monitoring">{t("app.nav.monitoring")}</NavLink>
          <NavLink to="/archive">{t("app.nav.archive")}</NavLink>
          <NavLink to="/dashboard">{t("app.nav.dashboard")}</NavLink>
          {hasRole(me.data, "editor") && <NavLink to="/approvals">{t("app.nav.approvals")}</NavLink>}
          {hasRole(me.data, "admin") && <NavLink to="/admin/users">{t("app.nav.users")}</NavLink>}
          {hasRole(me.data, "admin") && <NavLink to="/admin/ratings">{t("app.nav.ratings")}</NavLink>}
          {hasRole(me.data, "admin") && <NavLink to="/admin/settings">{t("app.nav.settings")}</NavLink>}
          {hasRole(me.data, "admin") && <NavLink to="/admin/webhooks">{t("app.nav.webhooks")}</NavLink>}
          {hasRole(me.data, "admin") && <NavLink to="/admin/system">{t("app.nav.system")}</NavLink>}
        </nav>
        <div className="user">
          {!restricted && <NotificationsLink />}
          <Link to="/account">
            <span className="visually-hidden">{t("app.account")} </span>
            {me.data.name}{" "}
            <span className="muted">
              (<FormattedMessage id={`role.${me.data.role}`} />)
            </span>
          </Link>
          <button type="button" className="link-button" onClick={() => logout.mutate()}>
            {t("app.logout")}
          </button>
        </div>
      </header>
      {!restricted && <LiveUpdates />}
      <main id="main" tabIndex={-1}>
        {restricted && (
          <p className="notice" role="alert">
            {t("app.twoFactorRequired")}
          </p>
        )}
        <Outlet />
      </main>
    </>
  );
}

/** Signed in only: the tab's one live subscription. */
function LiveUpdates() {
  useLiveChanges();
  return null;
}
