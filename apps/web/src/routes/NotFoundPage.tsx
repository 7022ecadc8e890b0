import { Link } from "react-router";

export function NotFoundPage() {
  return (
    <section>
      <title>Page not found · Factdesk</title>
      <h1>Page not found</h1>
      <p>
        <Link to="/">Back to the review queue</Link>
      </p>
    </section>
  );
}
