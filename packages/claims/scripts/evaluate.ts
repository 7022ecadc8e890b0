/**
 * Trains and evaluates the check-worthiness model on the public datasets in
 * ../shared/datasets (read in place, never copied). Deterministic: the same data gives the
 * same weights and the same intervals. `--write-model` also writes src/checkworthiness-model.json.
 *
 *   npm run eval                     the table for README.md
 *   npm run train:checkworthiness    retrain and write the weights
 *
 * Protocol (nothing scored is tuned on): what is chosen (how much a CLEF sentence counts in
 * training, and the threshold for F1) is chosen inside the training folds only, by an inner
 * cross-validation, then applied once to the held-out fold (nested cross-validation). Rare
 * words are dropped by counts over the training rows only. Intervals are 95% percentile
 * bootstraps over what was drawn independently: sentences for ClaimBuster, debates for CLEF.
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  CHECKWORTHY_THRESHOLD,
  inEncoderBand,
  scoreCheckWorthinessAll,
  stackedScore,
  type TEncoderStage,
} from "../src/checkworthiness";
import committedModel from "../src/checkworthiness-model.json";
import { cleanArticle } from "../src/clean";
import { EMBEDDING_SIZE, embedSentences, setEncoderThreads } from "../src/encoder";
import { sentenceFeatures } from "../src/features";
import {
  numberRows,
  predict,
  predictNumbered,
  type TNumberedRow,
  type TWeights,
  trainNbNumbered,
  trainNumbered,
  weightMap,
} from "../src/logistic";
import { averagePrecision, bestThreshold, bootstrapInterval, f1, mean, withInterval } from "../src/metrics";
import { splitSentences } from "../src/sentences";
import { cachedEmbeddings } from "./embedding-cache";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const datasets =
  process.argv.find((a) => a.startsWith("--datasets="))?.slice(11) ??
  process.env.FACTDESK_DATASETS ??
  join(repoRoot, "..", "shared", "datasets");
const writeModel = process.argv.includes("--write-model");

if (!existsSync(join(datasets, "claimbuster"))) {
  console.log(`Datasets not found at ${datasets}: evaluation skipped.`);
  process.exit(0);
}

type TRow = TNumberedRow & { clef: boolean; text: string; vector: Float32Array };
type TKnobs = { clefWeight: number };

/** What the inner folds choose from: CLEF labels ("a journalist checked it") are far narrower than check-worthy. */
const candidates: TKnobs[] = [{ clefWeight: 0.01 }, { clefWeight: 0.05 }, { clefWeight: 0.25 }];
const thresholds = [0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5];
/** Fixed before any of this was scored; not searched. */
const training = { epochs: 20, rate: 0.03, l2: 1e-4, alpha: 2 };
const minCount = 3;
/**
 * The encoder stage, fixed by design before the nested evaluation: the band is where the
 * fast model is unsure (a third of sentences, for speed); vector components are scaled to
 * unit variance (√512); the stacker trains like the fast model, without NB scaling.
 */
const encoderBand: [number, number] = [0.1, 0.7];
const encoderScale = Math.sqrt(EMBEDDING_SIZE);
const stackTraining = { epochs: 20, rate: 0.03, l2: 1e-4 };
/** Words and bigrams are scaled by their Naive Bayes log-count ratios (NB-LR); cues, tags and entities are not. */
const lexical = (name: string) => name.startsWith("w:") || name.startsWith("b:");

/** Every feature of every row, numbered once (names carry no labels). */
const vocabulary = new Map<string, number>();
const numbered = (text: string, label: 0 | 1, clef: boolean): TRow => {
  const [row] = numberRows([{ features: sentenceFeatures(text), label }], vocabulary);
  return { ...(row as TNumberedRow), clef, text, vector: new Float32Array(0) };
};

