import { useQuery } from "@tanstack/react-query";
import { trpc } from "../lib/trpc";

/**
 * Where the claim or its sources are edited: says whether the edit can reach readers. An
 * approved verdict holds what it approved; a published one shows readers its frozen copy
 * until a correction with the edits is approved and published.
 */
export function PublicationNotice({ claimId }: { claimId: string }) {
  const view = useQuery(trpc.verdict.get.queryOptions({ claimId }));
  const verdict = view.data?.verdict;
  if (!verdict) return null;
  if (verdict.state === "approved")
    return (
      <p className="notice" role="note">
        An editor approved the verdict with the claim's wording and its cited sources as they are: they cannot
        change until the verdict is published or an editor withdraws the approval.
      </p>
    );
  if (!verdict.publishedRevisionId) return null;
  const changed = view.data?.changedSincePublication ?? [];
  return (
    <p className="notice" role="note">
      Readers see the published version: edits here reach them only in a correction, reviewed and published
      like the verdict.
      {changed.length > 0 && ` Not public yet: ${changed.join("; ")}.`}
    </p>
  );
}
