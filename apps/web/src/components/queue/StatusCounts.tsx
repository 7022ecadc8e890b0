import { claimStatuses, claimStatusLabels, type TClaimStatus } from "@factdesk/schema";
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
  const toggle = (status: TClaimStatus) =>
    onChange(selected.includes(status) ? selected.filter((s) => s !== status) : [...selected, status]);
  return (
    // biome-ignore lint/a11y/useSemanticElements: toggle buttons, not form fields: a fieldset would say otherwise
    <div className="status-counts" role="group" aria-label="Status">
      {claimStatuses.map((status) => (
        <button
          key={status}
          type="button"
          className={`status-count badge-${status}`}
          aria-pressed={selected.includes(status)}
          onClick={() => toggle(status)}
        >
          {claimStatusLabels[status]}{" "}
          <strong>{counts ? counts.byStatus[status].toLocaleString() : "…"}</strong>
        </button>
      ))}
      <span className="muted" aria-live="polite">
        {counts ? `${counts.total.toLocaleString()} matching` : ""}
      </span>
    </div>
  );
}
