import { useIntl } from "react-intl";

/** A moment as the person's language writes it. */
export function Timestamp({ value }: { value: string | Date }) {
  const intl = useIntl();
  const date = new Date(value);
  return (
    <time dateTime={date.toISOString()}>
      {intl.formatDate(date, { dateStyle: "medium", timeStyle: "short" })}
    </time>
  );
}