/** Trains on `rows` alone: rare words are counted there, never in what will be scored. */
function train(rows: TRow[], { clefWeight }: TKnobs): Float64Array {
  const size = vocabulary.size;
  const counts = new Int32Array(size);
  for (const { ids } of rows) for (const id of ids) counts[id] = (counts[id] as number) + 1;
  const kept = (id: number) => !lexicalIds[id] || (counts[id] as number) >= minCount;
  const pruned = rows.map((row) => {
    const keep = Array.from(row.ids, kept);
    return {
      ids: row.ids.filter((_, k) => keep[k]),
      values: row.values.filter((_, k) => keep[k]),
      label: row.label,
      weight: row.clef ? clefWeight : 1,
    };
  });
  return trainNbNumbered(pruned, lexicalIds, { ...training });
}

// ── The two-stage pipeline: the fast model, then the encoder stage on the sentences it is unsure of ──
type TPipeline = { fast: Float64Array; stage: TEncoderStage };
const stackIds = Int32Array.from({ length: EMBEDDING_SIZE + 2 }, (_, i) => i);
const logit = (p: number) =>
  Math.log(Math.min(Math.max(p, 1e-6), 1 - 1e-6) / (1 - Math.min(Math.max(p, 1e-6), 1 - 1e-6)));

/** Trains both stages on `rows`; the stacker learns from fast scores the fast model never trained on. */
function trainPipeline(rows: TRow[], knobs: TKnobs): TPipeline {
  const folds = 3;
  const fastOutOfFold = new Array<number>(rows.length);
  for (let fold = 0; fold < folds; fold++) {
    const weights = train(
      rows.filter((_, i) => i % folds !== fold),
      knobs,
    );
    rows.forEach((row, i) => {
      if (i % folds === fold) fastOutOfFold[i] = predictNumbered(weights, row);
    });
  }
  const band = { band: encoderBand, scale: encoderScale, weights: [] };
  const stackRows = rows.flatMap((row, i) => {
    const fast = fastOutOfFold[i] as number;
    if (!inEncoderBand(band, fast)) return [];
    const values = new Float64Array(EMBEDDING_SIZE + 2);
    values[0] = 1;
    values[1] = logit(fast);
    for (let d = 0; d < EMBEDDING_SIZE; d++) values[d + 2] = (row.vector[d] as number) * encoderScale;
    return [{ ids: stackIds, values, label: row.label, weight: row.clef ? knobs.clefWeight : 1 }];
  });
  const stacker = trainNumbered(stackRows, EMBEDDING_SIZE + 2, stackTraining);
  return { fast: train(rows, knobs), stage: { ...band, weights: Array.from(stacker) } };
}

function pipelineScore({ fast, stage }: TPipeline, row: TRow) {
  const first = predictNumbered(fast, row);
  return inEncoderBand(stage, first) ? stackedScore(stage, first, row.vector) : first;
}

// ── Data ──
const cbRows: TRow[] = (
  JSON.parse(readFileSync(join(datasets, "claimbuster/claimbuster_2.5xNCS.json"), "utf8")) as {
    sentence_id: number;
    label: number;
    text: string;
  }[]
)
  .sort((a, b) => a.sentence_id - b.sentence_id)
  .map((r) => numbered(r.text, r.label ? 1 : 0, false));

/** Election debates, speeches (one speaker), and press conferences or meetings: CLEF 2019's kinds. */
const kindOf = (file: string) =>
  /press|pelosi/.test(file) ? "press conferences" : /dem|gop|pres/.test(file) ? "debates" : "speeches";
const clefDir = join(datasets, "clef2019_checkworthiness/train");
const debates = readdirSync(clefDir)
  .filter((f) => f.endsWith(".tsv"))
  .sort()
  .map((file) => ({
    file,
    kind: kindOf(file),
    sentences: readFileSync(join(clefDir, file), "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => {
        const [number, , sentence = "", label] = line.split("\t");
        return { ...numbered(sentence, label?.trim() === "1" ? 1 : 0, true), order: Number(number) };
      }),
  }));
