/**
 * MAP@5 of archive matching (`factdesk match`) on the CLEF CheckThat! 2021 claim-retrieval dev
 * queries, next to a BM25 baseline computed here on the same data. The fact-checks go in
 * through the real importer into an in-memory PGlite database; queries run through the real
 * matcher. Datasets are read in place from ../shared/datasets.
 *
 *   npm run eval              (runs this after the check-worthiness evaluation)
 *   ... evaluate-matching.ts --split=train   score the training queries instead
 *   ... evaluate-matching.ts --split=train --tune   choose MATCH_WEIGHTS there (a grid over the blend)
 *   ... evaluate-matching.ts --task=tweet    one task only (tweet or debate)
 */
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import {
  averagePrecisionAt,
  BM25,
  bm25,
  bootstrapInterval,
  mean,
  parseFactCheckTable,
  setEncoderThreads,
  type TBm25Corpus,
  withInterval,
} from "@factdesk/claims";
import { auditKey, createDb, factChecks } from "@factdesk/db";
import { sql } from "drizzle-orm";
import { useAuditKey } from "../src/domain/audit";
import {
  archiveCandidates,
  embedFactChecks,
  importFactChecks,
  MATCH_WEIGHTS,
  matchFactChecks,
  matchScore,
  type TMatchFeatures,
} from "../src/domain/fact-checks";
import { repoRoot } from "../src/paths";

const datasets =
  process.argv.find((a) => a.startsWith("--datasets="))?.slice(11) ??
  process.env.FACTDESK_DATASETS ??
  join(repoRoot, "..", "shared", "datasets");
const split = process.argv.find((a) => a.startsWith("--split="))?.slice(8) ?? "dev";
const only = process.argv.find((a) => a.startsWith("--task="))?.slice(7);
const tune = process.argv.includes("--tune");
if (tune && split !== "train")
  throw new Error("--tune chooses weights on the train queries: add --split=train.");
setEncoderThreads(availableParallelism());
if (!existsSync(join(datasets, "clef2021_tweet_claim_retrieval"))) {
  console.log(`Datasets not found at ${datasets}: matching evaluation skipped.`);
  process.exit(0);
}

const tasks = [
  {
    name: "tweets → Snopes",
    dir: "clef2021_tweet_claim_retrieval",
    claims: "snopes_vclaims.tsv",
    queries: "tweets-train-dev.tsv",
    reference: 0.83,
    // A post's day is in its signature, which the matcher reads itself.
    saidOn: (_id: string) => null,
    speakers: false,
  },
  {
    name: "debates → PolitiFact",
    dir: "clef2021_debate_claim_retrieval",
    claims: "politifact_vclaims.tsv",
    queries: "queries-train-dev.tsv",
    reference: 0.37,
    // The debate's day, from its transcript's name ("20121023_third_presidential_debate_0959"),
    // as an ingest takes a transcript's date from its article.
    saidOn: (id: string) =>
      id
        .match(/^(\d{4})(\d{2})(\d{2})_/)
        ?.slice(1)
        .join("-") ?? null,
    // Who speaks, when the transcript's name says ("20170822_Trump_phoenix_0204"), as a desk
    // ingesting one speaker's rally knows whose claims they are (`claimantOf` below).
    speakers: true,
  },
];

/**
 * The claimant of a query, read from its transcript's name: a word of it that is the last
 * name of exactly one frequent claimant of the archive who is a person (two or three
 * capitalised words, 20 fact-checks or more; the most checked of that name). Debates and interviews name no one, or several, and get none.
 */
const PERSON = /^\p{Lu}[\p{L}.'’-]+(?: \p{Lu}[\p{L}.'’-]*){1,2}$/u;
function transcriptSpeakers(claimants: readonly (string | null)[]) {
  const counts = new Map<string, number>();
  for (const claimant of claimants) if (claimant) counts.set(claimant, (counts.get(claimant) ?? 0) + 1);
  const byLastName = new Map<string, string>();
  for (const [claimant, count] of [...counts].sort(([, a], [, b]) => a - b)) {
    const last = claimant.toLowerCase().split(/\s+/).at(-1);
    if (count >= 20 && last && PERSON.test(claimant)) byLastName.set(last, claimant);
  }
  return (id: string) => {
    const named = new Set(
      id
        .toLowerCase()
        .split("_")
        .flatMap((word) => byLastName.get(word) ?? []),
    );
    return named.size === 1 ? ([...named][0] as string) : null;
  };
}

