import type { TClaimStatus, TTransitionOption } from "@factdesk/schema";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { errorCode, errorMessage, queryClient, trpc } from "../lib/trpc";

interface Props {
  claimId: string;
  version: number;
  options: TTransitionOption<TClaimStatus>[];
}

/**
 * A button for each transition the workflow allows; for a blocked one, why it is blocked.
 * Steps that need a reason ask for it first.
 */
export function TransitionActions({ claimId, version, options }: Props) {
  const [pending, setPending] = useState<TTransitionOption<TClaimStatus> | null>(null);
  const errorId = useId();
  const transition = useMutation(
    trpc.claim.transition.mutationOptions({
      onSuccess: () => setPending(null),
      onSettled: async (_data, error) => {
        // On success and on CONFLICT alike, show the claim as it now is.
        if (!error || errorCode(error) === "CONFLICT") {
          await queryClient.invalidateQueries({ queryKey: trpc.claim.pathKey() });
        }
      },
    }),
  );

  if (options.length === 0) return null;
  const move = (option: TTransitionOption<TClaimStatus>, reason?: string) =>
    transition.mutate({ id: claimId, to: option.to, version, ...(reason ? { reason } : {}) });

  const submitReason = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!pending) return;
    move(pending, String(new FormData(event.currentTarget).get("reason") ?? ""));
  };

  return (
    <section aria-labelledby="actions-heading" className="actions">
      <h2 id="actions-heading">Next steps</h2>
      <ul>
        {options.map((option) => {
          const hintId = `${errorId}-${option.to}`;
          return (
            <li key={option.to}>
              {option.blocker?.code === "FORBIDDEN" ? (
                <span className="muted">{option.blocker.message}</span>
              ) : (
                <>
                  <button
                    type="button"
                    disabled={!option.allowed || transition.isPending}
                    aria-describedby={option.blocker ? hintId : undefined}
                    onClick={() => (option.requiresReason ? setPending(option) : move(option))}
                  >
                    {option.label}
                  </button>
                  {option.blocker && (
                    <span id={hintId} className="blocked-reason">
                      {option.blocker.message}
                    </span>
                  )}
                </>
              )}
            </li>
          );
        })}
      </ul>
      {pending && (
        <form onSubmit={submitReason} className="reason-form">
          <label>
            Why? ({pending.label})
            <textarea name="reason" required maxLength={2000} rows={3} autoFocus />
          </label>
          <button type="submit" disabled={transition.isPending}>
            {pending.label}
          </button>
          <button type="button" className="link-button" onClick={() => setPending(null)}>
            Cancel
          </button>
        </form>
      )}
      {transition.isError && (
        <p id={errorId} role="alert" className="error">
          {errorMessage(transition.error)}
        </p>
      )}
    </section>
  );
}
