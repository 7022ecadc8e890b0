import { isRouteErrorResponse, Link, useRouteError } from "react-router";
import { errorMessage } from "../lib/trpc";

/**
 * A page that failed to load or render (a chunk gone after a deploy, a network drop, a bug),
 * shown inside the app's frame with a way forward instead of a blank screen.
 */
export function RouteError() {
  const error = useRouteError();
  const message = isRouteErrorResponse(error) ? `${error.status} ${error.statusText}` : errorMessage(error);
  return (
    <section>
      <title>Something went wrong · Factdesk</title>
      <h1>This page could not be shown</h1>
      <p role="alert" className="error">
        {message}
      </p>
      <p className="row">
        <button type="button" onClick={() => window.location.reload()}>
          Reload the page
        </button>
        <Link to="/">Back to the review queue</Link>
      </p>
    </section>
  );
}
