import { diffText } from "@factdesk/schema";
import { useEffect, useId, useRef } from "react";
import type { TConflict } from "../lib/draft";
import { useT } from "../lib/i18n";
import { WordDiff } from "./RevisionHistory";

interface TProps<T> {
  conflict: TConflict<T> | null;
  who: string;
  labels: Record<keyof T & string, string>;
  mine: T;
  /** After either choice, e.g. to clear the refused save's error. */
  onResolved?: () => void;
  /** A field's value as text, where the raw value means nothing to a person (ids). */
  show?: (field: keyof T & string, value: unknown) => string;
}

const asText = (_field: string, value: unknown) =>
  Array.isArray(value) ? value.join(", ") : String(value ?? "");

/**
 * A colleague saved the same fields meanwhile: for each, their text against mine (as a word
 * diff from theirs to mine), and the choice of which to keep. Focus comes here, so a
 * keyboard user meets it before saving again.
 */
export function ConflictNotice<T extends Record<string, unknown>>(props: TProps<T>) {
  return props.conflict ? <ConflictChoice {...props} conflict={props.conflict} /> : null;
}

function ConflictChoice<T extends Record<string, unknown>>({
  conflict,
  who,
  labels,
  mine,
  onResolved,
  show = asText,
}: TProps<T> & { conflict: TConflict<T> }) {
  const { fields, theirs } = conflict;
  const choose = (choice: () => void) => () => {
    choice();
    onResolved?.();
  };
  const id = useId();
  const t = useT();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="notice conflict" aria-labelledby={id}>
      <h3 id={id} ref={heading} tabIndex={-1}>
        {t("conflict.heading", { who, count: fields.length })}
      </h3>
      <p>{t("conflict.yoursKept")}</p>
      <dl className="diff">
        {fields.map((field) => (
          <div key={field}>
            <dt>{labels[field]}</dt>
            <dd>
              <WordDiff parts={diffText(show(field, theirs[field]), show(field, mine[field]))} />
            </dd>
          </div>
        ))}
      </dl>
      <div className="row">
        <button type="button" onClick={choose(conflict.keepMine)}>
          {t("conflict.keepMine")}
        </button>
        <button type="button" className="secondary" onClick={choose(conflict.takeTheirs)}>
          {t("conflict.takeTheirs")}
        </button>
      </div>
      <p className="muted">{t("conflict.either")}</p>
    </section>
  );
}
