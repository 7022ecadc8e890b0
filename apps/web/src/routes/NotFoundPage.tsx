import { Link } from "react-router";
import { useT } from "../lib/i18n";

export function NotFoundPage() {
  const t = useT();
  return (
    <section>
      <title>{t("appNotFound.pageTitle")}</title>
      <h1>{t("appNotFound.title")}</h1>
      <p>
        <Link to="/">{t("claim.backToQueue")}</Link>
      </p>
    </section>
  );
}
