import type { TMessageId, TRole } from "@factdesk/schema";
import { Link, Outlet } from "react-router";
import { useT } from "../lib/i18n";
import { useMe } from "../lib/me";

/**
 * The pages for a role: anyone else is told so before anything of the page renders (the
 * server refuses them regardless; this keeps what they may not change out of sight).
 */
export function RequireRole({ atLeast: role }: { atLeast: TRole }) {
  const me = useMe();
  const t = useT();
  if (me.can(role)) return <Outlet />;
  return (
    <section>
      <title>{t("requireRole.pageTitle")}</title>
      <h1>{t("requireRole.title", { role })}</h1>
      <p>{t("requireRole.signedInAs", { name: me.name, role: t(`role.${me.role}` as TMessageId) })}</p>
      <p>
        <Link to="/">{t("claim.backToQueue")}</Link>
      </p>
    </section>
  );
}
