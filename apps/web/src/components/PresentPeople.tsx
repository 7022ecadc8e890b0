import type { RouterOutputs } from "../lib/trpc";

type TPresent = RouterOutputs["claim"]["get"]["present"][number];

const list = new Intl.ListFormat("en", { type: "conjunction" });
const names = (people: TPresent[]) => list.format(people.map((person) => person.name));

/** Colleagues who have the claim open right now; those typing in it first. */
export function PresentPeople({ people }: { people: TPresent[] }) {
  if (people.length === 0) return null;
  const editing = people.filter((person) => person.editing);
  const viewing = people.filter((person) => !person.editing);
  return (
    <div className="presence">
      {editing.length > 0 && (
        <span className="presence-editing">
          ✎ {names(editing)} {editing.length === 1 ? "is" : "are"} editing
        </span>
      )}
      {viewing.length > 0 && (
        <span className="muted">
          {names(viewing)} {viewing.length === 1 ? "has" : "have"} it open
        </span>
      )}
    </div>
  );
}