type TDebate = (typeof debates)[number];
const lexicalIds = [...vocabulary.keys()].map(lexical);
const clefRows = (list: TDebate[]) => list.flatMap((debate) => debate.sentences);
{
  const all = [...cbRows, ...clefRows(debates)];
  const vectors = await cachedEmbeddings(all.map((row) => row.text));
  all.forEach((row, i) => {
    row.vector = vectors[i] as Float32Array;
  });
}
const debateAp = (score: (row: TRow) => number, debate: TDebate) =>
  averagePrecision(debate.sentences.map((s) => ({ score: score(s), order: s.order, label: s.label })));

const byFold = <T>(items: T[], folds: number, fold: number) => ({
  train: items.filter((_, i) => i % folds !== fold),
  held: items.filter((_, i) => i % folds === fold),
});

// ── ClaimBuster: 4 outer folds; knobs and threshold chosen by 3 inner folds of the training part ──
/** Out-of-fold scores of `rows` by `folds`-fold cross-validation, with `extra` always in training. */
function outOfFold(rows: TRow[], extra: TRow[], knobs: TKnobs, folds: number) {
  const scores = new Array<number>(rows.length);
  for (let fold = 0; fold < folds; fold++) {
    const weights = train([...rows.filter((_, i) => i % folds !== fold), ...extra], knobs);
    rows.forEach((row, i) => {
      if (i % folds === fold) scores[i] = predictNumbered(weights, row);
    });
  }
  return scores as number[];
}

function chooseForF1(trainRows: TRow[]) {
  const labels = trainRows.map((r) => r.label);
  return candidates
    .map((knobs) => ({
      knobs,
      ...bestThreshold(outOfFold(trainRows, clefRows(debates), knobs, 3), labels, thresholds),
    }))
    .reduce((a, b) => (b.f1 > a.f1 ? b : a));
}

/** The pipeline's threshold for F1, from out-of-fold pipeline scores of the training part only. */
function choosePipelineThreshold(trainRows: TRow[], knobs: TKnobs) {
  const folds = 3;
  const scores = new Array<number>(trainRows.length);
  for (let fold = 0; fold < folds; fold++) {
    const pipeline = trainPipeline(
      [...trainRows.filter((_, i) => i % folds !== fold), ...clefRows(debates)],
      knobs,
    );
    trainRows.forEach((row, i) => {
      if (i % folds === fold) scores[i] = pipelineScore(pipeline, row);
    });
  }
  return bestThreshold(
    scores as number[],
    trainRows.map((r) => r.label),
    thresholds,
  ).threshold;
}

// ── CLEF 2019: leave one debate out; knobs chosen by 3 inner folds of the other debates ──
function chooseForMap(trainDebates: TDebate[]) {
  return candidates
    .map((knobs) => {
      const aps = [0, 1, 2].flatMap((fold) => {
        const { train: inner, held } = byFold(trainDebates, 3, fold);
        const weights = train([...cbRows, ...clefRows(inner)], knobs);
        return held.map((debate) => debateAp((row) => predictNumbered(weights, row), debate));
      });
      return { knobs, map: mean(aps) };
    })
    .reduce((a, b) => (b.map > a.map ? b : a));
}

/** One outer fold of ClaimBuster: what its training part chose, and its held-out decisions. */
function cbFold(fold: number) {
  const { train: trainRows, held } = byFold(cbRows, 4, fold);
  const chosen = chooseForF1(trainRows);
  const threshold = choosePipelineThreshold(trainRows, chosen.knobs);
  const pipeline = trainPipeline([...trainRows, ...clefRows(debates)], chosen.knobs);
  const decide = (score: (row: TRow) => number, at: number) =>
    held.map((r) => ({ positive: score(r) >= at, label: r.label }));
  return {
    chosen,
    pipelineChosen: { knobs: chosen.knobs, threshold },
    fastDecisions: decide((r) => predictNumbered(pipeline.fast, r), chosen.threshold),
    decisions: decide((r) => pipelineScore(pipeline, r), threshold),
  };
}

/** One held-out debate of CLEF 2019, trained on the others. */
function clefFold(d: number) {
  const debate = debates[d] as TDebate;
  const others = debates.filter((_, other) => other !== d);
  const chosen = chooseForMap(others);
  const pipeline = trainPipeline([...cbRows, ...clefRows(others)], chosen.knobs);
  return {
    chosen,
    ap: debateAp((row) => pipelineScore(pipeline, row), debate),
    fastAp: debateAp((row) => predictNumbered(pipeline.fast, row), debate),
  };
}

