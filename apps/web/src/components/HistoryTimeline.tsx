import { useQuery } from "@tanstack/react-query";
import { describeEvent } from "../lib/describe-event";
import { useSay, useT } from "../lib/i18n";
import { trpc } from "../lib/trpc";
import { FormError } from "./FormError";
import { Timestamp } from "./Timestamp";

/** The claim's audit trail: who did what, from what to what, when and why. */
export function HistoryTimeline({ claimId }: { claimId: string }) {
  const history = useQuery(trpc.claim.history.queryOptions({ id: claimId }));
  const t = useT();
  const say = useSay();
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading">{t("history.title")}</h2>
      {history.isError && <FormError error={history.error} />}
      {history.data?.length === 0 && <p className="muted">{t("history.none")}</p>}
      <ol className="timeline">
        {history.data?.map((event) => (
          <li key={event.id}>
            <Timestamp value={event.createdAt} /> · <strong>{event.actor?.name ?? "Factdesk"}</strong>{" "}
            {describeEvent(event, say)}
          </li>
        ))}
      </ol>
    </section>
  );
}
