/**
 * Precision and recall of conflict finding on the labelled pairs of short articles in
 * test/conflicts-labelled.json (written for Factdesk; a development set, see its "about").
 * Every sentence of one article is compared with every sentence of the other, as matching
 * compares claims; a pair counts as found when a conflict of any kind is reported for it.
 */
import { readFileSync } from "node:fs";
import { bootstrapInterval, withInterval } from "../src/metrics";
import { contradictionReason } from "../src/similarity";

type TLabelled = { a: string[]; b: string[]; conflicts: [number, number, string][] };
type TOutcome = { tp: number; fp: number; fn: number; kindRight: number };
const labelled = (file: string) =>
  (JSON.parse(readFileSync(new URL(`../test/${file}`, import.meta.url), "utf8")) as { pairs: TLabelled[] })
    .pairs;

const judge = (pair: TLabelled): TOutcome => {
  const outcomes = { tp: 0, fp: 0, fn: 0, kindRight: 0 };
  pair.a.forEach((a, i) => {
    pair.b.forEach((b, j) => {
      const reason = contradictionReason(a, b);
      const label = pair.conflicts.find(([x, y]) => x === i && y === j);
      if (reason && label) {
        outcomes.tp++;
        if (reason.startsWith(`${label[2]}:`)) outcomes.kindRight++;
      } else if (reason) {
        outcomes.fp++;
        console.log(`  false alarm: ${reason}\n    ${a}\n    ${b}`);
      } else if (label) {
        outcomes.fn++;
        console.log(`  missed (${label[2]}):\n    ${a}\n    ${b}`);
      }
    });
  });
  return outcomes;
};
const total = (sample: readonly TOutcome[], key: keyof TOutcome) =>
  sample.reduce((sum, o) => sum + o[key], 0);
const precision = (s: readonly TOutcome[]) => total(s, "tp") / Math.max(1, total(s, "tp") + total(s, "fp"));
const recall = (s: readonly TOutcome[]) => total(s, "tp") / Math.max(1, total(s, "tp") + total(s, "fn"));

const rows: string[] = [];
for (const [file, what] of [
  ["conflicts-labelled.json", "development set, written with the rules"],
  ["conflicts-held-out.json", "held-out set, written after them and scored once"],
] as const) {
  const pairs = labelled(file);
  console.log(`\nConflicts, ${what}:`);
  const judged = pairs.map(judge);
  const conflicts = total(judged, "tp") + total(judged, "fn");
  rows.push(
    `| ${what} (${pairs.length} pairs, ${conflicts} conflicts; kind right in ${total(judged, "kindRight")} of ${total(judged, "tp")} found) | ${withInterval(precision(judged), bootstrapInterval(judged, precision))} | ${withInterval(recall(judged), bootstrapInterval(judged, recall))} |`,
  );
}
console.log(
  "\n| conflicts (labelled pairs of short articles; aims: precision ≥ 0.9, recall ≥ 0.85) | precision | recall |",
);
console.log("|---|---|---|");
for (const row of rows) console.log(row);