// ── The outer folds, shared among processes: each fold is independent and deterministic, so
// the figures are the same however they are shared; one process per core (up to four) ──
const outerFolds = [
  ...[0, 1, 2, 3].map((index) => ({ key: `cb:${index}`, run: () => cbFold(index), cost: 25 })),
  ...debates.map((_, index) => ({ key: `clef:${index}`, run: () => clefFold(index), cost: 13 })),
];
/** Which folds shard `shard` of `shards` runs: the costliest first, each to the least loaded. */
function foldsOf(shard: number, shards: number) {
  const load = new Array<number>(shards).fill(0);
  const owner = new Map<string, number>();
  for (const fold of [...outerFolds].sort((a, b) => b.cost - a.cost)) {
    const least = load.indexOf(Math.min(...load));
    load[least] = (load[least] as number) + fold.cost;
    owner.set(fold.key, least);
  }
  return outerFolds.filter((fold) => owner.get(fold.key) === shard);
}
const runShard = (shard: number, shards: number) =>
  Object.fromEntries(foldsOf(shard, shards).map((fold) => [fold.key, fold.run()]));
const shardArg = process.argv.find((a) => a.startsWith("--shard="))?.slice(8);
if (shardArg) {
  const [shard = 0, shards = 1] = shardArg.split("/").map(Number);
  // Exit only once the pipe has taken it all (an exit right after a write may cut it short).
  await new Promise((written) => process.stdout.write(JSON.stringify(runShard(shard, shards)), written));
  process.exit(0);
}
const shards = Math.min(availableParallelism(), 4);
const others = Array.from({ length: shards - 1 }, (_, i) => {
  const child = spawn(
    process.execPath,
    [
      ...process.execArgv,
      fileURLToPath(import.meta.url),
      `--shard=${i + 1}/${shards}`,
      `--datasets=${datasets}`,
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  return new Promise<Record<string, unknown>>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.on("close", (code) =>
      code === 0
        ? resolve(JSON.parse(out))
        : reject(new Error(`Evaluation shard ${i + 1} failed (${code}).`)),
    );
  });
});
const folds: Record<string, unknown> = Object.assign(runShard(0, shards), ...(await Promise.all(others)));
const cbOuter = [0, 1, 2, 3].map((fold) => folds[`cb:${fold}`] as ReturnType<typeof cbFold>);
const pooled = cbOuter.flatMap((fold) => fold.decisions);
const pooledFast = cbOuter.flatMap((fold) => fold.fastDecisions);
const decisionF1 = (sample: readonly { positive: boolean; label: number }[]) =>
  f1(
    sample.map((d) => (d.positive ? 1 : 0)),
    sample.map((d) => d.label),
    1,
  );
const f1WithInterval = (decisions: typeof pooled) =>
  withInterval(decisionF1(decisions), bootstrapInterval(decisions, decisionF1));

const clefOuter = debates.map((debate, d) => ({
  debate,
  ...(folds[`clef:${d}`] as ReturnType<typeof clefFold>),
}));
const clefFast = clefOuter.map(({ debate, fastAp }) => ({ debate, ap: fastAp }));
const numberRule = debates.map((debate) => ({
  debate,
  ap: averagePrecision(
    debate.sentences.map((s) => ({ score: /\d/.test(s.text) ? 1 : 0, order: s.order, label: s.label })),
  ),
}));
type TScored = { debate: TDebate; ap: number };
const mapOf = (sample: readonly TScored[]) => mean(sample.map((s) => s.ap));
const mapWithInterval = (scored: TScored[]) => withInterval(mapOf(scored), bootstrapInterval(scored, mapOf));
const kinds = [...new Set(debates.map((d) => d.kind))];

