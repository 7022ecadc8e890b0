import { diffText } from "@factdesk/schema";
import { useEffect, useId, useRef } from "react";
import { WordDiff } from "./RevisionHistory";

/**
 * A colleague saved the same fields meanwhile: for each, their text against mine (as a word
 * diff from theirs to mine), and the choice of which to keep. Focus comes here, so a
 * keyboard user meets it before saving again.
 */
export function ConflictNotice<F extends string>({
  who,
  fields,
  labels,
  mine,
  theirs,
  onKeepMine,
  onTakeTheirs,
}: {
  who: string;
  fields: F[];
  labels: Record<F, string>;
  mine: Record<F, unknown>;
  theirs: Record<F, unknown>;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
}) {
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const text = (value: unknown) => (Array.isArray(value) ? value.join(", ") : String(value ?? ""));
  return (
    <section className="notice conflict" aria-labelledby={id}>
      <h3 id={id} ref={heading} tabIndex={-1}>
        {who} saved changes to the same {fields.length === 1 ? "field" : "fields"} while you were editing
      </h3>
      <p>Your text is still in the form. Struck out is theirs, underlined is yours:</p>
      <dl className="diff">
        {fields.map((field) => (
          <div key={field}>
            <dt>{labels[field]}</dt>
            <dd>
              <WordDiff parts={diffText(text(theirs[field]), text(mine[field]))} />
            </dd>
          </div>
        ))}
      </dl>
      <div className="row">
        <button type="button" onClick={onKeepMine}>
          Keep mine
        </button>
        <button type="button" className="secondary" onClick={onTakeTheirs}>
          Take theirs
        </button>
      </div>
      <p className="muted">
        Either way, your changes to other fields and their changes you did not touch are kept.
      </p>
    </section>
  );
}
