import { useSubscription } from "@trpc/tanstack-react-query";
import { useRef } from "react";
import { queryClient, refreshClaimViews, trpc } from "./trpc";

/**
 * Keeps every screen current, one subscription per tab (the layout holds it): a change
 * committed anywhere refetches the claim and verdict views on screen and the reader's
 * notifications. Bursts are folded into one refetch.
 */
export function useLiveChanges() {
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  useSubscription(
    trpc.claim.onChange.subscriptionOptions(
      {},
      {
        onData: () => {
          if (pending.current) return;
          pending.current = setTimeout(() => {
            pending.current = null;
            void refreshClaimViews();
            void queryClient.invalidateQueries({ queryKey: trpc.notification.pathKey() });
          }, 150);
        },
      },
    ),
  );
}
