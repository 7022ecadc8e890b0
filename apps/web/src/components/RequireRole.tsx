import { roleLabels, type TRole } from "@factdesk/schema";
import { Link, Outlet } from "react-router";
import { useMe } from "../lib/me";

const who: Record<TRole, string> = { fact_checker: "fact-checkers", editor: "editors", admin: "admins" };

/**
 * The pages for a role: anyone else is told so before anything of the page renders (the
 * server refuses them regardless; this keeps what they may not change out of sight).
 */
export function RequireRole({ atLeast: role }: { atLeast: TRole }) {
  const me = useMe();
  if (me.can(role)) return <Outlet />;
  return (
    <section>
      <title>Not available · Factdesk</title>
      <h1>This page is for {who[role]}</h1>
      <p>
        You are signed in as {me.name} ({roleLabels[me.role]}). Ask an admin if you need access.
      </p>
      <p>
        <Link to="/">Back to the review queue</Link>
      </p>
    </section>
  );
}
