import { limits, type TMessageId, type TTransitionOption } from "@factdesk/schema";
import { type FormEvent, useId, useState } from "react";
import { useIntl } from "react-intl";
import { useSay, useT } from "../lib/i18n";
import { FormError } from "./FormError";

interface Props<S extends string> {
  heading: string;
  options: TTransitionOption<S>[];
  onMove: (to: S, reason?: string) => void;
  pending: boolean;
  error: unknown;
  /** Steps readers will see, with what they will see: asked to confirm first. */
  confirm?: Partial<Record<S, string>>;
}

/**
 * A button for each step the workflow allows; for a blocked one, why it is blocked.
 * Steps that need a reason (or a comment) ask for it first.
 */
export function TransitionActions<S extends string>({
  heading,
  options,
  onMove,
  pending,
  error,
  confirm = {},
}: Props<S>) {
  const [asking, setAsking] = useState<TTransitionOption<S> | null>(null);
  const id = useId();
  const t = useT();
  const intl = useIntl();
  const say = useSay();
  // The workflow names its steps in English; the catalog has each name in the person's language.
  const named = (option: TTransitionOption<S>) => {
    const key = `step.${option.label}` as TMessageId;
    return key in intl.messages ? t(key) : option.label;
  };
  if (options.length === 0) return null;
  // Several steps refused for one reason say it once.
  const forbidden = (option: TTransitionOption<S>) =>
    option.blocker?.code === "FORBIDDEN" ? say(option.blocker.words) : null;
  const shown = options.filter(
    (option, index) =>
      !forbidden(option) || options.findIndex((other) => forbidden(other) === forbidden(option)) === index,
  );

  const submitReason = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!asking) return;
    const reason = new FormData(event.currentTarget).get("reason");
    onMove(asking.to, reason === null ? undefined : String(reason));
    setAsking(null);
  };

  return (
    <section aria-labelledby={`${id}-heading`} className="actions">
      <h2 id={`${id}-heading`}>{heading}</h2>
      <ul>
        {shown.map((option) => (
          <li key={option.to}>
            {option.blocker?.code === "FORBIDDEN" ? (
              <span className="muted">{say(option.blocker.words)}</span>
            ) : (
              <>
                <button
                  type="button"
                  className={confirm[option.to] ? "secondary" : undefined}
                  disabled={!option.allowed || pending}
                  aria-describedby={option.blocker ? `${id}-${option.to}` : undefined}
                  aria-expanded={confirm[option.to] || option.requiresReason ? asking === option : undefined}
                  onClick={() =>
                    option.requiresReason || confirm[option.to] ? setAsking(option) : onMove(option.to)
                  }
                >
                  {named(option)}
                </button>
                {option.blocker && (
                  <span id={`${id}-${option.to}`} className="blocked-reason">
                    {say(option.blocker.words)}
                  </span>
                )}
              </>
            )}
          </li>
        ))}
      </ul>
      {asking && (
        <form
          onSubmit={submitReason}
          className="reason-form"
          aria-label={t("step.confirmForm", { step: named(asking) })}
          aria-describedby={confirm[asking.to] ? `${id}-confirm` : undefined}
        >
          {confirm[asking.to] && (
            <p id={`${id}-confirm`} className="notice">
              {confirm[asking.to]}
            </p>
          )}
          {asking.requiresReason && (
            <label>
              {asking.to === "changes_requested"
                ? t("step.whatShouldChange")
                : t("step.why", { step: named(asking) })}
              {/* biome-ignore lint/a11y/noAutofocus: the person just asked for this form: the reason is what they type next */}
              <textarea name="reason" required maxLength={limits.reason} rows={3} autoFocus />
            </label>
          )}
          <div className="row">
            {/* biome-ignore lint/a11y/noAutofocus: the person just asked to take this step: Enter confirms, Tab reaches Cancel */}
            <button type="submit" disabled={pending} autoFocus={!asking.requiresReason}>
              {asking.requiresReason
                ? named(asking)
                : t("step.yes", { step: named(asking).toLocaleLowerCase(intl.locale) })}
            </button>
            <button type="button" className="link-button" onClick={() => setAsking(null)}>
              {t("step.cancel")}
            </button>
          </div>
        </form>
      )}
      <FormError error={error} />
    </section>
  );
}
