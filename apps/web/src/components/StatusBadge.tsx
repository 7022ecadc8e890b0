import type { TClaimStatus } from "@factdesk/schema";
import { FormattedMessage } from "react-intl";

export function StatusBadge({ status }: { status: TClaimStatus }) {
  return (
    <span className={`badge badge-${status}`}>
      <FormattedMessage id={`claimStatus.${status}`} />
    </span>
  );
}