// ── The shipped model: its knobs and threshold chosen the same way, on all of the data ──
// Trained only to write it (25 more trainings on top of the folds' 347); the speed rows time the committed model,
// which is what the app runs.
const shipped = writeModel
  ? (() => {
      const chosen = chooseForF1(cbRows);
      const threshold = choosePipelineThreshold(cbRows, chosen.knobs);
      const pipeline = trainPipeline([...cbRows, ...clefRows(debates)], chosen.knobs);
      const weights: TWeights = Object.fromEntries(
        [...vocabulary].map(([name, id]) => [name, pipeline.fast[id] as number]).filter(([, w]) => w !== 0),
      );
      return { ...chosen, pipelineThreshold: threshold, stage: pipeline.stage, weights };
    })()
  : undefined;
const modelWeights = weightMap(shipped?.weights ?? committedModel.weights);
const shippedStage = shipped?.stage ?? (committedModel.encoder as TEncoderStage);

// ── Speed: clean, split, featurise and score article text ──
const seedFiles = readdirSync(join(repoRoot, "seeds"))
  .filter((f) => f.endsWith(".txt"))
  .sort()
  .map((f) => readFileSync(join(repoRoot, "seeds", f), "utf8"));
const seedText = seedFiles.join("\n\n");
// The seeds again and again, each time whole: one text of repeated copies would have its
// repeats dropped as boilerplate by the cleaning, and score a fraction of what it is timed on.
const rounds = Math.ceil(2_000_000 / seedText.length);
const started = performance.now();
for (let round = 0; round < rounds; round++)
  for (const sentence of splitSentences(cleanArticle(seedText).text))
    predict(modelWeights, sentenceFeatures(sentence.text));
const megabytesPerSecond = (rounds * seedText.length) / 1e6 / ((performance.now() - started) / 1000);
// With the encoder stage (one thread, as the server runs it): fast scores for every sentence,
// vectors and the stacker for those in the band; the seeds scored as the app scores them.
setEncoderThreads(1);
// Each article cleaned on its own, as `factdesk extract` and ingest do.
const seedSentences = seedFiles.flatMap((text) => splitSentences(cleanArticle(text).text).map((s) => s.text));
await embedSentences(seedSentences.slice(0, 8));
const encoderStarted = performance.now();
const seedScores = await scoreCheckWorthinessAll(seedSentences);
const encoderKilobytesPerSecond = seedText.length / 1e3 / ((performance.now() - encoderStarted) / 1000);
const unsure = seedSentences.filter((text) =>
  inEncoderBand(shippedStage, predict(modelWeights, sentenceFeatures(text))),
);

// ── The seeds' sentences, labelled by reading them: which become claims at the claim threshold ──
type TSeedLabel = "claim" | "heading" | "boilerplate" | "other";
const labelled = (
  JSON.parse(readFileSync(join(repoRoot, "packages/claims/test/seed-sentences.json"), "utf8")) as {
    sentences: { label: TSeedLabel; text: string }[];
  }
).sentences;
const seedScore = new Map(seedSentences.map((text, i) => [text, seedScores[i]?.score ?? 0]));
// A labelled sentence the cleaning no longer yields is not a claim.
const becomesClaim = (text: string) => (seedScore.get(text) ?? -1) >= CHECKWORTHY_THRESHOLD;
const ofLabel = (label: TSeedLabel) => labelled.filter((s) => s.label === label);
const shareClaimed = (sample: readonly { text: string }[]) =>
  sample.length ? sample.filter((s) => becomesClaim(s.text)).length / sample.length : 0;
const seedRow = (label: TSeedLabel) => {
  const sentences = ofLabel(label);
  const claimed = sentences.filter((s) => becomesClaim(s.text)).length;
  const dropped = sentences.filter((s) => !seedScore.has(s.text)).length;
  return `${withInterval(shareClaimed(sentences), bootstrapInterval(sentences, shareClaimed))} (${claimed} of ${sentences.length}${dropped ? `; ${dropped} dropped by the cleaning` : ""})`;
};
const unlabelled = [...seedScore.keys()].filter((text) => !labelled.some((s) => s.text === text)).length;

