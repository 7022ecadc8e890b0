import { renderMarkdown, type TMessageId, type TVerdictState } from "@factdesk/schema";
import { RatingBadge } from "@factdesk/ui";
import { useMutation, useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { FormError } from "../components/FormError";
import { RevisionDiff } from "../components/RevisionHistory";
import { Timestamp } from "../components/Timestamp";
import { TransitionActions } from "../components/TransitionActions";
import { useT } from "../lib/i18n";
import { usePublicStepNotices } from "../lib/public-steps";
import { queryClient, type RouterOutputs, refreshClaimViews, trpc, trpcClient } from "../lib/trpc";

/** Submitted verdicts waiting for an editor: each whole, then what changed since the last revision. */
export function ApprovalsPage() {
  const queue = useQuery(trpc.verdict.approvalQueue.queryOptions());
  const t = useT();
  return (
    <section>
      <title>{t("approvals.pageTitle")}</title>
      <h1>{t("app.nav.approvals")}</h1>
      {queue.isPending && <p className="page-status">{t("app.loading")}</p>}
      <FormError error={queue.error} />
      {queue.data?.length === 0 && <p className="page-status">{t("approvals.none")}</p>}
      <ul className="approvals">
        {queue.data?.map((item) => (
          <ApprovalItem key={item.id} item={item} />
        ))}
      </ul>
    </section>
  );
}

type TItem = RouterOutputs["verdict"]["approvalQueue"][number];

function ApprovalItem({ item }: { item: TItem }) {
  const t = useT();
  const publicNotices = usePublicStepNotices();
  const revisions = useQuery(trpc.verdict.revisions.queryOptions({ id: item.id }));
  const step = useMutation({
    mutationFn: ({ to, reason }: { to: TVerdictState; reason?: string }) => {
      const target = { id: item.id, version: item.version };
      return to === "approved"
        ? trpcClient.verdict.approve.mutate(target)
        : trpcClient.verdict.requestChanges.mutate({ ...target, comment: reason ?? "" });
    },
    onSettled: async () => {
      await refreshClaimViews();
      await queryClient.invalidateQueries({ queryKey: trpc.verdict.approvalQueue.queryKey() });
    },
  });
  const list = revisions.data ?? [];
  const current = list.find((r) => r.number === item.revision.number);
  const previous = list.filter((r) => r.number < item.revision.number).at(-1);

  return (
    <li className="approval">
      <h2>
        <Link to={`/claims/${item.claim.id}`}>{item.revision.headline ?? item.claim.text}</Link>
      </h2>
      <p className="muted">
        {t("approvals.revisionBy", { revision: item.revision.number, author: item.author.name })}{" "}
        <Timestamp value={item.updatedAt} />
        {item.revision.correctionNote && (
          <> · {t("approvals.correction", { note: item.revision.correctionNote })}</>
        )}
      </p>
      <p>{t("approvals.claim", { claim: item.claim.text })}</p>
      <section className="verdict-view" aria-label={t("approvals.verdict")}>
        <p>
          {item.rating ? (
            <RatingBadge rating={item.rating} />
          ) : (
            <span className="muted">{t("approvals.noRating")}</span>
          )}{" "}
          <strong>
            {item.revision.headline ?? <span className="muted">{t("approvals.noHeadline")}</span>}
          </strong>
        </p>
        {item.revision.summary && <p>{item.revision.summary}</p>}
        <div
          className="markdown"
          // biome-ignore lint/security/noDangerouslySetInnerHtml: renderMarkdown's HTML: raw HTML escaped, dangerous links dropped
          dangerouslySetInnerHTML={{ __html: renderMarkdown(item.revision.explanation ?? "") }}
        />
        <h3>{t("verdictPanel.reliesOn")}</h3>
        {item.sources.length ? (
          <ul>
            {item.sources.map((source) => (
              <li key={source.id}>
                <strong>{t(`stance.${source.stance}` as TMessageId)}:</strong>{" "}
                <a href={source.url} rel="noopener noreferrer nofollow" target="_blank">
                  {source.title}
                </a>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("approvals.noSources")}</p>
        )}
      </section>
      {current && previous && (
        <details>
          <summary>{t("approvals.changesSince", { revision: previous.number })}</summary>
          <RevisionDiff before={previous} after={current} />
        </details>
      )}
      <TransitionActions
        heading={t("approvals.decision")}
        options={item.transitions}
        onMove={(to, reason) => step.mutate({ to, reason })}
        pending={step.isPending}
        error={step.error}
        confirm={publicNotices}
      />
    </li>
  );
}
