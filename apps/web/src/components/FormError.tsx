import { useErrorMessage, useT } from "../lib/i18n";
import { fieldError, fieldErrors, formErrors } from "../lib/trpc";

/**
 * A failure, announced to screen readers, shown where the action was taken. Problems with
 * fields shown next to them (`inline`) are not repeated; the rest read as sentences.
 */
export function FormError({ error, id, inline = [] }: { error: unknown; id?: string; inline?: string[] }) {
  const t = useT();
  const errorMessage = useErrorMessage();
  if (!error) return null;
  const fields = fieldErrors(error);
  const rest = [
    ...formErrors(error),
    ...Object.entries(fields ?? {})
      .filter(([field]) => !inline.includes(field))
      .flatMap(([, messages]) => messages ?? []),
  ];
  const message = !fields ? errorMessage(error) : rest.length ? rest.join(" ") : t("form.correctFields");
  return (
    <p id={id} role="alert" className="error">
      {message}
    </p>
  );
}

/** One field's problem, next to it. */
export function FieldError({ error, field }: { error: unknown; field: string }) {
  const message = fieldError(error, field);
  return message ? <span className="error">{message}</span> : null;
}
