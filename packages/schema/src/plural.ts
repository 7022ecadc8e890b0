const englishPlurals = new Intl.PluralRules("en");

/** A count with its noun in the right number: "1 verdict", "2 verdicts", "1,204 claims". */
export function countOf(count: number, one: string, other = `${one}s`): string {
  return `${count.toLocaleString("en")} ${englishPlurals.select(count) === "one" ? one : other}`;
}