const tsvRows = (file: string) =>
  readFileSync(file, "utf8")
    .split(/\r?\n/)
    .filter(Boolean)
    .map((line) => line.split("\t"));

const averagePrecisionAt5 = (ranked: string[][], relevant: Set<string>) =>
  averagePrecisionAt(5, ranked, relevant);

// The baseline: plain BM25 (k1 1.2, b 0.75) over claim + title, lower-cased word tokens.
const tokens = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
function bm25Baseline(docs: { ids: string[]; text: string }[]) {
  const tfs = docs.map((doc) => {
    const tf = new Map<string, number>();
    for (const t of tokens(doc.text)) tf.set(t, (tf.get(t) ?? 0) + 1);
    return { tf, length: tokens(doc.text).length };
  });
  const df = new Map<string, number>();
  for (const { tf } of tfs) for (const t of tf.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const corpus: TBm25Corpus = { docs: docs.length, avgLength: mean(tfs.map((d) => d.length)), df };
  return (query: string) => {
    const terms = [...new Set(tokens(query))];
    return tfs
      .map(({ tf, length }, i) => ({ i, score: bm25(corpus, terms, tf, length) }))
      .sort((a, b) => b.score - a.score)
      .slice(0, 5)
      .map(({ i }) => docs[i]?.ids ?? []);
  };
}

const results: string[] = [];
/** With --tune: each blend of the grid (as JSON) → its train MAP@5 per task. */
const tuned = new Map<string, number[]>();
for (const task of tasks.filter((t) => !only || t.dir.includes(only))) {
  const dir = join(datasets, task.dir);
  const claimsFile = readFileSync(join(dir, task.claims), "utf8");
  const [, ...claimRows] = tsvRows(join(dir, task.claims));
  const parsed = parseFactCheckTable(claimsFile, { baseUrl: "https://www.politifact.com/" });
  if (parsed.records.length !== claimRows.length) throw new Error(`${task.name}: importer skipped rows`);
  // One archive entry may stand for several dataset ids (the same claim checked twice).
  const idsByText = new Map<string, string[]>();
  parsed.records.forEach((record, i) => {
    const key = `${record.claimText}\u0001${record.url}`;
    idsByText.set(key, [...(idsByText.get(key) ?? []), claimRows[i]?.[0] ?? ""]);
  });

  const qrels = new Map<string, Set<string>>();
  for (const [query, , claimId] of tsvRows(join(dir, "train_dev", `qrels-${split}.tsv`))) {
    if (query && claimId) qrels.set(query, (qrels.get(query) ?? new Set()).add(claimId));
  }
  const queries = tsvRows(join(dir, "train_dev", task.queries)).filter(([id]) => id && qrels.has(id));
  const speakerOf = transcriptSpeakers(parsed.records.map((r) => r.claimant ?? null));
  const contextOf = (id: string) => ({
    on: task.saidOn(id),
    claimant: task.speakers ? speakerOf(id) : null,
  });
  const spoken = queries.filter(([id]) => contextOf(id ?? "").claimant).length;
  if (tune && task.speakers)
    console.log(
      "Speakers read from transcript names:",
      [
        ...new Set(queries.map(([id]) => `${id?.replace(/_\d+$/, "")} → ${contextOf(id ?? "").claimant}`)),
      ].join("; "),
    );

  // A throwaway in-memory database, audited like any other, with a throwaway key.
  useAuditKey(auditKey(randomBytes(32).toString("hex")));
  const database = await createDb({ engine: "pglite" });
  await database.migrate();
  await importFactChecks(database.db, parsed.records, null);
  // What the import's job does: every fact-check gets its sentence vector.
  const embedStarted = performance.now();
  await embedFactChecks(database.db);
  const embedSeconds = (performance.now() - embedStarted) / 1000;
  const rows = await database.db
    .select({
      id: factChecks.id,
      key: sql<string>`${factChecks.claimText} || chr(1) || coalesce(${factChecks.url}, 'null')`,
    })
    .from(factChecks);
  const datasetIds = new Map(rows.map((row) => [row.id, idsByText.get(row.key) ?? []]));

  if (tune) {
    // Features once per query, then every blend of the grid ranked from them.
    const perQuery: { relevant: Set<string>; candidates: { id: string; features: TMatchFeatures }[] }[] = [];
    for (const [id, text] of queries)
      perQuery.push({
        relevant: qrels.get(id ?? "") ?? new Set<string>(),
        candidates: (await archiveCandidates(database.db, text ?? "", contextOf(id ?? "")))?.candidates ?? [],
      });
    const grid = [];
    for (let b = 0; b <= 10; b++)
      for (let t = 0; t <= 10 - b; t++)
        for (const near of [0, 0.05, 0.1, 0.15, 0.2, 0.3])
          for (const claimant of [0, 0.05, 0.1, 0.15, 0.2, 0.3])
            grid.push({ bm25: b / 10, trigram: t / 10, dense: (10 - b - t) / 10, near, claimant });
    const scored = grid
      .filter((w) => w.bm25 + w.trigram > 0)
      .map((weights) => ({
        weights,
        map: mean(
          perQuery.map(({ relevant, candidates }) =>
            averagePrecisionAt5(
              candidates
                .map((c) => ({ id: c.id, score: matchScore(c.features, weights) }))
                .sort((x, y) => y.score - x.score)
                .slice(0, 5)
                .map((c) => datasetIds.get(c.id) ?? []),
              relevant,
            ),
          ),
        ),
      }))
      .sort((x, y) => y.map - x.map);
    for (const { weights, map } of scored) {
      const key = JSON.stringify(weights);
      tuned.set(key, [...(tuned.get(key) ?? []), map]);
    }
  }

  let matchMs = 0;
  const ours: number[] = [];
  for (const [id, text] of queries) {
    const started = performance.now();
    const matches = await matchFactChecks(database.db, text ?? "", 5, contextOf(id ?? ""));
    matchMs += performance.now() - started;
    ours.push(
      averagePrecisionAt5(
        matches.map((m) => datasetIds.get(m.id) ?? []),
        qrels.get(id ?? "") ?? new Set(),
      ),
    );
  }
  await database.close();

  const baseline = bm25Baseline(
    claimRows.map(([id, vclaim, title]) => ({ ids: [id ?? ""], text: `${vclaim} ${title}` })),
  );
  const bm = queries.map(([id, text]) =>
    averagePrecisionAt5(baseline(text ?? ""), qrels.get(id ?? "") ?? new Set()),
  );
  // Queries are the independent draws: resample them, ours and BM25's together (paired).
  const paired = ours.map((ap, i) => ({ ours: ap, bm25: bm[i] ?? 0 }));
  const mapOf = (key: "ours" | "bm25") => (sample: readonly (typeof paired)[number][]) =>
    mean(sample.map((q) => q[key]));
  const lead = (sample: readonly (typeof paired)[number][]) => mapOf("ours")(sample) - mapOf("bm25")(sample);
  results.push(
    `| MAP@5 ${task.name} (CLEF 2021 ${split}, ${queries.length} queries${task.speakers ? `, ${spoken} with their speaker from the transcript's name` : ""}, ${claimRows.length} fact-checks) | ${withInterval(mean(ours), bootstrapInterval(paired, mapOf("ours")))} (${(matchMs / queries.length).toFixed(1)} ms/query; vectors for the archive ${embedSeconds.toFixed(0)} s) | BM25 ${withInterval(mean(bm), bootstrapInterval(paired, mapOf("bm25")))} (same run, k1 ${BM25.k1}, b ${BM25.b}); lead over BM25 ${withInterval(lead(paired), bootstrapInterval(paired, lead))}; published BM25 ≈ ${task.reference} |`,
  );
}

if (tune) {
  // One blend serves every task: the best mean over them, on the train queries.
  const ranked = [...tuned].sort(([, a], [, b]) => mean(b) - mean(a));
  console.log("Best blends on the train queries (MAP@5 per task, then the mean):");
  for (const [weights, maps] of ranked.slice(0, 5))
    console.log(`${weights}: ${maps.map((m) => m.toFixed(3)).join(" / ")} → ${mean(maps).toFixed(3)}`);
  for (const claimant of [0, 0.05, 0.1, 0.15, 0.2, 0.3]) {
    const blend = JSON.stringify({ ...MATCH_WEIGHTS, claimant });
    console.log(
      `shipped with claimant ${claimant}: ${tuned
        .get(blend)
        ?.map((m) => m.toFixed(3))
        .join(" / ")}`,
    );
  }
  const bestWithout = ranked.find(([blend]) => JSON.parse(blend).claimant === 0);
  console.log(
    `best without the claimant: ${bestWithout?.[0]} ${bestWithout?.[1].map((m) => m.toFixed(3)).join(" / ")}`,
  );
}
console.log(
  `\nMatching: blend weights ${JSON.stringify(MATCH_WEIGHTS)} chosen on the train queries only, scored on ${split}; 95% bootstrap intervals over queries.`,
);
console.log("\n| matching | Factdesk | reference |");
console.log("|---|---|---|");
for (const line of results) console.log(line);
