import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "react-router";
import { StatusBadge } from "../components/StatusBadge";
import { TransitionActions } from "../components/TransitionActions";
import { errorMessage, trpc } from "../lib/trpc";

export function ClaimPage() {
  const { id = "" } = useParams();
  const view = useQuery(trpc.claim.get.queryOptions({ id }));

  if (view.isPending) return <p className="page-status">Loading claim…</p>;
  if (view.isError) {
    return (
      <section>
        <p role="alert" className="error">
          {errorMessage(view.error)}
        </p>
        <Link to="/">Back to the review queue</Link>
      </section>
    );
  }
  const { claim, article, sources, transitions, assignee } = view.data;

  return (
    <article className="claim">
      <title>{`${claim.text.slice(0, 60)}${claim.text.length > 60 ? "…" : ""} · Factdesk`}</title>
      <p>
        <Link to="/">← Review queue</Link>
      </p>
      <h1 className="claim-text">{claim.text}</h1>
      <dl className="facts">
        <dt>Status</dt>
        <dd>
          <StatusBadge status={claim.status} />
        </dd>
        <dt>Priority</dt>
        <dd>{claim.priority}</dd>
        <dt>Check-worthiness</dt>
        <dd>
          {claim.score.toFixed(2)}
          {claim.scoreReasons.length > 0 && <span className="muted"> ({claim.scoreReasons.join(", ")})</span>}
        </dd>
        <dt>Assignee</dt>
        <dd>{assignee?.name ?? "Unassigned"}</dd>
        {claim.claimant && (
          <>
            <dt>Claimant</dt>
            <dd>{claim.claimant}</dd>
          </>
        )}
      </dl>

      <TransitionActions claimId={claim.id} version={claim.version} options={transitions} />

      {article && (
        <section aria-labelledby="context-heading">
          <h2 id="context-heading">In the article</h2>
          <p className="muted">
            {article.url ? <a href={article.url}>{article.title}</a> : article.title}
            {article.outlet && ` · ${article.outlet}`}
          </p>
          {article.context && (
            <blockquote className="context">
              {article.context.before}
              <mark>{article.context.sentence}</mark>
              {article.context.after}
            </blockquote>
          )}
        </section>
      )}

      <section aria-labelledby="sources-heading">
        <h2 id="sources-heading">Sources</h2>
        {sources.length === 0 ? (
          <p className="muted">No sources yet.</p>
        ) : (
          <ul className="sources">
            {sources.map((source) => (
              <li key={source.id}>
                <span className={`stance stance-${source.stance}`}>{source.stance}</span>{" "}
                <a href={source.url} rel="noopener noreferrer nofollow" target="_blank">
                  {source.title}
                </a>
                {source.excerpt && <q>{source.excerpt}</q>}
              </li>
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}