const chosenList = (choices: { knobs: TKnobs; threshold?: number }[]) =>
  [
    ...new Set(
      choices.map((c) => `${c.knobs.clefWeight}${c.threshold === undefined ? "" : `@${c.threshold}`}`),
    ),
  ].join(", ");
console.log(
  "Nested cross-validation: knobs and thresholds chosen inside training folds only; 95% bootstrap intervals.\n",
);
console.log("| measure (data) | Factdesk | reference |");
console.log("|---|---|---|");
console.log(
  `| ClaimBuster F1, positive class, with the encoder stage (4 outer folds of 9,674 sentences; CLEF weight @ threshold chosen per fold: ${chosenList(cbOuter.map((f) => f.pipelineChosen))}) | ${f1WithInterval(pooled)} | Naive Bayes 0.72; aim ≥ 0.82 |`,
);
console.log(
  `| ClaimBuster F1, fast model alone (same folds; ${chosenList(cbOuter.map((f) => f.chosen))}) | ${f1WithInterval(pooledFast)} | |`,
);
console.log(
  `| CLEF 2019 MAP, with the encoder stage (leave one debate out, ${debates.length} transcripts; CLEF weight chosen per debate: ${chosenList(clefOuter.map((o) => o.chosen))}) | ${mapWithInterval(clefOuter)} | "has a number" ${mapWithInterval(numberRule)} (same run); aim ≥ 0.25 |`,
);
console.log(`| CLEF 2019 MAP, fast model alone | ${mapWithInterval(clefFast)} | |`);
for (const kind of kinds) {
  const of = <T extends TScored>(list: T[]) => list.filter((s) => s.debate.kind === kind);
  console.log(
    `| CLEF 2019 MAP, ${kind} only (${of(clefOuter).length}) | ${mapWithInterval(of(clefOuter))} (fast alone ${mapWithInterval(of(clefFast))}) | "has a number" ${mapWithInterval(of(numberRule))} |`,
  );
}
console.log(
  `| Extraction speed, fast model (clean + split + score, one core) | ${megabytesPerSecond.toFixed(2)} MB/s | aim ≥ 1 MB/s |`,
);
console.log(
  `| Extraction speed with the encoder stage (the seed articles, one encoder thread; ${unsure.length} of their ${seedSentences.length} sentences in its band) | ${encoderKilobytesPerSecond.toFixed(1)} kB/s | the encoder runs only where the fast model is unsure (score ${encoderBand.join("–")}) |`,
);
const seedData = `${labelled.length} sentences of the five seed articles labelled by reading them (packages/claims/test/seed-sentences.json), scored as the app scores them, claim threshold ${CHECKWORTHY_THRESHOLD}${unlabelled ? `; ${unlabelled} sentences without a label` : ""}`;
console.log(
  `| Seeds: factual claims that become claims (${seedData}) | ${seedRow("claim")} | aim: every one |`,
);
console.log(`| Seeds: boilerplate that becomes a claim (same) | ${seedRow("boilerplate")} | aim: none |`);
console.log(
  `| Seeds: headings, and opinion, rhetoric or questions, that become claims (same) | ${seedRow("heading")}; ${seedRow("other")} | |`,
);

if (shipped) {
  const kept = Object.entries(shipped.weights)
    .filter(([, w]) => Math.abs(w) >= 1e-3)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, w]) => [name, Math.round(w * 1e4) / 1e4]);
  const file = fileURLToPath(new URL("../src/checkworthiness-model.json", import.meta.url));
  writeFileSync(
    file,
    `${JSON.stringify({
      trainedOn: ["claimbuster_2.5xNCS", "clef2019_checkworthiness/train"],
      training,
      clefWeight: shipped.knobs.clefWeight,
      minCount,
      threshold: shipped.pipelineThreshold,
      fastThreshold: shipped.threshold,
      encoder: { ...shipped.stage, weights: shipped.stage.weights.map((w) => Math.round(w * 1e5) / 1e5) },
      weights: Object.fromEntries(kept),
    })}\n`,
  );
  console.log(`\nWrote ${kept.length} weights to ${file}`);
}
