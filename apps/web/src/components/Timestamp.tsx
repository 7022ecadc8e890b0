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

/** A calendar day ("2017-04-01") as the person's language writes it, the same in every time zone. */
export function CalendarDay({ day }: { day: string }) {
  const intl = useIntl();
  return (
    <time dateTime={day}>
      {intl.formatDate(new Date(`${day}T00:00:00Z`), { dateStyle: "long", timeZone: "UTC" })}
    </time>
  );
}
