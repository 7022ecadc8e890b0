import { useQuery } from "@tanstack/react-query";
import { describeEvent } from "../lib/describe-event";
import { trpc } from "../lib/trpc";
import { FormError } from "./FormError";
import { Timestamp } from "./Timestamp";

/** The claim's audit trail: who did what, from what to what, when and why. */
export function HistoryTimeline({ claimId }: { claimId: string }) {
  const history = useQuery(trpc.claim.history.queryOptions({ id: claimId }));
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading">History</h2>
      {history.isError && <FormError error={history.error} />}
      {history.data?.length === 0 && <p className="muted">Nothing has happened to this claim yet.</p>}
      <ol className="timeline">
        {history.data?.map((event) => (
          <li key={event.id}>
            <Timestamp value={event.createdAt} /> · <strong>{event.actor?.name ?? "Factdesk"}</strong>{" "}
            {describeEvent(event)}
          </li>
        ))}
      </ol>
    </section>
  );
}
