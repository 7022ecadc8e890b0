import { claimStatuses, claimStatusLabels, type TClaimStatus } from "@factdesk/schema";
import { useInfiniteQuery } from "@tanstack/react-query";
import { Link, useSearchParams } from "react-router";
import { StatusBadge } from "../components/StatusBadge";
import { useLiveChanges } from "../lib/live";
import { errorMessage, trpc } from "../lib/trpc";

/** Filters live in the URL, so a filtered queue can be bookmarked and shared. */
function useQueueFilters() {
  const [params, setParams] = useSearchParams();
  const status = params.get("status") as TClaimStatus | null;
  const assignee = params.get("assignee");
  const filters = {
    status: status && claimStatuses.includes(status) ? [status] : undefined,
    assignee: assignee === "me" || assignee === "unassigned" ? assignee : undefined,
    sort: params.get("sort") === "newest" ? ("newest" as const) : ("priority" as const),
    // An article's claims, e.g. right after ingesting it.
    articleId: /^[0-9a-f-]{36}$/i.test(params.get("article") ?? "")
      ? (params.get("article") ?? undefined)
      : undefined,
  };
  const update = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  return { filters, values: { status, assignee, sort: filters.sort }, update };
}

export function QueuePage() {
  useLiveChanges();
  const { filters, values, update } = useQueueFilters();
  const queue = useInfiniteQuery(
    trpc.claim.list.infiniteQueryOptions(filters, { getNextPageParam: (page) => page.nextCursor }),
  );
  const claims = queue.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <section>
      <title>Review queue · Factdesk</title>
      <h1>Review queue</h1>
      <form className="filters" aria-label="Filter the queue" onSubmit={(e) => e.preventDefault()}>
        <label>
          Status
          <select value={values.status ?? ""} onChange={(e) => update("status", e.target.value)}>
            <option value="">Any</option>
            {claimStatuses.map((status) => (
              <option key={status} value={status}>
                {claimStatusLabels[status]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Assignee
          <select value={values.assignee ?? ""} onChange={(e) => update("assignee", e.target.value)}>
            <option value="">Anyone</option>
            <option value="me">Me</option>
            <option value="unassigned">Unassigned</option>
          </select>
        </label>
        <label>
          Sort by
          <select
            value={values.sort}
            onChange={(e) => update("sort", e.target.value === "newest" ? "newest" : "")}
          >
            <option value="priority">Priority and score</option>
            <option value="newest">Newest</option>
          </select>
        </label>
      </form>

      {queue.isPending ? (
        <p className="page-status">Loading claims…</p>
      ) : queue.isError ? (
        <p role="alert" className="error">
          {errorMessage(queue.error)}
        </p>
      ) : claims.length === 0 ? (
        <p className="page-status">No claims match these filters.</p>
      ) : (
        <table className="queue">
          <caption className="visually-hidden">Claims to review</caption>
          <thead>
            <tr>
              <th scope="col">Claim</th>
              <th scope="col">Article</th>
              <th scope="col">Status</th>
              <th scope="col">Assignee</th>
              <th scope="col" className="numeric">
                Score
              </th>
            </tr>
          </thead>
          <tbody>
            {claims.map((claim) => (
              <tr key={claim.id}>
                <td>
                  <Link to={`/claims/${claim.id}`}>{claim.text}</Link>
                </td>
                <td>{claim.article?.title ?? "—"}</td>
                <td>
                  <StatusBadge status={claim.status} />
                </td>
                <td>{claim.assignee?.name ?? <span className="muted">Unassigned</span>}</td>
                <td className="numeric">{claim.score.toFixed(2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {queue.hasNextPage && (
        <button type="button" onClick={() => queue.fetchNextPage()} disabled={queue.isFetchingNextPage}>
          {queue.isFetchingNextPage ? "Loading…" : "Load more"}
        </button>
      )}
    </section>
  );
}
