import { claimStatuses, type TClaimStatus } from "@factdesk/schema";
import { FormattedNumber } from "react-intl";
import { useT } from "../../lib/i18n";
import type { RouterOutputs } from "../../lib/trpc";

/** How many claims of each status the rest of the filter matches; each one toggles that status. */
export function StatusCounts({
  counts,
  selected,
  onChange,
}: {
  counts: RouterOutputs["claim"]["counts"] | undefined;
  selected: TClaimStatus[];
  onChange: (statuses: TClaimStatus[]) => void;
}) {
  const t = useT();
  const toggle = (status: TClaimStatus) =>
    onChange(selected.includes(status) ? selected.filter((s) => s !== status) : [...selected, status]);
  return (
    // biome-ignore lint/a11y/useSemanticElements: toggle buttons, not form fields: a fieldset would say otherwise
    <div className="status-counts" role="group" aria-label={t("queue.status")}>
      {claimStatuses.map((status) => (
        <button
          key={status}
          type="button"
          className={`status-count badge-${status}`}
          aria-pressed={selected.includes(status)}
          onClick={() => toggle(status)}
        >
          {t(`claimStatus.${status}`)}{" "}
          <strong>{counts ? <FormattedNumber value={counts.byStatus[status]} /> : "…"}</strong>
        </button>
      ))}
      <span className="muted" aria-live="polite">
        {counts ? t("queue.matching", { count: counts.total }) : ""}
      </span>
    </div>
  );
}
