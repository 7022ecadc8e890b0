import { useIntl } from "react-intl";
import { useT } from "../lib/i18n";
import type { RouterOutputs } from "../lib/trpc";

type TPresent = RouterOutputs["claim"]["get"]["present"][number];

/** Colleagues who have the claim open right now; those typing in it first. */
export function PresentPeople({ people }: { people: TPresent[] }) {
  const t = useT();
  const intl = useIntl();
  if (people.length === 0) return null;
  const names = (group: TPresent[]) =>
    intl.formatList(
      group.map((person) => person.name),
      { type: "conjunction" },
    );
  const editing = people.filter((person) => person.editing);
  const viewing = people.filter((person) => !person.editing);
  return (
    <div className="presence">
      {editing.length > 0 && (
        <span className="presence-editing">
          ✎ {t("presence.editing", { names: names(editing), count: editing.length })}
        </span>
      )}
      {viewing.length > 0 && (
        <span className="muted">
          {t("presence.viewing", { names: names(viewing), count: viewing.length })}
        </span>
      )}
    </div>
  );
}
