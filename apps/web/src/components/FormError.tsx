import { errorMessage } from "../lib/trpc";

/** A failure, announced to screen readers, shown where the action was taken. */
export function FormError({ error, id }: { error: unknown; id?: string }) {
  if (!error) return null;
  return (
    <p id={id} role="alert" className="error">
      {errorMessage(error)}
    </p>
  );
}
