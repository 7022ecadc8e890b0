import { useSubscription } from "@trpc/tanstack-react-query";
import { useRef } from "react";
import { refreshClaimViews, trpc } from "./trpc";

/**
 * Keeps the screen current: every change committed anywhere (this claim's, or any when no
 * claim is given) refetches the claim and verdict views. Bursts are folded into one refetch.
 */
export function useLiveChanges(claimId?: string) {
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  useSubscription(
    trpc.claim.onChange.subscriptionOptions(claimId ? { claimId } : {}, {
      onData: () => {
        if (pending.current) return;
        pending.current = setTimeout(() => {
          pending.current = null;
          void refreshClaimViews();
        }, 150);
      },
    }),
  );
}
