import { hasRole, roleLabels } from "@factdesk/schema";
import { useMutation, useQuery } from "@tanstack/react-query";
import { Link, Navigate, NavLink, Outlet, useLocation, useNavigate } from "react-router";
import { useLiveChanges } from "../lib/live";
import { queryClient, trpc } from "../lib/trpc";
import { NotificationsLink } from "./NotificationsLink";

/** The signed-in frame: header, navigation, and a redirect to login without a session. */
export function Layout() {
  const me = useQuery(trpc.auth.me.queryOptions());
  const location = useLocation();
  const navigate = useNavigate();
  const logout = useMutation(
    trpc.auth.logout.mutationOptions({
      onSuccess: () => {
        queryClient.clear();
        navigate("/login");
      },
    }),
  );

  if (me.isPending) return <p className="page-status">Loading…</p>;
  if (me.isError)
    return (
      <p role="alert" className="page-status">
        Factdesk is unreachable: {me.error.message}
      </p>
    );
  if (!me.data) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  // The desk requires a second factor of this person: setting it up is all the session may do.
  const restricted = me.data.needsTwoFactor === true;
  if (restricted && location.pathname !== "/account") return <Navigate to="/account" replace />;

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <Link to="/" className="brand">
          Factdesk
        </Link>
        <nav aria-label="Main">
          <NavLink to="/" end>
            Review queue
          </NavLink>
          <NavLink to="/ingest">Ingest</NavLink>
          <NavLink to="/tips">Tips</NavLink>
          <NavLink to="/monitoring">Monitoring</NavLink>
          <NavLink to="/archive">Archive</NavLink>
          <NavLink to="/dashboard">Dashboard</NavLink>
          {hasRole(me.data, "editor") && <NavLink to="/approvals">Approvals</NavLink>}
          {hasRole(me.data, "admin") && <NavLink to="/admin/users">Users</NavLink>}
          {hasRole(me.data, "admin") && <NavLink to="/admin/ratings">Rating scale</NavLink>}
          {hasRole(me.data, "admin") && <NavLink to="/admin/settings">Settings</NavLink>}
          {hasRole(me.data, "admin") && <NavLink to="/admin/webhooks">Webhooks</NavLink>}
          {hasRole(me.data, "admin") && <NavLink to="/admin/system">System</NavLink>}
        </nav>
        <div className="user">
          {!restricted && <NotificationsLink />}
          <Link to="/account">
            <span className="visually-hidden">Your account: </span>
            {me.data.name} <span className="muted">({roleLabels[me.data.role]})</span>
          </Link>
          <button type="button" className="link-button" onClick={() => logout.mutate()}>
            Log out
          </button>
        </div>
      </header>
      {!restricted && <LiveUpdates />}
      <main id="main" tabIndex={-1}>
        {restricted && (
          <p className="notice" role="alert">
            Your desk requires two-factor sign-in for editors and admins. Set it up below to continue.
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
