import { limits } from "@factdesk/schema";
import { fieldError } from "../lib/trpc";
import { FieldError } from "./FormError";

/** A field for a password being set, with the server's problem with it beside it. */
export function NewPasswordField({
  label,
  name,
  error,
}: {
  label: string;
  /** The form field, and the input's field name in the server's answer. */
  name: string;
  error: unknown;
}) {
  return (
    <label>
      {label}
      <input
        name={name}
        type="password"
        required
        minLength={limits.passwordMin}
        autoComplete="new-password"
        aria-invalid={Boolean(fieldError(error, name))}
      />
      <FieldError error={error} field={name} />
    </label>
  );
}
