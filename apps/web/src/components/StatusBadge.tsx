import { claimStatusLabels, type TClaimStatus } from "@factdesk/schema";

export function StatusBadge({ status }: { status: TClaimStatus }) {
  return <span className={`badge badge-${status}`}>{claimStatusLabels[status]}</span>;
}
