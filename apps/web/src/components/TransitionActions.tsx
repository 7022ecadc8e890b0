import type { TTransitionOption } from "@factdesk/schema";
import { type FormEvent, useId, useState } from "react";
import { FormError } from "./FormError";

interface Props<S extends string> {
  heading: string;
  options: TTransitionOption<S>[];
  onMove: (to: S, reason?: string) => void;
  pending: boolean;
  error: unknown;
}

/**
 * A button for each step the workflow allows; for a blocked one, why it is blocked.
 * Steps that need a reason (or a comment) ask for it first.
 */
export function TransitionActions<S extends string>({ heading, options, onMove, pending, error }: Props<S>) {
  const [asking, setAsking] = useState<TTransitionOption<S> | null>(null);
  const id = useId();
  if (options.length === 0) return null;

  const submitReason = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!asking) return;
    onMove(asking.to, String(new FormData(event.currentTarget).get("reason") ?? ""));
    setAsking(null);
  };

  return (
    <section aria-labelledby={`${id}-heading`} className="actions">
      <h2 id={`${id}-heading`}>{heading}</h2>
      <ul>
        {options.map((option) => (
          <li key={option.to}>
            {option.blocker?.code === "FORBIDDEN" ? (
              <span className="muted">{option.blocker.message}</span>
            ) : (
              <>
                <button
                  type="button"
                  disabled={!option.allowed || pending}
                  aria-describedby={option.blocker ? `${id}-${option.to}` : undefined}
                  onClick={() => (option.requiresReason ? setAsking(option) : onMove(option.to))}
                >
                  {option.label}
                </button>
                {option.blocker && (
                  <span id={`${id}-${option.to}`} className="blocked-reason">
                    {option.blocker.message}
                  </span>
                )}
              </>
            )}
          </li>
        ))}
      </ul>
      {asking && (
        <form onSubmit={submitReason} className="reason-form">
          <label>
            {asking.to === "changes_requested" ? "What should change?" : `Why? (${asking.label})`}
            <textarea name="reason" required maxLength={2000} rows={3} autoFocus />
          </label>
          <div className="row">
            <button type="submit" disabled={pending}>
              {asking.label}
            </button>
            <button type="button" className="link-button" onClick={() => setAsking(null)}>
              Cancel
            </button>
          </div>
        </form>
      )}
      <FormError error={error} />
    </section>
  );
}
