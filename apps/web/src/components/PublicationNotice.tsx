import { useQuery } from "@tanstack/react-query";
import { useT } from "../lib/i18n";
import { trpc } from "../lib/trpc";

/**
 * Where the claim or its sources are edited: says whether the edit can reach readers. An
 * approved verdict holds what it approved; a published one shows readers its frozen copy
 * until a correction with the edits is approved and published.
 */
export function PublicationNotice({ claimId }: { claimId: string }) {
  const view = useQuery(trpc.verdict.get.queryOptions({ claimId }));
  const t = useT();
  const verdict = view.data?.verdict;
  if (!verdict) return null;
  if (verdict.state === "approved")
    return (
      <p className="notice" role="note">
        {t("publication.approved")}
      </p>
    );
  if (!verdict.publishedRevisionId) return null;
  const changed = view.data?.changedSincePublication ?? [];
  return (
    <p className="notice" role="note">
      {t("publication.published")}
      {changed.length > 0 && t("publication.notPublic", { changes: changed.join("; ") })}
    </p>
  );
}
