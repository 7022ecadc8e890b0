import { isRouteErrorResponse, Link, useRouteError } from "react-router";
import { useErrorMessage, useT } from "../lib/i18n";

/**
 * A page that failed to load or render (a chunk gone after a deploy, a network drop, a bug),
 * shown inside the app's frame with a way forward instead of a blank screen.
 */
export function RouteError() {
  const t = useT();
  const errorMessage = useErrorMessage();
  const error = useRouteError();
  const message = isRouteErrorResponse(error) ? `${error.status} ${error.statusText}` : errorMessage(error);
  return (
    <section>
      <title>{t("routeError.pageTitle")}</title>
      <h1>{t("routeError.title")}</h1>
      <p role="alert" className="error">
        {message}
      </p>
      <p className="row">
        <button type="button" onClick={() => window.location.reload()}>
          {t("routeError.reload")}
        </button>
        <Link to="/">{t("claim.backToQueue")}</Link>
      </p>
    </section>
  );
}
